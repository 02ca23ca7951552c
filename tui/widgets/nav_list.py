"""An OptionList that also answers vi keys (j/k, g/G) and space/b for pages."""
from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class NavList(OptionList):
    BINDINGS = [
        Binding("j,down", "cursor_down", "Next item", show=False),
        Binding("k,up", "cursor_up", "Previous item", show=False),
        Binding("g,home", "first", "First item", show=False),
        Binding("G,end", "last", "Last item", show=False),
        Binding("space,pagedown", "page_down", "Page down", show=False),
        Binding("b,pageup", "page_up", "Page up", show=False),
    ]

    def _on_focus(self, event) -> None:
        super()._on_focus(event)
        # Arriving with Tab selects the first item, so `c` has a quote to copy at once.
        if self.highlighted is None and self.option_count:
            self.highlighted = 0
