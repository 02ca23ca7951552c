"""Layout at 80×24 and 200×60, the generated help screen, the command palette."""
from __future__ import annotations

import itertools

import pytest
from textual.widgets import DataTable

from tests.tui.conftest import settle
from tui.app import NewsdeskApp
from tui.screens.article import ArticleScreen
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput
from tui.widgets.side_panel import SidePanel


def assert_tiled(screen, widgets) -> None:
    """Every pane is visible with a real size, inside the screen, and no two overlap."""
    regions = [w.region for w in widgets]
    for widget, region in zip(widgets, regions):
        assert region.width >= 10 and region.height >= 3, f"{widget} is squeezed to {region}"
        assert screen.region.contains_region(region), f"{widget} spills out: {region}"
    for (a, ra), (b, rb) in itertools.combinations(zip(widgets, regions), 2):
        assert not ra.overlaps(rb), f"{a} {ra} overlaps {b} {rb}"


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_panes_fit_without_overlap(make_app, fake_engine, size):
    app = make_app(fake_engine)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*"trucks")
        await settle(pilot, app)
        screen = app.screen
        assert_tiled(screen, [screen.query_one(SearchInput), screen.query_one(ResultsList)])
        await pilot.press("enter")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        view, panel = screen.query_one(ArticleView), screen.query_one(SidePanel)
        assert_tiled(screen, [view, panel])
        if size[0] == 80:  # stacked: the panel sits under the article
            assert screen.has_class("-narrow") and panel.region.y >= view.region.bottom
        else:  # side by side, the article gets the larger share
            assert screen.has_class("-wide") and panel.region.x >= view.region.right
            assert view.region.width > panel.region.width


async def test_tab_cycles_panes(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"trucks", "enter")
        await settle(pilot, app)
        assert isinstance(app.focused, ArticleView)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(type(app.focused).__name__)
        assert "QuoteList" in seen or "Tabs" in seen
        assert "ArticleView" in seen  # and back round to the article


async def test_help_lists_every_binding(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("tab")  # leave the query box: `?` there would be typed
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        described = {row[2] for row in rows}
        assert rows[0][0] == "everywhere" and "article" in {row[0] for row in rows}
        from tui.widgets.article_view import ArticleView as View
        from tui.widgets.nav_list import NavList
        from textual.binding import Binding

        for cls in (NewsdeskApp, SearchScreen, ArticleScreen, View, NavList, SearchInput):
            for binding in Binding.make_bindings(cls.BINDINGS):
                if binding.description:
                    assert binding.description in described, f"{cls.__name__}: {binding.description} missing"
        keys = {row[2]: row[1] for row in rows}
        assert keys["Copy quote"] == "c" and keys["Copy citation"] == "C"
        assert keys["Keys"] == "? / f1"
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_key_overrides_from_config_apply_and_show_in_help(make_app, fake_engine, system_clipboard):
    from tui.data.config import ReaderConfig

    app = make_app(fake_engine, config=ReaderConfig(keys={"article.copy_quote": "y"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"trucks", "enter")
        await settle(pilot, app)
        await pilot.press("tab")
        await settle(pilot, app)
        await pilot.press("y")
        assert app.clipboard == "They said the food situation was very bad,"
        rows = {row.description: row.keys for row in app.help_rows()}
        assert rows["Copy quote"] == "y"


async def test_command_palette_offers_the_actions(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"trucks", "enter")
        await settle(pilot, app)
        from tui.commands import ActionsProvider

        provider = ActionsProvider(app.screen)
        labels = [label for label, *_ in provider._commands()]
        for wanted in ("Copy quote", "Copy citation", "Save clipping", "Next article", "Entities", "Quit", "Keys"):
            assert wanted in labels
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"entities")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen) and app.screen.show_entities is False


async def test_nothing_is_redrawn_while_idle(make_app, fake_engine):
    """Over SSH every frame costs: no animation, no blinking, no spinner while idle."""
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.animation_level == "none"
        await pilot.press(*"trucks")
        await settle(pilot, app)
        await pilot.press("tab")  # the query box (the only blinking cursor) loses focus
        await pilot.press("enter")  # open the article, then sit still
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.pause(0.5)
        frames = []
        original = app._display

        def counting(screen, renderable):
            frames.append(renderable)
            return original(screen, renderable)

        app._display = counting
        await pilot.pause(1.5)
        assert frames == []
