"""The help screen: every key, generated from the bindings (with config overrides applied)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.keys import KeyRow


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close help", id="help.close"),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Content.styled("newsdesk keys", "bold"), id="help-title")
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
            yield Static(Content("Esc closes \u00b7 ctrl+p runs any action by name \u00b7 mouse works too"), id="help-foot")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("where", "keys", "action")
        previous = None
        for row in self.rows:
            # Text, not str: a key like "[" must never be read as markup.
            section = Text(row.section if row.section != previous else "", style="italic")
            table.add_row(section, Text(row.keys, style="bold"), Text(row.description))
            previous = row.section
        table.focus()

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: str) -> None:
        table = self.query_one(DataTable)
        table.action_cursor_down() if direction == "down" else table.action_cursor_up()
