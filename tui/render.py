"""Article text to Textual `Content`: entity/term/selection spans, snippets, list labels.

Article text is data: everything here builds `Content(text, spans)` directly and never
parses markup, so a title like "[bold red]x[/]" shows literally.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from textual.content import Content, Span

# One colour per entity type. Solarized accents: readable on dark and light themes alike.
ENTITY_STYLES: dict[str, str] = {
    "PERSON": "bold #d33682",
    "ORG": "bold #2aa198",
    "PLACE": "bold #859900",
    "NORP": "#6c71c4",
    "DATE": "#b58900",
    "TIME": "#b58900",
    "MONEY": "#cb4b16",
    "PERCENT": "#cb4b16",
    "QUANTITY": "#cb4b16",
    "EVENT": "#268bd2",
    "WORK": "italic #268bd2",
    "LAW": "italic #268bd2",
    "PRODUCT": "#268bd2",
}
ENTITY_NAMES: dict[str, str] = {
    "PERSON": "person", "ORG": "organisation", "PLACE": "place", "NORP": "group",
    "DATE": "date", "TIME": "time", "MONEY": "money", "PERCENT": "percent",
    "QUANTITY": "quantity", "EVENT": "event", "WORK": "work", "LAW": "law", "PRODUCT": "product",
}
TERM_STYLE = "bold reverse"
SELECTED_STYLE = "bold underline on $accent 35%"
SNIPPET_HIT_STYLE = "bold $text-accent"

def entity_spans(extraction: dict | None, body_len: int) -> list[tuple[int, int, str]]:
    spans = []
    for ent in (extraction or {}).get("entities", []):
        style = ENTITY_STYLES.get(ent.get("label", ""))
        start, end = ent.get("start"), ent.get("end")
        if style and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= body_len:
            spans.append((start, end, style))
    spans.sort()
    return spans


def term_spans(body: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the search terms occur, matched the way the index matched them (stemming)."""
    try:
        from index.query import match_spans
    except ImportError:  # pragma: no cover - the index package without its query module
        return _regex_term_spans(body, terms)
    return sorted(match_spans(body, [t for t in terms if t and t.strip()]))


def _regex_term_spans(body: str, terms: list[str]) -> list[tuple[int, int]]:
    """Fallback: whole words, case-insensitive, a term matches word starts."""
    words = sorted({t.strip() for t in terms if t and t.strip() and len(t.strip()) > 1}, key=len, reverse=True)
    if not words:
        return []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(body)]


@dataclass
class BodySpans:
    """Every span of one article body; `for_range` cuts them to a range, offsets shifted."""

    entities: list[tuple[int, int, str]]
    terms: list[tuple[int, int]]
    show_entities: bool = True
    selected: tuple[int, int] | None = None

    def for_range(self, start: int, end: int) -> list[Span]:
        spans: list[Span] = []

        def add(s: int, e: int, style: str) -> None:
            s, e = max(s, start), min(e, end)
            if s < e:
                spans.append(Span(s - start, e - start, style))

        if self.show_entities:
            for s, e, style in self.entities:
                if s >= end:
                    break
                if e > start:
                    add(s, e, style)
        for s, e in self.terms:
            if s >= end:
                break
            if e > start:
                add(s, e, TERM_STYLE)
        if self.selected:
            add(*self.selected, SELECTED_STYLE)
        return spans


def snippet_content(snippet: str, highlights: list[tuple[int, int]] | list[list[int]]) -> Content:
    spans = [
        Span(int(s), int(e), SNIPPET_HIT_STYLE)
        for s, e in highlights
        if 0 <= int(s) < int(e) <= len(snippet)
    ]
    return Content(snippet.replace("\n", " "), spans)


def legend(extraction: dict | None) -> Content:
    """The entity types present in this article, each in its colour, with counts."""
    counts: dict[str, int] = {}
    for ent in (extraction or {}).get("entities", []):
        label = ent.get("label", "")
        if label in ENTITY_STYLES:
            counts[label] = counts.get(label, 0) + 1
    parts = [
        Content.styled(f"\u25a0 {ENTITY_NAMES[label]} {counts[label]}", ENTITY_STYLES[label])
        for label in ENTITY_STYLES
        if label in counts
    ]
    return Content("  ").join(parts)


# --- list labels -------------------------------------------------------------------------

_QUALIFIERS = {
    "at least": "\u2265", "no fewer than": "\u2265", "minimum": "\u2265",
    "more than": ">", "over": ">", "above": ">", "exceeding": ">",
    "at most": "\u2264", "up to": "\u2264", "no more than": "\u2264", "maximum": "\u2264",
    "less than": "<", "under": "<", "fewer than": "<", "below": "<", "nearly": "<", "almost": "<",
    "about": "~", "around": "~", "approximately": "~", "roughly": "~", "some": "~", "estimated": "~",
}
_CURRENCY = {"usd": "$", "eur": "\u20ac", "gbp": "\u00a3", "jpy": "\u00a5", "us dollar": "$", "dollar": "$", "euro": "\u20ac", "pound": "\u00a3", "pound sterling": "\u00a3", "yen": "\u00a5"}
_UNITS = {
    "kilogram": "kg", "kilo": "kg", "gram": "g", "tonne": "t", "kilometre": "km", "kilometer": "km",
    "metre": "m", "meter": "m", "mile": "mi", "square kilometre": "km\u00b2", "square kilometer": "km\u00b2",
    "square mile": "mi\u00b2", "km2": "km\u00b2", "mi2": "mi\u00b2", "m2": "m\u00b2", "percent": "%", "per cent": "%", "litre": "l", "hour": "h",
}


def _format_value(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value) if value is not None else ""
    if float(value).is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:.6g}"


def number_label(number: dict) -> str:
    """`≥17 trucks`, `$16/kg bread`, `>2,500 children`; falls back to the text as written."""
    if number.get("value") is None:
        return str(number.get("text", ""))
    qualifier = _QUALIFIERS.get(str(number.get("qualifier") or "").lower().strip(), "")
    value = _format_value(number.get("value"))
    unit = str(number.get("unit") or "").strip()
    counted = str(number.get("counted") or "").strip()
    if number.get("kind") == "ordinal" and isinstance(number.get("value"), int):
        n = number["value"]
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} {counted}".strip()
    lowered = unit.lower()
    head, sep, per = lowered.partition(" per ")
    if not sep:
        head, _, per = lowered.partition("/")
    prefix = _CURRENCY.get(head.strip(), "")
    if prefix:
        label = f"{prefix}{value}"
    elif head in _UNITS:
        label = f"{value}{_UNITS[head]}" if _UNITS[head] == "%" else f"{value} {_UNITS[head]}"
    elif unit:
        label = f"{value} {_UNITS.get(head, unit if not per else head)}"
    else:
        label = value
    if per:
        label += "/" + _UNITS.get(per.strip(), per.strip())
    if counted and counted.lower() not in lowered:
        label += f" {counted}"
    if number.get("kind") == "age" and not counted:
        label += " old"
    return qualifier + label


def quote_label(quote: dict, width: int = 60) -> str:
    speaker = quote.get("speaker") or "unattributed"
    text = " ".join(str(quote.get("text", "")).split())
    words = text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "\u2026"
    return f"{speaker} \u2014 {words}"
