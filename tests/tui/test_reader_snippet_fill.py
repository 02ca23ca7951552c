"""Snippets filled after the results are painted (tui/screens/search.py fills the rows below
the fold later): rows change height as their snippets arrive, and the list must keep what
the reader sees where it was, and repaint rows on screen whose snippets came in."""
from __future__ import annotations

import asyncio

from tests.tui.conftest import FakeEngine, settle

from index.models import Article
from tui.data.state import ReadState
from tui.screens.search import SearchScreen
from tui.widgets.results import ResultsList


def _zebras() -> list[Article]:
    # One-line snippets on a wide screen: each filled row is shorter than its 2-line placeholder.
    return [Article(title=f"Zebra story {i:02d}", body=f"The zebra number {i} walked. Short.\n",
                    date="2020-01-01", source="W", id=f"a{i:02d}") for i in range(50)]


def _row_on_screen(results: ResultsList, index: int) -> bool:
    line = results._index_to_line[index]
    top = results.scroll_offset.y
    return top <= line < top + results.scrollable_content_region.height


async def test_the_highlighted_row_stays_on_screen_when_rows_above_it_shrink(make_app, tmp_path):
    state = ReadState.load(tmp_path / "state.json")
    state.last_query, state.last_article = "zebra", "a45"  # reopening far down the list
    app = make_app(FakeEngine(_zebras()), state=state)
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        assert results.highlighted == 45
        await asyncio.sleep(0.5)  # the rows above are filled after typing pauses
        await settle(pilot, app)
        assert all(h.snippet is not None for h in results.hits), "the fill did not run: nothing tested"
        assert _row_on_screen(results, 45)


async def test_rows_on_screen_are_repainted_after_an_earlier_fill_changed_heights(make_app, tmp_path, monkeypatch):
    monkeypatch.setattr(SearchScreen, "_fill_rest", lambda self, *a: True)  # fill by hand below
    state = ReadState.load(tmp_path / "state.json")
    state.last_query = "zebra"
    app = make_app(FakeEngine(_zebras()), state=state)
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        results.highlighted = 20
        await settle(pilot, app)
        top = results.scroll_offset.y
        waiting = [i for i, h in enumerate(results.hits) if h.snippet is None]
        above = [i for i in waiting if results._index_to_line[i] + results._heights[i] <= top]
        shown = [i for i in waiting if _row_on_screen(results, i)]
        assert above and shown, "no unfilled rows above and on screen: nothing tested"
        highlighted_line = results._index_to_line[20] - top
        calls: list[int] = []
        refresh = results.refresh
        monkeypatch.setattr(results, "refresh", lambda *a, **k: (calls.append(1), refresh(*a, **k))[1])
        results.fill_snippets(above[0], [("short one", [])] * 3)  # heights above the view change
        assert results._index_to_line[20] - results.scroll_offset.y == highlighted_line
        before = len(calls)
        results.fill_snippets(shown[0], [("short two", [])] * len(shown))
        assert len(calls) > before, "rows on screen got their snippets but were not repainted"
        assert all(results.hits[i].snippet == "short two" for i in shown)


async def test_a_failing_fill_leaves_no_placeholder_rows(make_app, tmp_path, monkeypatch):
    """If making the remaining snippets fails, their rows show no snippet instead of two
    blank placeholder lines each, and the reader goes on."""
    engine = FakeEngine(_zebras())

    def broken(result, start, stop):
        raise OSError("disk went away")

    monkeypatch.setattr(engine, "fill_snippets", broken)
    state = ReadState.load(tmp_path / "state.json")
    state.last_query = "zebra"
    app = make_app(engine, state=state)
    async with app.run_test(size=(160, 20)) as pilot:
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        assert any(h.snippet for h in results.hits), "no row got a snippet before the fill"
        await asyncio.sleep(0.5)
        await settle(pilot, app)
        assert len(results.hits) == 50
        assert all(h.snippet is not None for h in results.hits)
