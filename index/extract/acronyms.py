"""Acronyms: defined in the text ("Syrian Democratic Forces (SDF)", "..., or SDF,") or implied by a name's
initials ("IS" in an article that names the Islamic State)."""
from __future__ import annotations

import re
from typing import Any

# Words an acronym skips: "Council on American-Islamic Relations" -> CAIR.
SKIP = frozenset({"of", "for", "the", "and", "on", "in", "de", "du", "des", "la", "le", "del", "&", "-", "at", "to"})
_UPPER = re.compile(r"[A-Z]")


def acronym_letters(text: str) -> str:
    """'U.S.' -> 'US'; '' unless the token looks like an acronym (2-8 capitals, few others)."""
    letters = "".join(_UPPER.findall(text))
    if not (2 <= len(letters) <= 8):
        return ""
    others = sum(c.isalpha() and not c.isupper() for c in text)
    if others > 1 or not text[0].isupper():
        return ""
    return letters


def initials(words: list[str], every: bool = False) -> str:
    """Initials of the capitalised words, hyphenated parts counted ("Al-Qaeda" -> AQ); with
    `every`, of the small words too ("Ministry of Health" -> MOH)."""
    out = []
    for w in words:
        if w.lower() in SKIP:
            if every and w.isalpha():
                out.append(w[0].upper())
            continue
        for part in w.split("-"):
            if part[:1].isupper():
                out.append(part[0])
    return "".join(out)


def stands_for(acronym: str, name_words: list[str]) -> bool:
    letters = acronym_letters(acronym)
    return bool(letters) and len(name_words) >= 2 and initials(name_words) == letters


def definitions(doc: Any, texts: list[str] | None = None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(long name span, acronym span) for every "Long Name (ACRONYM)" and "Long Name, or
    ACRONYM," in the doc;
    `texts` are the token texts when the caller has them."""
    if texts is None:
        texts = [t.text for t in doc]
    found = []
    n = len(texts)
    for i in range(2, n - 2):
        if texts[i] == "(" and texts[i + 2] == ")":
            at = i + 1  # "Syrian Democratic Forces (SDF)"
        elif texts[i] == "," and texts[i + 1] == "or" and i + 3 < n and texts[i + 3] in (",", ".", ";", ")"):
            at = i + 2  # "the Syrian Democratic Forces, or SDF,"
        else:
            continue
        letters = acronym_letters(texts[at])
        if not letters:
            continue
        long_span = _long_form(doc, i, letters)
        if long_span:
            found.append((long_span, (at, at + 1)))
    return found


def _long_form(doc: Any, paren: int, letters: str) -> tuple[int, int] | None:
    """Walk back from '(' over at most len(letters) content words plus skip words."""
    j = paren
    words: list[str] = []
    while j > 0 and paren - j < 3 * len(letters):
        t = doc[j - 1]
        if t.is_space or "\n" in t.whitespace_:
            break
        words.insert(0, t.text)
        j -= 1
        got, every = initials(words), initials(words, True)
        if (got == letters or every == letters) and t.text[:1].isupper():
            return j, paren
        if not any(len(g) <= len(letters) and letters.endswith(g) for g in (got, every)):
            return None
    return None
