"""The search screen: query box, status line (hits, time, did-you-mean, errors), results."""
from __future__ import annotations

import dataclasses
import threading
import time
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList
from textual.worker import get_current_worker

from index.api import SearchResult
from tui.screens.covered import QuietFooter, QuietWhenCovered
from tui.screens.paint_now import PaintsWhenIdle
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import NewsdeskApp


# Keys that arrive together (a paste without bracketed paste, keys queued on a slow link)
# run one search; any pause a person makes is longer than this, so each typed key is
# answered at once (the wait is part of every keystroke's latency). The search itself runs
# in an exclusive thread worker.
DEBOUNCE_S = 0.004
RESULT_LIMIT = 50
# The snippets of the results below the fold are made once typing pauses this long (or the
# highlight moves), FILL_CHUNK at a time, so a keystroke waits for one chunk at most.
FILL_AFTER_S = 0.12
FILL_CHUNK = 8
VISIBLE_HITS_DEFAULT = 8  # snippets made before the first paint when the list has no size yet
# A query with no hits gets its "did you mean" once typing has paused this long: it holds the
# index for 100-300 ms (Whoosh, under the engine's lock), so it is computed for a query the
# user stopped at, not for every half-typed word, and does not hold up the next keystroke.
SUGGEST_AFTER_S = 0.5
STATE_SAVE_S = 1.0  # the last query is written to disk once typing pauses, not per keystroke


def shown_copy(result: SearchResult) -> SearchResult:
    """`result` with hits of its own, for the screen, while a worker fills in the original."""
    return dataclasses.replace(result, hits=[dataclasses.replace(h, highlights=list(h.highlights)) for h in result.hits],
                               terms=list(result.terms))


class SearchScreen(PaintsWhenIdle, QuietWhenCovered):
    # Its rules (search.tcss) are the app's: see NewsdeskApp.CSS_PATH
    AUTO_FOCUS = "#query"
    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="search.focus"),
        Binding("escape", "leave_input", "To results", show=False, id="search.leave"),
        Binding("enter", "open", "Open", id="search.open", show=False),
        Binding("m", "toggle_read", "Read/unread", id="search.toggle_read"),
        Binding("f", "toggle_star", "Star", id="search.toggle_star"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.generation = 0  # bumped per keystroke; a result for an older one is dropped
        self.result: SearchResult | None = None
        self._debounce: Timer | None = None
        self._open_when_ready = False  # Enter pressed before the results arrived
        self._state_save: Timer | None = None
        self._pending_sync: int | None = None  # see sync_later
        self._fill_now = threading.Event()  # the highlight moved: fill in snippets without waiting

    @property
    def reader(self) -> "NewsdeskApp":
        return cast("NewsdeskApp", self.app)

    def compose(self) -> ComposeResult:
        yield SearchInput(
            history=self.reader.state.history,
            placeholder='search: words, "a phrase", person:"…", org:…, place:…, AND/OR/NOT',
            id="query",
        )
        yield StatusLine(id="status")
        yield ResultsList(id="results")
        yield QuietFooter()

    def on_mount(self) -> None:
        self._results = self.query_one(ResultsList)
        last = self.reader.state.last_query
        if last:
            self.set_query(last)
        else:
            self.show_idle()

    # --- searching -------------------------------------------------------------------------

    def show_idle(self) -> None:
        if self.reader.engine_pending:
            text = "opening the index\u2026 \u00b7 type to search \u00b7 ? for keys"
        elif count := self.reader.article_count:
            text = f"{count:,} articles \u00b7 type to search \u00b7 ? for keys"
        else:
            text = "the index is empty"
        self.query_one(StatusLine).show(Content(text))

    def engine_ready(self) -> None:
        """The index is open: run the search typed meanwhile, or show the article count."""
        query = self.query_one(SearchInput).value
        if query.strip():
            self.start_search(query)
        else:
            self.show_idle()

    def set_query(self, query: str) -> None:
        """Put `query` in the box and search for it now (no debounce)."""
        box = self.query_one(SearchInput)
        with box.prevent(Input.Changed):
            box.value = query
            box.cursor_position = len(query)
        self.start_search(query)

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._open_when_ready = False
        self._fill_now.clear()
        if self._debounce is not None:
            self._debounce.stop()
        self.generation += 1
        self._debounce = self.set_timer(DEBOUNCE_S, partial(self._search_now, event.value, self.generation))

    def _search_now(self, query: str, generation: int) -> None:
        if generation == self.generation:
            self.run_search(query, generation)

    def start_search(self, query: str) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self.generation += 1
        self.run_search(query, self.generation)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, generation: int) -> None:
        worker = get_current_worker()
        if not query.strip():
            self.app.call_from_thread(self._show_result, None, generation)
            return
        engine = self.reader.engine
        if engine is None and self.reader.engine_pending:
            return  # searched again by engine_ready once the index is open
        if engine is None:
            result = SearchResult(query=query, error="no index yet (seeding runs, or create one with `newsdesk index PATH`)")
        else:
            try:
                engine.refresh()  # articles another process indexed meanwhile (cheap when none)
                # "did you mean" costs more than the search, and so do the snippets of the
                # results below the fold: paint the hits first
                visible = self._visible_hits()
                result = engine.search(query, limit=RESULT_LIMIT, suggest=False, snippets=visible)
                if (at := self._last_article_index(result)) >= visible:  # the list scrolls to it
                    engine.fill_snippets(result, at - visible + 1, at + 1)
            except Exception as exc:  # an index that broke under us: one line, never a crash
                result = SearchResult(query=query, error=f"search failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
        if worker.is_cancelled or generation != self.generation:
            return  # superseded by a newer keystroke: never shown
        # The screen gets its own copy of the hits: the ones below the fold are filled in here,
        # in this thread, once the screen has drawn the others.
        painted = threading.Event()
        self.app.call_from_thread(self._show_and_signal, shown_copy(result), generation, painted)
        if engine is not None and any(hit.snippet is None for hit in result.hits):
            if not self._fill_rest(engine, result, generation, painted):
                return
        if engine is None or result.total or result.suggestion:
            return
        # "did you mean" only once typing pauses (see SUGGEST_AFTER_S); a keystroke ends the wait
        deadline = time.monotonic() + SUGGEST_AFTER_S
        while time.monotonic() < deadline:
            if worker.is_cancelled or generation != self.generation:
                return
            time.sleep(0.02)
        try:
            suggestion = engine.suggest(query)
        except Exception:  # a suggestion is a nicety: never an error
            return
        if suggestion and not worker.is_cancelled and generation == self.generation:
            result.suggestion = suggestion
            self.app.call_from_thread(self._show_result, result, generation)

    def _visible_hits(self) -> int:
        """How many results can be on screen at once (a result takes at least four rows)."""
        height = self._results.size.height  # any thread: a plain read of the list's size
        return height // 4 + 1 if height > 0 else VISIBLE_HITS_DEFAULT

    def _last_article_index(self, result: SearchResult) -> int:
        """Where the article last opened is in `result` (-1: not in it): the list shows it."""
        last = self.reader.state.last_article
        return next((i for i, hit in enumerate(result.hits) if hit.id == last), -1) if last else -1

    def _fill_rest(self, engine, result: SearchResult, generation: int, painted: threading.Event) -> bool:
        """Snippets for the results below the fold, handed to the screen in chunks (drawn if
        it scrolls to them). They wait for the first results to be painted and for typing to
        pause (FILL_AFTER_S), unless the highlight moves (`_fill_now`): made meanwhile, they
        would hold the GIL and the index while the next keystroke is answered. False if a
        newer keystroke came meanwhile."""
        worker = get_current_worker()

        def superseded() -> bool:
            return worker.is_cancelled or generation != self.generation

        painted.wait(1.0)
        deadline = time.monotonic() + FILL_AFTER_S
        while time.monotonic() < deadline and not self._fill_now.is_set():
            if superseded():
                return False
            self._fill_now.wait(0.02)
        self._fill_now.clear()
        for start in range(0, len(result.hits), FILL_CHUNK):
            stop = min(start + FILL_CHUNK, len(result.hits))
            if superseded():
                return False
            if all(hit.snippet is not None for hit in result.hits[start:stop]):
                continue
            try:
                engine.fill_snippets(result, start, stop)
            except Exception:  # the search went fine: the rows left show no snippet rather
                # than their two blank placeholder lines
                rest = [(hit.snippet or "", list(hit.highlights)) for hit in result.hits[start:]]
                self.app.call_from_thread(self._snippets_filled, start, rest, list(result.terms), generation)
                return True
            filled = [(hit.snippet or "", list(hit.highlights)) for hit in result.hits[start:stop]]
            self.app.call_from_thread(self._snippets_filled, start, filled, list(result.terms), generation)
        return not superseded()

    def _snippets_filled(self, start: int, filled: list[tuple[str, list[tuple[int, int]]]], terms: list[str], generation: int) -> None:
        if generation != self.generation or self.result is None:
            return
        self.query_one(ResultsList).fill_snippets(start, filled)
        self.result.terms = terms
        self.reader.search_terms = list(terms)

    @on(OptionList.OptionHighlighted, "#results")
    def _highlight_moved(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index > 0:  # moved down (a new list starts at 0): the rows below the fold may show next
            self._fill_now.set()

    def _show_and_signal(self, result: SearchResult, generation: int, painted: threading.Event) -> None:
        self._show_result(result, generation)
        self.call_after_refresh(painted.set)  # once it is on the terminal

    def _show_result(self, result: SearchResult | None, generation: int) -> None:
        if generation != self.generation:
            return
        results = self.query_one(ResultsList)
        self.result = result
        state = self.reader.state
        if result is None:
            results.show_hits([], state.read, state.starred)
            self.show_idle()
            return
        # The status line first: it tells the screen it changed once its own queue is idle,
        # the list as it changes, and the screen paints as soon as it is told. In the other
        # order the status line came a frame after the list.
        self.query_one(StatusLine).show(self._status(result))
        results.show_hits(result.hits, state.read, state.starred)
        if not self._open_when_ready and state.last_article:
            for index, hit in enumerate(result.hits):
                if hit.id == state.last_article:
                    results.highlighted = index
                    break
        self.reader.search_terms = list(result.terms)
        if state.last_query != result.query:
            state.last_query = result.query
            self._save_state_soon()
        if self._open_when_ready:
            self._open_when_ready = False
            if result.hits:
                self.open_current()

    def _save_state_soon(self) -> None:
        if self._state_save is not None:
            self._state_save.stop()
        self._state_save = self.set_timer(STATE_SAVE_S, self.reader.save_state)

    def on_unmount(self) -> None:
        if self._state_save is not None:
            self._state_save.stop()
            self.reader.save_state()

    def _status(self, result: SearchResult) -> Content:
        parts: list[Content] = []
        if result.error:
            parts.append(Content.styled(result.error.splitlines()[0], "$text-error"))
        if result.hits:
            shown = len(result.hits)
            total = f"about {result.total:,}" if getattr(result, "total_is_estimate", False) else f"{result.total:,}"
            noun = "hit" if result.total == 1 and not getattr(result, "total_is_estimate", False) else "hits"
            count = f"{total} {noun}" if shown >= result.total else f"{shown} of {total} {noun}"
            parts.append(Content(f"{count} \u00b7 {result.elapsed_ms:.1f} ms"))
        else:
            parts.append(Content(f"no hits \u00b7 {result.elapsed_ms:.1f} ms"))
            if result.suggestion:
                parts.append(
                    Content.assemble("Did you mean: ", (result.suggestion, "bold $text-accent"), "?  (Enter accepts)")
                )
        return Content(" \u00b7 ").join(parts)

    # --- actions ---------------------------------------------------------------------------

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        result = self.result
        if result is not None and result.query == event.value and not result.hits and result.suggestion:
            self.set_query(result.suggestion)
            return
        query = event.value.strip()
        if query:
            self.reader.state.remember_query(query)
            self.reader.save_state()
        results = self.query_one(ResultsList)
        if result is not None and result.query == event.value:
            if results.hits:
                self.open_current()
        elif query:
            self._open_when_ready = True  # typed faster than the debounce: open when it lands
            self.start_search(event.value)

    def action_focus_search(self) -> None:
        self.query_one(SearchInput).focus()

    def action_leave_input(self) -> None:
        if self.query_one(SearchInput).has_focus:
            self.query_one(ResultsList).focus()

    def action_open(self) -> None:
        self.open_current()

    @on(OptionList.OptionSelected, "#results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.open_current()

    def open_current(self) -> None:
        results = self.query_one(ResultsList)
        hit = results.current_hit
        if hit is None:
            return
        if self.result is not None and self.result.query:
            self.reader.state.remember_query(self.result.query)
        self.reader.open_article([h.id for h in results.hits], results.highlighted or 0)

    def _current_id(self) -> str | None:
        hit = self.query_one(ResultsList).current_hit
        return hit.id if hit else None

    def action_toggle_read(self) -> None:
        if (article_id := self._current_id()) is not None:
            now = self.reader.state.toggle_read(article_id)
            self.reader.save_state()
            self.refresh_marks()
            self.notify("marked read" if now else "marked unread", timeout=2)

    def action_toggle_star(self) -> None:
        if (article_id := self._current_id()) is not None:
            now = self.reader.state.toggle_star(article_id)
            self.reader.save_state()
            self.refresh_marks()
            self.notify("starred" if now else "unstarred", timeout=2)

    def refresh_marks(self) -> None:
        state = self.reader.state
        self.query_one(ResultsList).restyle(state.read, state.starred)

    def sync_later(self, index: int) -> None:
        """The article at `index` was opened: highlight it and redraw marks when shown again.

        Touching the results while another screen is on top makes Textual lay this screen out
        again and repaint the whole terminal (about 9 KB at 100x30) for nothing visible.
        """
        if self.app.screen is self:
            self.highlight_article(index)
            self.refresh_marks()
        else:
            self._pending_sync = index

    def on_screen_resume(self) -> None:
        index, self._pending_sync = self._pending_sync, None
        if index is not None:
            self.highlight_article(index)
            self.refresh_marks()

    def highlight_article(self, index: int) -> None:
        results = self.query_one(ResultsList)
        if 0 <= index < len(results.hits):
            results.highlighted = index
