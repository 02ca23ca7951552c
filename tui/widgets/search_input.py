"""The query box: an Input with history on up/down."""
from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchInput(Input):
    """The cursor does not blink: a blinking cursor repaints the query box twice a second
    (about 1.5 KB/s over SSH while the reader sits idle); a steady one costs nothing.

    Input sets its virtual size (the text's width, for scrolling it sideways) on every
    keystroke, and a widget's virtual size asks for a layout of the whole screen when it
    changes: a reflow before each keystroke's echo, and another frame's worth of work before
    the results can be painted. The box has a fixed size, so here it repaints the box only.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    BINDINGS = [
        Binding("up", "history_previous", "Previous query", show=False),
        Binding("down", "history_next", "Next query", show=False),
    ]

    def __init__(self, history: list[str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.cursor_blink = False
        self.history: list[str] = history if history is not None else []
        self._position: int | None = None  # index into history while browsing
        self._draft = ""

    def action_history_previous(self) -> None:
        if not self.history:
            return
        if self._position is None:
            self._draft = self.value
            self._position = len(self.history)
        self._position = max(0, self._position - 1)
        self._show(self.history[self._position])

    def action_history_next(self) -> None:
        if self._position is None:
            return
        self._position += 1
        if self._position >= len(self.history):
            self._position = None
            self._show(self._draft)
        else:
            self._show(self.history[self._position])

    def _show(self, value: str) -> None:
        self.value = value
        self.cursor_position = len(value)

    def forget_position(self) -> None:
        self._position = None
