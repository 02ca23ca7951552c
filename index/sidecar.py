"""Ready-made id/weight arrays of a segment's frequent terms, in a file beside the segment.

Reading a frequent word's posting blocks is the first-search cost that remains after
`index.rawpostings` (zlib per block: `said` ~8 ms per 50k postings). Segment files never
change, so once a segment is committed its frequent terms' ids and weights can be written
once as flat arrays and mapped by every reader: looking one up is a dictionary hit and two
`numpy.frombuffer` views (plus a CRC check the first time).

File `<segment id>.postarrays` in the Whoosh folder (e.g. `MAIN_3q3hyrurcdezp3cv.postarrays`):
the name matches Whoosh's segment file pattern, so `whoosh.index.clean_files` deletes it with
its segment after a merge. Layout: magic, little-endian u32 header length, a JSON header
(segment id, document count, and per field the terms as hex with offset, count, CRC-32 of
their bytes, first id and the two array types), then per term, 8-aligned, `count` ids
(deleted documents included: the reader applies deletions) as uint8/uint16 gaps when they
fit, else absolute int32, and `count` weights as uint8/uint16 when they are whole numbers
(term counts, the usual case), else float32 (Whoosh's weights are float32 values stored as
doubles; a term whose weights are not exact in float32 is left out). ~3 bytes a posting. Written atomically (temporary dot-file, fsync, rename), only at index time: by the
segment-writing workers from the postings still in memory (`write_sidecar_from_pool`),
else by `write_sidecars` after the commit; readers never write. A missing, foreign or damaged file, or a damaged term, is
ignored: the reader decodes the posting blocks instead, which gives the same arrays.
"""
from __future__ import annotations

import gc
import logging
import weakref
import zlib
from contextlib import contextmanager
from pathlib import Path

from index.bulkpositions import positions as _positions
from index.lazynp import numpy as _numpy
from index.segfiles import map_file, open_once, write_file

SIDECAR_EXT = ".postarrays"
MAGIC = b"NDPOSTA1"
MIN_SHARE = 0.0025  # terms in at least this share of a segment's documents get arrays
MIN_DF = 100  # ... and in at least this many documents (smaller lists decode in ~0.1 ms)
POS_SHARE = 0.10  # terms in this share of the documents also get their positions (phrases)
_ID_TYPES = ("<u1", "<u2", "<i4")
_W_TYPES = ("<u1", "<u2", "<f4")
_P_TYPES = ("<u2", "<u4")


def _folder(storage) -> str | None:
    """The directory of a segment reader's storage (Whoosh wraps compound segments in an
    OverlayStorage whose `b` is the folder storage)."""
    for _ in range(4):
        folder = getattr(storage, "folder", None)
        if folder:
            return folder
        storage = getattr(storage, "b", None)
        if storage is None:
            return None
    return None


def sidecar_path(reader) -> Path | None:
    segment = getattr(reader, "_segment", None)
    folder = _folder(getattr(reader, "_storage", None))
    if segment is None or folder is None:
        return None
    return Path(folder) / (segment.segment_id() + SIDECAR_EXT)


class _Sidecar:
    def __init__(self, path: Path, segid: str, doccount: int) -> None:
        self.map, header, self.data_start = map_file(path, MAGIC, segid, doccount)
        self.fields = header["fields"]
        if not isinstance(self.fields, dict) or not all(isinstance(v, dict) for v in self.fields.values()):
            raise ValueError("bad term table")
        self.terms: dict[tuple[str, bytes], list | None] = {}  # entries checked so far
        self.checked: set = set()

    def _entry(self, key):
        """A term's entry, its numbers checked against the file once (None: absent or bad)."""
        try:
            return self.terms[key]
        except KeyError:
            pass
        entry = self.fields.get(key[0], {}).get(key[1].hex())
        try:
            if entry is not None and not self._valid(entry):
                entry = None
        except (TypeError, ValueError, IndexError):
            entry = None
        self.terms[key] = entry
        return entry

    def _valid(self, entry) -> bool:
        offset, count, _crc, _first, idtype, wtype = entry[:6]
        if idtype not in _ID_TYPES or wtype not in _W_TYPES:
            return False
        size = count * (int(idtype[-1]) + int(wtype[-1]))
        if offset < 0 or count < 1 or self.data_start + offset + size > len(self.map):
            return False
        if len(entry) > 6:  # positions: [.., offset, number of positions, type, crc]
            poffset, npos, ptype, _pcrc = entry[6:10]
            if ptype not in _P_TYPES or poffset < 0 or npos < 0:
                return False
            if self.data_start + poffset + 4 * (count + 1) + int(ptype[-1]) * npos > len(self.map):
                return False
        return True

    def arrays(self, fieldname: str, btext: bytes):
        key = (fieldname, btext)
        entry = self._entry(key)
        if entry is None:
            return None
        offset, count, crc, first, idtype, wtype = entry[:6]
        np = _numpy()
        at = self.data_start + offset
        idsize = np.dtype(idtype).itemsize * count
        if key not in self.checked:
            if zlib.crc32(memoryview(self.map)[at : at + idsize + np.dtype(wtype).itemsize * count]) != crc:
                self.terms[key] = None
                return None
            self.checked.add(key)
        raw = np.frombuffer(self.map, dtype=idtype, count=count, offset=at)
        if idtype == "<i4":
            ids = raw.astype(np.int64)
        else:  # gaps: ids[0] = first, ids[k] = ids[k-1] + raw[k]
            ids = np.cumsum(raw, dtype=np.int64)
            ids += first - int(raw[0])
        w = np.frombuffer(self.map, dtype=wtype, count=count, offset=at + idsize).astype(np.float64)
        return ids, w

    def positions(self, fieldname: str, btext: bytes):
        """(offsets uint32 view, count + 1; positions view) of a term, or None."""
        key = (fieldname, btext)
        entry = self._entry(key)
        if entry is None or len(entry) <= 6:
            return None
        count = entry[1]
        poffset, npos, ptype, pcrc = entry[6:10]
        np = _numpy()
        at = self.data_start + poffset
        size = 4 * (count + 1) + int(ptype[-1]) * npos
        pkey = ("positions", key)
        if pkey not in self.checked:
            if zlib.crc32(memoryview(self.map)[at : at + size]) != pcrc:
                self.terms[key] = entry[:6]
                return None
            self.checked.add(pkey)
        offsets = np.frombuffer(self.map, dtype="<u4", count=count + 1, offset=at)
        flat = np.frombuffer(self.map, dtype=ptype, count=npos, offset=at + 4 * (count + 1))
        return offsets, flat


class SidecarPositions:
    """Per-posting positions of a term from its sidecar, aligned with the reader's id array
    (`rows`: the raw posting of each kept id, None when nothing was deleted)."""

    __slots__ = ("offsets", "flat", "rows", "_n")

    def __init__(self, offsets, flat, rows=None) -> None:
        self.offsets, self.flat, self.rows = offsets, flat, rows
        self._n = len(offsets) - 1 if rows is None else len(rows)

    def __len__(self) -> int:
        return self._n

    def raw(self, at):
        return at if self.rows is None else self.rows[at]

    def positions(self, i: int) -> list[int]:
        j = int(self.rows[i]) if self.rows is not None else int(i)
        return self.flat[self.offsets[j] : self.offsets[j + 1]].tolist()

    def keep(self, rows) -> "SidecarPositions":
        """The same positions for a subset of the postings (positions in this one)."""
        return SidecarPositions(self.offsets, self.flat, self.raw(rows))


def _encode(ids, w):
    """(bytes, first id, id dtype, weight dtype) in the narrowest exact types: id gaps as
    uint8/uint16 when they fit (else absolute int32), weights as uint8/uint16 when they are
    small whole numbers (term counts), else float32; None if float32 would not be exact."""
    np = _numpy()
    gaps = np.diff(ids, prepend=ids[:1])
    top = int(gaps.max()) if len(gaps) else 0
    idtype = "<u1" if top < 256 else "<u2" if top < 65536 else "<i4"
    idarr = ids.astype("<i4") if idtype == "<i4" else gaps.astype(idtype)
    wtype = "<f4"
    if len(w) and np.array_equal(w, np.floor(w)) and w.min() >= 0:
        wtype = "<u1" if w.max() < 256 else "<u2" if w.max() < 65536 else "<f4"
    warr = w.astype(wtype)
    if not np.array_equal(warr.astype(np.float64), w):
        return None
    return idarr.tobytes() + warr.tobytes(), int(ids[0]) if len(ids) else 0, idtype, wtype


_OPEN: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


RETRY_SECONDS = 10.0  # a missing sidecar is looked for again after this long (written later)


def _sidecar(reader):
    return open_once(_OPEN, reader, sidecar_path, _Sidecar, RETRY_SECONDS)


def sidecar_positions(reader, fieldname: str, btext: bytes) -> SidecarPositions | None:
    """Every posting's positions of a very frequent term (deleted documents included), or
    None when the sidecar has none for it."""
    side = _sidecar(reader)
    found = side.positions(fieldname, btext) if side is not None else None
    return SidecarPositions(*found) if found is not None else None


def sidecar_arrays(reader, fieldname: str, btext: bytes):
    """(ids int64, weights float64) of a term from the segment's sidecar (deleted documents
    included), or None when the sidecar lacks it (or is missing or damaged)."""
    side = _sidecar(reader)
    if side is None:
        return None
    return side.arrays(fieldname, btext)


# -- writing (index time only) --------------------------------------------------------------


def _frequent_terms(reader, fieldname: str, threshold: int):
    for btext, info in reader.iter_field(fieldname):
        if info.doc_frequency() >= threshold:
            yield btext


def _term_positions(reader, fieldname: str, ext, count: int):
    """(offsets uint32 count + 1, positions) of every posting of a term, decoded from its
    blocks' values; None if the field has no positions."""
    from index import rawpostings

    values = []
    for _n, comp, data in rawpostings.blocks(*ext):
        values.extend(rawpostings._full(comp, data)[2])
    return _positions(reader.schema[fieldname].format, values, count)


def _segment_arrays(reader):
    """(field, term, ids, weights, positions or None) of each frequent term of one
    segment, in field and term order."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching import FilterMatcher

    from index import rawpostings
    from index.postarrays import _extent

    np = _numpy()
    threshold = max(MIN_DF, int(MIN_SHARE * reader.doc_count_all()))
    pos_threshold = max(MIN_DF, int(POS_SHARE * reader.doc_count_all()))
    for fieldname, field in reader.schema.items():
        if not field.scorable or fieldname not in reader.indexed_field_names():
            continue
        for btext in _frequent_terms(reader, fieldname, threshold):
            m = reader.postings(fieldname, btext)
            if type(m) is FilterMatcher:
                m = m.child
            if type(m) is not W3LeafMatcher or m._byteids:
                continue
            try:
                ext = _extent(m)
                ids, w, _blocks = rawpostings.decode(*ext)
                positions = _term_positions(reader, fieldname, ext, len(ids)) if len(ids) >= pos_threshold else None
            except rawpostings.FormatError:
                continue
            if not len(ids) or ids[-1] >= 2**31:
                continue
            yield fieldname, btext, ids, w, positions


def _pool_arrays(reader, pool):
    """`_segment_arrays` of a segment from the postings its writer still held when it
    wrote it (`segwriter.MemoryPostings`, every term in docnum order), without reading
    back the blocks just written (nor zlib-decompressing and unpickling them)."""
    np = _numpy()
    threshold = max(MIN_DF, int(MIN_SHARE * reader.doc_count_all()))
    pos_threshold = max(MIN_DF, int(POS_SHARE * reader.doc_count_all()))
    indexed = set(reader.indexed_field_names())
    for fieldname, field in reader.schema.items():
        terms = pool.fields.get(fieldname)
        if not field.scorable or fieldname not in indexed or not terms:
            continue
        str_terms = fieldname in pool.str_fields
        frequent = [(key.encode("utf-8", "surrogateescape") if str_terms else key, entry)
                    for key, entry in terms.items() if len(entry[0]) >= threshold]
        frequent.sort(key=lambda kv: kv[0])
        for btext, (ids, weights, values) in frequent:
            count = len(ids)
            if ids[-1] >= 2**31:
                continue
            pos = _positions(field.format, values, count) if count >= pos_threshold else None
            w = np.frombuffer(weights, dtype=np.float64).astype(np.float32).astype(np.float64)  # stored as f32
            yield fieldname, btext, np.frombuffer(ids, dtype=np.uint32).astype(np.int64), w, pos


def write_sidecar_from_pool(reader, pool) -> bool:
    """`write_sidecar` of a segment just written by a `FastSegmentWriter` whose postings
    (`MemoryPostings.held()`) are still in memory: the same bytes, built from them
    without re-reading, decompressing and unpickling the blocks. Falls back to reading the
    segment when some term's postings were added out of docnum order (merges)."""
    path = sidecar_path(reader)
    if path is None or path.exists():
        return False
    if pool.unsorted:  # some term's postings are out of docnum order: read them back
        return write_sidecar(reader)
    _write(path, reader, _pool_arrays(reader, pool))
    return True


def write_sidecar(reader) -> bool:
    """Write the sidecar of one segment reader's segment unless it exists; True if written."""
    path = sidecar_path(reader)
    if path is None or path.exists():
        return False
    _write(path, reader, _segment_arrays(reader))
    return True


def _write(path: Path, reader, arrays) -> None:
    """Write the sidecar file of `arrays`: (field, term, ids, weights, positions or None)
    of each frequent term, in field and term order."""
    fields: dict[str, dict[str, list]] = {}
    chunks: list[bytes] = []
    offset = 0
    with _no_gc():  # millions of short-lived position lists: no collection passes over them
        for fieldname, btext, ids, w, positions in arrays:
            offset = _add_term(fields, chunks, offset, fieldname, btext, ids, w, positions)
    write_file(path, MAGIC, {"segment": reader._segment.segment_id(), "doccount": reader.doc_count_all(),
                             "fields": fields}, chunks)


@contextmanager
def _no_gc():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _add_term(fields: dict, chunks: list, offset: int, fieldname: str, btext: bytes, ids, w, positions) -> int:
    """Append one term's arrays to `chunks` and its entry to `fields`; the next offset."""
    encoded = _encode(ids, w)
    if encoded is None:
        return offset
    data, first, idtype, wtype = encoded
    entry = [offset, len(ids), zlib.crc32(data), first, idtype, wtype]
    data += bytes(-len(data) % 8)  # keep every array 8-aligned
    if positions is not None:
        pdata = positions[0].tobytes() + positions[1].tobytes()
        entry += [offset + len(data), len(positions[1]), positions[1].dtype.str, zlib.crc32(pdata)]
        data += pdata + bytes(-len(pdata) % 8)
    fields.setdefault(fieldname, {})[btext.hex()] = entry
    chunks.append(data)
    return offset + len(data)


def write_sidecars(index_dir) -> int:
    """Write the missing sidecars of every segment of the index at `index_dir` (the newsdesk
    index folder), and their prefix unions (`index.prefixunions`); returns how many sidecars
    were written. Call after a commit: segments already covered are skipped, so it costs
    only the new segments' frequent terms and common prefixes."""
    from index import store
    from index.prefixunions import write_unions

    ix = store.open_whoosh(Path(index_dir), check=False)
    written = 0
    with ix.reader() as reader:
        leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
        for leaf, _base in leaves:
            written += write_sidecar(leaf)
            write_unions(leaf)
    return written


def write_sidecars_quietly(index_dir) -> None:
    """`write_sidecars` for the indexer: sidecars only make searches faster, so a failure
    is logged and indexing goes on."""
    try:
        write_sidecars(index_dir)
    except Exception as exc:  # noqa: BLE001 - an optimisation must never fail a run
        logging.getLogger(__name__).warning("%s: search sidecars not written (%s)", index_dir, exc)
