"""Fewer escape sequences per painted line: what a scroll step costs an SSH link.

Textual writes every segment of a line as `ESC[<style>m text ESC[0m`, so a line of body
text costs two full style sequences (the text, then the blank padding to the right edge)
and an empty line a style sequence around nothing. `compact_strip` drops the empty
segments and lets blanks take the style of the text next to them (trailing blanks the text
before, leading blanks such as a left padding the text after) when that looks the same on
a blank (same background, nothing drawn on spaces), so the line is one run.
What is on screen does not change; only the bytes that say it.
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


def _blank_looks_the_same(text_style: Style, blank_style: Style) -> bool:
    """A blank in `text_style` looks like a blank in `blank_style` (no glyph: the colour of
    the text does not show; the background and anything drawn on spaces do)."""
    if text_style.bgcolor != blank_style.bgcolor:
        return False
    drawn_on_blanks = ("reverse", "underline", "underline2", "strike", "overline", "blink", "blink2", "frame", "encircle", "conceal")
    return not any(getattr(style, attr) for style in (text_style, blank_style) for attr in drawn_on_blanks)


def compact_strip(strip: Strip) -> Strip:
    segments = list(strip)
    out: list[Segment] = []
    changed = False
    for segment in segments:
        text, style, control = segment
        if not text and control is None:
            changed = True  # a style sequence around nothing
            continue
        previous = out[-1] if out else None
        joinable = (
            previous is not None
            and control is None
            and previous.control is None
            and style is not None
            and previous.style is not None
            and style.link is None
        )
        if joinable and not text.strip(" ") and _blank_looks_the_same(previous.style, style):
            # trailing blanks join the run before them, in its style
            out[-1] = Segment(previous.text + text, previous.style)
            changed = True
            continue
        if joinable and not previous.text.strip(" ") and _blank_looks_the_same(style, previous.style):
            # leading blanks (a widget's left padding) take the style of the text after them
            out[-1] = Segment(previous.text + text, style)
            changed = True
            continue
        out.append(segment)
    if not changed:
        return strip
    return Strip(out, strip.cell_length)
