"""Copying: OSC 52 through the terminal (works over SSH and in tmux) and/or pyperclip.

Never raises: pyperclip fails on headless Linux (PyperclipException) and anything else it
raises is caught too. Returns the one-line notice saying what was copied and how.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App


def _system_copy(text: str) -> str | None:
    """Copy with pyperclip; None on success, else the reason it failed."""
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception as exc:  # PyperclipException on headless Linux, anything else too
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None


def copy_text(app: "App", text: str, what: str, mode: str = "both") -> tuple[str, bool]:
    """Copy `text`; returns (notice, ok)."""
    ways: list[str] = []
    failure: str | None = None
    if mode in ("osc52", "both"):
        app.copy_to_clipboard(text)
        ways.append("OSC 52 (terminal)")
    if mode in ("pyperclip", "both"):
        failure = _system_copy(text)
        if failure is None:
            ways.append("system clipboard")
    if not ways:
        return f"could not copy {what}: {failure}", False
    notice = f"copied {what} via " + " + ".join(ways)
    return notice, True
