"""Fewer bytes for each frame the reader writes: what scrolling costs an SSH link.

Textual writes every painted line as `ESC[y;xH`, then each run of text as
`ESC[<style>m text ESC[0m`, then a newline, so a line of article text costs its style twice
(the line before ended with a reset, the next starts by setting the same style again) and
its blank tail as spaces. `compact_frame` rewrites that sequence, saying the same screen:

- a style is sent only when it differs from the one in force, as one sequence (a reset
  folded in: `ESC[0;<style>m`), and the frame ends with a reset as before;
- the newline between lines is dropped (the next line starts with an absolute move);
- a move to the first column is `ESC[yH`;
- blanks that run to the right edge of the screen are erased with `ESC[K` when the
  terminal erases in the current background colour (terminfo `bce`: xterm, tmux, VTE,
  kitty...) and nothing else of the style would show on a blank (no reverse, underline,
  strike...).

`CompactUpdate` wraps one of Textual's compositor updates so `App._display` writes it
compacted (see `NewsdeskApp._display`). The screen shown is the same, cell for cell.
"""
from __future__ import annotations

import os
import re

from rich.cells import cell_len
from textual._compositor import CompositorUpdate  # Textual 8 private: what App._display writes

_TOKENS = re.compile(
    r"\x1b\[([0-9;:?<>=]*)([@-~])"  # CSI: cursor moves, styles, ...
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: hyperlinks
    r"|\n"
    r"|[^\x1b\n]+"
    r"|\x1b"
)
_ERASE = "\x1b[K"
# SGR attributes that draw something on a blank cell (so a blank may not be erased instead).
_DRAWN_ON_BLANKS = {"4", "5", "6", "7", "8", "9", "21", "51", "52", "53"}


def _erasable(style: str) -> bool:
    """A blank in `style` (SGR parameters since a reset) looks like an erased cell in it."""
    if ":" in style:
        return False  # sub-parameters (curly underlines...): not worth parsing
    params = style.split(";") if style else []
    i = 0
    while i < len(params):
        p = params[i]
        if p in ("38", "48", "58"):  # colours: 5;n or 2;r;g;b
            if p == "58":
                return False  # an underline colour: something underlines
            i += 3 if i + 1 < len(params) and params[i + 1] == "5" else 5
            continue
        if p in _DRAWN_ON_BLANKS:
            return False
        i += 1
    return True


def _cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def compact_frame(sequence: str, width: int, erase: bool) -> str:
    """`sequence` (a Textual frame: moves, styled text, newlines) in fewer bytes.

    `width` is the screen's width in cells; `erase`: the terminal erases in the current
    background colour, so blanks up to the right edge may be sent as `ESC[K`.
    """
    out: list[str] = []
    append = out.append
    sent = ""  # the style in force on the terminal (SGR parameters since a reset)
    style = ""  # the style the next text is to be written in
    column: int | None = 0  # 0-based cursor column, None when unknown
    newline = False  # a newline not yet written (dropped if a move follows)
    held: tuple[str, str, int | None] | None = None  # text ending in blanks: (text, style, column)
    in_link = False

    def send_style(wanted: str) -> None:
        nonlocal sent
        if wanted != sent:
            append(f"\x1b[{'0;' + wanted if sent and wanted else wanted or '0'}m")
            sent = wanted

    def release(line_ends: bool) -> None:
        """Write the held text; its blank tail as an erase if the line ends after it."""
        nonlocal held
        if held is None:
            return
        text, text_style, start = held
        held = None
        send_style(text_style)
        if line_ends and start is not None:
            body = text.rstrip(" ")
            if len(text) - len(body) > len(_ERASE) and start + _cells(text) == width:
                append(body)
                append(_ERASE)
                return
        append(text)

    for match in _TOKENS.finditer(sequence):
        token = match.group()
        final = match.group(2)
        if final == "m":  # a style: applied lazily, when text needs it
            params = match.group(1)
            if params in ("", "0"):
                style = ""
            else:
                style = f"{style};{params}" if style else params
            continue
        if final == "H":  # an absolute move: ends the line
            release(True)
            newline = False
            y, _, x = match.group(1).partition(";")
            column = int(x) - 1 if x.isdigit() else 0
            append(f"\x1b[{y}H" if x in ("", "1") else token)
            continue
        if token == "\n":
            release(True)
            if newline:
                append("\n")
            newline = True
            column = 0
            continue
        if newline:
            append("\n")
            newline = False
        if token.startswith("\x1b"):  # any other control: written as it is, in order
            release(False)
            if token.startswith("\x1b]8;"):
                in_link = not token.rstrip("\x07\\").rstrip("\x1b").endswith(";")
            elif final is not None:
                column = None  # some other cursor control: the column is not known
            append(token)
            continue
        # text (runs in one style are joined: a line's blank tail often comes in two parts)
        start = column
        if held is not None and held[1] == style:
            token, start, held = held[0] + token, held[2], None
        else:
            release(False)
        if erase and not in_link and token.endswith(" ") and _erasable(style):
            held = (token, style, start)
        else:
            send_style(style)
            append(token)
        column = None if start is None else start + _cells(token)
    release(True)
    if newline:
        append("\n")
    if sent:
        append("\x1b[0m")
    return "".join(out)


def terminal_erases_in_background() -> bool:
    """The terminal (by $TERM's terminfo) erases in the current background colour (`bce`)."""
    term = os.environ.get("TERM", "")
    if not term or term == "dumb":
        return False
    try:
        import curses

        curses.setupterm(term, 1)
        return curses.tigetflag("bce") > 0
    except Exception:  # no terminfo entry, no curses: blanks stay blanks
        return False


class CompactUpdate(CompositorUpdate):
    """A compositor update written with `compact_frame`."""

    def __init__(self, update: CompositorUpdate, width: int, erase: bool) -> None:
        self.update = update
        self.width = width
        self.erase = erase

    def __rich_console__(self, console, options):
        yield from self.update.__rich_console__(console, options)  # type: ignore[attr-defined]

    def render_segments(self, console) -> str:
        frame = self.update.render_segments(console)
        try:
            return compact_frame(frame, self.width, self.erase)
        except Exception:  # never lose a frame to the compaction: write it as Textual made it
            return frame
