"""The newsdesk reader: a Textual app over a `SearchEngine`.

`run_reader(args)` runs the app over the index named by --index / NEWSDESK_INDEX: the first
frame is painted before the index is opened (see `tui.opening`), an empty index is seeded in
a subprocess (unless --no-seed), and an index that cannot be opened ends the reader with a
one-line reason. Everything slow (opening, search, loading an article, seeding) runs in
thread workers so keystrokes are never blocked.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.worker import get_current_worker

from index.api import SearchEngine
from index.errors import NewsdeskError
from index.paths import default_index_dir, seeds_dir
from tui import startup
from tui.data.config import ConfigError, ReaderConfig, load_config
from tui.data.state import ReadState
from tui.opening import EngineOpening
from tui.screens.covered import QuietWhenCovered
from tui.screens.search import SearchScreen
from tui.widgets.search_input import SearchInput

COMPACT_FRAMES = os.environ.get("NEWSDESK_PLAIN_FRAMES", "") not in ("1", "yes", "true")

if TYPE_CHECKING:
    from tui.keys import KeyRow

# The article and help screens, the side panel and the command palette load when first
# used, not before the first frame (see `_article_screen`, `_help_screen`, `_actions_provider`).

EngineFactory = Callable[[], SearchEngine]


def _actions_provider():
    from tui.commands import ActionsProvider

    return ActionsProvider


def _article_screen() -> type:
    from tui.screens.article import ArticleScreen

    return ArticleScreen


def _help_screen() -> type:
    from tui.screens.help import HelpScreen

    return HelpScreen


class NewsdeskApp(App):
    # The search screen's rules load with the app's: a screen's own CSS_PATH is read when it
    # is pushed, and Textual then parses every stylesheet again (about 10 ms before the
    # first frame). The article and help screens keep theirs, read when first opened.
    CSS_PATH = ["app.tcss", "screens/search.tcss"]
    TITLE = "newsdesk"
    COMMANDS = App.COMMANDS | {_actions_provider}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Keys", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.commands"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.next_pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="app.previous_pane"),
    ]

    def __init__(
        self,
        engine: SearchEngine | None,
        *,
        opening: EngineOpening | None = None,
        engine_factory: EngineFactory | None = None,
        state: ReadState | None = None,
        config: ReaderConfig | None = None,
        seed: bool = True,
        index_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.animation_level = "none"  # over SSH every frame costs; nothing animates
        self.engine: Any = engine
        # The index being opened (engine None until it is): started after the first frame.
        self.opening = opening if engine is None else None
        self.engine_factory = engine_factory or (opening.factory if opening is not None else None)
        self.fatal: str | None = None  # why the reader had to stop; printed once the terminal is back
        self.state = state or ReadState.load()
        self.config = config or ReaderConfig()
        self.seed = seed
        self.index_dir = index_dir
        self.search_terms: list[str] = []
        self._state_warned = False
        if self.config.theme:
            if self.config.theme not in self.available_themes:
                names = ", ".join(sorted(self.available_themes))
                where = f"{self.config.path}: " if self.config.path else ""
                raise ConfigError(f"{where}unknown theme {self.config.theme!r} (available: {names})")
            self.theme = self.config.theme
        if self.config.keys:
            self.set_keymap(self.config.keys)

    @property
    def article_count(self) -> int:
        if self.engine is None:
            return 0
        try:
            return self.engine.count()
        except Exception:
            return 0

    @property
    def engine_pending(self) -> bool:
        """The index is still being opened (searches wait for `_engine_opened`)."""
        return self.engine is None and self.opening is not None

    def get_default_screen(self) -> QuietWhenCovered:
        # Textual's empty screen at the bottom of the stack, but quiet under the search
        # screen: a stock one is laid out again by the terminal's first Resize and repaints
        # the whole terminal, a second full frame right after the first.
        return QuietWhenCovered(id="_default")

    def on_mount(self) -> None:
        if self.state.problem:
            self.notify(self.state.problem, severity="warning")
        self.push_screen(SearchScreen())
        self.call_after_refresh(startup.release_collections)  # paused by tui.main until the first frame
        if self.opening is not None:
            self.call_after_refresh(self._open_engine)  # once the first frame is on the terminal
        else:
            self._offer_seeding()

    def _open_engine(self) -> None:
        if self.opening is not None:
            self.opening.start()
            self._wait_for_engine(self.opening)

    @work(thread=True, exclusive=True, group="open")
    def _wait_for_engine(self, opening: EngineOpening) -> None:
        from index.store import NoIndexError

        problem: str | None = None
        engine = None
        try:
            engine = opening.result()
        except NoIndexError:
            pass  # seeded (or explained) by _engine_opened
        except NewsdeskError as exc:
            problem = str(exc)
        except Exception as exc:  # an index Whoosh cannot read: one line, never a traceback
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            problem = f"{opening.index_dir}: cannot open the index ({detail})"
        if get_current_worker().is_cancelled:  # the reader closed meanwhile
            if engine is not None:
                engine.close()
            return
        if problem is not None:
            self.call_from_thread(self._stop_with, problem)
            return
        self.call_from_thread(self._engine_opened, engine)
        if engine is not None and startup.manages_heap():
            while not opening.warmed.wait(0.1):  # the warm-up search loads what searches use
                if get_current_worker().is_cancelled:
                    return
            startup.freeze_loaded()  # full collections stop walking the open index

    def _stop_with(self, problem: str) -> None:
        self.fatal = problem
        self.exit(return_code=2)

    def _engine_opened(self, engine: SearchEngine | None) -> None:
        self.opening = None
        self.engine = engine
        search = self._search_screen()
        if search is not None:
            search.engine_ready()
        self._offer_seeding()

    def _offer_seeding(self) -> None:
        if self.engine is None or self.article_count == 0:
            if self.seed and self.index_dir is not None:
                self.notify("The index is empty: indexing the shipped seeds\u2026", title="newsdesk", timeout=30)
                self.seed_index()
            elif self.engine is None:
                self.notify("No index yet: create one with `newsdesk index PATH`", severity="warning", timeout=10)

    @work(thread=True, exclusive=True, group="seed")
    def seed_index(self) -> None:
        from tui.seeding import run_step, seed_commands

        assert self.index_dir is not None
        seeds = seeds_dir()
        if not seeds.is_dir():
            self.call_from_thread(self._seed_failed, f"{seeds}: no seeds folder to index")
            return
        for phase, command in seed_commands(seeds):
            problem = run_step(self.index_dir, command)
            if problem is not None:
                self.call_from_thread(self._seed_failed, problem)
                return
            self.call_from_thread(self._seed_phase_done, phase)

    def _seed_failed(self, problem: str) -> None:
        self.notify(problem, title="seeding failed", severity="error", timeout=15)

    def _seed_phase_done(self, phase: str) -> None:
        try:
            if self.engine is None and self.engine_factory is not None:
                self.engine = self.engine_factory()
            elif self.engine is not None:
                self.engine.refresh()
        except NewsdeskError as exc:
            self._seed_failed(str(exc))
            return
        if phase == "index":
            self.notify(
                f"{self.article_count:,} seed articles are searchable; extracting entities, numbers and quotes\u2026",
                timeout=8,
            )
        else:
            self.notify("extraction finished: entities, numbers and quotes are ready", timeout=4)
        search = self._search_screen()
        if search is not None:
            query = search.query_one(SearchInput).value
            search.start_search(query) if query.strip() else search.show_idle()

    # --- output ------------------------------------------------------------------------------

    # Frames are written compacted (tui.frame_bytes) unless NEWSDESK_PLAIN_FRAMES=1: the same
    # screen in fewer bytes; the switch is there for a terminal that shows it differently.
    # Whether the terminal erases in the current background (see tui.frame_bytes): looked up
    # in terminfo once the first frame is out (curses takes 6 ms to import); None until then.
    _erase_in_background: bool | None = None

    def _display(self, screen: Any, renderable: Any) -> None:  # Textual 8 private: writes a frame
        from textual._compositor import ChopsUpdate, LayoutUpdate

        if isinstance(renderable, (ChopsUpdate, LayoutUpdate)) and not self.is_inline and COMPACT_FRAMES:
            from tui.frame_bytes import CompactUpdate

            if self._erase_in_background is None:
                self.call_later(self._learn_terminal)
            renderable = CompactUpdate(renderable, self.size.width, bool(self._erase_in_background))
        super()._display(screen, renderable)

    def _learn_terminal(self) -> None:
        from tui.frame_bytes import terminal_erases_in_background

        if self._erase_in_background is None:
            self._erase_in_background = terminal_erases_in_background()

    # --- navigation --------------------------------------------------------------------------

    def _search_screen(self) -> SearchScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, SearchScreen):
                return screen
        return None

    def _back_to_search(self) -> SearchScreen | None:
        while isinstance(self.screen, (_article_screen(), _help_screen())):
            self.pop_screen()
        return self._search_screen()

    def open_article(self, ids: list[str], index: int) -> None:
        """Show the article at `index` of `ids`: loaded first, then shown in one paint.

        The article screen goes up with its text already in it; pushed empty and filled
        by a worker, it would repaint the whole terminal twice (about 10 KB each at 100x30).
        """
        if self.engine is not None and ids and 0 <= index < len(ids):
            self._load_and_open(list(ids), index)

    @work(thread=True, exclusive=True, group="open-article")
    def _load_and_open(self, ids: list[str], index: int) -> None:
        from tui.screens.article import load_article

        article, problem = load_article(self.engine, ids[index])
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._push_article, ids, index, article, problem)

    def _push_article(self, ids: list[str], index: int, article: Any, problem: str | None) -> None:
        if problem is not None:
            self.notify(problem, severity="error")
        elif not isinstance(self.screen, _article_screen()):  # Enter pressed twice: one screen
            self.push_screen(_article_screen()(ids, index, article))

    def article_opened(self, article_id: str, index: int) -> None:
        self.state.mark_read(article_id)
        self.state.last_article = article_id
        self.save_state()
        search = self._search_screen()
        if search is not None:
            search.sync_later(index)  # applied when it shows again: a hidden screen's relayout repaints the whole terminal

    def focus_search(self) -> None:
        search = self._back_to_search()
        if search is not None:
            search.action_focus_search()

    def search_for(self, query: str) -> None:
        search = self._back_to_search()
        if search is not None:
            search.set_query(query)
            search.query_one(SearchInput).focus()

    # --- services ----------------------------------------------------------------------------

    def copy(self, text: str, what: str) -> None:
        from tui.clipboard import copy_text

        notice, ok = copy_text(self, text, what, self.config.clipboard)
        self.notify(notice, severity="information" if ok else "error", timeout=3)

    def save_state(self) -> None:
        try:
            self.state.save()
        except OSError as exc:
            if not self._state_warned:
                self._state_warned = True
                self.notify(f"{self.state.path}: cannot save reader state ({exc.strerror or exc})", severity="warning")

    def help_rows(self) -> list["KeyRow"]:
        from tui.keys import key_rows
        from tui.widgets.article_view import ArticleView
        from tui.widgets.nav_list import NavList
        from tui.widgets.side_panel import SidePanel

        ArticleScreen = _article_screen()
        return key_rows(
            self,
            [
                ("everywhere", [NewsdeskApp]),
                ("search", [SearchScreen, SearchInput]),
                ("lists", [NavList, SidePanel]),
                ("article", [ArticleScreen, ArticleView]),
            ],
        )

    def action_help(self) -> None:
        HelpScreen = _help_screen()
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_rows()))


def run_reader(args: Any, opening: EngineOpening | None = None) -> int:
    """Entry point for `newsdesk` with no command. Returns the exit status.

    `opening` is the index to open (made by `tui.main`); the app starts it after its first
    frame. An index that cannot be opened ends the app; the reason is printed here, in one
    line, once the terminal is restored.
    """
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    if opening is None:
        opening = EngineOpening(default_index_dir(getattr(args, "index", None)))
    if getattr(args, "theme", None):
        config.theme, config.path = args.theme, None  # the flag beats the file
    try:
        app = NewsdeskApp(
            None,
            opening=opening,
            config=config,
            seed=not getattr(args, "no_seed", False),
            index_dir=opening.index_dir,
        )
    except ConfigError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return 2
    try:
        app.run()
    finally:
        if app.engine is not None:
            app.engine.close()
    if app.fatal is not None:
        print(f"newsdesk: {app.fatal}", file=sys.stderr)
        return 2
    return app.return_code or 0
