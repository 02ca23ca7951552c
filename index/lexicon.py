"""A segment's term table read in bulk: the terms of a field sharing a prefix, their
lengths in characters and their document frequencies, as numpy arrays.

Whoosh's W3 term file is an ordered hash: records (key length, value length, key, value)
written in key order, keys being the field number (2 bytes) + the term's bytes, and an
index array of every record's position at the end. Whoosh walks the records one by one in
Python (~30 us a term through `expand_prefix`/`iter_prefix`): a fuzzy word or a prefix
scanned thousands of terms per segment and field, x15 segments at 100k articles. Here the
prefix's range is two binary searches over the index array, and the range's key lengths,
character lengths (UTF-8 continuation bytes subtracted) and document frequencies (the
term info's `I` after its flags byte and total weight) are gathered from the mapped file
with numpy; only the terms that pass the caller's filter are sliced out as bytes.

`prefix_range` returns None when the segment is not a mapped W3 term file (then callers
use Whoosh's iterators). Nothing here is cached: the arrays of one range cost microseconds.
"""
from __future__ import annotations

import struct

from whoosh.codec.whoosh3 import W3TermsReader

from index import postarrays
from index.postarrays import _numpy

_INDEX_DTYPES = {"B": "u1", "H": ">u2", "i": ">i4", "I": ">u4", "q": ">i8"}
_RECORD_HEAD = 8  # the "!ii" key length + value length before each key
_FIELD_NUM = struct.Struct(">H")
_DOCFREQ_AT = 1 + 4  # flags byte, total weight float


class TermRange:
    """The terms of one field starting with a prefix, in key order (`count` of them)."""

    __slots__ = ("_buf", "_pos", "_keylen", "count")

    def __init__(self, buf, pos, keylen) -> None:
        self._buf, self._pos, self._keylen, self.count = buf, pos, keylen, len(pos)

    def char_lengths(self):
        """Each term's length in characters: its byte length, decoded only for the (rare)
        terms with a byte above 0x7f."""
        np = _numpy()
        nbytes = self._keylen - 2
        if not self.count:
            return nbytes
        start = int(self._pos[0])
        last = self.count - 1
        stop = int(self._pos[last]) + _RECORD_HEAD + int(self._keylen[last])
        region = self._buf[start:stop]
        first = self._pos - start + _RECORD_HEAD + 2
        bounds = np.empty(2 * self.count, dtype=np.int64)
        bounds[0::2], bounds[1::2] = first, first + nbytes
        # the largest byte of each term (an empty term reads its next byte: decoded, harmless)
        top = np.maximum.reduceat(region, bounds[:-1])[0::2]
        wide = np.flatnonzero(top >= 0x80)
        if len(wide):
            nbytes = nbytes.copy()
            for i, b in zip(wide.tolist(), self.term_bytes(wide)):
                nbytes[i] = len(b.decode("utf-8", "replace"))
        return nbytes

    def doc_frequencies(self, which):
        """The document frequencies of the terms at indices `which` (uint32 from each term info)."""
        np = _numpy()
        at = self._pos[which] + _RECORD_HEAD + self._keylen[which] + _DOCFREQ_AT
        b = self._buf
        return (b[at].astype(np.int64) << 24) | (b[at + 1].astype(np.int64) << 16) | (
            b[at + 2].astype(np.int64) << 8) | b[at + 3].astype(np.int64)

    def foreign_chars(self, which, known: bytes):
        """For the terms at indices `which`: how many of their characters start with a byte
        not in `known` (each such character needs an edit to reach a word made of `known`'s
        characters: a lower bound of the edit distance, cheaper than computing it)."""
        np = _numpy()
        which = np.asarray(which, dtype=np.int64)
        if not len(which):
            return np.zeros(0, dtype=np.int64)
        lens = self._keylen[which] - 2
        cols = np.arange(int(lens.max()), dtype=np.int64)
        valid = cols < lens[:, None]
        at = np.where(valid, self._pos[which, None] + _RECORD_HEAD + 2 + cols, 0)
        data = self._buf[at]
        table = np.zeros(256, dtype=bool)
        table[np.frombuffer(known, dtype=np.uint8)] = True
        lead = (data & 0xC0) != 0x80
        return (valid & lead & ~table[data]).sum(axis=1)

    def remember_infos(self, reader, fieldname: str, which, btexts: list[bytes]) -> None:
        """Note where the records of the terms at `which` are, so reading their postings
        next skips the term file's hash lookup (`postarrays._info_extent` reads the record's
        lengths and term info from there)."""
        np = _numpy()
        infos = postarrays._cache(reader).infos
        if len(infos) > postarrays.KEEP_INFOS:
            infos.clear()
        pos = self._pos[np.asarray(which, dtype=np.int64)].tolist()
        infos.update(zip([(fieldname, b) for b in btexts], pos))

    def term_bytes(self, which) -> list[bytes]:
        """The terms (without the field number) at indices `which`."""
        buf = self._buf
        starts = (self._pos[which] + _RECORD_HEAD + 2).tolist()
        ends = (self._pos[which] + _RECORD_HEAD + self._keylen[which]).tolist()
        return [buf[s:e].tobytes() for s, e in zip(starts, ends)]


def _tables(reader):
    """(uint8 view of the term file, positions array, tindex) or None if not mapped W3."""
    terms = getattr(reader, "_terms", None)
    if type(terms) is not W3TermsReader:
        return None
    tindex = terms._tindex
    buf = getattr(tindex.dbfile, "_buf", None)
    dtype = _INDEX_DTYPES.get(tindex.extras.get("indextype"))
    if not isinstance(buf, memoryview) or dtype is None:
        return None
    np = _numpy()
    data = np.frombuffer(buf, dtype=np.uint8)
    positions = np.frombuffer(buf, dtype=dtype, count=tindex.indexlen, offset=tindex.indexbase)
    return data, positions, terms


def prefix_range(reader, fieldname: str, prefix: bytes, limit: int | None = None) -> TermRange | None:
    """The first `limit` terms of `fieldname` starting with `prefix` in one segment, or None
    when the segment's term file cannot be read this way."""
    found = _tables(reader)
    if found is None:
        return None
    np = _numpy()
    data, positions, terms = found
    fnum = terms._fieldmap.get(fieldname)
    if fnum is None:
        return TermRange(data, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    key = _FIELD_NUM.pack(fnum) + prefix
    key_at = terms._tindex.key_at
    n = len(positions)
    lo, hi = 0, n
    while lo < hi:  # the first key >= key
        mid = (lo + hi) // 2
        if key_at(int(positions[mid])) < key:
            lo = mid + 1
        else:
            hi = mid
    first, hi = lo, n
    while lo < hi:  # the first key after the prefix's keys
        mid = (lo + hi) // 2
        midkey = key_at(int(positions[mid]))
        if midkey < key or midkey.startswith(key):
            lo = mid + 1
        else:
            hi = mid
    stop = lo if limit is None else min(lo, first + limit)
    pos = positions[first:stop].astype(np.int64)
    b = data
    keylen = (b[pos].astype(np.int64) << 24) | (b[pos + 1].astype(np.int64) << 16) | (
        b[pos + 2].astype(np.int64) << 8) | b[pos + 3].astype(np.int64)
    return TermRange(data, pos, keylen)
