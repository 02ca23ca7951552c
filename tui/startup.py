"""Less work before the reader's first frame: no garbage collection while it loads, no TLS.

- Loading Textual leaves some 60,000 objects for the cyclic garbage collector to track,
  and it walks the young ones every 700 allocations and the older ones now and then:
  about 4% of the instructions of the import (measured under callgrind), for almost no
  garbage (modules, classes and widgets all live as long as the reader). `hold_collections()`
  turns it off until `release_collections()`, called once the first frame is out, which
  also freezes what was loaded (`gc.freeze`): the collections that run while the reader
  is used no longer walk Textual, Rich and the index's modules, so a full collection in
  the middle of a keystroke costs a fraction of what it did.
- asyncio imports `ssl` (with OpenSSL) to offer TLS transports; the reader opens none,
  and the import costs some 6 ms. `without_tls()` keeps it out while Textual loads
  (asyncio takes a missing `ssl` as "TLS unavailable") and lets a later `import ssl` work.

Neither touches a process that only imports the reader (tests, `newsdesk search`): both
are used by `tui.main` for the reader alone.
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager
from typing import Iterator

_held = False  # collections paused by hold_collections()
_managed = False  # this process is the reader, started by tui.main: its heap may be frozen


def hold_collections() -> None:
    """Pause cyclic garbage collection until `release_collections()` (if it was on)."""
    global _held, _managed
    if gc.isenabled():
        gc.disable()
        _held = _managed = True


def release_collections() -> None:
    """Freeze the objects loaded so far and collect again; nothing if not held."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


def manages_heap() -> bool:
    """True in the reader started by `tui.main` (see `freeze_loaded`)."""
    return _managed


def freeze_loaded() -> None:
    """Freeze what was loaded since: the open index (its readers, caches, term tables) lives
    as long as the reader, and a full collection walking it took 110 ms at 100,000 articles
    (a loaded machine), at whatever keystroke it fell on. Nothing unless the reader's start
    held collections (a test process keeps its heap collectable)."""
    if _managed and not _held:
        gc.freeze()


@contextmanager
def without_tls() -> Iterator[None]:
    """Imports inside see no `ssl` module (unless it is already loaded)."""
    if "ssl" in sys.modules:
        yield
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]  # `import ssl` raises ImportError
    try:
        yield
    finally:
        if sys.modules.get("ssl", 0) is None:
            del sys.modules["ssl"]
