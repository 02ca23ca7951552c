"""Ready-made document sets of a segment's common prefixes, in a file beside the segment.

A capped prefix (`mar*`) matches the union of up to `query.MAX_EXPANSION` terms, unscored
(`topn._capped`). The first search of one reads every one of those terms' postings in every
segment: ~64 terms x 2 fields x 15 segments at 100k articles, ~60 us each (term lookup,
block parse, array set-up), 60+ ms in all. Segment files never change, so the union of each
common short prefix's expansion is written once at index time and mapped by readers:
one dictionary hit and one `numpy.frombuffer` per segment and field.

File `<segment id>.prefixunions` in the Whoosh folder (the name matches Whoosh's segment
file pattern, so `clean_files` deletes it with its segment after a merge). Layout: magic,
little-endian u32 header length, a small JSON header (segment id, document count, number of
entries), the entry table (40-byte records sorted by key: the expansion's 16-byte digest as
two u64, data offset, count, CRC-32 of the bytes with the first id and count, first id,
id type; binary-searched in
place, so opening costs no parsing), then the arrays, 8-aligned: each union's ids as
uint8/uint16 gaps or absolute int32.

An entry is found by the digest of the expansion itself (field + the chosen terms, in
order), not by the prefix: a reader whose expansion differs (other caps, a wildcard with
the same terms) finds the entry only if the terms are the same, and then the union is the
same. Entries hold the documents live when written; the reader drops documents deleted
since. Missing, foreign, truncated or damaged file or entry: the reader reads the terms'
postings instead (same ids). Written only by `write_unions` (through
`sidecar.write_sidecars`); readers never write.
"""
from __future__ import annotations

import hashlib
import pickle
import struct
import weakref
import zlib
from pathlib import Path

from index.lazynp import numpy as _numpy
from index.segfiles import map_file, open_once, write_file

UNIONS_EXT = ".prefixunions"
MAGIC = b"NDPREFU1"
PREFIX_CHARS = (3, 4, 5)  # prefix lengths (characters) whose unions are written (the parser
# needs 3 letters before a `*`)
MIN_TERMS = 8  # ... when their expansion has at least this many terms (fewer read fast)
RETRY_SECONDS = 10.0  # a missing file is looked for again after this long (written later)
_ID_TYPES = ("<u1", "<u2", "<i4")


def digest(fieldname: str, btexts) -> bytes:
    """The key of an expansion (16 bytes): field and terms, in order (pickle protocol 4 of
    str and bytes is fixed: the same terms give the same key in every process)."""
    return hashlib.blake2b(pickle.dumps((fieldname, list(btexts)), protocol=4), digest_size=16).digest()


def unions_path(reader) -> Path | None:
    from index.sidecar import sidecar_path

    path = sidecar_path(reader)
    return None if path is None else path.with_suffix(UNIONS_EXT)


_ENTRY = [("hi", "<u8"), ("lo", "<u8"), ("offset", "<u8"), ("count", "<u4"), ("crc", "<u4"),
          ("first", "<i4"), ("idtype", "u1"), ("pad", "u1", (3,))]  # 40 bytes, sorted by (hi, lo)


class _Unions:
    def __init__(self, path: Path, segid: str, doccount: int) -> None:
        np = _numpy()
        self.map, header, start = map_file(path, MAGIC, segid, doccount)
        n = header["entries"]
        dtype = np.dtype(_ENTRY)
        self.table = np.frombuffer(self.map, dtype=dtype, count=n, offset=start)
        self.hi = np.ascontiguousarray(self.table["hi"])
        self.data_start = start + n * dtype.itemsize
        self.doccount = doccount
        self.bad: set = set()
        self.checked: set = set()

    def ids(self, key: bytes):
        """The union's ids (deleted documents at write time excluded), or None."""
        if key in self.bad:
            return None
        np = _numpy()
        hi, lo = struct.unpack("<QQ", key)
        i = int(np.searchsorted(self.hi, hi))
        while i < len(self.hi) and int(self.hi[i]) == hi and int(self.table["lo"][i]) != lo:
            i += 1
        if i >= len(self.hi) or int(self.hi[i]) != hi:
            return None
        entry = self.table[i]
        offset, count, crc, first = int(entry["offset"]), int(entry["count"]), int(entry["crc"]), int(entry["first"])
        code = int(entry["idtype"])
        idtype = _ID_TYPES[code] if code < len(_ID_TYPES) else None
        at = self.data_start + offset
        if idtype is None or count < 1 or at + np.dtype(idtype).itemsize * count > len(self.map):
            self.bad.add(key)
            return None
        if key not in self.checked:
            if _crc(memoryview(self.map)[at : at + np.dtype(idtype).itemsize * count], first, count) != crc:
                self.bad.add(key)
                return None
            self.checked.add(key)
        raw = np.frombuffer(self.map, dtype=idtype, count=count, offset=at)
        if idtype == "<i4":
            ids = raw.astype(np.int64)
        else:
            ids = np.cumsum(raw, dtype=np.int64)
            ids += first - int(raw[0])
        if ids[0] < 0 or ids[-1] >= self.doccount:
            self.bad.add(key)
            return None
        return ids


def _crc(data, first: int, count: int) -> int:
    """CRC-32 of an entry: its ids' bytes and the first id and count they decode with."""
    return zlib.crc32(data, zlib.crc32(struct.pack("<qI", first, count)))


_OPEN: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _unions(reader):
    return open_once(_OPEN, reader, unions_path, _Unions, RETRY_SECONDS)


def union_ids(reader, fieldname: str, btexts) -> object | None:
    """The sorted live documents matching any of `btexts` (a prefix's expansion, in order)
    in one segment, from its unions file; None when the file lacks that expansion."""
    found = _unions(reader)
    if found is None:
        return None
    ids = found.ids(digest(fieldname, btexts))
    if ids is None:
        return None
    from index.postarrays import _live

    live = _live(reader)
    if live is not None and len(ids):
        ids = ids[live[ids]]
    return ids


# -- writing (index time only) --------------------------------------------------------------


def _common_prefixes(reader, fieldname: str) -> list[str]:
    """The prefixes (`PREFIX_CHARS` characters) shared by at least `MIN_TERMS` terms."""
    counts: dict[str, int] = {}
    from_bytes = reader.schema[fieldname].from_bytes
    for btext in reader.lexicon(fieldname):
        try:
            text = from_bytes(btext)
        except Exception:  # noqa: BLE001 - not text: no prefixes
            return []
        if not isinstance(text, str):
            return []
        for k in PREFIX_CHARS:
            if len(text) >= k:
                counts[text[:k]] = counts.get(text[:k], 0) + 1
    return [p for p, n in counts.items() if n >= MIN_TERMS]


def _segment_unions(reader):
    """{digest: ids} of every common prefix's expansion union in one segment, computed by
    the reader's own expansion and posting reads (`query.CappedPrefix`, `postarrays`)."""
    from whoosh.reading import TermNotFound

    from index import query
    from index.postarrays import _read_postings

    np = _numpy()
    out = {}
    for fieldname, field in reader.schema.items():
        if not field.scorable or fieldname not in reader.indexed_field_names():
            continue
        for prefix in _common_prefixes(reader, fieldname):
            btexts = [b for b in query.CappedPrefix(fieldname, prefix)._expand(reader) if b]
            if len(btexts) < 2:
                continue
            key = digest(fieldname, btexts)
            if key in out:
                continue
            parts = []
            for b in btexts:
                try:
                    ids = _read_postings(reader, fieldname, b)[0]
                except TermNotFound:
                    continue
                if len(ids):
                    parts.append(ids)
            if not parts:
                continue
            present = np.zeros(max(int(ids[-1]) for ids in parts) + 1, dtype=bool)
            for ids in parts:
                present[ids] = True
            out[key] = np.flatnonzero(present)
    return out


def write_unions(reader) -> bool:
    """Write the unions file of one segment reader's segment unless it exists; True if written."""
    path = unions_path(reader)
    if path is None or path.exists():
        return False
    np = _numpy()
    entries = []
    chunks: list[bytes] = []
    offset = 0
    for key, ids in _segment_unions(reader).items():
        if not len(ids) or ids[-1] >= 2**31:
            continue
        gaps = np.diff(ids, prepend=ids[:1])
        top = int(gaps.max())
        code = 0 if top < 256 else 1 if top < 65536 else 2
        idtype = _ID_TYPES[code]
        data = (ids.astype("<i4") if idtype == "<i4" else gaps.astype(idtype)).tobytes()
        hi, lo = struct.unpack("<QQ", key)
        entries.append((hi, lo, offset, len(ids), _crc(data, int(ids[0]), len(ids)), int(ids[0]), code, (0, 0, 0)))
        data += bytes(-len(data) % 8)
        chunks.append(data)
        offset += len(data)
    entries.sort(key=lambda e: (e[0], e[1]))  # the reader binary-searches `hi`
    table = np.array(entries, dtype=np.dtype(_ENTRY)).tobytes()
    chunks.insert(0, table)
    write_file(path, MAGIC, {"segment": reader._segment.segment_id(), "doccount": reader.doc_count_all(),
                             "entries": len(entries)}, chunks)
    return True
