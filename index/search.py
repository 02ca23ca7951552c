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
import weakref
from collections import OrderedDict
from pathlib import Path

from whoosh import query as wq

from index import store
from index.api import Hit, SearchResult, Sort
from index.counting import estimate_matches
from index.cleaning import inert
from index.errors import NewsdeskError
from index.models import Article
from index.places import load_places_bulk
from index.segprep import prepare as prepare_segments
from index.storedfields import stored_fields, stored_table
from index.query import ParsedQuery, QueryParser, edit_distance
from index.schema import text_analyzer
from index.snippets import (
    ResultStates,
    SnippetState,
    lead_snippet,
    load_places,
    new_highlighter,
    pinpoint_snippet,
)
from index.topn import rank

__all__ = ["WhooshEngine", "edit_distance", "lead_snippet"]

MAX_SUGGEST_CHARS = 40  # longer words get no 'did you mean'
PARSED_KEPT = 128  # parsed query strings remembered
MAX_QUERY_CHARS = 1000  # longer queries are cut (a 16 KB date: query took minutes)


def clip_query(query: str) -> tuple[str, str | None]:
    """(the query cut to MAX_QUERY_CHARS, at a word boundary if there is one; the message
    saying so, or None). Whoosh's parser slows down more than linearly with length."""
    if len(query) <= MAX_QUERY_CHARS:
        return query, None
    cut = query.rfind(" ", 0, MAX_QUERY_CHARS + 1)
    query = query[: cut if cut > MAX_QUERY_CHARS // 2 else MAX_QUERY_CHARS]
    return query, f"query too long: searched for its first {MAX_QUERY_CHARS:,} characters"


class WhooshEngine:
    _prepared = None  # weakref to the searcher whose segment tables are loaded (index.segprep)

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
        self._states = ResultStates()
        self._parsed: OrderedDict[str, ParsedQuery] = OrderedDict()
        self._parsed_lock = threading.Lock()

    # -- SearchEngine ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Sort = "score",
        snippets: bool | int = True,
        suggest: bool = True,
    ) -> SearchResult:
        """`snippets`: True for every hit, False for none, an int N for the first N hits
        only (the others keep `snippet=None`; `fill_snippets` gives them one later)."""
        started = time.perf_counter()
        result = SearchResult(query=query)
        if not query.strip():
            result.error = "empty query"
            return result
        query, too_long = clip_query(query)
        parsed = self._parse(query)
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

    def _run(self, parsed: ParsedQuery, result: SearchResult, limit: int, sort: Sort, snippets: bool | int) -> None:
        searcher = self._searcher
        q = parsed.query
        # No terms=True: it records the matched terms of every matching document and turns
        # off block-max skipping; the shown hits' terms are read from postings instead.
        bulk = rank(searcher, q, limit, sort=sort)
        if self._prepared is None or self._prepared() is not searcher:  # once per searcher
            if prepare_segments(searcher):
                self._prepared = weakref.ref(searcher)
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
        for docnum, score in ranked:
            fields = stored_fields(searcher, docnum)
            result.hits.append(Hit(
                id=fields["id"],
                title=inert(fields.get("title", "")),
                date=fields.get("datestr"),
                source=inert(fields.get("source", "")),
                score=float(score or 0.0) if sort == "score" else 0.0,
                snippet=None,
            ))
        state = SnippetState(searcher, q, [d for d, _s in ranked])
        self._states.remember(result, state)
        shown = len(ranked) if snippets is True else max(0, int(snippets))
        self._fill(result, state, range(min(shown, len(ranked))))

    def _parse(self, query: str) -> ParsedQuery:
        """The parsed query, remembered for the last PARSED_KEPT query strings (typing
        repeats them; parsing costs ~1-2 ms). Parsed queries are never modified. Queries with
        a date: clause are parsed each time: Whoosh turns "today" or "-1w" into fixed times."""
        with self._parsed_lock:
            found = self._parsed.get(query)
            if found is not None:
                self._parsed.move_to_end(query)
                return found
        found = self._parser.parse(query)
        if "date:" in query.lower():
            return found  # relative dates ("today", "-1w", "now") are fixed when parsed
        with self._parsed_lock:
            self._parsed[query] = found
            if len(self._parsed) > PARSED_KEPT:
                self._parsed.popitem(last=False)
        return found

    def fill_snippets(self, result: SearchResult, start: int, stop: int) -> None:
        """Snippets (and highlights) for `result.hits[start:stop]` that have none, exactly as
        `search(snippets=True)` would have made them; `result.terms` is completed with the
        surfaces those snippets show. Works on any result this engine returned; a result
        it no longer remembers is matched again by its query and hit ids."""
        with self._lock:
            state = self._states.get(result)
            if state is None:
                parsed = self._parse(clip_query(result.query)[0])
                state = SnippetState(self._searcher, parsed.query, None)
                self._states.remember(result, state)
            if state.searcher is not self._searcher or state.docnums is None:
                state.rebind(self._searcher, [h.id for h in result.hits])
            todo = [i for i in range(*slice(start, stop).indices(len(result.hits)))
                    if result.hits[i].snippet is None]
            self._fill(result, state, todo)

    def _fill(self, result: SearchResult, state: "SnippetState", indices) -> None:
        """Snippets for the hits at `indices`, then `result.terms` from every snippet made so far."""
        searcher, hits = state.searcher, result.hits
        wanted = [(i, state.docnums[i]) for i in indices if state.docnums[i] is not None]
        docnums = [d for _i, d in wanted]
        places = load_places_bulk(searcher, "body", state.query, docnums)
        if places is None:
            places = load_places(searcher, "body", state.body_stems, docnums)
        for i, docnum in wanted:
            state.seen[i] = self._snippet(hits[i], places.get(docnum, {}))
        for i in indices:
            if hits[i].snippet is None:  # deleted since the search: no body to quote
                hits[i].snippet = ""
        surfaces: dict[str, str] = {}
        for i in sorted(state.seen):  # hit order, as one search with every snippet
            for stem, surface in state.seen[i].items():
                surfaces.setdefault(stem, surface)
        stems = state.stems
        for title in (h.title for h in hits):
            if stems <= surfaces.keys():
                break
            for tok in self._analyzer(title, chars=True):
                if tok.text in stems:
                    surfaces.setdefault(tok.text, title[tok.startchar : tok.endchar].lower())
        result.terms = sorted({surfaces.get(t, t) for t in stems})

    def _snippet(self, item: Hit, found: dict) -> dict[str, str]:
        """Sets the hit's snippet; returns the surfaces {stem: word as written} it shows."""
        body = self._docs.get_body(item.id) or ""
        formatted = pinpoint_snippet(self._highlighter, body, found) if body and found else None
        if formatted and formatted[0]:
            item.snippet, item.highlights, seen = formatted
            return seen
        item.snippet = lead_snippet(body)
        return {}

    def warm(self, terms: int = 16) -> int:
        """Prepare the bulk scorer so the first large query does not pay for it: import
        numpy (~60 ms once) and, per segment, map its sidecar (`index.sidecar`: ~8 ms to read
        its term table at 50k documents), load the field-length, date and stored-field offset arrays and the
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
                            stored_table(reader)  # the stored fields' offsets
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
