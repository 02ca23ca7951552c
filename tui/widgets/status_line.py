"""The search screen's status line: hits and time, "did you mean", errors.

It changes on every keystroke. A stock `Static.update` asks for a layout of the whole screen
each time (its height is `auto`), which costs a reflow before the results can be painted;
this one asks only when the text needs a different number of rows.
"""
from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StatusLine(Static):
    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._rows: tuple[int, int] | None = None  # (width, rows) of what is shown

    def _rows_at(self, content: Content, width: int) -> int:
        rows = len(content.wrap(width)) if width > 0 else 1
        max_height = self.styles.max_height
        if max_height is not None and max_height.is_cells:
            rows = min(rows, int(max_height.value))
        return max(rows, 1)

    def show(self, content: Content) -> None:
        width = self.content_region.width
        rows = (width, self._rows_at(content, width)) if width > 0 else None
        same_height = rows is not None and rows == self._rows
        self._rows = rows
        self.update(content, layout=not same_height)
