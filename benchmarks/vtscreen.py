"""A minimal VT100/xterm screen model: enough of the protocol to follow what Textual paints.

The reader benchmark feeds it the bytes the app writes to its pty and asks what text is on the
screen and whether a chunk changed any cell. Attributes (SGR colours, cursor style) are parsed
and ignored, so a blinking cursor or a colour change is not a "text change". Handled: cursor
addressing (CUP/HVP, CUU/CUD/CUF/CUB, CHA, VPA, CNL/CPL), erase (ED, EL, ECH), CR/LF/BS/TAB,
save/restore cursor; OSC/DCS strings and private modes are skipped.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

_TOKEN = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])"  # CSI params, final
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC ... BEL/ST
    r"|\x1b[P_^X][^\x1b]*\x1b\\"  # DCS/APC/PM/SOS ... ST
    r"|\x1b[()*+#%][\x20-\x7e]"  # charset designation etc.
    r"|\x1b(?![\[\]P_^X])[\x20-\x7e]"  # other two-byte escapes (7, 8, =, >, M ...)
    r"|[\x00-\x1a\x1c-\x1f\x7f]"  # C0 controls except ESC
    r"|[^\x00-\x1f\x1b\x7f]+",  # printable text
)


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


class Screen:
    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.saved = (0, 0)
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    # -- queries -------------------------------------------------------------
    def lines(self) -> list[str]:
        return ["".join(c for c in row if c).rstrip() for row in self.cells]

    def text(self) -> str:
        return "\n".join(self.lines())

    def filled_rows(self) -> int:
        return sum(1 for line in self.lines() if line.strip())

    # -- feeding -------------------------------------------------------------
    def feed(self, data: bytes) -> bool:
        """Apply output bytes; True if any cell's character changed."""
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        changed = False
        pos = 0
        n = len(text)
        while pos < n:
            m = _TOKEN.match(text, pos)
            if m is None:
                if self._incomplete(text[pos:]):
                    self._pending = text[pos:]  # an escape sequence split across reads
                    break
                pos += 1  # a malformed sequence: skip its ESC
                continue
            pos = m.end()
            tok = m.group(0)
            if tok[0] == "\x1b":
                if m.group(2) is not None:
                    changed |= self._csi(m.group(1), m.group(2))
                elif tok == "\x1b7":
                    self.saved = (self.x, self.y)
                elif tok == "\x1b8":
                    self.x, self.y = self.saved
            elif len(tok) == 1 and (tok < " " or tok == "\x7f"):
                self._control(tok)
            else:
                changed |= self._write(tok)
        return changed

    @staticmethod
    def _incomplete(tail: str) -> bool:
        if len(tail) == 1:
            return True
        if tail[1] == "[":
            return re.fullmatch(r"\x1b\[[0-?]*[ -/]*[@-~]", tail) is None
        if tail[1] in "]P_^X":
            return not (tail.endswith("\x07") or tail.endswith("\x1b\\"))
        return False

    def _control(self, ch: str) -> None:
        if ch == "\r":
            self.x = 0
        elif ch == "\n":
            self.y = min(self.rows - 1, self.y + 1)
        elif ch == "\b":
            self.x = max(0, self.x - 1)
        elif ch == "\t":
            self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)

    def _write(self, text: str) -> bool:
        changed = False
        row = self.cells[self.y]
        for ch in text:
            w = _width(ch)
            if w == 0 or self.x >= self.cols:
                continue
            if row[self.x] != ch:
                row[self.x] = ch
                changed = True
            if w == 2 and self.x + 1 < self.cols:
                if row[self.x + 1] != "":
                    row[self.x + 1] = ""
                    changed = True
            self.x += w
        return changed

    def _erase(self, y: int, x0: int, x1: int) -> bool:
        row = self.cells[y]
        changed = any(c != " " for c in row[x0:x1])
        row[x0:x1] = [" "] * (x1 - x0)
        return changed

    def _csi(self, params: str, final: str) -> bool:
        if params.startswith(("?", ">", "<", "=")):
            return False  # private modes and queries
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        a = nums[0] if nums else 0
        n = a or 1
        if final in "Hf":
            self.y = min(self.rows - 1, max(0, n - 1))
            self.x = min(self.cols - 1, max(0, (nums[1] if len(nums) > 1 and nums[1] else 1) - 1))
        elif final == "A":
            self.y = max(0, self.y - n)
        elif final == "B":
            self.y = min(self.rows - 1, self.y + n)
        elif final == "C":
            self.x = min(self.cols - 1, self.x + n)
        elif final == "D":
            self.x = max(0, self.x - n)
        elif final in "EF":
            self.y = min(self.rows - 1, self.y + n) if final == "E" else max(0, self.y - n)
            self.x = 0
        elif final == "G":
            self.x = min(self.cols - 1, n - 1)
        elif final == "d":
            self.y = min(self.rows - 1, n - 1)
        elif final == "K":
            x0, x1 = {0: (self.x, self.cols), 1: (0, self.x + 1), 2: (0, self.cols)}.get(a, (0, 0))
            return self._erase(self.y, x0, x1)
        elif final == "X":
            return self._erase(self.y, self.x, min(self.cols, self.x + n))
        elif final == "J":
            changed = False
            if a == 0:
                changed = self._erase(self.y, self.x, self.cols)
                ys = range(self.y + 1, self.rows)
            elif a == 1:
                changed = self._erase(self.y, 0, self.x + 1)
                ys = range(0, self.y)
            else:
                ys = range(self.rows)
            for y in ys:
                changed |= self._erase(y, 0, self.cols)
            return changed
        elif final == "s":
            self.saved = (self.x, self.y)
        elif final == "u":
            self.x, self.y = self.saved
        return False
