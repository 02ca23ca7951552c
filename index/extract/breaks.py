"""Names joined across a sentence break the parser missed after a dotted abbreviation.

"... rose in the U.S. Apple said on Monday ..." reaches the rule layer as one organisation
"U.S. Apple". Read alone the span is ambiguous ("U.S. Steel", "U.S. Navy" are names), so the
article decides: after a place preposition ("in the U.S.", where "the U.S. Federal Reserve"
opens a name), when the words after the abbreviation are a name the article also uses on its
own and the joined form occurs only once, the span is the abbreviation (a place when it is a
country's) followed by that name, unless that name is an institution the abbreviation opens
("U.S. Navy" stays whole beside "the Navy").
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Callable

from index.extract.gazetteer import COUNTRY_FORMS
from index.extract.names import ORG_HEADS, PLACE_HEADS

# Institutions a country's abbreviation opens ("U.S. Navy", "U.S. Senate"): one name, even
# where the article later writes "the Navy" alone.
INSTITUTIONS = ORG_HEADS | PLACE_HEADS | frozenset("""
senate congress treasury embassy government military marines administration parliament
""".split()) | frozenset({"air force", "coast guard", "state department", "supreme court"})


def _dotted(text: str) -> bool:
    """'U.S.', 'U.K.', 'D.C.': capital letters, each followed by a full stop."""
    return len(text) >= 4 and text.endswith(".") and all(
        part.isupper() and len(part) == 1 for part in text[:-1].split("."))


# Prepositions that make the abbreviation a place ending a clause: "sales rose in the U.S." where
# "the U.S. Federal Reserve" opens one.
PLACE_PREPOSITIONS = frozenset({"in", "across", "throughout", "outside", "inside", "within", "to", "from"})


def _after_place_preposition(texts: list[str], i: int) -> bool:
    j = i - 1
    if j >= 0 and texts[j].lower() == "the":
        j -= 1
    return j >= 0 and texts[j].lower() in PLACE_PREPOSITIONS


def split_after_abbreviations(mentions: list[Any], key: Callable[[int, int], str],
                              texts: list[str], make: Callable[[int, int, str], Any]) -> list[Any]:
    """`mentions` with each 'ABBR. Name' span split where the article names 'Name' alone;
    key(start, end) is a span's normalised text, make(start, end, label) builds a mention."""
    candidates = {id(m) for m in mentions if m.end - m.start >= 2 and _dotted(texts[m.start])
                  and texts[m.start + 1][:1].isupper() and _after_place_preposition(texts, m.start)}
    if not candidates:
        return mentions
    keys = Counter(key(m.start, m.end) for m in mentions)
    labels = {key(m.start, m.end): m.label for m in mentions}
    out = []
    for m in mentions:
        if id(m) in candidates:
            rest = key(m.start + 1, m.end)
            if keys[key(m.start, m.end)] == 1 and rest.lower() not in INSTITUTIONS and labels.get(rest) in ("PERSON", "ORG", "PLACE"):
                first = "PLACE" if texts[m.start].lower() in COUNTRY_FORMS else m.label
                out.append(make(m.start, m.start + 1, first))
                out.append(make(m.start + 1, m.end, labels[rest]))
                continue
        out.append(m)
    return out
