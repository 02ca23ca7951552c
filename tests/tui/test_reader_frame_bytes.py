"""Frames written in fewer bytes (tui.frame_bytes) show the same screen, cell for cell."""
from __future__ import annotations

import re

from tests.tui.conftest import settle
from tui.frame_bytes import compact_frame

ESC = "\x1b"
BG = "48;2;18;18;18"
TEXT = f"38;2;224;224;224;{BG}"


class Cells:
    """A small terminal model: each cell is (character, SGR attributes it was written in).

    Moves, styles (accumulated since a reset), text, newlines (to the next row's first
    column, as a pty with onlcr writes them) and erase-to-end-of-line (blanks in the
    current background when `bce`, else in the default one)."""

    TOKEN = re.compile(r"\x1b\[([0-9;]*)([A-Za-z])|\n|[^\x1b\n]")

    def __init__(self, width: int, height: int, bce: bool) -> None:
        self.width, self.bce = width, bce
        self.rows = [[(" ", ())] * width for _ in range(height)]
        self.x = self.y = 0
        self.style: tuple[str, ...] = ()

    def feed(self, data: str) -> "Cells":
        for match in self.TOKEN.finditer(data):
            token, params, final = match.group(), match.group(1), match.group(2)
            if final == "H":
                y, _, x = params.partition(";")
                self.y, self.x = int(y or 1) - 1, int(x or 1) - 1
            elif final == "m":
                self.style = () if params in ("", "0") else self.style
                if params not in ("", "0"):
                    parts = params.split(";")
                    if parts[0] == "0":
                        self.style, parts = (), parts[1:]
                    self.style = self.style + tuple(parts)
            elif final == "K":
                blank = (" ", self.background()) if self.bce else (" ", ())
                for x in range(self.x, self.width):
                    self.rows[self.y][x] = blank
            elif token == "\n":
                self.y, self.x = self.y + 1, 0
            else:
                assert final is None, f"unexpected control {token!r}"
                self.rows[self.y][self.x] = (token, self.style)
                self.x += 1
        return self

    def background(self) -> tuple[str, ...]:
        """The background part of the current style."""
        parts, out, i = list(self.style), [], 0
        while i < len(parts):
            step = 3 if parts[i] in ("38", "48") and parts[i + 1 : i + 2] == ["5"] else 5 if parts[i] in ("38", "48") else 1
            if parts[i] == "48":
                out = parts[i : i + step]
            i += step
        return tuple(out)

    def looks(self) -> list[list[tuple]]:
        """What is seen: a blank shows only its background (when nothing draws on it)."""
        seen = []
        for row in self.rows:
            line = []
            for ch, style in row:
                if ch == " " and not set(style) & {"4", "7", "9"}:
                    saved, self.style = self.style, style
                    line.append((" ", self.background()))
                    self.style = saved
                else:
                    line.append((ch, style))
            seen.append(line)
        return seen


def _same_screen(frame: str, width: int, height: int, bce: bool = True) -> str:
    compact = compact_frame(frame, width, bce)
    before = Cells(width, height, bce).feed(frame).looks()
    after = Cells(width, height, bce).feed(compact).looks()
    assert after == before
    return compact


def _line(y: int, *runs: tuple[str, str], x: int = 1) -> str:
    return f"{ESC}[{y};{x}H" + "".join(f"{ESC}[{style}m{text}{ESC}[0m" for style, text in runs)


def test_lines_in_one_style_send_it_once_and_erase_their_blank_tails():
    frame = "\n".join([
        _line(1, (TEXT, "Aid workers reached the town" + " " * 12)),
        _line(2, (TEXT, "on Tuesday, officials said." + " " * 13)),
        _line(3, (BG, " " * 40)),
    ])
    compact = _same_screen(frame, 40, 3)
    assert compact.count(TEXT) == 1 and compact.count(f"{ESC}[K") == 3
    assert "\n" not in compact and compact.endswith(f"{ESC}[0m")
    assert len(compact) < 0.6 * len(frame)


def test_a_highlight_mid_line_switches_style_and_back_in_one_sequence_each():
    frame = _line(1, (TEXT, "near the "), (f"1;7;{TEXT}", "police"), (TEXT, " posts" + " " * 9))
    compact = _same_screen(frame, 30, 1)
    assert compact.count(f"{ESC}[0m") == 1  # only the final reset: the others are folded in
    assert f"{ESC}[0;1;7;{TEXT}m" in compact and f"{ESC}[0;{TEXT}m" in compact


def test_blanks_are_kept_where_an_erase_would_look_different():
    cases = [
        (_line(1, (f"7;{TEXT}", "reversed" + " " * 12)), 20),  # reverse draws on blanks
        (_line(1, (f"4;{TEXT}", "underlined" + " " * 10)), 20),  # so does an underline
        (_line(1, (TEXT, "short" + " " * 5), x=3), 20),  # the line stops short of the edge
    ]
    for frame, width in cases:
        assert f"{ESC}[K" not in _same_screen(frame, width, 1)
    # a terminal without bce erases in its default colour: blanks stay blanks
    frame = _line(1, (TEXT, "text" + " " * 16))
    assert f"{ESC}[K" not in _same_screen(frame, 20, 1, bce=False)


def test_wide_characters_count_two_cells_towards_the_edge():
    frame = _line(1, (TEXT, "東京" + " " * 6))  # 4 cells of text, 6 blanks: 10 cells
    compact = compact_frame(frame, 10, True)
    assert compact.endswith(f"東京{ESC}[K{ESC}[0m")
    assert f"{ESC}[K" not in compact_frame(frame, 11, True)


async def test_real_frames_of_the_reader_look_the_same_compacted(make_app, fake_engine):
    """Whole frames of the search and article screens, as Textual renders them."""
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#query").value = "bakery"
        await settle(pilot, app)
        frames = [app.screen._compositor.render_update(full=True).render_segments(app.console)]
        app.open_article(["bakery"], 0)
        await settle(pilot, app)
        await pilot.press("j")
        await pilot.pause(0.1)
        frames.append(app.screen._compositor.render_update(full=True).render_segments(app.console))
    for frame in frames:
        compact = _same_screen(frame, 100, 30)
        assert len(compact) < 0.75 * len(frame)


def test_a_frame_the_compaction_cannot_read_is_written_as_textual_made_it(monkeypatch):
    """The compaction must never cost a frame: if it fails, the original bytes go out."""
    from tui import frame_bytes

    class Update:
        def render_segments(self, console) -> str:
            return f"{ESC}[1;1H{ESC}[{TEXT}mhello{ESC}[0m"

    def broken(frame, width, erase):
        raise ValueError("unexpected sequence")

    monkeypatch.setattr(frame_bytes, "compact_frame", broken)
    update = frame_bytes.CompactUpdate(Update(), 100, True)
    assert update.render_segments(None) == f"{ESC}[1;1H{ESC}[{TEXT}mhello{ESC}[0m"


def test_newsdesk_plain_frames_turns_the_compaction_off():
    """NEWSDESK_PLAIN_FRAMES=1 is read at import: a fresh interpreter shows the switch."""
    import os
    import subprocess
    import sys

    code = "import tui.app as a; print(a.COMPACT_FRAMES)"
    env = {**os.environ, "NEWSDESK_PLAIN_FRAMES": "1"}
    plain = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    env["NEWSDESK_PLAIN_FRAMES"] = ""
    compact = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert (plain.stdout.strip(), compact.stdout.strip()) == ("False", "True"), plain.stderr + compact.stderr
