"""The article: header, entity legend, and the body as one Static built from Content spans.

Spans (entities by type, search terms, the selected quote/number/hit) are laid over the
plain body text; rebuilding the Content is cheap even for 5,000 words and 500 spans, and a
single widget keeps opening an article fast (no widget per paragraph to style and lay out).
"""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from index.models import Article
from tui.render import BodySpans, entity_spans, legend, term_spans
from tui.strips import compact_strip


class Compact(Static):
    """A Static painted with as few escape sequences as it takes (see tui.strips)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return [compact_strip(strip) for strip in super().render_lines(crop)]


class Body(Compact):
    """The article text."""


class Position(Compact):
    """Where the view is in the article ("Top", "42%", "Bottom", "All"), like `less`.

    It stands in for a scrollbar: a scrollbar column is repainted on every line of every
    scroll step (about 1 KB per step at 100x30), this one-line label only when it changes.
    """


def position_label(scroll_y: float, max_scroll_y: float) -> str:
    if max_scroll_y <= 0:
        return "All"
    if scroll_y <= 0:
        return "Top"
    if scroll_y >= max_scroll_y:
        return "Bottom"
    return f"{round(100 * scroll_y / max_scroll_y)}%"


class ArticleView(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j,down", "scroll_down", "Scroll down", show=False),
        Binding("k,up", "scroll_up", "Scroll up", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.spans = BodySpans([], [])
        self.hits: list[tuple[int, int]] = []  # search-term occurrences, for n/N

    def render_lines(self, crop: Region) -> list[Strip]:
        # The view's own rows (margins between the parts) scroll too: one run each.
        return [compact_strip(strip) for strip in super().render_lines(crop)]

    def compose(self):
        yield Compact("", classes="title")
        yield Compact("", classes="meta", id="meta")
        yield Compact("", classes="meta", id="tags")
        yield Compact("", id="legend")
        yield Body("")
        yield Position("", id="position")

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_position()

    def _show_position(self) -> None:
        label = position_label(self.scroll_y, self.max_scroll_y) if self.article is not None else ""
        position = self.query_one(Position)
        if str(position.visual) != label:
            position.update(Content(label))

    def show_article(self, article: Article, terms: list[str], show_entities: bool) -> None:
        self.article = article
        body = article.body
        self.hits = term_spans(body, terms)
        self.spans = BodySpans(entity_spans(article.extraction, len(body)), self.hits, show_entities)
        self.query_one(".title", Static).update(Content.styled(article.title or "(untitled)", "bold"))
        meta = " \u00b7 ".join(p for p in (article.date or "undated", article.source) if p)
        self.query_one("#meta", Static).update(Content.styled(meta, "italic"))
        extra = []
        if article.tags:
            extra.append("tags: " + ", ".join(article.tags))
        if article.url:
            extra.append(article.url)
        tags = self.query_one("#tags", Static)
        tags.update(Content.styled("\n".join(extra), "dim"))
        tags.display = bool(extra)
        legend_widget = self.query_one("#legend", Static)
        if article.extraction is None:
            legend_widget.update(Content.styled("not enriched yet: no entities, numbers or quotes", "italic dim"))
            legend_widget.display = True
        else:
            legend_widget.update(legend(article.extraction))
            legend_widget.display = show_entities
        self._render_body()
        self.scroll_home(animate=False)
        self.call_after_refresh(self._show_position)

    @property
    def body_content(self) -> Content:
        return self.query_one(Body).visual  # type: ignore[return-value]

    def _render_body(self) -> None:
        if self.article is not None:
            text = self.article.body
            self.query_one(Body).update(Content(text, self.spans.for_range(0, len(text))))

    def set_entities(self, show: bool) -> None:
        self.spans.show_entities = show
        self._render_body()
        if self.article is not None and self.article.extraction is not None:
            self.query_one("#legend", Static).display = show

    def select(self, span: tuple[int, int] | None, scroll: bool = True) -> None:
        """Highlight `span` (body offsets) as the current item and scroll it into view."""
        if self.article is None:
            return
        if span is not None:
            span = (max(0, span[0]), min(len(self.article.body), span[1]))
            if span[0] >= span[1]:
                span = None
        self.spans.selected = span
        self._render_body()
        if scroll and span is not None:
            self.call_after_refresh(self.scroll_to_offset, span[0])

    def line_of(self, offset: int) -> int:
        """The row of the body (as wrapped at the current width) holding body offset `offset`."""
        if self.article is None:
            return 0
        text = self.article.body
        width = max(1, self.query_one(Body).content_region.width)
        row = start = 0
        for line in text.split("\n"):
            end = start + len(line)
            pieces = Content(line).wrap(width) if line else [Content("")]
            if offset <= end:
                consumed = start
                for n, piece in enumerate(pieces):
                    consumed += len(piece.plain)
                    while consumed < end and text[consumed] == " ":  # the space eaten at a break
                        consumed += 1
                    if offset < consumed:
                        return row + n
                return row + len(pieces) - 1
            row += len(pieces)
            start = end + 1
        return row

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so the row holding body offset `offset` is in the middle of the view."""
        body = self.query_one(Body)
        y = body.virtual_region.y + self.line_of(offset)
        self.scroll_to_region(Region(0, y, 1, 1), center=True, animate=False, force=True)

    def hit_after(self, offset: int, backwards: bool = False) -> tuple[int, int] | None:
        if not self.hits:
            return None
        if backwards:
            before = [h for h in self.hits if h[0] < offset]
            return before[-1] if before else self.hits[-1]
        after = [h for h in self.hits if h[0] > offset]
        return after[0] if after else self.hits[0]
