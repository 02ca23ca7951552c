"""The article store: full Article JSON by id, and the files table for incremental indexing.

SQLite in WAL mode, so the reader process can read while an indexer writes. One writer at a
time is guaranteed by the index lock (`index.store.IndexLock`), not by this module.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from index.cleaning import inert, inert_data
from index.models import Article

FILENAME = "docstore.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id        TEXT PRIMARY KEY,
    body      TEXT NOT NULL,
    data      TEXT NOT NULL,  -- the rest of the Article as JSON
    enriched  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_pending ON articles (enriched);
CREATE TABLE IF NOT EXISTS files (
    path      TEXT PRIMARY KEY,
    size      INTEGER NOT NULL,
    mtime_ns  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS file_articles (
    path      TEXT NOT NULL,
    id        TEXT NOT NULL,
    PRIMARY KEY (path, id)
);
CREATE INDEX IF NOT EXISTS file_articles_id ON file_articles (id);
"""


_STORED_FIELDS = tuple(f for f in Article.__dataclass_fields__ if f != "body")


def _encode(article: Article) -> str:
    """The Article minus its body as JSON: the same text as `json.dumps(to_dict())` without
    `to_dict`'s deep copy of every list and dict (Article holds no nested dataclasses)."""
    return json.dumps({name: getattr(article, name) for name in _STORED_FIELDS}, ensure_ascii=False)


@dataclass(frozen=True)
class FileRecord:
    path: str
    size: int
    mtime_ns: int


class DocStore:
    """Thread-safe (one connection behind a lock); cheap reads by primary key."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        # Readers open it the same way: read-only URIs cannot map a WAL database's shared
        # memory once the last writer has removed it. Nothing below writes unless asked.
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    # -- articles ---------------------------------------------------------------------------

    def get(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._db.execute(
                "SELECT body, data FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        if row is None:
            return None
        data = inert_data(json.loads(row[1]))
        data["body"] = inert(row[0])
        return Article.from_dict(data)

    def get_body(self, article_id: str) -> str | None:
        """Just the body (for snippets): no JSON decoding."""
        with self._lock:
            row = self._db.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        return inert(row[0]) if row else None

    def has(self, article_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def put_many(self, articles: Iterable[Article]) -> None:
        rows = [(a.id, a.body, _encode(a), int(a.extraction is not None)) for a in articles]
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO articles (id, body, data, enriched) VALUES (?, ?, ?, ?)",
                rows,
            )

    def set_extraction(self, items: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Store extraction results (id, extraction) and mark those articles enriched."""
        with self._lock, self._db:
            for article_id, extraction in items:
                row = self._db.execute(
                    "SELECT data FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row is None:
                    continue
                data = json.loads(row[0])
                data["extraction"] = extraction
                self._db.execute(
                    "UPDATE articles SET data = ?, enriched = 1 WHERE id = ?",
                    (json.dumps(data, ensure_ascii=False), article_id),
                )

    def delete_unreferenced(self, ids: Iterable[str]) -> list[str]:
        """Delete those of `ids` no file refers to any more; returns the deleted ids."""
        deleted = []
        with self._lock, self._db:
            for article_id in ids:
                ref = self._db.execute(
                    "SELECT 1 FROM file_articles WHERE id = ? LIMIT 1", (article_id,)
                ).fetchone()
                if ref is None:
                    self._db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                    deleted.append(article_id)
        return deleted

    def referenced_outside(self, article_id: str, paths: set[str]) -> bool:
        """True if a file other than `paths` refers to the article."""
        with self._lock:
            rows = self._db.execute(
                "SELECT path FROM file_articles WHERE id = ?", (article_id,)
            ).fetchall()
        return any(r[0] not in paths for r in rows)

    def pending_ids(self) -> list[str]:
        """Ids of articles whose extraction has not run yet, in insertion order."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM articles WHERE enriched = 0 ORDER BY rowid"
            ).fetchall()
        return [r[0] for r in rows]

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def iter_ids(self) -> Iterator[str]:
        with self._lock:
            rows = self._db.execute("SELECT id FROM articles ORDER BY rowid").fetchall()
        return (r[0] for r in rows)

    # -- files ------------------------------------------------------------------------------

    def file_record(self, path: str) -> FileRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT path, size, mtime_ns FROM files WHERE path = ?", (path,)
            ).fetchone()
        return FileRecord(*row) if row else None

    def file_ids(self, path: str) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id FROM file_articles WHERE path = ?", (path,)
            ).fetchall()
        return [r[0] for r in rows]

    def files(self) -> list[FileRecord]:
        with self._lock:
            rows = self._db.execute("SELECT path, size, mtime_ns FROM files ORDER BY path").fetchall()
        return [FileRecord(*r) for r in rows]

    def set_file(self, record: FileRecord, ids: Iterable[str]) -> None:
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns) VALUES (?, ?, ?)",
                (record.path, record.size, record.mtime_ns),
            )
            self._db.execute("DELETE FROM file_articles WHERE path = ?", (record.path,))
            self._db.executemany(
                "INSERT OR IGNORE INTO file_articles (path, id) VALUES (?, ?)",
                [(record.path, i) for i in ids],
            )

    def forget_file(self, path: str) -> list[str]:
        """Drop a file's record; returns the ids it referred to."""
        with self._lock, self._db:
            ids = [
                r[0]
                for r in self._db.execute("SELECT id FROM file_articles WHERE path = ?", (path,))
            ]
            self._db.execute("DELETE FROM file_articles WHERE path = ?", (path,))
            self._db.execute("DELETE FROM files WHERE path = ?", (path,))
        return ids

    def close(self) -> None:
        with self._lock:
            self._db.close()
