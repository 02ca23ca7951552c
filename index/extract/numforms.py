"""Number forms with their own shapes: money, fractions, ordinals, "hundreds of", "an hour".

Each `*_at(doc, ..., i)` reads the form starting at token i and returns a `Quantity` or None.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index.extract.numcontext import NOUN_TAGS, Context, counted_after, glued, sentence_topic, year_like
from index.extract.numwords import (
    DOZEN, FRACTION_WORDS, ORDINAL_WORDS, PLURAL_SCALES, SCALE_ABBREV, SCALES, SMALL_WORDS,
    TENS_WORDS, UNITS_WORDS, WordNumber, ordinal_value, parse_digits, split_suffix,
)
from index.extract.units import (
    DURATIONS, PER_UNITS, glued_money, per_unit_name, read_currency_after, read_currency_prefix,
    read_unit,
)


@dataclass
class Quantity:
    start: int  # token index of the number
    end: int  # token index after the number core
    value: float
    kind: str = "count"
    unit: str | None = None
    counted: str | None = None
    qualifier: str | None = None
    value_high: float | None = None
    span_start: int | None = None
    span_end: int | None = None
    words: bool = False  # written in words

    def first(self) -> int:
        return self.start if self.span_start is None else self.span_start

    def last(self) -> int:
        return self.end if self.span_end is None else self.span_end


def read_number(doc: Any, i: int, money: bool = False,
                first: float | None = None) -> tuple[float, int, bool] | None:
    """(value, index after, written-in-words) of the number starting at token i, or None.

    `first`: the value of token i when the caller has read it already ('NZ$45' -> 45)."""
    n = len(doc)
    tok = doc[i]
    low = tok.lower_
    acc = WordNumber()
    words = False
    digits = parse_digits(tok.text) if first is None else first
    if digits is not None:
        acc.take_digits(digits)
        j = i + 1
    elif (suffixed := split_suffix(tok.text)) and suffixed[1].lower() in SCALE_ABBREV and (
        money or suffixed[1].lower() != "m"
    ):
        return suffixed[0] * SCALE_ABBREV[suffixed[1].lower()], i + 1, False
    elif low in SMALL_WORDS:
        acc.take(low)
        j, words = i + 1, True
    elif low in ("a", "an") and i + 1 < n and (doc[i + 1].lower_ in SCALES or doc[i + 1].lower_ in DOZEN):
        nxt = doc[i + 1].lower_
        acc.take_digits(SCALES.get(nxt) or DOZEN[nxt])
        acc.last_kind = "scale"
        j, words = i + 2, True
    elif low in SCALES and i + 2 < n and doc[i + 1].text == "-" and glued(tok, doc[i + 1]):
        acc.take_digits(SCALES[low])  # "billion-year contract"
        j, words = i + 1, True
    else:
        return None
    while j < n:
        t = doc[j]
        tl = t.lower_
        if (tl in SCALES or (tl in SCALE_ABBREV and (money or tl not in {"m", "b", "k"}))) and acc.can_take(tl):
            acc.take(tl)
        elif tl in DOZEN and acc.last_kind in ("unit", "tens", "digits"):
            acc.current *= DOZEN[tl]
            acc.last_kind = "scale"
        elif (tl == "-" and acc.last_kind == "tens" and j + 1 < n and glued(doc[j - 1], t)
              and glued(t, doc[j + 1]) and doc[j + 1].lower_ in UNITS_WORDS):
            acc.take(doc[j + 1].lower_)
            j += 1
        elif (tl == "-" and j + 1 < n and SCALES.get(doc[j + 1].lower_, 0) >= 1000 and glued(doc[j - 1], t)
              and glued(t, doc[j + 1]) and acc.can_take(doc[j + 1].lower_)):
            acc.take(doc[j + 1].lower_)  # "a Rs 300-crore project", "a $5-billion deal"
            j += 1
        elif words and tl in SMALL_WORDS and acc.can_take(tl):
            acc.take(tl)
        elif (tl == "and" and j + 2 < n and doc[j + 1].lower_ in ("a", "one") and doc[j + 2].lower_ == "half"
              and acc.last_kind != "scale"):
            acc.current += 0.5  # "two and a half"
            j += 2
            acc.last_kind = "scale"
        elif (tl == "and" and acc.last_kind == "scale" and j + 1 < n
              and doc[j + 1].lower_ in SMALL_WORDS and acc.can_take(doc[j + 1].lower_)):
            acc.take(doc[j + 1].lower_)
            j += 1
        else:
            break
        j += 1
    return acc.value, j, words


def fraction_at(doc: Any, i: int) -> Quantity | None:
    """'half a ...', 'a fifth of', 'two-thirds of', 'one in three visits', 'three quarters of'."""
    n = len(doc)
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1].lower_ if i + 1 < n else ""
    if low == "half" and not (i + 1 < n and doc[i + 1].text == "-" and glued(tok, doc[i + 1])):
        prev = doc[i - 1].lower_ if i > 0 else ""
        if prev in ORDINAL_WORDS or prev in {"first", "second", "other"}:
            return None
        if nxt in {"a", "an", "the", "of", "his", "her", "their", "its", "our", "my", "your", "that", "this", "those", "these"}:
            return Quantity(i, i + 1, 0.5, kind="fraction", words=True)
        return None
    if low in {"a", "one"} and nxt in FRACTION_WORDS and nxt not in {"half", "halves"}:
        if i + 2 < n and doc[i + 2].lower_ == "of":
            return Quantity(i, i + 2, 1 / FRACTION_WORDS[nxt], kind="fraction", words=True)
        if i > 0 and doc[i - 1].lower_ in _FRACTION_COMPARED and (i + 2 >= n or doc[i + 2].tag_ not in NOUN_TAGS):
            return Quantity(i, i + 2, 1 / FRACTION_WORDS[nxt], kind="fraction", words=True)  # "larger than a third"
        return None
    num = UNITS_WORDS.get(low) or (parse_digits(tok.text) if tok.text.isdigit() else None)
    if num and i + 2 < n:
        # "two-thirds", "three quarters" (plural denominators only)
        k = i + 2 if doc[i + 1].text == "-" and glued(tok, doc[i + 1]) else i + 1
        den = doc[k].lower_ if k < n else ""
        if den in FRACTION_WORDS and (den.endswith("s") and low != "one" or low == "one" and k == i + 2 and den != "half"):
            return Quantity(i, k + 1, num / FRACTION_WORDS[den], kind="fraction", words=True)
        # "one in three", "1 in 5", "one out of four"
        k = i + 1
        if nxt == "out" and i + 2 < n and doc[i + 2].lower_ == "of":
            k = i + 2
        if doc[k].lower_ in {"in", "of"} and nxt in {"in", "out"} and k + 1 < n:
            den_tok = doc[k + 1]
            den_val = UNITS_WORDS.get(den_tok.lower_) or TENS_WORDS.get(den_tok.lower_) or parse_digits(den_tok.text)
            if den_val and num < den_val <= 1000 and not year_like(den_val, den_tok.text):
                return Quantity(i, k + 2, round(num / den_val, 3), kind="fraction", words=not tok.text.isdigit())
    return None


# Words after which "a third" is a share on its own, not an ordinal: "larger than a third".
_FRACTION_COMPARED = {"than", "about", "nearly", "almost", "over", "under", "roughly", "around",
                      "exactly", "just", "only", "barely", "least", "most"}
_A_DURATION_AFTER = {"later", "earlier", "ago", "before", "after", "long", "old", "late"}
_A_DURATION_BEFORE = {"for", "within", "about", "nearly", "almost", "over", "than", "least",
                      "just", "around", "roughly", "some", "only", "under", "barely"}
_DETERMINERS = {"DT", "PRP$", "POS"}


def money_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    cur = read_currency_prefix(doc, i)
    if cur is None:
        return _glued_money_at(doc, ctx, i)
    code, k = cur
    read = read_number(doc, k, money=True)
    if read is None:
        return None
    value, j, _words = read
    q = Quantity(k, j, value, kind="money", unit=code, span_start=i)
    after = read_currency_after(doc, j)
    if after and after[0] == code:  # "$5 million dollars"
        q.span_end = after[2]
    per_unit(doc, ctx, q)
    return q


# What follows "R120" when it names a road or a model, not an amount in rand.
_NOT_RAND_AFTER = {"road", "roads", "route", "motorway", "highway", "regional", "model", "engine", "series"}


def _glued_money_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    """'NZ$45 million', 'HK$52.30', 'R2.5 million', 'R120', 'Rs1,200 crore': sign and amount in one token."""
    found = glued_money(doc[i].text)
    if found is None:
        return None
    code, amount, suffix = found
    n = len(doc)
    if suffix:
        q = Quantity(i, i + 1, amount * SCALE_ABBREV[suffix.lower()], kind="money", unit=code)
    else:
        read = read_number(doc, i, money=True, first=amount)
        if read is None:
            return None
        q = Quantity(i, read[1], read[0], kind="money", unit=code)
    if code == "ZAR" and (q.end < n and (doc[q.end].lower_ in _NOT_RAND_AFTER or doc[q.end].text == "-"
                                         and glued(doc[q.end - 1], doc[q.end]))
                          or i > ctx.bounds(i)[0] and doc[i - 1].tag_ in ("NNP", "NNPS")):
        return None  # "the R120 road", "R2-D2", "an Audi R8"
    per_unit(doc, ctx, q)
    return q


def per_unit(doc: Any, ctx: Context, q: Quantity) -> None:
    """'$16 a kilo', '#0.79 per song': unit becomes 'USD/kg'; counted is what is priced."""
    n = len(doc)
    j = q.last()
    if j + 1 >= n:
        return
    link, what = doc[j].lower_, doc[j + 1]
    if link in ("a", "an") and what.lower_ in PER_UNITS or link in ("per", "/") and what.tag_ in NOUN_TAGS | {"NNP"}:
        q.unit = f"{q.unit}/{per_unit_name(what.text)}"
        q.span_end = j + 2
        if j + 3 < n and doc[j + 2].lower_ == "of" and doc[j + 3].tag_ in NOUN_TAGS:
            q.counted = doc[j + 3].text
        elif what.lower_ in _GOODS_UNITS:  # "bread ..., $16 a kilo": the priced thing is the topic
            s, _e = ctx.bounds(q.first())
            q.counted = sentence_topic(doc, s, q.first())


_GOODS_UNITS = {"kilo", "kg", "kilogram", "litre", "liter", "gallon", "barrel", "tonne", "ton",
                "pound", "ounce", "bag", "bottle", "pack", "piece", "dose"}


def ordinal_at(doc: Any, i: int) -> Quantity | None:
    n = len(doc)
    tok = doc[i]
    low = tok.lower_
    nxt = doc[i + 1] if i + 1 < n else None
    if nxt is not None and low == "no" and nxt.text == "." and i + 2 < n and doc[i + 2].text.isdigit():
        low, nxt, i = "no.", doc[i + 2], i + 1  # "No. 1" split in two tokens
    if nxt is not None and low in ("number", "no.", "#") and nxt.text.isdigit() and (low != "#" or glued(tok, nxt)):
        if low == "no." and not tok.text[0].isupper():
            return None
        start = i - 1 if doc[i].text == "." else i
        return Quantity(i + 1, i + 2, float(nxt.text), kind="ordinal", unit="rank", span_start=start)
    value = ordinal_value(tok.text)
    if value is None or low == "first":
        return None
    if tok.text[0].isdigit():
        return Quantity(i, i + 1, float(value), kind="ordinal")
    prev = doc[i - 1] if i > 0 else None
    if nxt is not None and nxt.tag_ in NOUN_TAGS and prev is not None and prev.tag_ in _DETERMINERS:
        return Quantity(i, i + 1, float(value), kind="ordinal", counted=nxt.text, span_end=i + 2)
    return None


def plural_scale_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    """'hundreds of people', 'tens of thousands of', 'millions'."""
    n = len(doc)
    low = doc[i].lower_
    if low not in PLURAL_SCALES or doc[i].tag_ not in NOUN_TAGS | {"CD"}:
        return None
    if i > 0 and (doc[i - 1].like_num or doc[i - 1].lower_ in ("the", "by")):
        return None
    value, j = float(PLURAL_SCALES[low]), i + 1
    if j + 1 < n and doc[j].lower_ == "of" and doc[j + 1].lower_ in PLURAL_SCALES and doc[j + 1].lower_ != "tens":
        value *= PLURAL_SCALES[doc[j + 1].lower_]
        j += 2
    elif low == "tens":
        return None
    q = Quantity(i, j, value, kind="count", qualifier="at least", words=True)
    if j + 1 < n and doc[j].lower_ == "of":
        counted, k = counted_after(doc, j + 1, ctx.bounds(i)[1])
        if counted:
            q.counted, q.span_end = counted, k
    return q


def a_duration_at(doc: Any, i: int) -> Quantity | None:
    """'an hour later', 'for a week': one unit of time."""
    n = len(doc)
    if doc[i].lower_ not in ("a", "an") or i + 1 >= n:
        return None
    unit = DURATIONS.get(doc[i + 1].lower_)
    if unit is None or doc[i + 1].lower_ == unit:
        return None
    after = doc[i + 2].lower_ if i + 2 < n else ""
    before = doc[i - 1].lower_ if i > 0 else ""
    if doc[i + 1].lower_ == "second" and i + 2 < n and doc[i + 2].tag_ in NOUN_TAGS | {"JJ"}:
        return None  # "a second consecutive day": an ordinal
    if after in _A_DURATION_AFTER or before in _A_DURATION_BEFORE:
        return Quantity(i, i + 2, 1.0, kind="duration", unit=unit, words=True)
    return None


def fraction_tail(doc: Any, ctx: Context, q: Quantity) -> None:
    """What a fraction is of: 'half a square kilometre' (measure), 'a quarter of citizens'."""
    n = len(doc)
    j = q.end
    if j < n and doc[j].lower_ == "of":
        j += 1
    if j < n and doc[j].lower_ in ("a", "an"):
        unit = read_unit(doc, j + 1)
        if unit is not None:  # "half a square kilometre", "a fifth of a percent"
            q.kind, q.unit, q.end = unit[0], unit[1], unit[2]
            return
    if q.start < q.end and doc[q.start].text[:1].isdigit() or doc[q.start].lower_ in SMALL_WORDS and q.end > q.start + 2 and doc[q.end - 2].lower_ in ("in", "of"):
        counted, k = counted_after(doc, q.end, ctx.bounds(q.start)[1])  # "one in three visits"
    else:
        counted, k = counted_after(doc, j, ctx.bounds(q.start)[1])
    if counted:
        q.counted, q.span_end = counted, k
    q.value = round(q.value, 3)


_DASHES = {"-", "–", "—", "−"}
# Words that put "2 – 1" in a match report rather than a numeric range.
SCORE_CUES = {"defeated", "defeat", "defeats", "beat", "beats", "beating", "won", "win", "wins",
              "winning", "lost", "lose", "loses", "losing", "drew", "draw", "drawn", "match",
              "game", "goal", "goals", "half", "scored", "score", "scoreboard", "victory",
              "leading", "trailing", "innings", "penalty", "penalties", "halftime", "half-time",
              "equaliser", "equalizer", "fixture"}
_MAX_SCORE = 200  # basketball and cricket totals stay below this; years and counts do not


def _small_int(tok: Any) -> int | None:
    return int(tok.text) if tok.text.isdigit() and len(tok.text) <= 3 and int(tok.text) <= _MAX_SCORE else None


def score_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    """A match score: 'defeated South Korea 1 – 0', 'the first half ended 0 – 0', 'won 3-1'.

    One quantity per score, kind "score", value the first side's score. Two small integers
    joined by a dash are a score when their sentence talks about a match (SCORE_CUES) or when
    they sit between two names ('Sweden 1 – 0 Korea Republic'); a unit or counted noun after
    the second number makes them a range instead ('1 – 2 percent', '3-4 weeks'). The filters
    drop scores in verbless heading lines, which only repeat the report's result.
    """
    n = len(doc)
    if i + 2 >= n or doc[i + 1].text not in _DASHES:
        return None
    first, second = _small_int(doc[i]), _small_int(doc[i + 2])
    if first is None or second is None:
        return None
    if i > 0 and (doc[i - 1].text in _DASHES or doc[i - 1].text[-1:].isdigit()):
        return None  # part of a longer chain: '1-2-3', a date '12-1-2015'
    after = doc[i + 3] if i + 3 < n else None
    if after is not None and (after.text in _DASHES and glued(doc[i + 2], after) or after.text[:1].isdigit()
                              or after.lower_ in ("%", "percent", "per", "times", "of")
                              or after.tag_ in NOUN_TAGS and not after.is_sent_start):
        return None
    if read_unit(doc, i + 3) is not None:
        return None
    s, e = ctx.bounds(i)
    cue = any(low in SCORE_CUES for low in ctx.lows[s:e])
    named = i > s and doc[i - 1].tag_ in ("NNP", "NNPS") and after is not None and after.tag_ in ("NNP", "NNPS")
    if not (cue or named):
        return None
    return Quantity(i, i + 3, float(first), kind="score")
