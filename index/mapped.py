"""Memory-mapped Whoosh segment files, read in place.

Whoosh 2.7 maps a compound segment file (`.seg`) and then hands each sub-file out as a
`BufferFile`, whose `BytesIO(buf)` copies the whole sub-file into the heap: a reader's
memory grows with the index (~200 MB for 10k articles). Opening files without mmap
avoids the copy but reads every posting block through a Python `SubFile` (~30% slower).

`MappedFileStorage` maps each `.seg` file once and serves its sub-files as `MappedFile`
views into the map: nothing is copied at open, the page cache holds the data, and only the
bytes a query touches are read. It reports `supports_mmap = False`, so Whoosh's
`CompoundStorage` takes its "sub-file" path and calls `subset()` on the file we returned
(a view) instead of mapping and copying it again. Everything else is Whoosh's own code.
"""
from __future__ import annotations

import mmap
import os
import pickle
from io import BytesIO
from struct import Struct

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile

COMPOUND_EXT = ".seg"
_PICKLE_PROBE = 512  # bytes tried first for an embedded pickle (block headers are ~60 bytes)
_INT = Struct(">i")
_UINT = Struct(">I")
_LONG = Struct(">q")
_USHORT = Struct(">H")
_BYTE = Struct("B")


class MappedFile(BufferFile):
    """A read-only StructFile over a memoryview: reads slice the view, nothing else is copied.

    The sequential methods Whoosh uses on hot paths (seek/tell/read/read_int/read_pickle for
    every posting block header) are implemented directly on the view instead of through a
    wrapped file object, so they cost no more than BytesIO did.
    """

    def __init__(self, buf: memoryview, name: str | None = None, onclose=None) -> None:
        self._buf = buf
        self._len = len(buf)
        self._pos = 0
        self._name = name
        self.file = self  # StructFile methods that reach for self.file find these ones
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    # -- file protocol --------------------------------------------------------------------

    def read(self, n: int = -1) -> bytes:
        pos = self._pos
        end = self._len if n is None or n < 0 else min(self._len, pos + n)
        self._pos = max(pos, end)
        return bytes(self._buf[pos:end])

    def readline(self, limit: int = -1) -> bytes:
        pos = self._pos
        stop = self._len if limit is None or limit < 0 else min(self._len, pos + limit)
        chunk = self._buf[pos:stop].tobytes()
        cut = chunk.find(b"\n")
        line = chunk if cut < 0 else chunk[: cut + 1]
        self._pos = pos + len(line)
        return line

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if whence == os.SEEK_SET:
            self._pos = offset
        elif whence == os.SEEK_CUR:
            self._pos += offset
        else:
            self._pos = self._len + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        if self.is_closed:
            raise ValueError(f"{self._name}: already closed")
        if self.onclose:
            self.onclose(self)
        self.is_closed = True
        self._buf = memoryview(b"")  # drop the view; the map goes when its last view does

    def __iter__(self):
        while self._pos < self._len:
            yield self.readline()

    # -- StructFile fast paths ------------------------------------------------------------

    def subset(self, position: int, length: int, name: str | None = None) -> "MappedFile":
        return MappedFile(self._buf[position : position + length], name=name or self._name)

    def _unpack(self, st: Struct):
        value = st.unpack_from(self._buf, self._pos)[0]
        self._pos += st.size
        return value

    def read_int(self) -> int:
        return self._unpack(_INT)

    def read_uint(self) -> int:
        return self._unpack(_UINT)

    def read_long(self) -> int:
        return self._unpack(_LONG)

    def read_ushort(self) -> int:
        return self._unpack(_USHORT)

    def read_byte(self) -> int:
        return self._unpack(_BYTE)

    def get_int(self, position: int) -> int:
        return _INT.unpack_from(self._buf, position)[0]

    def get_uint(self, position: int) -> int:
        return _UINT.unpack_from(self._buf, position)[0]

    def get_long(self, position: int) -> int:
        return _LONG.unpack_from(self._buf, position)[0]

    def get_ushort(self, position: int) -> int:
        return _USHORT.unpack_from(self._buf, position)[0]

    def get_byte(self, position: int) -> int:
        return self._buf[position]

    def read_pickle(self):
        """One pickle from the current position: a short slice is tried first, so reading a
        block header copies ~512 bytes, not the rest of the file."""
        pos = self._pos
        probe = _PICKLE_PROBE
        while True:
            end = min(self._len, pos + probe)
            bio = BytesIO(self._buf[pos:end])
            try:
                value = pickle.load(bio)
            except Exception:  # truncated: EOFError, UnpicklingError, ...
                if end >= self._len:
                    raise
                probe *= 16
                continue
            self._pos = pos + bio.tell()
            return value


class MappedFileStorage(FileStorage):
    """A FileStorage whose compound segment files are mapped once and read in place."""

    def __init__(self, path: str, readonly: bool = False) -> None:
        super().__init__(path, supports_mmap=False, readonly=readonly)

    def open_file(self, name: str, **kwargs):
        if not name.endswith(COMPOUND_EXT):
            return super().open_file(name, **kwargs)
        with open(self._fpath(name), "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if not size:  # an empty file cannot be mapped (and is damage Whoosh reports)
                return super().open_file(name, **kwargs)
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        return MappedFile(memoryview(mapped), name=name, **kwargs)
