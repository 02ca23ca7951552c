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
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from index.extract.mentions import DOCUMENT_NOUNS, TITLES, clean

LEADERS = frozenset("""
chief head boss leader chairman chairwoman chair president governor ceo executive director premier
chancellor
""".split())
ROLE_HEADS = (TITLES | LEADERS | frozenset("""
strategist trader economist professor researcher scientist expert official lawyer commissioner
treasurer curator prosecutor administrator negotiator adviser advisor cfo coo
""".split())) - frozenset({"mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady", "dr", "member", "agent",
                           "father", "king", "queen", "prince", "princess", "pope", "vice"})
_ROLE_POS = frozenset({"NOUN", "ADJ", "PROPN", "PART"})
_SHORT_ROLES = frozenset({"ceo", "cfo", "coo"})


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
    if head.pos_ not in ("NOUN", "PROPN") or head.lower_ not in ROLE_HEADS or not (
            head.text.islower() or head.lower_ in _SHORT_ROLES and head.text.isupper()):
        return None
    if any(doc[k].pos_ not in _ROLE_POS for k in range(a + 1, end)):
        return None
    return end - 1


def stems(words: Any) -> frozenset[str]:
    """First five letters of each word of four letters or more: 'finance' meets 'financial'."""
    return frozenset(w[:5] for w in words if len(w) >= 4)


class Roles:
    """The role words each named person was introduced with, in text order.

    A descriptor goes to the person whose role has its head word ('the chief executive'
    after 'chief executive Jane Doe'; not 'the chief' after 'chief economist John Roe')
    before one who merely leads something ('the bank chief' after 'Governor John Roe'), and
    first of all to one whose introduction shares its other words ('the Norvik chief' after
    'Norvik's chief executive, Henrik Aalto'). Shared words lift a leader-word match only to a
    head-word match's level: 'the Norvik chief' is the chief executive, not 'Norvik's chief
    operating officer'. Among equals the one mentioned last.
    """

    def __init__(self, doc: Any, persons: Sequence[dict[str, Any]], tok_after: Callable[[int], int],
                 canonical: Callable[[str, int], str]) -> None:
        self.starts: list[int] = []
        self.items: list[tuple[str, _Role]] = []
        for e in persons:
            a, b = tok_after(e["start"]), tok_after(e["end"])
            role = _introduction(doc, a, b)
            if role.words:
                self.add(e["start"], canonical(clean(e["text"]), e["start"]), role)

    def add(self, start: int, name: str, role: "_Role") -> None:
        k = bisect.bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.items.insert(k, (name, role))

    def add_role(self, start: int, name: str, role: str) -> None:
        """A speaker found with a role ('Aerolinea Sur's chief executive, Ricardo Salgado')."""
        low = [w.strip(".,'\u2019").lower() for w in role.replace("'s", " ").replace("\u2019s", " ").split()]
        found = _Role.of(low)
        if found.words:
            self.add(start, name, found)

    def holder(self, head: str, before: int, mods: Sequence[str] = (),
               last_seen: Callable[[str, int], int] | None = None) -> str | None:
        """The person introduced before char `before` with the role `head` (modified by `mods`);
        among equals the one `last_seen` (name, before) -> char says was mentioned last."""
        want = stems(mods)
        best: tuple[int, int] | None = None
        name_of = None
        for k in range(bisect.bisect_left(self.starts, before)):
            name, role = self.items[k]
            if head in role.heads:
                score = 2
            elif head in LEADERS and role.words & LEADERS:
                score = 1
            else:
                continue
            if want & role.context:  # a shared organisation lifts a role named by its head word above
                score += 2 if score == 2 else 1  # one that merely has a leader word ('chief operating officer')
            seen = max(self.starts[k], last_seen(name, before)) if last_seen else self.starts[k]
            if best is None or (score, seen) >= best:
                best, name_of = (score, seen), name
        return name_of


@dataclass(frozen=True)
class _Role:
    words: frozenset[str]  # every role word of the introduction
    heads: frozenset[str]  # the ones it names the person by: 'economist' in 'chief economist'
    context: frozenset[str]  # stems of all its words, organisations included

    @classmethod
    def of(cls, phrases: Sequence[str] | Sequence[Sequence[str]]) -> "_Role":
        """From the lower-case words of one or more phrases, each in text order."""
        if phrases and isinstance(phrases[0], str):
            phrases = [phrases]  # type: ignore[list-item]
        words: set[str] = set()
        heads: set[str] = set()
        seen: list[str] = []
        for phrase in phrases:
            seen += phrase
            run = phrase[:next((i for i, w in enumerate(phrase) if w in _ROLE_LINKS), len(phrase))]
            found = [w for w in phrase if w in ROLE_HEADS]
            words.update(found)
            lead = [w for w in run if w in ROLE_HEADS]
            if lead:
                heads.add(lead[-1])
            pairs = set(zip(phrase, phrase[1:]))
            for short, pair, full in _ACRONYMS:
                if short in phrase or pair in pairs:
                    heads.update(full)
        return cls(frozenset(words), frozenset(heads), stems(seen))


_ROLE_LINKS = frozenset({"of", "at", "for", "in", "with", "from"})
# 'the CEO' is the chief executive and 'the chief' too; 'the CFO' the chief financial officer
_ACRONYMS = (("ceo", ("chief", "executive"), ("ceo", "chief", "executive")),
             ("cfo", ("financial", "officer"), ("cfo", "officer")),
             ("coo", ("operating", "officer"), ("coo", "officer")))


def _lower_role(doc: Any, i: int) -> str:
    """Token i in lower case, or '_' for a capitalised role word inside a name ('Chief
    Justice'); a role word opening a sentence is still read ('Chief executive Marcus Feld')."""
    tok = doc[i]
    if tok.text.islower() or tok.lower_ not in ROLE_HEADS or tok.is_sent_start:
        return tok.lower_
    return "_"


def _introduction(doc: Any, a: int, b: int) -> _Role:
    """The role beside the name doc[a:b]: before it ('Reserve chairman Jane Doe', 'Norvik's
    chief executive, Henrik Aalto'), in an appositive after it (', the general secretary of
    the union,') or after 'as its'. Lower-case role words only: 'Chief' opening a sentence
    is still read, a capitalised word inside a name is not."""
    phrases: list[list[str]] = []
    k = a - 1
    if k >= 1 and doc[k].text == "," and doc[k - 1].text.islower() and doc[k - 1].lower_ in ROLE_HEADS:
        k -= 1  # 'Norway's petroleum minister, Ingrid Solberg,'
    stop, before = k - 5, []
    while k >= 0 and k >= stop and (doc[k].pos_ in _ROLE_POS or doc[k].lower_ in ("of", "-")):
        before.append(k)
        k -= 1
    phrases.append([_lower_role(doc, i) for i in reversed(before)])
    n, after = len(doc), []
    if b < n and doc[b].text == ",":
        k = b + 1
        while k < n and k <= b + 10 and doc[k].text not in (",", ".", ";", ":") and doc[k].pos_ not in ("VERB", "AUX"):
            after.append(k)
            k += 1
    elif b + 2 < n and doc[b].lower_ == "as" and doc[b + 1].pos_ in ("DET", "PRON"):
        k = b + 2
        while k < n and k <= b + 6 and doc[k].pos_ in ("NOUN", "ADJ"):
            after.append(k)
            k += 1
    phrases.append([_lower_role(doc, i) for i in after])
    return _Role.of(phrases)


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
