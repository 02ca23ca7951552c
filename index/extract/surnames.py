"""Surnames built with particles, which the small English model cuts or mislabels.

- Gaelic patronymic particles ("Siobhán Ní Bhriain", "Éamon Ó Cuív", "Seán Mac Giolla
  Phádraig"): a capitalised particle between a given name and a capitalised word makes the
  name a person's, and a particle opening a person's name takes the given name before it;
- Dutch, Afrikaans, German and Romance particles ("Riaan van der Merwe", "Van der Merwe
  said"): a person's name NER cut to its last word ("Merwe") takes the particles before it,
  and the given name before those.

Functions take token index ranges [start, end) of the article's TokenTable (tokens.py).
"""
from __future__ import annotations

from typing import Any, Callable

from index.extract.gazetteer import GIVEN_NAMES
from index.extract.names import CALENDAR, COMPANY_HEADS, LEADING_ROLES, ORG_HEADS, PLACE_HEADS, ROLES, TITLES

# Capitalised particles of Irish (and Scottish Gaelic) surnames: "Ó", "Ní", "Nic", "Uí", "Mhic".
GAELIC_PARTICLES = frozenset({"ó", "ní", "nic", "uí", "mhic", "ua", "o", "mac"})
_STRONG_GAELIC = GAELIC_PARTICLES - {"o", "mac"}  # "Mac" and "O" alone also open other names
# Particles written in lower case inside a name, capitalised when the surname opens a sentence.
SURNAME_PARTICLES = frozenset("van von der den de du da di le la ten ter dos das del della".split())
_HEADS = ORG_HEADS | PLACE_HEADS | COMPANY_HEADS
_NOT_GIVEN = TITLES | ROLES | LEADING_ROLES | CALENDAR | frozenset({"the", "a", "an", "and", "but", "of"})


def _name_word(t: Any) -> bool:
    text = t.text
    return (len(text) > 1 and text[:1].isupper() and text.replace("-", "").isalpha()
            and not text.isupper() and t.lower_.rstrip(".") not in _NOT_GIVEN)


def given_before(doc: Any, start: int) -> bool:
    """A known given name, no entity of its own, right before a one-word name ('Lindiwe' +
    'Nkosi' that spaCy read as an organisation)."""
    if start < 1 or doc[start].is_sent_start or doc[start].lower_ in GIVEN_NAMES:
        return False
    t = doc[start - 1]
    return t.lower_ in GIVEN_NAMES and not t.ent_type_ and _name_word(t) and _name_word(doc[start])


def particle_surname(doc: Any, start: int, end: int) -> bool:
    """'Van der Merwe' (read as a work of art): a capitalised particle, lower-case particles,
    then one capitalised word."""
    return end - start >= 3 and doc[start].lower_ in SURNAME_PARTICLES and doc[start].text[:1].isupper() and all(
        doc[i].text in SURNAME_PARTICLES for i in range(start + 1, end - 1)) and _name_word(doc[end - 1])


def given_name_pairs(index: Any, taken: set[int], make: Callable[[int, int, str], Any]) -> list[Any]:
    """'Lindiwe Nkosi' no entity covers: a known given name and one capitalised word, alone."""
    doc, lows, n = index.tokens, index.tokens.lows, len(index.texts)
    out = []
    for i in range(n - 1):
        if lows[i] not in GIVEN_NAMES or i in taken or i + 1 in taken:
            continue
        t, u = doc[i], doc[i + 1]
        if t.ent_type_ or u.ent_type_ or not _name_word(t) or not _name_word(u) or u.is_sent_start:
            continue
        if lows[i + 1] in GIVEN_NAMES or lows[i + 1] in _HEADS or (i + 2 < n and doc[i + 2].text[:1].isupper()):
            continue
        if i > 0 and doc[i - 1].text[:1].isupper() and not t.is_sent_start:
            continue  # part of a longer name
        out.append(make(i, i + 2, "PERSON"))
    return out


def gaelic_person(doc: Any, start: int, end: int) -> bool:
    """'Seán Mac Giolla Phádraig', 'Ó Cuív': a strong Gaelic particle before a capitalised word
    (or "Mac"/"O" after a given name) inside the span."""
    for i in range(start, end - 1):
        low = doc[i].lower_
        if low in GAELIC_PARTICLES and doc[i].text[:1].isupper() and _name_word(doc[i + 1]) and (
                low in _STRONG_GAELIC or (i > start and _name_word(doc[i - 1]))):
            return True
    return False


def particle_start(doc: Any, start: int, end: int) -> int:
    """New start of a person's name: back over surname particles ('van der' of 'Merwe', a
    capitalised 'Van der' opening a sentence) and the given name before them ('Riaan'), or back
    to the given name before a Gaelic particle that opens the span ('Siobhán' + 'Ní Bhriain')."""
    s = start
    if s < end and doc[s].lower_ in GAELIC_PARTICLES and doc[s].text[:1].isupper():
        if s > 0 and _name_word(doc[s - 1]) and not doc[s].is_sent_start and doc[s - 1].lower_ not in GAELIC_PARTICLES:
            return s - 1
        return s
    while s > 0 and doc[s - 1].text in SURNAME_PARTICLES:
        s -= 1
    if s == start:
        return start
    if s > 0 and doc[s - 1].lower_ in SURNAME_PARTICLES and doc[s - 1].text[:1].isupper() and (
            s < 2 or not _name_word(doc[s - 2])):
        return s - 1  # "Van der Merwe said"
    if s > 0 and _name_word(doc[s - 1]) and not doc[s].is_sent_start:
        return s - 1  # "Riaan van der Merwe"
    return s  # "said van der Merwe"
