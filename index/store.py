"""The index directory: marker, layout, write lock, open/create/wipe.

Layout of an index directory:

    newsdesk-index.json   marker with the format version (written first, checked always)
    whoosh/               the Whoosh index (its TOC is a pickle, so a directory without our
                          marker is never opened)
    docstore.sqlite3      full articles and the files table (index.docstore)
    newsdesk.lock         pid lock file for writers (fcntl.flock)
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from index.docstore import FILENAME as DOCSTORE_FILE
from index.docstore import DocStore
from index.errors import IndexCorruptError, IndexLockedError, NewsdeskError
from index.schema import FORMAT_VERSION, build_schema

if TYPE_CHECKING:  # pragma: no cover
    from whoosh.index import FileIndex

MARKER = "newsdesk-index.json"
WHOOSH_DIR = "whoosh"
LOCK_FILE = "newsdesk.lock"
REBUILD_HINT = "run `newsdesk index --rebuild`"


class NoIndexError(NewsdeskError):
    """There is no index yet at the given directory."""


def has_marker(index_dir: Path) -> bool:
    return (Path(index_dir) / MARKER).is_file()


def _is_empty_dir(path: Path) -> bool:
    """Empty, or holding nothing but our lock file (left by a run that created nothing)."""
    return path.is_dir() and all(p.name == LOCK_FILE for p in path.iterdir())


def check_usable(index_dir: Path) -> bool:
    """True if it is a newsdesk index, False if it is missing or empty; raises otherwise."""
    index_dir = Path(index_dir)
    if not index_dir.exists() or _is_empty_dir(index_dir):
        return False
    if not index_dir.is_dir():
        raise NewsdeskError(f"{index_dir}: not a directory")
    if not has_marker(index_dir):
        raise NewsdeskError(
            f"{index_dir}: not a newsdesk index (no {MARKER}); refusing to use a non-empty "
            "directory, choose another --index"
        )
    try:
        marker = json.loads((index_dir / MARKER).read_text(encoding="utf-8"))
        version = int(marker["version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexCorruptError(f"{index_dir}: unreadable {MARKER} ({exc}); {REBUILD_HINT}") from None
    if version != FORMAT_VERSION:
        raise IndexCorruptError(
            f"{index_dir}: index format {version}, this newsdesk reads {FORMAT_VERSION}; {REBUILD_HINT}"
        )
    return True


def _write_marker(index_dir: Path) -> None:
    data = {"format": "newsdesk-index", "version": FORMAT_VERSION}
    tmp = index_dir / (MARKER + ".tmp")
    tmp.write_text(json.dumps(data) + "\n", encoding="utf-8")
    os.replace(tmp, index_dir / MARKER)


def create(index_dir: Path) -> None:
    """Make an empty index in a missing or empty directory (or complete a marked one)."""
    from whoosh import index as windex

    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    if not has_marker(index_dir):
        if not _is_empty_dir(index_dir):
            raise NewsdeskError(f"{index_dir}: not a newsdesk index (no {MARKER}); refusing to use it")
        _write_marker(index_dir)
    wdir = index_dir / WHOOSH_DIR
    wdir.mkdir(exist_ok=True)
    if not windex.exists_in(str(wdir)):
        windex.create_in(str(wdir), build_schema())
    DocStore(index_dir / DOCSTORE_FILE).close()


def wipe(index_dir: Path) -> None:
    """Delete the index contents (only ever in a marked directory) but not the lock file.

    The marker goes last, so an interrupted wipe leaves a directory still recognised as ours.
    """
    index_dir = Path(index_dir)
    if not has_marker(index_dir):
        raise NewsdeskError(f"{index_dir}: not a newsdesk index (no {MARKER}); refusing to delete it")
    shutil.rmtree(index_dir / WHOOSH_DIR, ignore_errors=True)
    for name in (DOCSTORE_FILE, DOCSTORE_FILE + "-wal", DOCSTORE_FILE + "-shm", MARKER):
        try:
            (index_dir / name).unlink()
        except FileNotFoundError:
            pass


def open_whoosh(index_dir: Path, *, check: bool = True) -> "FileIndex":
    """Open the Whoosh index of a checked directory; damage becomes IndexCorruptError.

    Segment files are memory-mapped and read in place (`index.mapped`), so a reader's memory
    does not grow with the index. With check=False the segments are not opened here: the
    caller opens its searcher next and reports damage itself (opening twice costs time).
    """
    from whoosh import index as windex

    from index.mapped import MappedFileStorage

    wdir = Path(index_dir) / WHOOSH_DIR
    try:
        ix = windex.FileIndex(MappedFileStorage(str(wdir)))
        if check:
            # Opening a reader opens every segment's files, so a deleted segment shows up here.
            ix.reader().close()
    except Exception as exc:  # whoosh raises many types (pickle, OSError, EmptyIndexError)
        raise corrupt(index_dir, exc) from None
    return ix


def corrupt(index_dir: Path, exc: BaseException) -> IndexCorruptError:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return IndexCorruptError(f"{index_dir}: the index is damaged ({reason}); {REBUILD_HINT}")


def open_docstore(index_dir: Path) -> DocStore:
    path = Path(index_dir) / DOCSTORE_FILE
    if not path.exists():
        raise IndexCorruptError(f"{index_dir}: {DOCSTORE_FILE} is missing; {REBUILD_HINT}")
    try:
        return DocStore(path)
    except Exception as exc:  # sqlite3.DatabaseError: "file is not a database", ...
        raise corrupt(index_dir, exc) from None


def sweep_temp_files(index_dir: Path) -> int:
    """Delete the hidden `.<file>.<pid>.tmp` files a killed writer left in the Whoosh folder
    (`index.segfiles.write_file` writes one and renames it; a segment-writer worker killed
    on Ctrl-C never renames or deletes it, and Whoosh's own clean-up skips hidden names).
    Only called by the lock holder, the one process that writes there. Returns the count."""
    removed = 0
    for path in (Path(index_dir) / WHOOSH_DIR).glob(".*.tmp"):
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed


class IndexLock:
    """Exclusive writer lock: flock on newsdesk.lock, holder's pid written inside.

    The kernel drops a flock when its holder dies (even by kill -9), so a leftover pid file
    never blocks anyone: the next writer takes the lock and overwrites the pid.
    """

    def __init__(self, index_dir: Path, wait: float = 5.0, poll: float = 0.1) -> None:
        self.path = Path(index_dir) / LOCK_FILE
        self.wait = wait
        self.poll = poll
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)
                    raise
                if time.monotonic() >= deadline:
                    holder = self.holder(fd)
                    os.close(fd)
                    who = f"PID {holder}" if holder else "another process"
                    raise IndexLockedError(
                        f"{self.path.parent}: index is locked by {who} (another `newsdesk index` "
                        "is running); try again when it finishes"
                    ) from None
                time.sleep(self.poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        sweep_temp_files(self.path.parent)


    @staticmethod
    def holder(fd: int) -> int | None:
        try:
            text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            return int(text) if text else None
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "IndexLock":
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
