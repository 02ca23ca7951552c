"""The SQLite FTS5 peer: the same corpus and query mix through stdlib sqlite3 (bm25, snippet()).

It is tuned the way a careful FTS5 user would: porter stemming like the product's
StemmingAnalyzer, a 3-letter prefix index (the product requires 3 letters before `*`), title
weighted 2x in bm25 like the product's field boost, hits + total count per query (the
product reports both). FTS5 has no fuzzy operator, so a `word~` query is expanded the usual way: every
edit-distance-1 variant of the word (deletes, transposes, replaces, inserts) looked up in a
vocabulary table built from fts5vocab, the survivors OR-ed together.
"""
from __future__ import annotations

import os
import sqlite3
import string
import time
from pathlib import Path

from benchmarks import corpus
from benchmarks.queries import BenchQuery

SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(
    title, body, tags, person, org, place, date UNINDEXED, aid UNINDEXED, source UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2', prefix = '3'
);
"""
# bm25 column weights: title, body, tags, person, org, place (UNINDEXED columns ignored).
BM25 = "bm25(fts, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0)"
SNIPPET = "snippet(fts, 1, '\x02', '\x03', '…', 24)"


def build(corpus_file: Path, db_path: Path, limit: int | None = None) -> dict:
    """Index the corpus JSONL into a fresh FTS5 database; returns timing and size."""
    db_path = Path(db_path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(str(db_path) + suffix)
        except FileNotFoundError:
            pass
    t0 = time.perf_counter()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.executescript(SCHEMA)
    n = 0
    batch = []
    for rec in corpus.read(corpus_file):
        if limit is not None and n >= limit:
            break
        ents = rec.get("bench_entities", {})
        batch.append((rec["title"], rec["body"], ", ".join(rec.get("tags", [])),
                      ", ".join(ents.get("PERSON", [])), ", ".join(ents.get("ORG", [])),
                      ", ".join(ents.get("PLACE", [])), rec.get("date"), rec["id"], rec.get("source", "")))
        n += 1
        if len(batch) >= 500:
            con.executemany("INSERT INTO fts VALUES (?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        con.executemany("INSERT INTO fts VALUES (?,?,?,?,?,?,?,?,?)", batch)
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.execute("CREATE VIRTUAL TABLE fts_v USING fts5vocab(fts, 'row')")
    con.execute("CREATE TABLE vocab(term TEXT PRIMARY KEY) WITHOUT ROWID")
    con.execute("INSERT INTO vocab SELECT term FROM fts_v")
    con.commit()
    con.close()
    elapsed = time.perf_counter() - t0
    return {"docs": n, "seconds": elapsed, "docs_per_s": n / elapsed if elapsed else 0.0,
            "bytes": os.path.getsize(db_path)}


def edits1(word: str) -> set[str]:
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + transposes + replaces + inserts)


class Fts5Engine:
    """One connection reused for every query, as the reader reuses one Whoosh searcher."""

    def __init__(self, db_path: Path) -> None:
        self.con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)

    def count(self) -> int:
        return self.con.execute("SELECT count(*) FROM fts").fetchone()[0]

    def _fuzzy_match(self, word: str) -> str:
        cands = sorted(edits1(word.lower()) | {word.lower()})
        found: list[str] = []
        for i in range(0, len(cands), 900):
            chunk = cands[i:i + 900]
            sql = f"SELECT term FROM vocab WHERE term IN ({','.join('?' * len(chunk))})"
            found += [r[0] for r in self.con.execute(sql, chunk)]
        return " OR ".join(f'"{t}"' for t in found) if found else '"' + word + '"'

    def search(self, q: BenchQuery, limit: int = 20, snippets: bool = False) -> tuple[int, list[tuple]]:
        """(total matches, rows of (aid, title, date, source, score[, snippet]))."""
        match = self._fuzzy_match(q.fuzzy) if q.fuzzy else q.match
        cols = f"aid, title, date, source, {BM25} AS score" + (f", {SNIPPET}" if snippets else "")
        where = "fts MATCH ?"
        args: list = [match]
        if q.date_from:
            where += " AND date BETWEEN ? AND ?"
            args += [q.date_from, q.date_to]
        order = "date DESC" if q.sort == "date" else "score"
        sql = f"SELECT {cols} FROM fts WHERE {where} ORDER BY {order} LIMIT {int(limit)}"
        rows = self.con.execute(sql, args).fetchall()
        # FTS5 cannot mix bm25() with a window count, so the total is a second (cheap) query.
        if len(rows) < limit:
            total = len(rows)
        else:
            total = self.con.execute(f"SELECT count(*) FROM fts WHERE {where}", args).fetchone()[0]
        return total, rows

    def close(self) -> None:
        self.con.close()
