"""Opening the index in a thread while the reader's UI code loads.

Importing Whoosh and opening the index take about as long as importing Textual; started
first, the opening runs while Textual loads, and `result()` is then (almost) free. This
module imports neither Textual nor Whoosh at module level.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any


class EngineOpening:
    """`WhooshEngine(index_dir)` in a daemon thread; `result()` waits for it."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._engine: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._open, name="newsdesk-open-index", daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            from index.search import WhooshEngine  # Whoosh, not spaCy

            self._engine = WhooshEngine(self.index_dir)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def result(self) -> Any:
        """The engine; raises what opening raised (NoIndexError, NewsdeskError, ...)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._engine

    def factory(self) -> Any:
        """A new engine on the same index (used once seeding created it)."""
        from index.search import WhooshEngine

        return WhooshEngine(self.index_dir)
