"""The article screen: the body with highlights, and the side panel of quotes/numbers/entities."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import OptionList, TabbedContent
from textual.worker import get_current_worker

from index.models import Article
from tui.data.clippings import citation, save_clipping
from tui.screens.covered import QuietFooter, QuietWhenCovered
from tui.widgets.article_view import ArticleView
from tui.widgets.side_panel import ENTITY_FIELDS, NumberList, QuoteList, SidePanel

if TYPE_CHECKING:
    from tui.app import NewsdeskApp


def load_article(engine, article_id: str) -> tuple[Article | None, str | None]:
    """(the article, None), or (None, a one-line reason it cannot be shown). Any thread."""
    try:
        article = engine.get(article_id)
    except Exception as exc:  # one line, never a crash
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, f"cannot load the article: {message}"
    if article is None:
        return None, f"article {article_id} is no longer in the index"
    return article, None


class ArticleScreen(QuietWhenCovered):
    CSS_PATH = "article.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    AUTO_FOCUS = "ArticleView"
    BINDINGS = [
        Binding("escape", "back", "Back", id="article.back"),
        Binding("slash", "search", "Search", id="article.search"),
        Binding("n", "next_hit", "Next hit", id="article.next_hit"),
        Binding("N", "previous_hit", "Prev hit", id="article.previous_hit"),
        Binding("right_square_bracket", "next_article", "Next article", id="article.next"),
        Binding("left_square_bracket", "previous_article", "Prev article", id="article.previous"),
        Binding("e", "toggle_entities", "Entities", id="article.toggle_entities"),
        Binding("c", "copy_quote", "Copy quote", id="article.copy_quote"),
        Binding("C", "copy_citation", "Copy citation", id="article.copy_citation", show=False),
        Binding("s", "save_clipping", "Save clipping", id="article.save_clipping", show=False),
        Binding("m", "toggle_read", "Read/unread", id="article.toggle_read", show=False),
        Binding("f", "toggle_star", "Star", id="article.toggle_star", show=False),
    ]

    def __init__(self, ids: list[str], index: int, article: Article | None = None) -> None:
        super().__init__()
        self.ids = ids
        self.index = index
        self.article: Article | None = None
        self._preloaded = article  # shown before the first paint (see NewsdeskApp.open_article)
        self._hold_first_paint = True  # see _compositor_refresh
        self.current_quote: dict | None = None
        self.show_entities = True
        # The breakpoint class from the start: set after the first layout, it would make
        # Textual lay out and paint the whole screen a second time.
        width = self.app.size.width
        name = [name for limit, name in self.HORIZONTAL_BREAKPOINTS if width >= limit][-1]
        self.add_class(name)

    @property
    def reader(self) -> "NewsdeskApp":
        return cast("NewsdeskApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="layout"):
            yield ArticleView(id="article")
            yield SidePanel(id="panel")
        yield QuietFooter()

    def on_mount(self) -> None:
        article, self._preloaded = self._preloaded, None
        if article is not None and article.id == self.ids[self.index]:
            self._show(article)
        else:
            self.load(self.index)

    def _compositor_refresh(self) -> None:  # Textual 8 private hook: paints dirty regions
        # Textual paints a pushed screen as soon as it is laid out, then its parts answer
        # the Resize/Show events of that layout by refreshing, and the screen is painted in
        # full again (twice: those parts, then the resume's own repaint). The first paint
        # waits for the next frame instead, so the finished screen is painted once.
        if self.app.screen is self:
            if self._hold_first_paint:
                self._hold_first_paint = False
                self.refresh()  # a full repaint on the next frame, after those events
                return
            if self._repaint_required:  # Textual 8 private: a full repaint follows this frame
                self._compositor._dirty_regions.clear()
                self._dirty_widgets.clear()
                return
        super()._compositor_refresh()

    # --- loading ---------------------------------------------------------------------------

    def load(self, index: int) -> None:
        self.index = index
        self.load_article(self.ids[index])

    @work(thread=True, exclusive=True, group="article")
    def load_article(self, article_id: str) -> None:
        worker = get_current_worker()
        article, problem = load_article(self.reader.engine, article_id)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, article_id, article, problem)

    def _loaded(self, article_id: str, article: Article | None, problem: str | None) -> None:
        if article_id != self.ids[self.index]:
            return  # the user moved on to another article meanwhile
        if article is None:
            self.notify(problem or f"article {article_id} is no longer in the index", severity="error")
            return
        self._show(article)

    def _show(self, article: Article) -> None:
        self.article = article
        self.current_quote = None
        self.query_one(ArticleView).show_article(article, self.reader.search_terms, self.show_entities)
        self.query_one(SidePanel).show(article.extraction)
        self.reader.article_opened(article.id, self.index)

    # --- side panel ------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#quotes")
    def _quote_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        quotes = self.query_one(SidePanel).quotes
        if 0 <= event.option_index < len(quotes):
            self.current_quote = quotes[event.option_index]
            self.query_one(ArticleView).select((self.current_quote["start"], self.current_quote["end"]))

    @on(OptionList.OptionHighlighted, "#numbers")
    def _number_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        numbers = self.query_one(SidePanel).numbers
        if 0 <= event.option_index < len(numbers):
            number = numbers[event.option_index]
            self.query_one(ArticleView).select((number["start"], number["end"]))

    def on_descendant_focus(self, event) -> None:
        """Tabbing into Quotes/Numbers shows its selected item in the article."""
        widget = event.widget
        if isinstance(widget, (QuoteList, NumberList)) and widget.highlighted is not None:
            items = self.query_one(SidePanel).quotes if isinstance(widget, QuoteList) else self.query_one(SidePanel).numbers
            if 0 <= widget.highlighted < len(items):
                item = items[widget.highlighted]
                if isinstance(widget, QuoteList):
                    self.current_quote = item
                self.query_one(ArticleView).select((item["start"], item["end"]))

    @on(OptionList.OptionSelected, "#entities")
    def _entity_selected(self, event: OptionList.OptionSelected) -> None:
        entities = self.query_one(SidePanel).entities
        if 0 <= event.option_index < len(entities):
            label, text, _ = entities[event.option_index]
            self.reader.search_for(f'{ENTITY_FIELDS[label]}:"{text.replace(chr(34), "")}"')

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        # Keep the highlight in step with the tab: the quote stays selected only on Quotes.
        if event.pane.id != "tab-quotes":
            return
        quotes = self.query_one(QuoteList)
        if quotes.highlighted is not None and self.current_quote is not None:
            self.query_one(ArticleView).select((self.current_quote["start"], self.current_quote["end"]))

    # --- actions ---------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_search(self) -> None:
        self.reader.focus_search()

    def _jump_hit(self, backwards: bool) -> None:
        view = self.query_one(ArticleView)
        if not view.hits:
            self.notify("no search terms in this article", timeout=2)
            return
        here = view.spans.selected[0] if view.spans.selected else (len(view.article.body) if backwards else -1)
        hit = view.hit_after(here, backwards)
        view.select(hit)
        position = view.hits.index(hit) + 1 if hit in view.hits else 0
        self.notify(f"hit {position} of {len(view.hits)}", timeout=1.5)

    def action_next_hit(self) -> None:
        self._jump_hit(False)

    def action_previous_hit(self) -> None:
        self._jump_hit(True)

    def action_next_article(self) -> None:
        if self.index + 1 < len(self.ids):
            self.load(self.index + 1)
        else:
            self.notify("last article in the results", timeout=2)

    def action_previous_article(self) -> None:
        if self.index > 0:
            self.load(self.index - 1)
        else:
            self.notify("first article in the results", timeout=2)

    def action_toggle_entities(self) -> None:
        self.show_entities = not self.show_entities
        self.query_one(ArticleView).set_entities(self.show_entities)
        self.notify("entity colours on" if self.show_entities else "entity colours off", timeout=1.5)

    def _quote_or_warn(self) -> dict | None:
        if self.article is None:
            return None
        # The list's highlight is the truth (its messages may still be queued after fast keys).
        highlighted = self.query_one(QuoteList).highlighted
        quotes = self.query_one(SidePanel).quotes
        if highlighted is not None and 0 <= highlighted < len(quotes):
            self.current_quote = quotes[highlighted]
        if self.current_quote is None:
            if not self.query_one(SidePanel).quotes:
                self.notify("this article has no quotes" if self.article.extraction is not None else "not enriched yet: no quotes", severity="warning")
            else:
                self.notify("select a quote first: Tab to the Quotes list", severity="warning")
            return None
        return self.current_quote

    def action_copy_quote(self) -> None:
        if (quote := self._quote_or_warn()) is not None:
            self.reader.copy(str(quote.get("text", "")), "quote")

    def action_copy_citation(self) -> None:
        if (quote := self._quote_or_warn()) is not None and self.article is not None:
            self.reader.copy(citation(quote, self.article), "citation")

    def action_save_clipping(self) -> None:
        if (quote := self._quote_or_warn()) is not None and self.article is not None:
            try:
                path = save_clipping(quote, self.article)
            except OSError as exc:
                self.notify(f"could not save the clipping: {exc.strerror or exc}", severity="error")
                return
            self.notify(f"saved to {path}", timeout=3)

    def action_toggle_read(self) -> None:
        if self.article is not None:
            now = self.reader.state.toggle_read(self.article.id)
            self.reader.save_state()
            self.notify("marked read" if now else "marked unread", timeout=2)

    def action_toggle_star(self) -> None:
        if self.article is not None:
            now = self.reader.state.toggle_star(self.article.id)
            self.reader.save_state()
            self.notify("starred" if now else "unstarred", timeout=2)
