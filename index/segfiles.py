"""Files newsdesk keeps beside a Whoosh segment (`index.sidecar`'s posting arrays,
`index.prefixunions`'s prefix unions): one layout, one way to write, map and find them.

Layout: MAGIC (8 bytes), a little-endian u32 header length, a JSON header naming the
segment and its document count (plus the file's own keys), padded with spaces so what
follows is 8-aligned, then the file's data. Written to a hidden `.<name>.<pid>.tmp` and
renamed, so a reader never sees half a file (`index.store.sweep_temp_files` deletes the
temp files of a killed writer). Opened once per segment reader and memory-mapped; a file
that is missing is looked for again after a while (the indexer writes it after the commit),
one that is damaged or belongs to another segment is never used.
"""
from __future__ import annotations

import json
import mmap
import os
import struct
import time
from pathlib import Path
from typing import Any, Callable

_LEN = struct.Struct("<I")


def write_file(path: Path, magic: bytes, header: dict, chunks: list[bytes]) -> None:
    """Write `magic`, the padded JSON `header` and `chunks` to `path`, atomically."""
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-(len(magic) + _LEN.size + len(head)) % 8)  # the data 8-aligned
    tmp = path.with_name("." + path.name + f".{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(magic + _LEN.pack(len(head)) + head)
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def map_file(path: Path, magic: bytes, segid: str, doccount: int) -> tuple[mmap.mmap, dict, int]:
    """(the mapped file, its header, where its data starts); ValueError if it is not a file
    of this kind for this segment."""
    with open(path, "rb") as fh:
        view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if view[: len(magic)] != magic:
        raise ValueError("bad magic")
    (hlen,) = _LEN.unpack_from(view, len(magic))
    start = len(magic) + _LEN.size
    header = json.loads(bytes(view[start : start + hlen]))
    if header.get("segment") != segid or header.get("doccount") != doccount:
        raise ValueError("a file of another segment")
    return view, header, start + hlen


def open_once(cache: Any, reader: Any, path_of: Callable[[Any], Path | None],
              opener: Callable[[Path, str, int], Any], retry_seconds: float) -> Any | None:
    """The segment reader's file opened with `opener`, remembered in `cache` (a
    WeakKeyDictionary by reader); None when there is none (looked for again after
    `retry_seconds`), or when it is damaged or foreign (never looked at again)."""
    try:
        found = cache.get(reader)
    except TypeError:
        return None
    if found is None or (type(found) is float and time.monotonic() - found > retry_seconds):
        found = time.monotonic()  # none (yet): remembered as when it was looked for
        path = path_of(reader)
        if path is not None and path.exists():
            try:
                found = opener(path, reader._segment.segment_id(), reader.doc_count_all())
            except Exception:  # damaged, truncated or foreign: read the postings instead
                found = False
        cache[reader] = found
    return None if found is False or type(found) is float else found
