"""Start-up order and what a covered screen writes: the first frame is painted before the
index opens, a search typed meanwhile runs once it is open, and the search screen under an
article never repaints the terminal."""
from __future__ import annotations

import threading

from textual._compositor import LayoutUpdate
from textual.color import Color
from textual.widgets import Static

from tests.tui.conftest import settle
from tui.opening import EngineOpening
from tui.screens.covered import covered
from tui.screens.search import SearchScreen
from tui.widgets.results import ResultsList


class GatedOpening(EngineOpening):
    """Opens to `engine` only when `gate` is set; records whether a frame was out first."""

    def __init__(self, engine, app_displayed) -> None:
        super().__init__(index_dir=None)  # type: ignore[arg-type]
        self.engine = engine
        self.gate = threading.Event()
        self.app_displayed = app_displayed
        self.started_after_first_frame: bool | None = None

    def start(self) -> None:
        if self.started_after_first_frame is None:
            self.started_after_first_frame = self.app_displayed()
        super().start()

    def _open(self) -> None:
        self.gate.wait(10)
        self._engine = self.engine
        self._opened.set()


def _record_displays(app) -> list[tuple[object, type]]:
    shown: list[tuple[object, type]] = []
    display = app._display

    def recording(screen, renderable):
        if renderable is not None:
            shown.append((screen, type(renderable)))
        return display(screen, renderable)

    app._display = recording
    return shown


async def test_first_frame_is_painted_before_the_index_opens(make_app, fake_engine):
    displays: list = []
    opening = GatedOpening(fake_engine, lambda: bool(displays))
    app = make_app(None, opening=opening)
    displays = _record_displays(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.1)
        assert opening.started_after_first_frame is True
        assert app.engine is None and app.engine_pending
        status = app.screen.query_one("#status", Static)
        assert str(status.visual).startswith("opening the index")
        await pilot.press(*"bakery")
        await pilot.pause(0.2)
        assert app.screen.query_one(ResultsList).hits == []  # nothing to search yet, and no error
        assert "failed" not in str(status.visual) and "no index" not in str(status.visual)
        opening.gate.set()
        await settle(pilot, app)
        assert app.engine is fake_engine and not app.engine_pending
        hits = app.screen.query_one(ResultsList).hits
        assert [h.id for h in hits][:1] == ["bakery"]  # the query typed meanwhile ran


async def test_an_idle_reader_shows_the_count_once_the_index_is_open(make_app, fake_engine):
    opening = GatedOpening(fake_engine, lambda: True)
    app = make_app(None, opening=opening)
    async with app.run_test(size=(100, 30)) as pilot:
        opening.gate.set()
        await settle(pilot, app)
        status = str(app.screen.query_one("#status", Static).visual)
        assert status.startswith(f"{fake_engine.count():,} articles")


async def test_the_search_screen_under_an_article_writes_nothing(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakery")
        await settle(pilot, app)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await pilot.press("enter")
        await settle(pilot, app)
        article = app.screen
        assert article is not search and covered(search) and not covered(article)
        shown = _record_displays(app)
        # What Textual does behind an article: bindings refreshed (the footer rebuilds), a
        # widget changed. Each used to repaint the whole terminal.
        search.refresh_bindings()
        search.query_one("#status", Static).update("changed behind the article")
        await settle(pilot, app)
        assert not [kind for _, kind in shown if kind is LayoutUpdate]
        assert all(screen is not search for screen, _ in shown)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is search
        assert any(screen is search and kind is LayoutUpdate for screen, kind in shown)  # repainted on return
        assert str(search.query_one("#status", Static).visual) == "changed behind the article"


async def test_only_an_opaque_screen_covers_the_one_below(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        search = app.screen
        await pilot.press("tab", "question_mark")
        await pilot.pause(0.2)
        top = app.screen
        assert top is not search and top.styles.background.a == 1 and covered(search)
        top.styles.background = Color(0, 0, 0, 0.6)  # a translucent modal shows what is below
        assert not covered(search) and not covered(top)
