"""WhooshEngine: the SearchEngine over a newsdesk index directory.

One searcher stays open (a fresh one per query costs ~55 ms); `refresh()` reopens it only
when another process committed. Snippets come from the character offsets stored in the
index (pinpoint highlighting), so the body is never re-tokenised for them. Thread-safe:
one lock around the searcher, the docstore has its own. Never imports spaCy.
"""
from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

from whoosh import query as wq

from index import store
from index.api import Hit, SearchResult, Sort
from index.counting import estimate_matches
from index.cleaning import inert
from index.errors import NewsdeskError
from index.models import Article
from index.query import ParsedQuery, QueryParser, edit_distance, positive_terms
from index.schema import text_analyzer
from index.snippets import lead_snippet, load_places, new_highlighter, pinpoint_snippet
from index.topn import rank

__all__ = ["WhooshEngine", "edit_distance", "lead_snippet"]

MAX_SUGGEST_CHARS = 40  # longer words get no 'did you mean'
MAX_QUERY_CHARS = 1000  # longer queries are cut (a 16 KB date: query took minutes)


class WhooshEngine:
    def __init__(self, index_dir: str | os.PathLike[str]) -> None:
        self.index_dir = Path(index_dir)
        if not store.check_usable(self.index_dir):
            raise store.NoIndexError(
                f"{self.index_dir}: no index yet; create one with `newsdesk index PATH`"
            )
        self._lock = threading.RLock()
        self._ix = store.open_whoosh(self.index_dir, check=False)  # the searcher below opens it
        self._docs = store.open_docstore(self.index_dir)
        self._docs_ino = self._docstore_inode()
        try:
            self._searcher = self._ix.searcher()
        except Exception as exc:
            raise store.corrupt(self.index_dir, exc) from None
        self._parser = QueryParser(self._ix.schema)
        self._highlighter = new_highlighter()
        self._analyzer = text_analyzer()

    # -- SearchEngine ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Sort = "score",
        snippets: bool = True,
        suggest: bool = True,
    ) -> SearchResult:
        started = time.perf_counter()
        result = SearchResult(query=query)
        if not query.strip():
            result.error = "empty query"
            return result
        too_long = None
        if len(query) > MAX_QUERY_CHARS:  # Whoosh's parser slows down more than linearly
            cut = query.rfind(" ", 0, MAX_QUERY_CHARS + 1)  # at a word boundary if there is one
            query = query[: cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
            too_long = f"query too long: searched for its first {MAX_QUERY_CHARS:,} characters"
        parsed = self._parser.parse(query)
        with self._lock:
            try:
                self._run(parsed, result, max(1, limit), sort, snippets)
            except NewsdeskError:
                raise
            except Exception as exc:  # a query type Whoosh cannot run: search the words
                if not parsed.words:
                    result.error = f"could not run the query ({exc})"
                else:
                    message = f"could not run the query ({exc}); searched for its words"
                    plain = self._parser.parse_plain(parsed.words, message)
                    result.hits.clear()
                    try:
                        self._run(plain, result, max(1, limit), sort, snippets)
                    except Exception as again:  # pragma: no cover - plain terms always run
                        result.hits.clear()
                        result.total = 0
                        result.error = f"could not run the query ({again})"
            result.error = "; ".join(e for e in (too_long, result.error or parsed.error) if e) or None
            if suggest and result.total == 0 and parsed.words:
                result.suggestion = self._suggest(query, parsed.words)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def _run(self, parsed: ParsedQuery, result: SearchResult, limit: int, sort: Sort, snippets: bool) -> None:
        searcher = self._searcher
        q = parsed.query
        # No terms=True: it records the matched terms of every matching document and turns
        # off block-max skipping; the shown hits' terms are read from postings instead.
        bulk = rank(searcher, q, limit, sort=sort)
        if bulk is not None:  # in bulk: Whoosh's ranks and scores (or date order)
            ranked = bulk.hits
            result.total, result.total_is_estimate = max(bulk.total, len(ranked)), bulk.estimated
        else:
            if sort == "date":
                results = searcher.search(q, limit=limit, sortedby="date", reverse=True)
            else:
                results = searcher.search(q, limit=limit)
            if results.has_exact_length():
                result.total, result.total_is_estimate = len(results), False
            else:
                total, estimated = estimate_matches(searcher, q)
                shown = results.scored_length()
                result.total = max(total, shown)
                result.total_is_estimate = estimated
            # not list(results): list() asks len() = a full count
            ranked = [(hit.docnum, hit.score) for hit in results]
        result.error = parsed.error
        matched = positive_terms(q, searcher.reader())
        stems = {t for f, t in matched if f in ("title", "body")}
        body_stems = sorted({t for f, t in matched if f == "body"})
        places = load_places(searcher, "body", body_stems, [d for d, _s in ranked]) if snippets else {}
        surfaces: dict[str, str] = {}
        for docnum, score in ranked:
            fields = searcher.stored_fields(docnum)
            item = Hit(
                id=fields["id"],
                title=inert(fields.get("title", "")),
                date=fields.get("datestr"),
                source=inert(fields.get("source", "")),
                score=float(score or 0.0) if sort == "score" else 0.0,
            )
            if snippets:
                self._snippet(item, places.get(docnum, {}), surfaces)
            result.hits.append(item)
        for title in (h.title for h in result.hits):
            if stems <= surfaces.keys():
                break
            for tok in self._analyzer(title, chars=True):
                if tok.text in stems:
                    surfaces.setdefault(tok.text, title[tok.startchar : tok.endchar].lower())
        result.terms = sorted({surfaces.get(t, t) for t in stems})

    def _snippet(self, item: Hit, found: dict, surfaces: dict[str, str]) -> None:
        body = self._docs.get_body(item.id) or ""
        formatted = pinpoint_snippet(self._highlighter, body, found) if body and found else None
        if formatted and formatted[0]:
            item.snippet, item.highlights, seen = formatted
            for stem, surface in seen.items():
                surfaces.setdefault(stem, surface)
        else:
            item.snippet = lead_snippet(body)

    def warm(self, terms: int = 16) -> int:
        """Prepare the bulk scorer so the first large query does not pay for it: import
        numpy (~60 ms once) and, per segment, map its sidecar (`index.sidecar`: ~8 ms to read
        its term table at 50k documents), load the field-length and date arrays and the
        title and body posting arrays of the `terms` most frequent title words (topical
        words: the body's most frequent are "said", "was"; the title lexicon is also ~6x
        smaller to scan), at most an eighth of the posting cache. Returns the postings
        loaded. Safe from a background thread: it takes the engine's lock one step at a
        time, so a search waits one step at most, and it stops if the searcher is refreshed
        meanwhile. The reader does not call it yet: it warms up with one plain search
        (tui/opening.py), because a step could hold the lock for 100 ms or more before the
        sidecars existed, delaying keystrokes."""
        from index import postarrays, topn
        from index.sidecar import sidecar_arrays

        np = postarrays._numpy()
        a, b = np.arange(3), np.arange(1, 4)  # numpy imports more on first use (numpy.ma: ~60 ms)
        np.union1d(a, b), np.intersect1d(a, b, return_indices=True), np.isin(a, b), np.lexsort((a, b))
        self._parser.parse('warm "up" wa* wa~ date:2020')  # the parser's regexes compile once (~80 ms)
        with self._lock:
            searcher = self._searcher
            leaves = [sub for sub, _offset in searcher.leaf_searchers()]
            if not leaves or "title" not in searcher.schema:
                return 0
            biggest = max(leaves, key=lambda sub: sub.doc_count_all()).reader()
            words = [b for _freq, b in biggest.most_frequent_terms("title", terms)] if terms else []
        budget, loaded = postarrays.CACHE_POSTINGS // 8, 0
        for sub in leaves:
            for step in [None] + [(f, b) for b in words for f in ("title", "body")]:
                with self._lock:
                    if self._searcher is not searcher or loaded >= budget:
                        return loaded
                    reader = sub.reader()
                    try:
                        if step is None:
                            sidecar_arrays(reader, "", b"")  # maps the segment's sidecar, if any
                            postarrays._live(reader)
                            if reader.has_column("date"):
                                postarrays._dates(reader, "date")
                        elif step in reader:
                            loaded += len(topn._term(sub, step[0], step[1], 1.0).ids)
                    except postarrays.Unsupported:
                        break
        return loaded

    def suggest(self, query: str) -> str | None:
        """"Did you mean" on its own (the reader asks after showing "no hits")."""
        query = query[:MAX_QUERY_CHARS]
        parsed = self._parser.parse(query)
        if not parsed.words:
            return None
        with self._lock:
            return self._suggest(query, parsed.words)

    def _suggest(self, query: str, words: list[str]) -> str | None:
        """'did you mean': each unknown word replaced by the closest frequent index word."""
        reader = self._searcher.reader()
        suggestion = query
        changed = False
        for word in words:
            if len(word) > MAX_SUGGEST_CHARS:  # no such word; its Levenshtein automaton takes seconds
                continue
            stems = [t.text for t in self._analyzer(word)]
            if len(stems) != 1 or any(reader.doc_frequency(f, stems[0]) for f in ("body", "title")):
                continue
            best = self._closest(reader, stems[0])
            if best is None:
                continue
            surface = self._surface(best) or best
            suggestion = re.sub(rf"\b{re.escape(word)}\b", surface, suggestion, count=1)
            changed = True
        return suggestion if changed else None

    @staticmethod
    def _closest(reader, stem: str) -> str | None:
        """The nearest index term (transpositions count as one edit), most frequent first."""
        candidates = [
            (edit_distance(stem, c), -reader.doc_frequency("body", c), c)
            for c in reader.terms_within("body", stem, 2, prefix=1)
            if c != stem
        ]
        candidates = [c for c in candidates if c[0] <= 2]
        return min(candidates)[2] if candidates else None

    def _surface(self, stem: str) -> str | None:
        """A word as written in some article whose stem is `stem` ('compani' -> 'company')."""
        found = self._searcher.search(wq.Term("body", stem), limit=1)
        if not found:
            return None
        body = self._docs.get_body(found[0]["id"]) or ""
        for tok in self._analyzer(body, chars=True):
            if tok.text == stem:
                return body[tok.startchar : tok.endchar].lower()
        return None

    def get(self, article_id: str) -> Article | None:
        with self._lock:  # refresh() may swap the docstore
            return self._docs.get(article_id)

    def count(self) -> int:
        with self._lock:
            return self._searcher.doc_count()

    def refresh(self) -> bool:
        """Reopen the searcher if another process committed; True if anything changed."""
        with self._lock:
            changed = False
            ino = self._docstore_inode()
            if ino is not None and ino != self._docs_ino:  # rebuilt: a new database file
                self._docs.close()
                self._docs = store.open_docstore(self.index_dir)
                self._docs_ino = ino
                changed = True
            try:
                if not self._searcher.up_to_date():
                    self._searcher = self._searcher.refresh()
                    changed = True
            except Exception:  # mid-rebuild: keep the searcher we have, try again later
                try:
                    self._ix = store.open_whoosh(self.index_dir)
                    self._searcher.close()
                    self._searcher = self._ix.searcher()
                    changed = True
                except NewsdeskError:
                    pass
            return changed

    def close(self) -> None:
        with self._lock:
            self._searcher.close()
            self._docs.close()

    def _docstore_inode(self) -> int | None:
        try:
            return os.stat(self.index_dir / store.DOCSTORE_FILE).st_ino
        except OSError:
            return None

    def __enter__(self) -> "WhooshEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
