"""Opening the index after the reader's first frame, in a thread.

Importing Whoosh and opening the index cost about 150 ms of CPU, and the first search
as much again (Whoosh loads its readers then). Run while Textual loads, in a thread, they
only take turns with it under the GIL and delay the first frame by that much; so the
reader paints first and opens the index next (`start()` once the first frame is out),
then runs one search to warm it, while the user is still reaching for the keyboard. A
search typed before then waits for it (`result()`). This module imports neither Textual
nor Whoosh at module level.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

WARM_UP_QUERY = "said"  # in nearly every news article, and no stop word: loads what a search needs


class EngineOpening:
    """`WhooshEngine(index_dir)` in a daemon thread; `result()` waits for it."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._engine: Any = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._opened = threading.Event()
        self.warmed = threading.Event()  # opened and warmed up (or failed): the index is loaded

    def start(self) -> None:
        """Begin opening (idempotent)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._open, name="newsdesk-open-index", daemon=True)
                self._thread.start()

    @property
    def done(self) -> bool:
        return self._opened.is_set()

    def _open(self) -> None:
        try:
            from index.search import WhooshEngine  # Whoosh, not spaCy

            self._engine = WhooshEngine(self.index_dir)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc
        finally:
            self._opened.set()
        try:
            if self._engine is not None:
                self._engine.search(WARM_UP_QUERY, limit=1, suggest=False)
        except Exception:  # warming is best effort; a real search reports problems
            pass
        finally:
            self.warmed.set()

    def result(self) -> Any:
        """The engine (starting the opening if need be); raises what opening raised."""
        self.start()
        self._opened.wait()
        if self._error is not None:
            raise self._error
        return self._engine

    def factory(self) -> Any:
        """A new engine on the same index (used once seeding created it)."""
        from index.search import WhooshEngine

        return WhooshEngine(self.index_dir)
