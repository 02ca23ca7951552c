"""Quantities in an article body: value, unit, qualifier, kind and counted noun.

`find_numbers(doc, entities)` scans the tokens of the spaCy Doc (POS tags, no parser) with
rules; it never calls the model again. One dict per quantity, ordered by start:

    {"text", "value", "unit", "qualifier", "kind", "counted", "sentence", "start", "end"}
    (+ "value_high" for ranges)

Conventions (see tests/extract/test_numbers.py):
- The span runs from the qualifier ("more than") through the number, its unit and the counted
  noun with its modifiers: "more than 2,500 foreign children". Ages take the bare number
  ("Shamima Begum, 19,") or the compound ("14-year-old"); compound adjectives keep only the
  compound ("six-member").
- kind is one of money, percent, measure, duration, age, count, fraction, multiplier, range,
  ordinal, score, odds. Odds ("1-in-100"), bowling figures ("three for 24") and compound
  durations ("four hours and 12 minutes" -> 4.2 hours) follow numjoined.py's conventions.
- Money: "$", "₹", "A$1.2 billion", "NZ$45 million", "R2.5 million" (rand), "Rs 300 crore",
  "Rp 10,000", "RM2.5 billion", "USD 20 million"; South Asian scales are values in full
  ("95 lakh" = 9,500,000, "1.5 lakh crore" = 1.5e12), as are "25,00,000"-grouped digits. Durations ("two weeks", "Seventeen years ago" -> 17 years) are quantities even when
  the phrase is a DATE entity; years and calendar dates ("2014", "March 3") and clock times
  are not.
- Ranges ("between 10 and 20", "10-20", "one or two") take the lower bound as value and the
  upper one as value_high.
- "hundreds of people" / "dozens" / "millions": value is the scale (100, 12, 1e6) with qualifier
  "at least". Fractions ("a quarter of", "one in three") are values in [0, 1], rounded to 3
  decimals; "half a square kilometre" is a measure of 0.5 km2.
- Match scores ("Sweden defeated South Korea 1 – 0") are one quantity of kind "score" whose
  value is the first side's score.
- "one" counts only before a noun ("one vote"), never as a pronoun ("the current one");
  "first" is not emitted (it is almost always an adverb or a default ordinal).
"""
from __future__ import annotations

from typing import Any

from index.extract.numcontext import (
    Context, counted_after, counted_of, glued, m_means_million, qualifier_after, qualifier_before,
    year_like,
)
from index.extract.numfilters import age_of, rejected
from index.extract.numforms import (
    Quantity, a_duration_at, fraction_at, fraction_tail, money_at, ordinal_at, per_unit,
    plural_scale_at, read_number, score_at,
)
from index.extract.numjoined import (
    a_duration_joined_at, below_zero, bowling_at, glued_temperature_at, join_duration, odds_at,
)
from index.extract.numwords import (
    FRACTION_WORDS, ORDINAL_WORDS, PLURAL_SCALES, SCALE_ABBREV, SCALES, SMALL_WORDS, clean_number,
    split_suffix,
)
from index.extract.tokens import TokenTable, token_table
from index.extract.units import (
    DURATIONS, ISO_CODES, PREFIX_CODES, read_currency_after, read_currency_prefix, read_unit,
)

_TRIGGER_WORDS = (set(SMALL_WORDS) | set(SCALES) | set(PLURAL_SCALES) | set(ORDINAL_WORDS)
                  | {"a", "an", "half", "number", "no", "no.", "#", "between"})


def _range_end(doc: Any, q: Quantity) -> None:
    """Extend q over a range: 'between 10 and 20', '10-20', '10 to 20', 'one or two'."""
    n = len(doc)
    j = q.end
    if j + 1 >= n:
        return
    link = doc[j]
    between = q.start > 0 and doc[q.start - 1].lower_ == "between"
    ok = (between and link.lower_ == "and") or link.text in ("-", "–", "—") and glued(doc[j - 1], link) \
        or link.lower_ in ("to", "or")
    if not ok:
        return
    read = read_number(doc, j + 1)
    if read is None:
        return
    high, k, _w = read
    if year_like(q.value, doc[q.start].text) and (year_like(high, doc[j + 1].text) or high < 100):
        q.kind, q.end = "date", k  # "2015-16", "1990 to 1995"
        return
    high_scale = _scale_of(doc, k - 1)
    if high_scale and not _scale_of(doc, q.end - 1) and q.value * high_scale <= high:
        q.value *= high_scale  # "between 3 and 5 million": the scale belongs to both ends
    if high <= q.value or link.lower_ == "to" and _is_change(doc, q.start):
        return  # "rose from 9 to 10" is a change, not a range
    if q.kind == "count":
        q.kind = "range"
    q.value_high = high
    q.end = k
    if between:
        q.span_start = q.start - 1


def _scale_of(doc: Any, i: int) -> float | None:
    """The multiplier of a scale word or suffix ending at token i ('million', '5bn'), or None."""
    low = doc[i].lower_
    if low in SCALES:
        return float(SCALES[low])
    if low in SCALE_ABBREV and i > 0 and glued(doc[i - 1], doc[i]):
        return float(SCALE_ABBREV[low])
    suffixed = split_suffix(doc[i].text)
    if suffixed and suffixed[1].lower() in SCALE_ABBREV:
        return float(SCALE_ABBREV[suffixed[1].lower()])
    return None


def _money_range(doc: Any, q: Quantity) -> None:
    """'US$ 3,000 to 5,000', '$3-5 million', 'between $10 and $20': value_high on money.

    "X to $Y" with a second currency sign is a change ("down $2.86 to $77.11", "cut by $200
    to $399", "from US$ 55 billion to US$ 110 billion"), so a "to" range needs a bare upper end.
    """
    n = len(doc)
    j = q.last()
    if q.span_end is not None or j + 1 >= n:
        return
    link = doc[j]
    prev = doc[q.first() - 1].lower_ if q.first() > 0 else ""
    between = prev == "between"
    if not (between and link.lower_ == "and" or link.lower_ == "to" and prev not in ("from", "by")
            or link.text in ("-", "–") and glued(doc[j - 1], link)):
        return
    k = j + 1
    cur = read_currency_prefix(doc, k)
    if cur is not None:
        if cur[0] != q.unit or link.lower_ == "to":
            return
        k = cur[1]
    read = read_number(doc, k, money=True)
    if read is None:
        return
    high, end, _w = read
    high_scale = _scale_of(doc, end - 1)
    if high_scale and not _scale_of(doc, q.end - 1) and q.value * high_scale <= high:
        q.value *= high_scale
    if high <= q.value:
        return
    q.value_high, q.span_end = high, end
    if between:
        q.span_start = q.first() - 1


_CHANGE_STEMS = ("increas", "rise", "rose", "risen", "fell", "fall", "grew", "grow", "drop", "jump",
                 "climb", "declin", "reduc", "cut", "doubl", "tripl", "went", "gone", "expand", "shr",
                 "sank", "boost", "rais", "lower", "slash", "up", "down", "chang", "mov", "swell",
                 "soar", "plung", "tumbl", "slip", "surg", "shift", "extend", "push")


def _is_change(doc: Any, start: int) -> bool:
    """Is 'from' before token `start` the start of a change ('rose from 9 to 10')?"""
    if start < 2 or doc[start - 1].lower_ != "from":
        return False
    for t in doc[max(0, start - 4): start - 1]:
        if t.lower_.startswith(_CHANGE_STEMS) and (t.tag_.startswith("VB") or t.tag_ in ("RP", "RB", "NN", "NNS")):
            return True
    return False


def _compound(doc: Any, ctx: Context, q: Quantity) -> bool:
    """'six-member', '14-year-old', '18-fold', '30-minute walk', 'billion-year contract'."""
    n = len(doc)
    j = q.end
    if not (j + 1 < n and doc[j].text == "-" and glued(doc[j - 1], doc[j]) and glued(doc[j], doc[j + 1])):
        return False
    word = doc[j + 1]
    low = word.lower_
    if not word.is_alpha:
        return False
    end = j + 2
    if low in ("year", "month", "week", "day") and end + 1 < n and doc[end].text == "-" and doc[end + 1].lower_ == "old":
        q.kind, q.unit, end = "age", DURATIONS[low], end + 2
    elif low == "fold":
        q.kind, q.unit = "multiplier", "fold"
    elif (read := read_unit(doc, j + 1)) is not None and read[0] != "percent":
        q.kind, q.unit, end = read[0], read[1], read[2]
    elif low in FRACTION_WORDS or low in SMALL_WORDS:
        return False
    else:
        q.unit = low
    q.span_end = end
    q.counted = counted_after(doc, end, ctx.bounds(q.start)[1])[0]
    return True


def _suffix(doc: Any, ctx: Context, q: Quantity) -> None:
    """Unit, currency word, age phrase, qualifier and counted noun after the number core."""
    n = len(doc)
    sent_end = ctx.bounds(q.start)[1]
    if _compound(doc, ctx, q):
        return
    j = q.end
    cur = read_currency_after(doc, j)
    if cur is not None:
        q.kind, q.unit = "money", cur[0]
        q.value *= cur[1]
        q.end = cur[2]
        per_unit(doc, ctx, q)
        return
    unit = read_unit(doc, j)
    if unit is not None and _glued_m(doc, j) and m_means_million(doc, ctx, j):
        q.value *= 1_000_000  # "passengers will jump to 70m"
        q.end = j = j + 1
        unit = None
    if unit is not None:
        kind, name, end = unit
        if kind != "percent" and q.kind == "range":
            q.unit = name
        else:
            q.kind, q.unit = kind, name
        q.end = end
        if name in ("years", "months", "weeks") and end < n and doc[end].lower_ == "old":
            q.kind, q.end = "age", end + 1
        elif kind == "measure" and end + 1 < n and doc[end].lower_ == "of":
            counted, k = counted_after(doc, end + 1, sent_end)
            if counted:
                q.counted, q.span_end = counted, k
        return
    post, end = qualifier_after(doc, j)
    if post is not None:
        q.qualifier, q.end = post, end
        return
    if j < n and doc[j].lower_ == "fold":
        q.kind, q.unit, q.end = "multiplier", "fold", j + 1
        return
    if j < n and doc[j].lower_ == "times":
        if j + 1 < n and doc[j + 1].lower_ in ("as", "more", "less", "higher", "lower", "larger", "smaller", "greater", "the", "that"):
            q.kind, q.unit, q.end = "multiplier", "times", j + 1
        else:
            q.counted, q.span_end = "times", j + 1
        return
    counted, k = counted_after(doc, j, sent_end)
    if counted:
        q.counted, q.span_end = counted, k
        head = counted.split()[-1].lower()
        if head in DURATIONS and (head.endswith("s") or q.value == 1):  # "twenty working days"
            q.kind, q.unit, q.counted = "duration", DURATIONS[head], None
    else:
        q.counted = counted_of(doc, j, sent_end)


def _glued_m(doc: Any, j: int) -> bool:
    """'70m' split by the tokenizer into '70' + 'm'."""
    return j > 0 and doc[j].text == "m" and glued(doc[j - 1], doc[j]) and doc[j - 1].text[-1:].isdigit()


def _general(doc: Any, ctx: Context, i: int) -> Quantity | None:
    read = read_number(doc, i)
    if read is None:
        return glued_temperature_at(doc, ctx, i) or a_duration_at(doc, i) or a_duration_joined_at(doc, i)
    value, j, words = read
    tok = doc[i]
    if tok.lower_ in ("a", "an") and j == i + 1:
        return None
    q = Quantity(i, j, value, words=words)
    _range_end(doc, q)
    if q.kind == "date":
        return q
    _suffix(doc, ctx, q)
    return q


def find_numbers(doc: Any, entities: list[dict[str, Any]],
                 tokens: TokenTable | None = None) -> list[dict[str, Any]]:
    """All quantities in the Doc, by start offset (see the module docstring).

    `tokens`: the Doc's TokenTable if the caller has one (pipeline.analyse builds it once for
    every layer); the rules read the table, never the Doc.
    """
    doc = tokens if tokens is not None else token_table(doc)
    ctx = Context(doc, entities)
    found: list[Quantity] = []
    i = 0
    for at in _triggers(doc):
        if at < i:
            continue  # inside the quantity found last
        i = at
        q = (score_at(doc, ctx, i) or money_at(doc, ctx, i) or ordinal_at(doc, i) or odds_at(doc, ctx, i)
             or fraction_at(doc, i) or plural_scale_at(doc, ctx, i) or bowling_at(doc, ctx, i)
             or _general(doc, ctx, i))
        if q is None:
            i += 1
            continue
        if q.kind == "fraction":
            fraction_tail(doc, ctx, q)
        elif q.kind == "money":
            _money_range(doc, q)
        elif q.kind == "duration":
            join_duration(doc, q)
        elif q.unit in ("degC", "degF", "deg"):
            below_zero(doc, q)
        if q.qualifier is None:
            q.qualifier, q.span_start = _qualified_start(doc, ctx, q)
        if not age_of(doc, q, ctx) and rejected(doc, q, ctx):
            i = max(q.last(), i + 1)
            continue
        found.append(q)
        i = max(q.last(), i + 1)
    return [_as_dict(doc, ctx, q) for q in found]


def _triggers(doc: TokenTable) -> list[int]:
    """Indices of the tokens a quantity can start at: digits, number words, symbols, and a
    capitalised word before a currency sign.

    Whether a token is a trigger by itself depends on its text only (LOWER, IS_ALPHA and
    IS_PUNCT are attributes of the word), so the answer is remembered per text for the
    process (`_TRIGGER_TEXTS`: bit 1 trigger, bit 2 starts with a currency sign)."""
    texts, known = doc.texts, _TRIGGER_TEXTS
    try:
        flags = [known[text] for text in texts]
    except KeyError:
        flags = [_trigger_flag(doc, i) for i in range(len(texts))]
        if len(known) < 200_000:
            known.update(zip(texts, flags))
    out = [i for i, flag in enumerate(flags) if flag & 1]
    signs = [i - 1 for i, flag in enumerate(flags) if flag & 2 and i and not flags[i - 1] & 1
             and texts[i - 1][:1].isupper()]
    return sorted(out + signs) if signs else out


def _trigger_flag(doc: TokenTable, i: int) -> int:
    text, tok = doc.texts[i], doc[i]
    trigger = (text[:1].isdigit() or doc.lows[i] in _TRIGGER_WORDS or not tok.is_alpha and not tok.is_punct
               or text.endswith("$") or text == "#" or text in PREFIX_CODES or text in ISO_CODES)
    return (1 if trigger else 0) | (2 if text[:1] and text[:1] in "$#£" else 0)


_TRIGGER_TEXTS: dict[str, int] = {}


def _qualified_start(doc: Any, ctx: Context, q: Quantity) -> tuple[str | None, int | None]:
    normal, first = qualifier_before(ctx.lows, q.first())
    return normal, (first if normal else q.span_start)


def _as_dict(doc: Any, ctx: Context, q: Quantity) -> dict[str, Any]:
    first, last = doc[q.first()], doc[q.last() - 1]
    start, end = first.idx, last.idx + len(last.text)
    s, e = ctx.bounds(q.start)
    out: dict[str, Any] = {
        "text": ctx.text[start:end], "value": clean_number(q.value), "unit": q.unit,
        "qualifier": q.qualifier, "kind": q.kind, "counted": q.counted,
        "sentence": ctx.text[doc[s].idx:doc[e - 1].idx + len(doc[e - 1].text)], "start": start, "end": end,
    }
    if q.value_high is not None:
        out["value_high"] = clean_number(q.value_high)
    return out
