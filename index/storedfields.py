"""A hit's stored fields (id, title, date, source) without Whoosh's per-segment set-up.

The first `stored_fields` call in a segment makes Whoosh build the `_stored` column reader:
its offsets are summed from the lengths array in a Python loop (one `array.append` per
document: ~3.5 ms per 7k-document segment, paid once per segment, so by the first
searches after opening a 15-segment index). Here the lengths array is read with numpy and
the offsets are its cumulative sum, remembered per segment reader; a document's record is
then sliced, inflated and unpickled exactly as Whoosh's `PickleColumn(CompressedBytesColumn)`
reader does. Anything unexpected falls back to Whoosh's own `stored_fields`.
"""
from __future__ import annotations

import pickle
import struct
import zlib
from bisect import bisect_right

from whoosh.codec.whoosh3 import STORED_COLUMN, W3PerDocReader

from index import lazynp, postarrays

_CODES = frozenset("bBhHiIlLqQ")


def stored_fields(searcher, docnum: int) -> dict:
    """`searcher.stored_fields(docnum)` for a global document number."""
    if not lazynp.loaded():
        return searcher.stored_fields(docnum)
    leaves = searcher.leaf_searchers()
    offsets = [offset for _sub, offset in leaves]
    i = bisect_right(offsets, docnum) - 1
    sub, offset = leaves[i]
    reader = sub.reader()
    table = stored_table(reader)
    if table is None:
        return searcher.stored_fields(docnum)
    colfile, base, starts, lengths = table
    local = docnum - offset
    length = int(lengths[local])
    if not length:
        return {}
    value = pickle.loads(zlib.decompress(colfile.get(base + int(starts[local]), length)))
    return {} if value is None else value


def stored_table(reader):
    """The segment's stored-fields table (see `_read_table`), remembered; None if unusual."""
    cache = postarrays._cache(reader)
    if cache.stored is None:
        cache.stored = _read_table(reader) or False
    return cache.stored or None


def _read_table(reader):
    """(column file, base position, offsets, lengths) of the segment's `_stored` column,
    as `VarBytesColumn.Reader._read_offsets_and_lengths` reads them; None if unusual."""
    perdoc = getattr(reader, "_perdoc", None)
    if type(perdoc) is not W3PerDocReader or type(STORED_COLUMN._child).__name__ != "CompressedBytesColumn":
        return None
    if getattr(STORED_COLUMN._child, "_module", "zlib") != "zlib" or not perdoc.has_column("_stored"):
        return None
    np = lazynp.numpy()
    if "_stored" not in perdoc._colfiles:
        perdoc._colfiles["_stored"] = perdoc._get_column_file("_stored")
    colfile, base, length = perdoc._colfiles["_stored"]
    doccount = perdoc._doccount
    last = base + length - 1
    code = chr(colfile.get_byte(last))
    starts = None
    if code == "X":
        code, off_code = chr(colfile.get_byte(last - 2)), chr(colfile.get_byte(last - 1))
        if off_code not in _CODES:
            return None
        size = struct.calcsize(off_code)
        start = (last - 2) - doccount * size
        starts = np.frombuffer(colfile.get(start, doccount * size), dtype=">" + off_code).astype(np.int64)
        last = start
    if code not in _CODES:
        return None
    size = struct.calcsize(code)
    lengths = np.frombuffer(colfile.get(last - size * doccount, size * doccount), dtype=">" + code).astype(np.int64)
    if starts is None:
        starts = np.cumsum(lengths) - lengths
    return colfile, base, starts, lengths
