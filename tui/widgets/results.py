"""The results list: title, date · source, and the snippet with matched terms highlighted."""
from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from index.api import Hit
from tui.render import snippet_content
from tui.widgets.nav_list import NavList


def hit_prompt(hit: Hit, read: bool, starred: bool) -> Content:
    mark = "\u2605 " if starred else ("  " if read else "\u2022 ")
    title_style = "dim" if read else "bold"
    title = Content.styled(hit.title or "(untitled)", title_style)
    meta = " \u00b7 ".join(p for p in (hit.date or "undated", hit.source) if p)
    lines = [Content(mark) + title, Content.styled(meta, "italic $text-muted")]
    if hit.snippet:
        snippet = snippet_content(hit.snippet, hit.highlights)
        lines.append(snippet.stylize("dim") if read else snippet)
    lines.append(Content(""))  # a blank line between results
    return Content("\n").join(lines)


class ResultsList(NavList):
    """One option per hit; option ids are article ids."""

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

    def show_hits(self, hits: list[Hit], read: set[str], starred: set[str]) -> None:
        self.hits = list(hits)
        key = self._key(self.hits, read, starred)
        if key != self._shown:
            self._shown = key
            self.rebuilds += 1
            self.set_options(
                Option(hit_prompt(h, h.id in read, h.id in starred), id=h.id) for h in self.hits
            )
        if self.hits:
            self.highlighted = 0

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
