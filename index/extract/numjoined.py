"""Quantities whose parts are joined: a unit glued to its number ("28degC"), two numbers
joined by a word ("1-in-100", "three for 24") and two durations joined ("four hours and 12
minutes").

Conventions:
- Odds "1-in-N" (hyphenated, "one-in-100-year flood", "one-in-a-million") take the
  denominator N as value, kind "odds", as news annotators write them; a spaced "one in five"
  stays a fraction (0.2, see numforms.fraction_at) unless N is past a thousand ("1 in 300
  million"), where a fraction would round to nothing: those are odds too.
- Bowling figures "three for 24" (wickets for runs) are one quantity of kind "score" valued by
  the wickets (3), only in a sentence about cricket or right after "took"/"claimed".
- A compound duration "four hours and 12 minutes", "2 hours 45 minutes", "three years and
  four months" is one quantity. Its value is the total in the larger unit when that total has
  at most two decimals (4.2 hours, 2.75 hours, 2.25 days), otherwise the total in the smaller
  unit (40 months, 80 minutes). Only a unit followed by the next smaller one joins (years and
  months, weeks and days, days and hours, hours and minutes, minutes and seconds); "an hour
  and a half" is 1.5 hours.
"""
from __future__ import annotations

import re
from typing import Any

from index.extract.numcontext import NOUN_TAGS, Context, counted_after, glued, year_like
from index.extract.numforms import Quantity, a_duration_at, read_number
from index.extract.numwords import SCALES, UNITS_WORDS, split_suffix
from index.extract.units import read_currency_after, read_unit

# --- temperatures glued to the number: "28degC", "35C" --------------------------------------

_GLUED_TEMPERATURE = {"degc": "degC", "degf": "degF", "°c": "degC", "°f": "degF"}
_TEMPERATURE_CUES = {"temperature", "temperatures", "degrees", "heat", "heatwave", "hot", "hotter",
                     "hottest", "warm", "warmer", "warmest", "cold", "colder", "coldest", "highs",
                     "lows", "forecast", "forecasters", "weather", "thermometer", "thermometers",
                     "celsius", "fahrenheit", "mercury", "freezing", "frost", "scorching", "sweltering"}


def glued_temperature_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    """'28degC' always; '35C' / '95F' / '-5C' only in a sentence that talks about temperature."""
    text = doc[i].text
    sign = -1.0 if text[:1] in ("-", "−") else 1.0
    found = split_suffix(text[1:] if sign < 0 else text)
    if found is None:
        return None
    value, suffix = found[0] * sign, found[1]
    unit = _GLUED_TEMPERATURE.get(suffix.lower())
    if unit is None and suffix in ("C", "F"):
        s, e = ctx.bounds(i)
        if not any(low in _TEMPERATURE_CUES for low in ctx.lows[s:e]):
            return None
        unit = "deg" + suffix
    if unit is None:
        return None
    return Quantity(i, i + 1, value, kind="measure", unit=unit)


# --- odds: "1-in-100", "one-in-a-million", "1 in 300 million" --------------------------------

_IN_N = re.compile(r"^in-(\d{1,3}(?:,\d{3})+|\d+)$")
_HYPHENS = ("-", "–")


def below_zero(doc: Any, q: Quantity) -> None:
    """'minus 5C', 'minus 12 degrees': a temperature below zero takes its sign and the word."""
    i = q.first()
    if i > 0 and doc[i - 1].lower_ == "minus" and q.value > 0:
        q.value, q.span_start = -q.value, i - 1


def odds_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    """'one-in-100-year flood' -> 100, '1-in-100' -> 100, '1 in 300 million' -> 3e8."""
    n = len(doc)
    if doc[i].lower_ not in ("one", "1") or i + 2 >= n:
        return None
    link = doc[i + 1]
    if link.text in _HYPHENS and glued(doc[i], link):
        m = _IN_N.match(doc[i + 2].text)
        if m is not None and glued(link, doc[i + 2]):
            value, end = float(m.group(1).replace(",", "")), i + 3
        elif doc[i + 2].lower_ == "in" and i + 4 < n and doc[i + 3].text in _HYPHENS:
            value, end = _odds_denominator(doc, i + 4)
            if not value:
                return None
        else:
            return None
        if end < n and doc[end].lower_ in SCALES:
            value, end = value * SCALES[doc[end].lower_], end + 1
    elif link.lower_ == "in":
        read = read_number(doc, i + 2)
        if read is None or read[1] == i + 3 and not read[0] > 1000 or year_like(read[0], doc[i + 2].text):
            return None  # "one in five": a fraction
        value, end = read[0], read[1]
    else:
        return None
    q = Quantity(i, end, value, kind="odds")
    if end + 1 < n and doc[end].text in _HYPHENS and glued(doc[end - 1], doc[end]) and doc[end + 1].is_alpha:
        end += 2  # "one-in-100-year"
        q.span_end = end
    counted, k = counted_after(doc, end, ctx.bounds(i)[1])
    if counted:
        q.counted, q.span_end = counted, k
    return q


def _odds_denominator(doc: Any, k: int) -> tuple[float, int]:
    """The N of 'one-in-N' spelt with hyphens: 'a-million', 'five', '1,000'."""
    n = len(doc)
    if doc[k].lower_ in ("a", "an") and k + 2 < n and doc[k + 1].text in _HYPHENS and doc[k + 2].lower_ in SCALES:
        return float(SCALES[doc[k + 2].lower_]), k + 3
    read = read_number(doc, k)
    return (read[0], read[1]) if read is not None and read[0] > 1 else (0.0, k)


# --- bowling figures: "three for 24" ---------------------------------------------------------

_CRICKET_CUES = {"wicket", "wickets", "bowled", "bowler", "bowlers", "bowling", "overs", "innings",
                 "figures", "spell", "cricket", "maiden", "maidens", "spinner", "seamer", "paceman"}
_TAKE_VERBS = {"took", "takes", "taking", "claimed", "claims", "grabbed", "picked", "returned"}


def bowling_at(doc: Any, ctx: Context, i: int) -> Quantity | None:
    """'took three for 24', 'figures of 5 for 31': wickets for runs, valued by the wickets."""
    n = len(doc)
    if i + 2 >= n or doc[i + 1].lower_ != "for":
        return None
    tok, runs = doc[i], doc[i + 2]
    wickets = UNITS_WORDS.get(tok.lower_)
    if wickets is None and tok.text.isdigit() and len(tok.text) <= 2:
        wickets = int(tok.text)
    if wickets is None or wickets > 10 or not (runs.text.isdigit() and len(runs.text) <= 3):
        return None
    after = doc[i + 3] if i + 3 < n else None
    if after is not None and (after.tag_ in NOUN_TAGS and after.lower_ != "runs" or read_unit(doc, i + 3) or read_currency_after(doc, i + 3)):
        return None  # "three for 24 hours", "two for 10 dollars"
    s, e = ctx.bounds(i)
    if not (i > s and ctx.lows[i - 1] in _TAKE_VERBS or any(low in _CRICKET_CUES for low in ctx.lows[s:e])):
        return None
    end = i + 4 if after is not None and after.lower_ == "runs" else i + 3
    return Quantity(i, end, float(wickets), kind="score", unit="wickets", words=tok.is_alpha)


# --- compound durations: "four hours and 12 minutes" -----------------------------------------

_NEXT_SMALLER = {"years": ("months", 12), "weeks": ("days", 7), "days": ("hours", 24),
                 "hours": ("minutes", 60), "minutes": ("seconds", 60)}


def join_duration(doc: Any, q: Quantity) -> None:
    """Extend duration q over a next-smaller duration right after it (see the module docstring)."""
    smaller = _NEXT_SMALLER.get(q.unit or "")
    if smaller is None or q.value_high is not None or q.span_end is not None:
        return
    n = len(doc)
    k = q.end
    if k < n and doc[k].lower_ in ("and", ","):
        k += 1
    if k >= n:
        return
    if k + 1 < n and doc[k - 1].lower_ == "and" and doc[k].lower_ == "a" and doc[k + 1].lower_ == "half":
        q.value, q.end = q.value + 0.5, k + 2  # "an hour and a half"
        return
    read = read_number(doc, k)
    if read is not None:
        value, j, _w = read
        unit = read_unit(doc, j)
        if unit is None or unit[0] != "duration":
            return
        unit_name, end = unit[1], unit[2]
    else:
        part = a_duration_at(doc, k) if doc[k].lower_ in ("a", "an") else None
        if part is None:
            return
        value, unit_name, end = part.value, part.unit, part.end
    small, factor = smaller
    if unit_name != small or not 0 < value < factor:
        return
    total_large = q.value + value / factor
    if abs(round(total_large, 2) - total_large) < 1e-9:
        q.value = round(total_large, 2)
    else:
        q.value, q.unit = q.value * factor + value, small
    q.end = end


def a_duration_joined_at(doc: Any, i: int) -> Quantity | None:
    """'an hour and 20 minutes' wherever it stands (a lone 'an hour' needs a cue: a_duration_at)."""
    n = len(doc)
    if doc[i].lower_ not in ("a", "an") or i + 2 >= n:
        return None
    unit = read_unit(doc, i + 1)
    if unit is None or unit[0] != "duration" or doc[i + 1].lower_ == unit[1]:
        return None  # "a hours" is not English; plural units need a number
    q = Quantity(i, i + 2, 1.0, kind="duration", unit=unit[1], words=True)
    join_duration(doc, q)
    return q if q.end > i + 2 else None
