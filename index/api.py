"""The search interface the CLI and the reader use.

One class stands between callers and the engine (`SearchEngine`), so another engine could
serve large archives later; Whoosh (`index.search.WhooshEngine`) is the only one now.
Nothing here imports Whoosh or spaCy.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from index.models import Article

Sort = Literal["score", "date"]


@dataclass
class Hit:
    id: str
    title: str
    date: str | None
    source: str
    score: float
    # Plain text (never markup); `highlights` are (start, end) character offsets of matched
    # terms inside `snippet`. None: not made yet (`SearchEngine.fill_snippets` makes it).
    snippet: str | None = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "score": round(self.score, 4),
            "snippet": self.snippet or "",
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0  # number of matching documents (may exceed len(hits))
    total_is_estimate: bool = False  # total is "about N" (common phrases are sampled, not all checked)
    elapsed_ms: float = 0.0
    suggestion: str | None = None  # "did you mean", set when there are no hits
    error: str | None = None  # one-line message when the query could not be used as written
    terms: list[str] = field(default_factory=list)  # matched query terms, for highlighting in the article


class SearchEngine(Protocol):
    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        sort: Sort = "score",
        snippets: bool | int = True,
        suggest: bool = True,
    ) -> SearchResult:
        """Never raises for a bad query: sets `error` and/or falls back to plain terms.

        `snippets`: True gives every hit its snippet and highlights, False none, an int N
        only the first N hits; the others have `snippet=None` until `fill_snippets`.

        With `suggest=False` no "did you mean" is computed (search-as-you-type asks for it
        separately, with `suggest()`, only once the hits are on screen)."""
        ...

    def fill_snippets(self, result: SearchResult, start: int, stop: int) -> None:
        """Snippets for `result.hits[start:stop]` that have none (`snippet is None`), exactly
        as `search(snippets=True)` would have made them; `result.terms` is completed with
        what they show. For a result this engine returned; hits deleted since get ""."""
        ...

    def suggest(self, query: str) -> str | None:
        """"Did you mean" for a query, or None."""
        ...

    def get(self, article_id: str) -> Article | None:
        """The whole cleaned article, with its stored extraction (None if not enriched yet)."""
        ...

    def count(self) -> int: ...

    def refresh(self) -> bool:
        """Pick up changes written by another process; True if anything changed."""
        ...

    def close(self) -> None: ...
