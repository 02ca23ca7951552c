"""What keeps keystrokes and article opening cheap: lazy result rows, a status line that does
not ask for layouts, suggestions only after a pause, the article in the screen's first frame."""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.css.styles import Styles
from textual.strip import Strip

from index.api import Hit
from tests.tui.conftest import settle
from tui.screens.article import ArticleScreen
from tui.strips import compact_strip
from tui.widgets.article_view import ArticleView
from tui.widgets.results import SNIPPET_LINES, HitRow, ResultsList
from tui.widgets.search_input import SearchInput
from tui.widgets.status_line import StatusLine

LONG = " ".join(f"word{i}" for i in range(80))


def _hit(snippet: str, title: str = "A title") -> Hit:
    return Hit(id="x", title=title, date="2020-01-02", source="Wire", score=1.0, snippet=snippet,
               highlights=[(0, 5)] if snippet else [])


def test_a_result_row_draws_exactly_the_rows_it_measures():
    rules = Styles()
    for snippet in ("", "short snippet", LONG, "x" * 300):
        for width in (12, 40, 96):
            row = HitRow(_hit(snippet, title="T" * 150), read=False, starred=False)
            lines = row.lines(width)
            assert len(lines) == row.get_height(rules, width)
            assert all(line.cell_length <= width for line in lines)


def test_a_long_snippet_is_cut_to_two_lines_with_an_ellipsis():
    row = HitRow(_hit(LONG), read=True, starred=False)
    lines = row.lines(60)
    snippet_rows = lines[2:-1]
    assert len(snippet_rows) == SNIPPET_LINES and snippet_rows[-1].plain.endswith("\u2026")
    assert row.plain.endswith(LONG + "\n")  # the whole text is still there for copying and tests
    assert str(row).startswith("  A title")  # read: no dot


def test_a_fitting_snippet_takes_one_row():
    row = HitRow(_hit("fits on one row"), read=False, starred=True)
    assert [line.plain for line in row.lines(40)] == ["\u2605 A title", "2020-01-02 \u00b7 Wire", "fits on one row", ""]


async def test_only_the_results_on_screen_are_styled(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"the")  # matches every seed article
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        assert results.option_count >= 20
        rows = [results.get_option_at_index(i).prompt for i in range(results.option_count)]
        drawn = [i for i, row in enumerate(rows) if row._rendered is not None]
        assert drawn and drawn == list(range(len(drawn)))  # the top of the list, nothing below it
        assert len(drawn) * 4 <= results.size.height + 8


async def test_snippets_are_made_for_the_rows_on_screen_first_and_the_rest_after(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"the")
        await settle(pilot, app)
        await pilot.pause(0.3)  # the rows below the fold are filled once typing pauses
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        visible = results.size.height // 4 + 1
        assert fake_engine.snippet_requests[-1] == visible < results.option_count
        assert fake_engine.filled and all(q == "the" for q, _start, _stop in fake_engine.filled[-2:])
        expected = fake_engine.search("the", limit=50)
        assert [(h.snippet, h.highlights) for h in results.hits] == [(h.snippet, h.highlights) for h in expected.hits]
        row = results.get_option_at_index(results.option_count - 1).prompt
        assert row.hit.snippet and row.hit.snippet in row.plain  # the row drawn below the fold has it too


async def test_filling_rows_below_the_fold_repaints_nothing(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        results = app.screen.query_one(ResultsList)
        hits = fake_engine.search("the", limit=50).hits
        pending = [Hit(id=h.id, title=h.title, date=h.date, source=h.source, score=h.score, snippet=None) for h in hits]
        results.show_hits(pending, set(), set())
        await pilot.pause()
        repaints: list[tuple] = []
        original = results.refresh
        results.refresh = lambda *a, **k: (repaints.append(a), original(*a, **k))[1]
        last = len(hits) - 1
        results.fill_snippets(last, [(hits[last].snippet, hits[last].highlights)])
        assert repaints == [] and results.hits[last].snippet == hits[last].snippet
        results.fill_snippets(0, [(hits[0].snippet, hits[0].highlights)])  # on screen: repainted
        assert len(repaints) == 1
        assert hits[0].snippet in results.get_option_at_index(0).prompt.plain


async def test_the_status_line_asks_for_a_layout_only_when_its_height_changes(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        status.show(Content("10 articles"))  # shown before the first layout: its height was unknown
        layouts: list[bool] = []
        original = status.refresh

        def spy(*regions, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return original(*regions, **kwargs)

        status.refresh = spy
        status.show(Content("3 hits \u00b7 1.0 ms"))
        status.show(Content("4 hits \u00b7 2.0 ms"))
        assert layouts == [False, False]
        status.show(Content("word " * 60))  # wraps to a second row
        assert layouts[-1] is True


async def test_typing_in_the_query_box_asks_for_no_layout(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = app.screen.query_one(SearchInput)
        layouts: list[bool] = []
        original = box.refresh

        def spy(*regions, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return original(*regions, **kwargs)

        box.refresh = spy
        await pilot.press(*"bakery")
        assert box.value == "bakery" and layouts and not any(layouts)
        assert box.virtual_size.width == len("bakery") + 1  # still measured, for scrolling sideways


async def test_did_you_mean_waits_for_a_pause_in_typing(make_app, fake_engine, monkeypatch):
    monkeypatch.setattr("tui.screens.search.SUGGEST_AFTER_S", 0.6)
    asked: list[str] = []
    original = fake_engine.suggest

    def suggest(query: str):
        asked.append(query)
        return original(query)

    fake_engine.suggest = suggest
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakeyr")
        await pilot.pause(0.2)
        await pilot.press("x")  # typing goes on before the pause is over: no suggestion for "bakeyr"
        await settle(pilot, app)
        assert asked == ["bakeyrx"]
        assert "Did you mean" in str(app.screen.query_one(StatusLine).render())


async def test_an_article_is_in_its_screen_from_the_first_frame(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakery")
        await settle(pilot, app)
        first_frames: list[bool] = []
        original = app._display

        def display(screen, renderable):
            if isinstance(screen, ArticleScreen) and not first_frames:
                first_frames.append(screen.query_one(ArticleView).article is not None)
            return original(screen, renderable)

        app._display = display
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        assert first_frames == [True]
        assert app.screen.has_class("-narrow")  # the breakpoint class was there before the first layout


def test_leading_blanks_join_the_text_after_them():
    bg = Style(bgcolor="#121212")
    text = Style(color="#e0e0e0", bgcolor="#121212")
    strip = Strip([Segment("  ", bg), Segment("Aid workers", text), Segment("   ", bg)], 16)
    compact = compact_strip(strip)
    assert compact.text == strip.text and [s.text for s in compact] == ["  Aid workers   "]
    selected = Style(color="#e0e0e0", bgcolor="#0178d4")  # another background: kept apart
    assert [s.text for s in compact_strip(Strip([Segment("  ", bg), Segment("quote", selected)], 7))] == ["  ", "quote"]
