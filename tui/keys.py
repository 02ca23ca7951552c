"""Key bindings as data: the help screen and the command palette are generated from them.

Nothing here is a hand-kept list of keys: rows come from the `BINDINGS` of the app, the
screens and the widgets, with the user's keymap overrides (config.toml [keys]) applied.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App


@dataclass
class KeyRow:
    section: str
    keys: str  # display form, e.g. "j / ↓"
    description: str
    action: str
    binding_id: str | None


def _bindings(cls: type) -> list[Binding]:
    return list(Binding.make_bindings(getattr(cls, "BINDINGS", [])))


def key_rows(app: "App", sections: Iterable[tuple[str, Iterable[type]]]) -> list[KeyRow]:
    """One row per (section, action, description); keys with the same action are merged."""
    keymap: dict[str, str] = getattr(app, "_keymap", {}) or {}
    rows: list[KeyRow] = []
    for section, classes in sections:
        merged: dict[tuple[str, str], KeyRow] = {}
        for cls in classes:
            for binding in _bindings(cls):
                if not binding.description:
                    continue
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                shown = []
                for key in keys.split(","):
                    key = key.strip()
                    display = app.get_key_display(Binding(key, binding.action, key_display=None if key != binding.key else binding.key_display))
                    shown.append(display)
                ident = (binding.action, binding.description)
                if ident in merged:
                    merged[ident].keys += " / " + " / ".join(shown)
                else:
                    merged[ident] = KeyRow(section, " / ".join(shown), binding.description, binding.action, binding.id)
        rows.extend(merged.values())
    return rows
