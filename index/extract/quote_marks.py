"""Pairing quotation marks: which stretches of a body are quoted words.

Pure text scanning, no language model. Handles straight and curly double quotes,
guillemets (either direction), two apostrophes, backticks or single curly marks standing
for a double mark (''wire style'', ``typeset'', ‘‘doubled’’), single quotes
outside double-quoted text (with care for apostrophes, 'the workers’ pay' but 'the commuter
counties’ and'), a paragraph that closes a quote it never opened (a lost opening mark), and
quotes (double or single) that run on into the next paragraph when that paragraph re-opens
them. In a single-quote house style (British, Irish, Australian papers) double marks inside
a single-quoted stretch are part of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "\u201c\u201e\u00ab"  # “ „ «
CLOSERS = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018"  # ‘
SINGLE_CLOSE = "\u2019"  # ’
DOUBLE_MARKS = '"' + OPENERS + CLOSERS + "\u201f"
ALL_MARKS = DOUBLE_MARKS + "'" + SINGLE_OPEN + SINGLE_CLOSE
PAIRED = ("''", "``", "\u2018\u2018", "\u2019\u2019")  # two characters written for one double mark
MARK_TOKENS = frozenset(ALL_MARKS) | frozenset(PAIRED)  # a token that is a quotation mark

_BEFORE_OPEN = "([{\u2014\u2013-/\u2018\u201c\u00ab"
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026'\u2019\u201d\u00bb"
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_DOUBLE_RE = re.compile("|".join(PAIRED) + "|[" + re.escape(DOUBLE_MARKS) + "]")
# a two-character mark behaves like this one
_AS_MARK = {"''": '"', "``": "\u201c", "\u2018\u2018": "\u201c", "\u2019\u2019": "\u201d"}
_SINGLE_RE = re.compile("['\u2018\u2019]")
# words that never follow a possessive ('the workers’ rights'): after them an s’ closes a quote
_NOT_AFTER_POSSESSIVE = re.compile(r"(and|or|but|nor|that|which|who|to|in|on|at|of|for|from|with|by|as|"
                                   r"is|are|was|were|would|will|could|should|had|has|have|he|she|it|they|"
                                   r"we|said|says|added|warned)\b")


@dataclass(frozen=True)
class QuoteSpan:
    """One quoted stretch inside one paragraph; `start`/`end` exclude the marks."""

    start: int
    end: int
    open_at: int | None  # index of the opening mark; None when the source lost it
    close_at: int | None  # index of (the last character of) the closing mark; None when the paragraph ends first
    para: int  # index into the paragraph list
    single: bool = False  # quoted with single marks
    runs_on: bool = False  # left open: the next paragraph re-opens and continues it
    continues: bool = False  # continues a quote left open by the previous paragraph

    @property
    def missing_open(self) -> bool:
        return self.open_at is None


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, surrounding whitespace trimmed.

    Blank lines separate paragraphs; a body without blank lines is split on line breaks.
    """
    sep = _BLANK_LINE if _BLANK_LINE.search(body) else re.compile(r"\n")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*sep.finditer(body), None]:
        stop = m.start() if m else len(body)
        s, e = pos, stop
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        if m:
            pos = m.end()
    return out


def _context(body: str, i: int, lo: int, hi: int, width: int = 1) -> tuple[bool, bool]:
    """(looks like an opening position, looks like a closing position) for the mark at i."""
    prev = body[i - 1] if i > lo else None
    nxt = body[i + width] if i + width < hi else None
    left_open = prev is None or prev.isspace() or prev in _BEFORE_OPEN
    right_close = nxt is None or nxt.isspace() or nxt in _AFTER_CLOSE
    return left_open, right_close


def _roles(ch: str, left_open: bool, right_close: bool) -> tuple[bool, bool]:
    """(can open, can close) for a double mark in its context."""
    if ch in OPENERS:
        return True, right_close and not left_open
    if ch in CLOSERS:
        return left_open and not right_close, True
    # straight or reversed mark: context decides; both when it is ambiguous
    return not (right_close and not left_open), not (left_open and not right_close)


def _trim(body: str, s: int, e: int) -> tuple[int, int]:
    while s < e and body[s].isspace():
        s += 1
    while e > s and body[e - 1].isspace():
        e -= 1
    return s, e


def _mark_at(body: str, i: int) -> str:
    """The double mark starting at i: one character, or two for '' and ``."""
    two = body[i:i + 2]
    return two if two in PAIRED else body[i]


def _roles_at(body: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    mark = _mark_at(body, i)
    return _roles(_AS_MARK.get(mark, mark), *_context(body, i, lo, hi, len(mark)))


def _opens_paragraph(body: str, lo: int, hi: int) -> bool:
    if lo >= hi or not _DOUBLE_RE.match(body, lo):
        return False
    return _roles_at(body, lo, lo, hi)[0]


def _misplaced_opener(body: str, i: int, lo: int, hi: int) -> bool:
    """A closing-looking mark followed by another closing-only mark before any opener."""
    for j in range(i + 1, hi):
        if body[j] in DOUBLE_MARKS or body[j:j + 2] in PAIRED:
            can_open, can_close = _roles_at(body, j, lo, hi)
            return can_close and not can_open
    return False


def _double_spans(body: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    carried = False  # the previous paragraph ended inside a quote
    for p, (lo, hi) in enumerate(paras):
        open_at: int | None = None
        open_w = 1  # width of the opening mark
        seen_mark = False
        continues = carried
        carried = False
        for m in _DOUBLE_RE.finditer(body, lo, hi):
            i, w = m.start(), len(m.group())
            ch = body[i]
            if open_at is None and ch == '"' and i > lo and body[i - 1].isdigit():
                continue  # an inch mark: 13.3" display
            can_open, can_close = _roles_at(body, i, lo, hi)
            first = not seen_mark
            seen_mark = True
            if open_at is None:
                if can_open:
                    open_at, open_w = i, w
                elif can_close and first and _misplaced_opener(body, i, lo, hi):
                    open_at, open_w = i, w  # 'communities," For example, ...".'
                elif can_close and first and body[i - 1] in ",.!?…—-":
                    # closes a quote whose opening mark the source lost
                    s, e = _trim(body, lo, i)
                    if e > s:
                        spans.append(QuoteSpan(s, e, None, i + w - 1, p, continues=continues))
                continue
            if can_close:
                s, e = _trim(body, open_at + open_w, i)
                if e > s:  # close_at: the last character of the closing mark
                    spans.append(QuoteSpan(s, e, open_at, i + w - 1, p,
                                           continues=continues and not spans_in(spans, p)))
                open_at = None
            else:  # a second opening mark: the first one was stray
                open_at, open_w = i, w
        if open_at is not None:
            s, e = _trim(body, open_at + open_w, hi)
            if e > s:
                nxt = paras[p + 1] if p + 1 < len(paras) else None
                runs_on = nxt is not None and _opens_paragraph(body, *nxt)
                spans.append(QuoteSpan(s, e, open_at, None, p, runs_on=runs_on,
                                       continues=continues and not spans_in(spans, p)))
                carried = True
    return spans


def spans_in(spans: list[QuoteSpan], para: int) -> bool:
    return any(q.para == para for q in spans)


def _is_apostrophe(body: str, i: int, lo: int, hi: int) -> bool:
    prev = body[i - 1] if i > lo else ""
    nxt = body[i + 1] if i + 1 < hi else ""
    return prev.isalnum() and nxt.isalnum()


def _plural_possessive(body: str, i: int, hi: int) -> bool:
    """"'The workers' rights are at stake,' he said": an apostrophe after a plural, not the
    closing mark, when a lower-case word follows and a closing mark comes later."""
    if body[i - 1] != "s" or i + 2 >= hi or body[i + 1] != " " or not body[i + 2].islower():
        return False
    if re.match(_NOT_AFTER_POSSESSIVE, body[i + 2:i + 12]):
        return False  # "‘most acute in the commuter counties’ and warned": a closing mark
    return any(body[j] in "'" + SINGLE_CLOSE and not body[j - 1].isspace()
               and (j + 1 >= hi or not body[j + 1].isalnum()) for j in range(i + 3, hi))


def _single_spans(body: str, paras: list[tuple[int, int]], taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """Single-quoted stretches outside double-quoted text (British style)."""
    blocked = [(q.open_at if q.open_at is not None else q.start, (q.close_at or q.end) + 1) for q in taken]
    spans: list[QuoteSpan] = []
    carried = False  # the previous paragraph ended inside a quote that this one re-opens
    for p, (lo, hi) in enumerate(paras):
        open_at: int | None = None
        continues, carried = carried, False
        for m in _SINGLE_RE.finditer(body, lo, hi):
            i = m.start()
            ch = body[i]
            if _is_apostrophe(body, i, lo, hi):
                continue
            if any(a <= i < b for a, b in blocked):
                open_at = None
                continue
            left_open, right_close = _context(body, i, lo, hi)
            nxt = body[i + 1] if i + 1 < hi else ""
            if open_at is None:
                if ch != SINGLE_CLOSE and left_open and (nxt.isalpha() or nxt == "\u2026"):
                    open_at = i
            elif ch != SINGLE_OPEN and right_close and not body[i - 1].isspace() \
                    and not _plural_possessive(body, i, hi):
                s, e = _trim(body, open_at + 1, i)
                if e > s:
                    spans.append(QuoteSpan(s, e, open_at, i, p, single=True,
                                           continues=continues and not spans_in(spans, p)))
                open_at = None
        nxt = paras[p + 1] if p + 1 < len(paras) else None
        if open_at is not None and nxt is not None and body[nxt[0]] == SINGLE_OPEN and body[hi - 1] in ".!?\u2026" \
                and not any(a <= open_at < b for a, b in blocked):
            # 'We will build on every piece of land.' then a paragraph opening with ‘: a quote run on
            spans.append(QuoteSpan(*_trim(body, open_at + 1, hi), open_at, None, p, single=True, runs_on=True,
                                   continues=continues and not spans_in(spans, p)))
            carried = True
    return spans


def single_style(spans: list[QuoteSpan]) -> bool:
    """The house style quotes with single marks (British, Irish, Australian papers): most
    quoted stretches are single-quoted, so a single-quoted one is a quote, not a scare quote."""
    single = sum(1 for q in spans if q.single)
    return single >= 2 and single > len(spans) - single


def _nested(q: QuoteSpan, outer: list[QuoteSpan]) -> bool:
    return any(o.start <= q.start and q.end <= o.end and o is not q for o in outer)


def find_quote_spans(body: str, paras: list[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quoted stretch of `body`, in order of `start`. In a single-quote house style a
    double-quoted stretch inside a single-quoted one is part of that quote ('‘They promised
    “a new era”,’ she said'), not a quote of its own."""
    if paras is None:
        paras = paragraphs(body)
    double = _double_spans(body, paras)
    single = _single_spans(body, paras, double)
    spans = double + single
    if single and single_style(spans):
        spans = [q for q in spans if q.single or not _nested(q, single)]
    return sorted(spans, key=lambda q: q.start)
