"""Read/starred marks and the last query and article, kept across runs.

A small JSON file in `index.paths.data_dir()`, written atomically (temp file + os.replace) so a
crash never leaves half a file. An unreadable file is set aside, never fatal.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from index.paths import data_dir

STATE_FILE = "reader-state.json"


@dataclass
class ReadState:
    path: Path
    read: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)
    last_query: str = ""
    last_article: str | None = None
    history: list[str] = field(default_factory=list)  # newest last
    problem: str | None = None  # one-line reason the file could not be read, if any

    HISTORY_LIMIT = 100

    @classmethod
    def load(cls, path: Path | None = None) -> "ReadState":
        path = path or data_dir() / STATE_FILE
        state = cls(path=path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("not a JSON object")
        except FileNotFoundError:
            return state
        except (OSError, ValueError) as exc:
            state.problem = f"{path}: unreadable reader state ({exc}); starting afresh"
            return state
        state.read = {str(x) for x in raw.get("read", []) if isinstance(x, str)}
        state.starred = {str(x) for x in raw.get("starred", []) if isinstance(x, str)}
        state.last_query = str(raw.get("last_query") or "")
        last = raw.get("last_article")
        state.last_article = last if isinstance(last, str) else None
        state.history = [q for q in raw.get("history", []) if isinstance(q, str)][-cls.HISTORY_LIMIT :]
        return state

    def to_json(self) -> dict:
        return {
            "read": sorted(self.read),
            "starred": sorted(self.starred),
            "last_query": self.last_query,
            "last_article": self.last_article,
            "history": self.history[-self.HISTORY_LIMIT :],
        }

    def save(self) -> None:
        """Write atomically; raises OSError (the caller reports it in one line)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".reader-state.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.to_json(), handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read

    def mark_read(self, article_id: str, read: bool = True) -> None:
        (self.read.add if read else self.read.discard)(article_id)

    def toggle_read(self, article_id: str) -> bool:
        self.mark_read(article_id, article_id not in self.read)
        return article_id in self.read

    def toggle_star(self, article_id: str) -> bool:
        if article_id in self.starred:
            self.starred.discard(article_id)
        else:
            self.starred.add(article_id)
        return article_id in self.starred

    def remember_query(self, query: str) -> None:
        query = query.strip()
        self.last_query = query
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[: -self.HISTORY_LIMIT]
