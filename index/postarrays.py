"""Posting lists and field lengths of one segment as numpy arrays, cached per reader.

For `index.topn`: a term's ids and weights come from the segment's sidecar
(`index.sidecar`, frequent terms) or are decoded from its posting blocks by
`index.rawpostings` (Whoosh's own block reads only for unusual storage), deleted documents
dropped, and remembered per segment reader (weak-keyed, so a refreshed searcher forgets
them) up to `CACHE_POSTINGS` postings in all. Field lengths come from the `_<field>_len` column, mapped through Whoosh's
`byte_to_length` exactly as `doc_field_length` returns them. numpy is imported on first use.

Phrases also need each posting's positions: `_read_postings(..., values=True)` adds them
aligned with the ids (sidecar positions for very frequent terms, else the value bytes,
decoded a block at a time on first use), counted as `VALUE_COST` postings each against the
cache bound. The `date` sort column is one int64 array per segment (`_dates`).
"""
from __future__ import annotations

import struct
import weakref
from collections import OrderedDict

from whoosh.codec.whoosh3 import W3LeafMatcher, W3TermInfo, W3TermsReader
from whoosh.matching import FilterMatcher
from whoosh.util.numeric import byte_to_length

from index import rawpostings
from index.sidecar import SidecarPositions, sidecar_arrays, sidecar_positions
from index.datefilter import UNDATED
from index.lazynp import numpy as _numpy

CACHE_POSTINGS = 2_000_000  # postings kept in arrays across queries (16 bytes each: 32 MB)
KEEP_INFOS = 50_000  # term info positions noted by expansions, per segment
KEEP_UNIONS = 32  # prefix expansions' document arrays kept per segment
_RECORD = struct.Struct("!ii")  # a term file record: key length, value length (the hash's own)
VALUE_COST = 4  # a kept posting value (a small bytes object, ~60 bytes) counts as 4 postings


class Unsupported(Exception):
    """A query shape this module does not score; use Whoosh's matchers."""


class _SegmentCache:
    """What one segment reader's queries reuse: posting arrays, field lengths, live mask."""

    def __init__(self) -> None:
        self.postings: OrderedDict = OrderedDict()
        self.size = 0
        self.lengths: dict[str, object] = {}
        self.norms: dict[tuple, object] = {}
        self.live = None
        self.dates: dict[str, object] = {}
        self.headers: OrderedDict = OrderedDict()  # index.places: block lists of terms
        self.blocks: OrderedDict = OrderedDict()  # index.places: decoded blocks
        self.unions: dict = {}  # topn._capped: the documents of a prefix's expansion
        self.phrases: dict = {}  # phrasecheck: (checked, verified) documents of a phrase
        self.infos: dict = {}  # lexicon: record positions of expansion terms
        self.stored = None  # storedfields: the `_stored` column's offsets (False: unusual)


_CACHES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_cached_total = [0]


def _cache(reader) -> _SegmentCache:
    try:
        found = _CACHES.get(reader)
        if found is None:
            found = _CACHES[reader] = _SegmentCache()
        return found
    except TypeError:  # not weakly referenceable: a cache for this query only
        return _SegmentCache()


def _contained(small, big):
    """(mask over `small`, positions in `big`) of the sorted ids of `small` found in the
    sorted ids of `big`: one binary search each, no sort (np.isin/intersect1d sort both)."""
    np = _numpy()
    if not len(big) or not len(small):
        return np.zeros(len(small), dtype=bool), np.zeros(len(small), dtype=np.int64)
    top = int(max(big[-1], small[-1])) + 1
    if 8 * len(small) > top:  # dense: one scatter and one gather instead of binary searches
        where = np.full(top, -1, dtype=np.int64)
        where[big] = np.arange(len(big))
        at = where[small]
        found = at >= 0
        return found, np.where(found, at, 0)
    at = np.minimum(np.searchsorted(big, small), len(big) - 1)
    return big[at] == small, at


# -- leaves ---------------------------------------------------------------------------------


def _read_postings(reader, fieldname: str, btext: bytes, values: bool = False):
    """(ids int64, weights float64) of one term in one segment, deleted documents dropped;
    with `values`, (ids, weights, per-posting values aligned with ids): the term's
    positions from the segment's sidecar (`SidecarPositions`) for very frequent terms,
    else the value bytes (a `LazyValues`: a block is decoded when one of its values is
    first asked for). Ids and weights come from the sidecar when it has the term."""
    np = _numpy()
    cache = _cache(reader)
    key = (fieldname, btext)
    found = cache.postings.get(key)
    if found is not None and (not values or found[2] is not None):
        cache.postings.move_to_end(key)
        return found if values else found[:2]
    if found is not None:  # the same arrays, now with values: replace the entry
        _forget(cache, key)
    if values:
        fixed = reader.schema[fieldname].format.fixed_value_size()
        if not (fixed is None or fixed < 0):
            raise Unsupported("fixed-size posting values")
    side = sidecar_arrays(reader, fieldname, btext)
    vals = blockinfo = None
    if side is not None and values:
        vals = sidecar_positions(reader, fieldname, btext)
        if vals is not None and len(vals) != len(side[0]):
            vals = None
    # the term info (a hash lookup) only when the sidecar does not give all that is asked
    need_info = side is None or (values and vals is None)
    info, ext = _info_extent(reader, fieldname, btext) if need_info else (None, None)
    tiny = _tiny(info) if side is None and not values and ext is not None else None
    try:
        if tiny is not None:
            ids, w = tiny
        elif side is not None:
            ids, w = side
            if values and vals is None and ext is not None:
                blockinfo = rawpostings.block_info(*ext)
                if sum(b[0] for b in blockinfo[0]) != len(ids):  # values would not align
                    ids, w, blockinfo = rawpostings.decode(*ext)
        elif ext is not None:
            ids, w, blockinfo = rawpostings.decode(*ext)
    except rawpostings.FormatError:
        side = ext = None
    if values and vals is None and blockinfo is not None:
        vals = rawpostings.LazyValues(blockinfo)
    elif side is None and ext is None or values and vals is None:  # Whoosh's matcher: unusual term storage
        m = reader.postings(fieldname, btext)
        if type(m) is FilterMatcher:
            m = m.child
        if type(m) is not W3LeafMatcher:
            raise Unsupported(f"postings of type {type(m).__name__}")
        if m._byteids:
            raise Unsupported("byte ids")
        ids, w, vals = _read_whoosh(m, values)
    live = _live(reader)
    if live is not None and len(ids):
        keep = live[ids]
        if not keep.all():
            if vals is not None:
                if isinstance(vals, rawpostings.LazyValues):
                    vals = rawpostings.LazyValues(blockinfo, np.nonzero(keep)[0], int(keep.sum()))
                elif isinstance(vals, SidecarPositions):
                    vals = vals.keep(np.nonzero(keep)[0])
                else:
                    vals = [v for v, k in zip(vals, keep.tolist()) if k]
            ids, w = ids[keep], w[keep]
    found = (ids, w, vals)
    cost = _cost(found)
    cache.postings[key] = found
    cache.size += cost
    _cached_total[0] += cost
    if _cached_total[0] > CACHE_POSTINGS:
        _evict()
    return found if values else found[:2]


def _tiny(info):
    """(ids, weights) of a term in one or two documents from its term info alone (its
    first and last document, its total and maximum weight), without reading its block;
    None when the info does not determine them (two different weights, or a weight that
    float32 storage may have rounded: only whole numbers are trusted)."""
    df = info.doc_frequency()
    if df > 2 or info._minid is None:
        return None
    np = _numpy()
    total, top = info.weight(), info.max_weight()
    if df == 1:
        if total != int(total) or total != top:
            return None
        return np.array([info._minid], dtype=np.int64), np.array([total], dtype=np.float64)
    if top != int(top) or total != 2 * top or info._minid >= info._maxid:
        return None
    return np.array([info._minid, info._maxid], dtype=np.int64), np.array([top, top], dtype=np.float64)


def _term_extent(reader, fieldname: str, btext: bytes):
    """(buffer, offset, length) of a term's posting blocks from its term info, without
    building Whoosh's matcher (which reads the first block and wraps deletions); None when
    the term is stored otherwise (inlined, another codec). Raises TermNotFound as
    `reader.postings` does."""
    return _info_extent(reader, fieldname, btext)[1]


def _info_extent(reader, fieldname: str, btext: bytes):
    """(term info, `_term_extent`), or (None, None) for another codec."""
    terms = getattr(reader, "_terms", None)
    if type(terms) is not W3TermsReader:
        return None, None
    at = _cache(reader).infos.get((fieldname, btext))
    if at is not None:  # its record, noted by a prefix/fuzzy expansion: no hash lookup
        keylen, valuelen = _RECORD.unpack(terms._dbfile.get(at, _RECORD.size))
        info = W3TermInfo.from_bytes(terms._dbfile.get(at + _RECORD.size + keylen, valuelen))
    else:
        info = terms.term_info(fieldname, btext)
    if info.is_inlined():
        return info, None
    offset, length = info.extent()
    length = length[0] if isinstance(length, tuple) else length  # Whoosh unpacks a 1-tuple
    postfile = terms._postfile
    buf = getattr(postfile, "_buf", None)
    if isinstance(buf, memoryview):
        return info, (buf, offset, length)
    return info, (postfile.get(offset, length), 0, length)


def _extent(m):
    """(buffer, offset, length) of a leaf matcher's postings: a view into the mapped segment
    when there is one (Whoosh's term info unpacks the length as a 1-tuple)."""
    length = m._length[0] if isinstance(m._length, tuple) else m._length
    buf = getattr(m._postfile, "_buf", None)
    if isinstance(buf, memoryview):
        return buf, m._startoffset, length
    return m._postfile.get(m._startoffset, length), 0, length


def _read_whoosh(m, values: bool):
    """(ids, weights, values list or None) through Whoosh's own block reads: the fallback
    for blocks `rawpostings` does not recognise."""
    np = _numpy()
    deltas: list[int] = []
    weights: list[float] = []
    starts: list[int] = []
    vals: list[bytes] | None = [] if values else None
    while m.is_active():
        if m._data is None:
            m._read_data()
        data = m._data
        n = m._blocklength
        starts.append(len(deltas))
        deltas.extend(data[0])
        w = data[1]
        if w is None:
            weights.extend([1.0] * n)
        elif isinstance(w, float):
            weights.extend([w] * n)
        else:
            weights.extend(w)
        if vals is not None:
            vals.extend(data[2])
        m._next_block()
    c = np.cumsum(np.array(deltas, dtype=np.int64))
    if len(starts) > 1:  # each block's ids are deltas from 0: subtract the blocks before it
        starts_a = np.array(starts, dtype=np.int64)
        base = np.zeros(len(starts), dtype=np.int64)
        base[1:] = c[starts_a[1:] - 1]
        c -= np.repeat(base, np.diff(np.append(starts_a, len(c))))
    return c, np.array(weights, dtype=np.float64), vals


def _cost(entry) -> int:
    ids, _w, vals = entry
    return len(ids) * (1 + (VALUE_COST if vals is not None else 0))


def _forget(cache: _SegmentCache, key) -> None:
    entry = cache.postings.pop(key)
    cache.size -= _cost(entry)
    _cached_total[0] -= _cost(entry)


def _evict() -> None:
    """Drop the oldest posting arrays until the total is back under half the bound."""
    caches = list(_CACHES.values())
    _cached_total[0] = sum(cache.size for cache in caches)  # readers gone since are not counted
    for cache in caches:
        while cache.postings and _cached_total[0] > CACHE_POSTINGS // 2:
            _forget(cache, next(iter(cache.postings)))


def _live(reader):
    """Boolean array by document number (False = deleted), or None without deletions."""
    if not reader.has_deletions():
        return None
    cache = _cache(reader)
    if cache.live is None:
        np = _numpy()
        live = np.ones(reader.doc_count_all(), dtype=bool)
        segment = getattr(reader, "_segment", None)
        if segment is not None and hasattr(segment, "deleted_docs"):
            deleted = segment.deleted_docs()
        else:
            deleted = (d for d in range(len(live)) if reader.is_deleted(d))
        gone = np.fromiter(deleted, dtype=np.int64)
        live[gone[gone < len(live)]] = False
        cache.live = live
    return cache.live


_LENGTH_TABLE = [byte_to_length(b) for b in range(256)]


def _lengths(reader, fieldname: str):
    """Every document's length in `fieldname` as Whoosh's `doc_field_length` returns it."""
    cache = _cache(reader)
    found = cache.lengths.get(fieldname)
    if found is None:
        np = _numpy()
        doccount = reader.doc_count_all()
        perdoc = getattr(reader, "_perdoc", None)
        col = perdoc._cached_reader(f"_{fieldname}_len", _length_column()) if perdoc is not None else None
        if col is None:
            raise Unsupported(f"no length column for {fieldname}")
        if getattr(col, "_fixedlen", None) == 1 and hasattr(col, "_dbfile"):
            raw = bytes(col._dbfile.get(col._basepos, col._count))
        else:
            raw = bytes(list(col))
        raw = raw[:doccount] + bytes(max(0, doccount - len(raw)))
        table = np.array(_LENGTH_TABLE, dtype=np.float64)
        found = cache.lengths[fieldname] = table[np.frombuffer(raw, dtype=np.uint8)]
    return found


def _length_column():
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN

    return LENGTHS_COLUMN


def _norm(reader, fieldname: str, B: float, K1: float, avgfl: float):
    """K1 * ((1 - B) + B * fl / avgfl) per document: the length part of BM25's denominator,
    grouped as Whoosh's `bm25()` computes it."""
    cache = _cache(reader)
    key = (fieldname, B, K1, avgfl)
    found = cache.norms.get(key)
    if found is None:
        if len(cache.norms) > 16:
            cache.norms.clear()
        fl = _lengths(reader, fieldname)
        found = cache.norms[key] = K1 * ((1 - B) + B * fl / avgfl)
    return found


def _dates(reader, fieldname: str):
    """Every document's raw `fieldname` column value (int64; 0 = undated), the key Whoosh's
    sorted collector orders by."""
    cache = _cache(reader)
    found = cache.dates.get(fieldname)
    if found is None:
        np = _numpy()
        doccount = reader.doc_count_all()
        if not reader.has_column(fieldname):
            raise Unsupported(f"no column for {fieldname}")
        col = reader.column_reader(fieldname, translate=False)
        if (getattr(col, "_typecode", None) in ("q", "Q") and getattr(col, "_fixedlen", None) == 8
                and hasattr(col, "_dbfile") and hasattr(col, "_count")):
            n = min(col._count, doccount)
            raw = np.frombuffer(bytes(col._dbfile.get(col._basepos, n * 8)), dtype=">" + ("i8" if col._typecode == "q" else "u8"))
            arr = np.full(doccount, col._default, dtype=np.int64)
            arr[:n] = raw.astype(np.int64)
        else:
            arr = np.fromiter((int(v) for v in col), dtype=np.int64, count=doccount)
        found = cache.dates[fieldname] = arr
    return found


_INT64 = (-(2**63), 2**63 - 1)


def _date_ids(reader, q):
    """`date_docs` over the cached column array: the live documents whose (nonzero) column
    value is within q's range, ascending."""
    np = _numpy()
    dates = _dates(reader, q.fieldname)
    mask = dates != UNDATED
    if q.start is not None:
        start = min(max(int(q.start), _INT64[0]), _INT64[1])
        mask &= (dates > start) if q.startexcl else (dates >= start)
    if q.end is not None:
        end = min(max(int(q.end), _INT64[0]), _INT64[1])
        mask &= (dates < end) if q.endexcl else (dates <= end)
    live = _live(reader)
    if live is not None:
        mask &= live
    return np.flatnonzero(mask).astype(np.int64)
