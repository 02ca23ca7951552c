"""Clues around a name in its sentence, and names spaCy missed that their shape gives away.

- vote hints: a name right after "<person> of/from [the]" or right before "'s <person>" is the
  organisation the person belongs to ("Frederick Fung of ADPL", "DAB's Ben Chan"); a short
  name opening with a given name is a person; a lone country, state or capital is a place;
- new mentions: web domains ("GovExec.com"), acronyms in that organisation slot that spaCy
  left out, an alias in brackets after a name ("the Masjid al-Haram (Grand Mosque)"), and
  capitalised runs ending in an organisation or place head word ("Interior Ministry",
  "Jamarat Bridge"), with a nationality before them kept ("Saudi Interior Ministry").
"""
from __future__ import annotations

from typing import Any

from index.extract.acronyms import acronym_letters
from index.extract.gazetteer import PLACE_NAMES
from index.extract.names import ORG_HEADS, PLACE_HEADS, TITLES, is_capitalised, word
from index.extract.shapes import domain_tokens, given_name_person, romanised_person

HINT = 1.5  # beats one NER vote, loses to two


def _person_ends(mentions: list[Any]) -> tuple[set[int], set[int]]:
    ends = {m.end for m in mentions if m.label == "PERSON"}
    starts = {m.start for m in mentions if m.label == "PERSON"}
    return ends, starts


def _org_slot_after(doc: Any, start: int, person_ends: set[int]) -> bool:
    """'<person> of [the] NAME' / '<person> from [the] NAME'."""
    i = start - 1
    if i >= 0 and doc[i].text == "the":
        i -= 1
    return i >= 1 and doc[i].text in ("of", "from") and i in person_ends


def _org_slot_before(doc: Any, end: int, person_starts: set[int]) -> bool:
    """"NAME's <person>"."""
    return end + 1 < len(doc) and doc[end].text in ("'s", "’s") and end + 1 in person_starts


def vote_hints(doc: Any, mentions: list[Any], span_text: Any = None) -> dict[tuple[int, int], dict[str, float]]:
    """Extra votes per mention span, from its shape and its neighbours; span_text(start, end)
    is doc[start:end].text (the caller's memoised form)."""
    if span_text is None:
        span_text = lambda s, e: doc[s:e].text  # noqa: E731
    person_ends, person_starts = _person_ends(mentions)
    hints: dict[tuple[int, int], dict[str, float]] = {}
    for m in mentions:
        h: dict[str, float] = {}
        text = span_text(m.start, m.end)
        given = given_name_person(doc, m.start, m.end)
        if m.label in ("ORG", "PLACE") and (given or romanised_person(doc, m.start, m.end)):
            h["PERSON"] = HINT
        if text.lower() not in PLACE_NAMES and not given and (
                _org_slot_after(doc, m.start, person_ends) or _org_slot_before(doc, m.end, person_starts)):
            h["ORG"] = HINT
        if m.label == "ORG" and m.end - m.start == 1 and text.lower() in PLACE_NAMES:
            h["PLACE"] = HINT
        if h:
            hints[(m.start, m.end)] = h
    return hints


def new_mentions(doc: Any, index: Any, mentions: list[Any], make: Any) -> list[Any]:
    """Names spaCy missed; `index` is the article's TextIndex (its text and Token list);
    make(start, end, label) builds a Mention."""
    taken = bytearray(len(doc))
    for m in mentions:
        if m.label != "NORP":  # "Saudi" may open "Saudi Interior Ministry"
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []

    def add(s: int, e: int, label: str) -> None:
        if s < e and not any(taken[s:e]):
            taken[s:e] = b"\x01" * (e - s)
            out.append(make(s, e, label))

    for i in domain_tokens(doc, index.text):
        add(i, i + 1, "ORG")
    person_ends, person_starts = _person_ends(mentions)
    by_end = {m.end: m for m in mentions if m.label in ("PERSON", "ORG", "PLACE")}
    for i, text in enumerate(index.texts):
        if text == "(" and i in by_end:
            close = _alias_end(doc, i + 1)
            if close:
                add(i + 1, close, by_end[i].label)
        elif len(text) > 1 and text.isupper() and acronym_letters(text) and text.lower() not in PLACE_NAMES and (
                _org_slot_after(doc, i, person_ends) or _org_slot_before(doc, i + 1, person_starts)):
            add(i, i + 1, "ORG")
    for s, e, label in _head_runs(index.tokens):
        add(s, e, label)
    return out


def _alias_end(doc: Any, start: int) -> int | None:
    """End of 'Grand Mosque' in '(Grand Mosque)': 2-5 capitalised words, then ')'."""
    j = start
    while j < len(doc) and j - start < 5 and doc[j].is_alpha and is_capitalised(doc[j].text):
        j += 1
    if j - start >= 2 and j < len(doc) and doc[j].text == ")":
        return j
    return None


def _head_runs(doc: list[Any]) -> list[tuple[int, int, str]]:
    """Capitalised runs (2-6 words, not opening a sentence) ending in a head word."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        if not _name_word(doc[i]):
            i += 1
            continue
        j = i
        while j < n and j - i < 6 and (_name_word(doc[j]) or (doc[j].text == "-" and j + 1 < n
                                                             and doc[j].whitespace_ == "")):
            j += 1
        label = _run_label(doc, i, j)
        if label and i > 0 and doc[i - 1].is_sent_start and doc[i - 1].is_alpha and \
                doc[i - 1].text[:1].isupper() and not doc[i - 1].is_stop and word(doc[i - 1]) not in TITLES:
            i -= 1  # "Civil Defense Authority" opening a sentence
        if label:
            s = i - 1 if i > 0 and doc[i - 1].ent_type_ == "NORP" else i
            out.append((s, j, label))
        i = j
    return out


def _name_word(t: Any) -> bool:
    text = t.text
    return text[:1].isupper() and text.isalpha() and word(t) not in TITLES and not t.is_sent_start


def _run_label(doc: list[Any], i: int, j: int) -> str | None:
    if j - i < 2:
        return None
    last = word(doc[j - 1])
    if last in ORG_HEADS:
        return "ORG"
    if last in PLACE_HEADS:
        return "PLACE"
    return None
