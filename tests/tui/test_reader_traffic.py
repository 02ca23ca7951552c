"""What the reader writes to the terminal: compact lines, a position label instead of a
scrollbar, no rebuild of unchanged results, the hidden search screen left alone."""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tests.tui.conftest import settle
from tui.screens.search import SearchScreen
from tui.strips import compact_strip
from tui.widgets.article_view import ArticleView, Position, position_label
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput

BG = Style(bgcolor="#121212")
TEXT = Style(color="#e0e0e0", bgcolor="#121212", meta={"offset": (0, 0)})


def _ansi(strip: Strip) -> str:
    from rich.console import Console

    return strip.render(Console(color_system="truecolor"))


def test_trailing_blanks_join_the_text_run_and_empty_segments_go():
    strip = Strip([Segment("", TEXT), Segment("Aid workers", TEXT), Segment("     ", BG)], 16)
    compact = compact_strip(strip)
    assert compact.text == strip.text and compact.cell_length == 16
    assert [s.text for s in compact] == ["Aid workers     "]
    assert _ansi(compact).count("\x1b[0m") == 1 and len(_ansi(compact)) < len(_ansi(strip))


def test_blanks_that_would_look_different_are_kept_apart():
    reverse = Style(color="#e0e0e0", bgcolor="#121212", reverse=True)
    other_bg = Style(bgcolor="#000000")
    for before, blank in [(reverse, BG), (TEXT, other_bg), (TEXT, Style(bgcolor="#121212", underline=True))]:
        strip = Strip([Segment("word", before), Segment("   ", blank)], 7)
        assert [s.text for s in compact_strip(strip)] == ["word", "   "]
    words = Strip([Segment("one", TEXT), Segment(" two", TEXT)], 7)  # not blanks: offsets kept
    assert [s.text for s in compact_strip(words)] == ["one", " two"]


def test_position_label_reads_like_less():
    assert position_label(0, 0) == "All"
    assert position_label(0, 50) == "Top"
    assert position_label(25, 50) == "50%"
    assert position_label(50, 50) == "Bottom"


async def test_article_view_has_no_scrollbar_and_shows_its_position(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(["bakery"], 0)
        await settle(pilot, app)
        view = app.screen.query_one(ArticleView)
        assert view.max_scroll_y > 0 and view.scrollbar_size_vertical == 0
        assert str(app.screen.query_one(Position).visual) == "Top"
        await pilot.press("G")
        await pilot.pause(0.1)
        assert str(app.screen.query_one(Position).visual) == "Bottom"
        await pilot.press("g", "j")
        await pilot.pause(0.1)
        assert str(app.screen.query_one(Position).visual).endswith("%")


async def test_unchanged_results_are_not_rebuilt(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakery")
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        built = results.rebuilds
        assert len(results.hits) == 3
        await pilot.press("space")  # "bakery " finds the same articles
        await settle(pilot, app)
        assert app.screen.query_one(SearchInput).value == "bakery "
        assert results.rebuilds == built and len(results.hits) == 3
        await pilot.press("backspace", "backspace")  # "baker": other hits
        await settle(pilot, app)
        assert results.rebuilds == built + 1


async def test_opening_an_article_leaves_the_hidden_search_screen_until_it_returns(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakery")
        await settle(pilot, app)
        search = app.screen
        assert isinstance(search, SearchScreen)
        results = search.query_one(ResultsList)
        await pilot.press("down", "enter")
        await settle(pilot, app)
        opened = app.state.last_article
        assert opened is not None and search._pending_sync is not None
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is search and search._pending_sync is None
        assert results.current_hit is not None and results.current_hit.id == opened
        assert str(results.get_option_at_index(results.highlighted).prompt.plain).startswith("  ")  # read: no dot


async def test_the_query_box_cursor_does_not_blink_while_idle(make_app, fake_engine, monkeypatch):
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", True)  # the fixtures turn blinking off for all
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        box = app.screen.query_one(SearchInput)
        assert app.focused is box and box.cursor_blink is False
        shown = box._cursor_visible
        await pilot.pause(1.2)  # more than two blink periods
        assert box._cursor_visible == shown
