"""Acceptance tests on the real engine and the enriched seed index, and snapshots."""
from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.tui.conftest import FrozenTimings, settle
from tui.app import NewsdeskApp
from tui.data.config import ReaderConfig
from tui.data.state import ReadState
from tui.render import ENTITY_STYLES
from tui.screens.article import ArticleScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.results import ResultsList
from tui.widgets.side_panel import QuoteList, SidePanel

SYRIA = "Syria forces try to free last civilians from IS holdout"


async def test_search_open_highlight_and_copy_on_the_seed_index(make_app, real_engine, system_clipboard):
    app = make_app(real_engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"civilians baghouz")
        await settle(pilot, app)
        hits = app.screen.query_one(ResultsList).hits
        assert hits and hits[0].title == SYRIA
        assert str(app.screen.query_one("#status", Static).visual).startswith(f"{len(hits)} hit")
        await pilot.press("enter")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        view = screen.query_one(ArticleView)
        article = view.article
        body = view.body_content
        persons = {body.plain[s.start:s.end] for s in body.spans if s.style == ENTITY_STYLES["PERSON"]}
        assert {"Sean Ryan", "Paul Bradley"} <= persons
        assert len(view.hits) >= 2  # "civilians" and "Baghouz" in the body, for n/N
        quotes = screen.query_one(SidePanel).quotes
        speakers = [q["speaker"] for q in quotes]
        assert "Paul Bradley" in speakers
        wanted = speakers.index("Paul Bradley")
        screen.query_one(QuoteList).focus()
        await pilot.pause()
        for _ in range(wanted):
            await pilot.press("j")
        await settle(pilot, app)
        await pilot.press("c")
        quote = quotes[wanted]
        assert app.clipboard == quote["text"] == article.body[quote["start"]:quote["end"]]
        await pilot.press("C")
        assert app.clipboard.startswith(f"\u201c{quote['text']}\u201d \u2014 Paul Bradley")


def _app(seed_index: Path, tmp_path: Path) -> NewsdeskApp:
    from index.search import WhooshEngine

    return NewsdeskApp(
        FrozenTimings(WhooshEngine(seed_index)),
        state=ReadState.load(tmp_path / "state.json"),
        config=ReaderConfig(clipboard="osc52"),
        seed=False,
    )


async def _until(pilot, ready, what: str) -> None:
    """Wait (by polling, a loaded machine may be slow) until `ready()`; then let it paint."""
    for _ in range(200):
        await pilot.pause(0.05)
        await pilot.app.workers.wait_for_complete()
        if ready():
            await pilot.pause(0.1)
            return
    raise AssertionError(f"timed out waiting for {what}")


async def _search(pilot) -> None:
    await pilot.press(*"civilians baghouz")
    await _until(pilot, lambda: pilot.app.screen.query_one(ResultsList).hits, "results")


async def _open(pilot) -> None:
    await _search(pilot)
    await pilot.press("enter")

    def loaded() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, ArticleScreen) and screen.query_one(ArticleView).article is not None

    await _until(pilot, loaded, "the article")


async def _open_quote(pilot) -> None:
    await _open(pilot)
    await pilot.press("tab", "j", "j")
    await pilot.pause(0.2)


def test_snapshot_search_results(snap_compare, seed_index, tmp_path):
    assert snap_compare(_app(seed_index, tmp_path), terminal_size=(100, 30), run_before=_search)


def test_snapshot_article_view(snap_compare, seed_index, tmp_path):
    assert snap_compare(_app(seed_index, tmp_path), terminal_size=(140, 40), run_before=_open_quote)


def test_snapshot_article_view_80x24(snap_compare, seed_index, tmp_path):
    assert snap_compare(_app(seed_index, tmp_path), terminal_size=(80, 24), run_before=_open)


def test_snapshot_help(snap_compare, seed_index, tmp_path):
    async def help_screen(pilot) -> None:
        await pilot.press("tab", "question_mark")
        await pilot.pause()

    assert snap_compare(_app(seed_index, tmp_path), terminal_size=(100, 40), run_before=help_screen)
