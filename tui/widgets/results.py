"""The results list: title, date · source, and the snippet with matched terms highlighted.

Every keystroke replaces up to 50 results, and only the five or so on screen are drawn. So a
result is a `HitRow` visual whose height costs no text wrapping (one line of title, one of
date · source, at most SNIPPET_LINES of snippet, a blank line) and whose text is styled only
when it is drawn: a stock `Content` prompt would wrap all 50 snippets to measure them before
the first frame (about 10 ms warm, 30 ms on a busy machine). Making the snippets costs the
engine more than the search at 100k articles, so only the rows on screen come with theirs;
the others are drawn blank (two rows, as most snippets take) until `fill_snippets`.
"""
from __future__ import annotations

from dataclasses import replace
from functools import cached_property

from rich.cells import cell_len
from rich.segment import Segment
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets.option_list import Option

from index.api import Hit
from tui.render import snippet_content
from tui.widgets.nav_list import NavList

SNIPPET_LINES = 2  # a longer snippet ends in an ellipsis


def _fit(line: Content, width: int) -> Content:
    """`line` on one row of `width` cells, ending in an ellipsis if it was cut."""
    return line if line.cell_length <= width else line.truncate(width, ellipsis=True)


class HitRow(Visual):
    """One result as drawn in the list; `content` is the whole text (for tests and copying)."""

    def __init__(self, hit: Hit, read: bool, starred: bool) -> None:
        self.hit = hit
        self.read = read
        self.starred = starred
        self._rendered: tuple[int, list[Content]] | None = None

    # -- the text -----------------------------------------------------------------------

    @cached_property
    def _title(self) -> Content:
        mark = "\u2605 " if self.starred else ("  " if self.read else "\u2022 ")
        return Content(mark) + Content.styled(self.hit.title or "(untitled)", "dim" if self.read else "bold")

    @cached_property
    def _meta(self) -> Content:
        meta = " \u00b7 ".join(p for p in (self.hit.date or "undated", self.hit.source) if p)
        return Content.styled(meta, "italic $text-muted")

    @cached_property
    def _snippet(self) -> Content | None:
        if not self.hit.snippet:
            return None
        snippet = snippet_content(self.hit.snippet, self.hit.highlights)
        return snippet.stylize("dim") if self.read else snippet

    @cached_property
    def content(self) -> Content:
        lines = [self._title, self._meta]
        if self._snippet is not None:
            lines.append(self._snippet)
        lines.append(Content(""))  # a blank line between results
        return Content("\n").join(lines)

    @property
    def plain(self) -> str:
        return self.content.plain

    @property
    def spans(self) -> list[Span]:
        return self.content.spans

    def __str__(self) -> str:
        return self.plain

    # -- the Visual protocol ------------------------------------------------------------

    def _snippet_rows(self, width: int) -> int:
        if self.hit.snippet is None:  # still being made (see ResultsList.fill_snippets): most take two rows
            return SNIPPET_LINES
        if not self.hit.snippet:
            return 0
        snippet = self.hit.snippet
        cells = len(snippet) if snippet.isascii() else cell_len(snippet.replace("\n", " "))
        return 1 if cells <= width else SNIPPET_LINES

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 3 + self._snippet_rows(width)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(self._title.cell_length, self._meta.cell_length, container_width)

    def lines(self, width: int) -> list[Content]:
        """The rows drawn at `width`: exactly `get_height(width)` of them, none wider."""
        if self._rendered is not None and self._rendered[0] == width:
            return self._rendered[1]
        lines = [_fit(self._title, width), _fit(self._meta, width)]
        rows = self._snippet_rows(width)
        if rows == 1 and self._snippet is not None:
            lines.append(self._snippet)
        elif rows and self._snippet is None:  # pending: blank rows until it is made
            lines.extend(Content("") for _ in range(rows))
        elif rows:
            assert self._snippet is not None
            wrapped = self._snippet.wrap(width)
            lines.extend(wrapped[: rows - 1])
            last = wrapped[rows - 1] if len(wrapped) >= rows else Content("")
            if len(wrapped) > rows:  # cut: say so
                last = _fit(last + Content(" \u2026"), width) if last.cell_length + 2 <= width else last.truncate(width, ellipsis=True)
            lines.append(last)
        lines.append(Content(""))
        self._rendered = (width, lines)
        return lines

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        """One strip per row of `lines(width)`.

        The rows are already cut to the width, so each is turned into segments directly
        (the same segments, styles and offsets): `Content.render_strips` would wrap and
        format every row again, about 1.5 ms of each new list of results. With a selection,
        a post style or an alignment to apply, it does.
        """
        if width <= 0:
            return []
        lines = self.lines(width) if height is None else self.lines(width)[:height]
        if options.selection is not None or options.post_style is not None or (
            options.rules.get("text_align", "left") not in ("left", "start")
        ):
            return [strip for line in lines for strip in (line.render_strips(width, 1, style, options) or [Strip.blank(0)])]
        get_style = options.get_style
        strips: list[Strip] = []
        for line in lines:
            segments: list[Segment] = []
            x = 0
            for text, text_style in line.render(style, end="", parse_style=get_style):
                segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, 0)))
                x += len(text)
            strips.append(Strip(segments, line.cell_length))
        return strips


def hit_prompt(hit: Hit, read: bool, starred: bool) -> HitRow:
    return HitRow(hit, read, starred)


class ResultsList(NavList):
    """One option per hit; option ids are article ids.

    The list's size is set by its screen (`height: 1fr`), never by its contents, and it
    draws no scrollbar, so a new number of result rows (its virtual size) needs no layout
    of the screen: a stock OptionList asks for one when its virtual size changes and when
    its scrollbar would appear or go, laying out and repainting the list a second time
    after the paint that drew the new results. Nor does a new virtual size repaint it by
    itself: new options repaint it (`set_options`), and so do snippets filled in on screen
    (`fill_snippets`), while rows filled in below the fold write nothing.
    """

    DEFAULT_CSS = """
    ResultsList {
        scrollbar-size-vertical: 0;
        overflow-x: hidden;
    }
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: list[Hit] = []
        self._shown: tuple | None = None  # what the options show now, to skip identical rebuilds
        self.rebuilds = 0  # how many times the options were rebuilt (a keystroke that changes nothing costs none)

    @staticmethod
    def _key(hits: list[Hit], read: set[str], starred: set[str]) -> tuple:
        return tuple(
            (h.id, h.title, h.date, h.source, h.snippet, tuple(tuple(x) for x in h.highlights), h.id in read, h.id in starred)
            for h in hits
        )

    @staticmethod
    def _shows(shown: tuple | None, key: tuple) -> bool:
        """The rows `shown` already show `key`: equal, but for snippets `key` has not made yet."""
        if shown is None or len(shown) != len(key):
            return False
        return all(new == old or (new[4] is None and new[:4] == old[:4] and new[6:] == old[6:])
                   for new, old in zip(key, shown))

    def _refresh_scrollbars(self) -> None:  # Textual 8 private: shows or hides the scrollbars
        """Whether the list scrolls (the mouse wheel asks), without the scrollbar widgets: they
        are never drawn (no width), and showing or hiding one would lay out the screen."""
        styles = self.styles
        if styles.scrollbar_size_vertical or styles.overflow_x != "hidden":
            super()._refresh_scrollbars()
            return
        overflow_y = styles.overflow_y
        scrolls = overflow_y == "scroll" or (
            overflow_y == "auto" and self.virtual_size.height > self.container_size.height
        )
        self.set_reactive(NavList.show_horizontal_scrollbar, False)
        self.set_reactive(NavList.show_vertical_scrollbar, scrolls)

    def show_hits(self, hits: list[Hit], read: set[str], starred: set[str]) -> None:
        """Show `hits`; one whose snippet is None (not made yet) gets two blank rows, which
        `fill_snippets` fills without touching the others."""
        key = self._key(list(hits), read, starred)
        if self._shows(self._shown, key):  # the same list: keep the rows (and snippets) drawn
            self.hits = [new if new.snippet is not None else old for new, old in zip(hits, self.hits)]
        else:
            self.hits = list(hits)
            self._shown = key
            self.rebuilds += 1
            if not self.hits:
                # set_options([]) leaves the old size until the next paint measures it: two frames
                self.clear_options()
            else:
                self.set_options(
                    Option(hit_prompt(h, h.id in read, h.id in starred), id=h.id) for h in self.hits
                )
        if self.hits:
            self.highlighted = 0

    def fill_snippets(self, start: int, filled: list[tuple[str, list[tuple[int, int]]]]) -> None:
        """Snippets made after the list was drawn: (snippet, highlights) for hits start, start+1...

        Only the rows that change are redrawn, and the list is repainted only if one of them
        is on screen: filling the rows below the fold writes nothing to the terminal.
        """
        shown = list(self._shown or ())
        changed: list[int] = []
        for index, (hit, (snippet, highlights)) in enumerate(zip(self.hits[start:], filled), start):
            if hit.snippet == snippet and list(hit.highlights) == list(highlights):
                continue
            hit = replace(hit, snippet=snippet, highlights=list(highlights))
            self.hits[index] = hit
            if index < len(shown):
                shown[index] = shown[index][:4] + (snippet, tuple(tuple(x) for x in highlights)) + shown[index][6:]
                read, starred = shown[index][-2:]
            else:
                read = starred = False
            self.options[index]._set_prompt(hit_prompt(hit, read, starred))
            changed.append(index)
        self._shown = tuple(shown)
        if not changed:
            return
        self._option_render_cache.clear()  # Textual 8 private: drawn again only when painted
        # Textual 8 private: rows per option and first line of each, laid out again here if an
        # earlier fill cleared them (a cleared layout would make every row look off screen)
        heights = dict(self._heights)
        to_line = dict(self._index_to_line)
        top, bottom = self.scroll_offset.y, self.scroll_offset.y + self.scrollable_content_region.height
        visible = any(i in to_line and to_line[i] < bottom and to_line[i] + heights.get(i, 0) > top for i in changed)
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        width -= self.get_component_styles("option-list--option").padding.width
        new_heights = {i: self._get_visual(self.options[i]).get_height(self.styles, width) for i in changed}
        if any(heights.get(i) != new_heights[i] for i in changed):
            # Rows wholly above the top changed height: the rows on screen moved, so the view
            # follows them (the highlighted row stays where the reader saw it).
            shift = sum(new_heights[i] - heights.get(i, 0) for i in changed
                        if i in to_line and to_line[i] + heights.get(i, 0) <= top)
            self._line_cache.clear()
            self._update_lines()  # Textual 8 private: lay out again now, at the new heights
            if shift:
                self.scroll_to(y=max(0, top + shift), animate=False, immediate=True, force=True)
                visible = True
        if visible:
            self.refresh()

    def restyle(self, read: set[str], starred: set[str]) -> None:
        """Redraw the marks after read/star changed, keeping the highlight."""
        shown = list(self._shown or ())
        for index, hit in enumerate(self.hits):
            marks = (hit.id in read, hit.id in starred)
            if index < len(shown) and shown[index][-2:] == marks:
                continue  # only the results whose marks changed are redrawn
            self.replace_option_prompt_at_index(index, hit_prompt(hit, *marks))
            if index < len(shown):
                shown[index] = shown[index][:-2] + marks
        self._shown = tuple(shown)

    @property
    def current_hit(self) -> Hit | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.hits)):
            return None
        return self.hits[self.highlighted]
