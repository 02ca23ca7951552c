"""Role descriptors that stand for a person: 'the chairman added', 'the bank chief said',
'the premier of the German state of Saxony told the BBC'.

A definite descriptor whose head is a role word refers back to the person last introduced
with that role ('Federal Reserve chairman Jane Doe', 'Tom Baker, the general secretary of
the union,', 'named Maria Lopez as its chief executive'); a leader word ('the bank chief')
matches any leader role. With no such person the descriptor itself is the speaker, never the
place or organisation named inside it. Works on a TokenTable (tokens.py).
"""
from __future__ import annotations

import bisect
from typing import Any, Callable, Sequence

from index.extract.mentions import DOCUMENT_NOUNS, TITLES, clean

LEADERS = frozenset("""
chief head boss leader chairman chairwoman chair president governor ceo executive director premier
chancellor
""".split())
ROLE_HEADS = (TITLES | LEADERS | frozenset("""
strategist trader economist professor researcher scientist expert official lawyer commissioner
treasurer curator prosecutor administrator negotiator adviser advisor
""".split())) - frozenset({"mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "dr", "member", "agent",
                           "father", "king", "queen", "prince", "princess", "pope", "vice"})
_ROLE_POS = frozenset({"NOUN", "ADJ", "PROPN", "PART"})


def definite_head(doc: Any, a: int, b: int) -> int | None:
    """Index of the role word heading 'the (bank) chief' / 'the premier of ...' in doc[a:b]."""
    if doc[a].lower_ != "the" or b - a < 2:
        return None
    end = b
    for k in range(a + 1, b):
        if doc[k].lower_ == "of":
            end = k
            break
    head = doc[end - 1]
    if head.pos_ != "NOUN" or head.lower_ not in ROLE_HEADS or not head.text.islower():
        return None
    if any(doc[k].pos_ not in _ROLE_POS for k in range(a + 1, end)):
        return None
    return end - 1


class Roles:
    """The role words each named person was introduced with, in text order."""

    def __init__(self, doc: Any, persons: Sequence[dict[str, Any]], tok_after: Callable[[int], int],
                 canonical: Callable[[str, int], str]) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[str, frozenset[str]]] = []
        for e in persons:
            a, b = tok_after(e["start"]), tok_after(e["end"])
            words = _role_words(doc, a, b)
            if words:
                self.starts.append(e["start"])
                self.items.append((canonical(clean(e["text"]), e["start"]), words))

    def holder(self, head: str, before: int) -> str | None:
        """The person last introduced before char `before` with the role `head`."""
        for k in range(bisect.bisect_left(self.starts, before) - 1, -1, -1):
            name, words = self.items[k]
            if head in words or head in LEADERS and words & LEADERS:
                return name
        return None


def _role_words(doc: Any, a: int, b: int) -> frozenset[str]:
    """Lower-case role words beside the name doc[a:b]: before it ('Reserve chairman Jane Doe'),
    in an appositive after it (', the general secretary of the union,') or after 'as its'."""
    words: set[str] = set()
    k = a - 1
    while k >= 0 and k >= a - 5 and (doc[k].pos_ in _ROLE_POS or doc[k].lower_ in ("of", "-")):
        if doc[k].text.islower() and doc[k].lower_ in ROLE_HEADS:
            words.add(doc[k].lower_)
        k -= 1
    n = len(doc)
    if b < n and doc[b].text == ",":
        k = b + 1
        while k < n and k <= b + 10 and doc[k].text not in (",", ".", ";", ":") and doc[k].pos_ not in ("VERB", "AUX"):
            if doc[k].text.islower() and doc[k].lower_ in ROLE_HEADS:
                words.add(doc[k].lower_)
            k += 1
    elif b + 2 < n and doc[b].lower_ == "as" and doc[b + 1].pos_ in ("DET", "PRON"):
        k = b + 2
        while k < n and k <= b + 6 and doc[k].pos_ in ("NOUN", "ADJ"):
            if doc[k].lower_ in ROLE_HEADS:
                words.add(doc[k].lower_)
            k += 1
    return frozenset(words)


def acting_descriptors(doc: Any, in_entity: Callable[[int], bool],
                       quoted: Callable[[int], bool]) -> list[tuple[int, int, int]]:
    """(start, end, head) token ranges of 'the premier of the German state of Saxony' acting as
    the subject of a verb outside quotes, for a later 'he' or 'she' with no named antecedent."""
    out: list[tuple[int, int, int]] = []
    n = len(doc)
    lows = doc.lows
    for a in [i for i, w in enumerate(lows) if w == "the"]:
        if quoted(a):
            continue
        end = a + 1
        while end < n and end - a < 5 and doc[end].pos_ in _ROLE_POS and not in_entity(doc[end].idx):
            end += 1
        if end == a + 1 or definite_head(doc, a, end) is None:
            continue
        head = end - 1
        while end + 1 < n and lows[end] == "of" and end - a < 14:  # 'of the German state of Saxony'
            k = end + 1
            while k < n and k - a < 14 and (doc[k].pos_ in _ROLE_POS or doc[k].pos_ == "DET"
                                            or in_entity(doc[k].idx)):
                k += 1
            if k == end + 1:
                break
            end = k
        if end < n and doc[end].pos_ in ("VERB", "AUX") and doc[end].tag_ not in ("VBG", "VBN"):
            out.append((a, end, head))
    return out


def document_owner(doc: Any, ents: Sequence[dict[str, Any]], tok_after: Callable[[int], int],
                   lo: int, a: int) -> str | None:
    """'In a statement on the Airbus website, the company said': the organisation whose
    statement, website or report comes in doc[lo:a], before the descriptor 'the company'."""
    for e in ents:
        if e["label"] != "ORG" or e["start"] < doc[lo].idx:
            continue
        if e["start"] >= doc[a].idx:
            break
        k = tok_after(e["end"])
        if k < a and doc[k].text in ("'s", "\u2019s"):
            k += 1
        if k < a and doc[k].lower_ in DOCUMENT_NOUNS:
            return clean(e["text"])
    return None
