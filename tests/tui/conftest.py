"""Fixtures for the reader's tests (after harlequin's): no cursor blink, a mocked
clipboard, helpers that wait for workers, and a small in-memory engine implementing
`index.api.SearchEngine` for UI-only tests. Acceptance tests use the real engine on the
seed index (`seed_index` from tests/conftest.py) when it exists."""
from __future__ import annotations

import difflib
import json
import re
import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Input

from index.api import Hit, SearchResult
from index.models import Article
from tui.app import NewsdeskApp
from tui.data.config import ReaderConfig
from tui.data.state import ReadState

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

BAKERY_BODY = (
    "Aid workers reached the town of Baghouz on Thursday.\n"
    "\n"
    "\"They said the food situation was very bad,\" said Paul Bradley of the Free Burma Rangers.\n"
    "\n"
    + "".join(f"Filler paragraph {i} about the weather and nothing else in particular.\n\n" for i in range(40))
    + "At least 17 trucks carried more than 2,500 children out of the area, while bread sold for $16 a kilo.\n"
    "\n"
    "\"There are still large groups of civilians inside,\" Adnan Afrin told AFP in Baghouz.\n"
)


def _span(body: str, text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return start, start + len(text)


def bakery_article() -> Article:
    body = BAKERY_BODY
    ents = []
    for text, label, nth in [
        ("Baghouz", "PLACE", 0), ("Thursday", "DATE", 0), ("Paul Bradley", "PERSON", 0),
        ("Free Burma Rangers", "ORG", 0), ("Adnan Afrin", "PERSON", 0), ("AFP", "ORG", 0),
        ("Baghouz", "PLACE", 1),
    ]:
        s, e = _span(body, text, nth)
        ents.append({"text": text, "label": label, "start": s, "end": e})
    q1 = "They said the food situation was very bad,"
    q2 = "There are still large groups of civilians inside,"
    quotes = []
    for text, speaker in [(q1, "Paul Bradley"), (q2, "Adnan Afrin")]:
        s, e = _span(body, text)
        quotes.append({"text": text, "speaker": speaker, "speaker_role": None, "partial": False,
                       "start": s, "end": e, "sentence": 0})
    numbers = []
    for text, value, unit, qualifier, counted in [
        ("At least 17 trucks", 17, "trucks", "at least", None),
        ("more than 2,500 children", 2500, "", "more than", "children"),
        ("$16 a kilo", 16, "US dollar per kilogram", None, "bread"),
    ]:
        s, e = _span(body, text)
        numbers.append({"text": text, "value": value, "unit": unit, "qualifier": qualifier, "kind": "count",
                        "counted": counted, "sentence": 0, "start": s, "end": e})
    return Article(
        title="Aid trucks reach Baghouz bakery", body=body, date="2019-02-21", source="Test Wire",
        url="https://example.org/baghouz", tags=["Syria"], id="bakery",
        extraction={"entities": ents, "numbers": numbers, "quotes": quotes},
    )


def markup_article() -> Article:
    body = "Body with [bold red]markup[/] and [@click=app.quit]a link[/] in it, about bakery prices.\n"
    return Article(title="[bold red]x[/] [@click=app.quit]y[/]", body=body, date="2020-01-01",
                   source="[i]Source[/i]", id="markup",
                   extraction={"entities": [], "numbers": [], "quotes": []})


def plain_article() -> Article:
    return Article(title="Unenriched bakery notes", body="A bakery story without extraction.\n",
                   date="2018-05-05", source="Test Wire", id="plain", extraction=None)


def seed_articles(limit: int = 30) -> list[Article]:
    articles = []
    with open(SEEDS / "wikinews.jsonl", encoding="utf-8") as handle:
        for line in list(handle)[:limit]:
            raw = json.loads(line)
            articles.append(Article(title=raw["title"], body=raw["body"], date=raw.get("date"),
                                    source=raw.get("source", ""), url=raw.get("url", ""), id=raw["id"]))
    return articles


class FakeEngine:
    """In-memory SearchEngine: AND of words over title+body; `delays` slow chosen queries."""

    def __init__(self, articles: list[Article], delays: dict[str, float] | None = None) -> None:
        self.articles = {a.id: a for a in articles}
        self.delays = dict(delays or {})
        self.queries: list[str] = []
        self.filled: list[tuple[str, int, int]] = []  # fill_snippets calls: (query, start, stop)
        self.snippet_requests: list[bool | int] = []  # the `snippets` argument of each search
        self.made: dict = {}  # snippets held back (snippets=N), as `fill_snippets` makes them
        self.lock = threading.Lock()

    def suggest(self, query: str) -> str | None:
        return self._suggestion([w.lower() for w in re.findall(r"\w+", query)])

    def _suggestion(self, words: list[str]) -> str | None:
        vocab = {w.lower() for a in self.articles.values() for w in re.findall(r"[A-Za-z]+", a.title + " " + a.body)}
        close = [difflib.get_close_matches(w, vocab, n=1) for w in words]
        return " ".join(c[0] for c in close) if words and all(close) else None

    def search(self, query: str, *, limit: int = 20, sort: str = "score", snippets: bool | int = True,
               suggest: bool = True) -> SearchResult:
        with self.lock:
            self.queries.append(query)
            self.snippet_requests.append(snippets)
        time.sleep(self.delays.get(query, 0.0))
        started = time.perf_counter()
        result = SearchResult(query=query)
        if query.count('"') % 2:
            result.error = "unbalanced quotation mark: searched for the words instead"
        field = re.match(r'(person|org|place):"?([^"]+)"?$', query.strip())
        matched = []
        if field:
            label = {"person": "PERSON", "org": "ORG", "place": "PLACE"}[field.group(1)]
            for article in self.articles.values():
                ents = (article.extraction or {}).get("entities", [])
                if any(e["label"] == label and e["text"].lower() == field.group(2).lower() for e in ents):
                    matched.append(article)
            words: list[str] = []
        else:
            words = [w.lower() for w in re.findall(r"\w+", query)]
            matched = [a for a in self.articles.values()
                       if words and all(w in (a.title + " " + a.body).lower() for w in words)]
        for article in matched[:limit]:
            text = article.body.replace("\n", " ")
            first = min((text.lower().find(w) for w in words if w in text.lower()), default=0)
            start = max(0, first - 20)
            snippet = text[start:start + 120]
            highlights = [(m.start(), m.end()) for w in words
                          for m in re.finditer(re.escape(w), snippet, re.IGNORECASE)]
            result.hits.append(Hit(id=article.id, title=article.title, date=article.date, source=article.source,
                                   score=1.0, snippet=snippet, highlights=sorted(highlights)))
        if snippets is not True:
            for i, hit in enumerate(result.hits[int(snippets):], int(snippets)):
                self.made[(query, hit.id)] = (hit.snippet, hit.highlights)
                hit.snippet, hit.highlights = None, []
        result.total = len(matched)
        result.terms = words
        if suggest and not matched and words:
            result.suggestion = self._suggestion(words)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def fill_snippets(self, result: SearchResult, start: int, stop: int) -> None:
        with self.lock:
            self.filled.append((result.query, start, stop))
        for hit in result.hits[start:stop]:
            if hit.snippet is None:
                hit.snippet, hit.highlights = self.made.get((result.query, hit.id), ("", []))

    def get(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)

    def count(self) -> int:
        return len(self.articles)

    def refresh(self) -> bool:
        return False

    def close(self) -> None:
        pass


@pytest.fixture(autouse=True)
def reader_env(tmp_path, monkeypatch):
    """Private data/config dirs, no cursor blink, no real system clipboard."""
    monkeypatch.setenv("NEWSDESK_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "config"))
    monkeypatch.setattr(Input, "cursor_blink", False)
    return tmp_path


@pytest.fixture
def system_clipboard(monkeypatch):
    """A mocked pyperclip: records what was copied."""
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    return copied


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine([bakery_article(), markup_article(), plain_article(), *seed_articles()])


@pytest.fixture
def make_app(tmp_path):
    def make(engine, **kwargs) -> NewsdeskApp:
        kwargs.setdefault("state", ReadState.load(tmp_path / "data" / "state.json"))
        kwargs.setdefault("config", ReaderConfig(clipboard="both"))
        kwargs.setdefault("seed", False)
        return NewsdeskApp(engine, **kwargs)

    return make


async def settle(pilot, app) -> None:
    """Let the debounce timer fire and every worker finish, then repaint."""
    await pilot.pause(0.2)
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


class FrozenTimings:
    """Wraps a real engine so search times read 0.0 ms: snapshots must not depend on the clock."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def search(self, query: str, **kwargs) -> SearchResult:
        result = self.engine.search(query, **kwargs)
        result.elapsed_ms = 0.0
        return result

    def __getattr__(self, name):
        return getattr(self.engine, name)


@pytest.fixture
def real_engine(seed_index):
    """The real WhooshEngine on the enriched seed index (built once per session)."""
    from index.search import WhooshEngine

    engine = WhooshEngine(seed_index)
    yield engine
    engine.close()
