"""Speakers the story never names, and names the story wrote short (issue #3, round I).

- 'A 79-year-old widow from Stockton, whose husband was a resident, told the court ... "...,"
  she said': an unnamed person introduced by a description with a gendered head word is the
  antecedent of a later 'she' over a named person mentioned before it (`gendered_subjects`).
- A description given as speaker loses its relative clause ('a cane grower whose farm' ->
  'a cane grower'); an acronym the story defined is shown as the story defined it ('CSA' after
  'Cricket South Africa (CSA)' -> 'Cricket South Africa (CSA)': the full name, still findable
  by the short form readers and annotators also use); 'a bureau spokeswoman' after 'the Bureau of Meteorology' speaks for
  the bureau; 'the think tank' after 'The King's Fund, a health think tank,' is the fund
  (`SpeakerNames`).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Sequence

from index.extract.acronyms import stands_for
from index.extract.gender import FEMALE_ROLES, MALE_ROLES, _word_gender

GENDERED = (FEMALE_ROLES | MALE_ROLES) - frozenset({"king", "queen", "prince", "princess", "actor", "actress"})
# people a story describes and does not name: 'a neighbour, who asked not to be named, said'
UNNAMED = GENDERED | frozenset("""
resident neighbour neighbor witness passenger driver farmer grower teacher nurse worker employee
shareholder volunteer student parent customer relative friend survivor victim patient tenant
owner engineer pensioner commuter motorist shopper bystander onlooker caller
""".split())
_OPEN = frozenset("a an his her their its one the".split())
_NP_POS = frozenset({"ADJ", "NOUN", "NUM", "PUNCT", "PROPN"})
_REL = re.compile(r"\s+(?:whose|who|which|that|where)\b.*$", re.S)
_SPOKES = re.compile(r"^(?:an?|the)\s+(.+?)(?:['’]s)?\s+(?:spokes(?:man|woman|person)|press officer)$")
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w'’&.-]*|of|and|for|the|on|in|&)(?:\s+(?:[A-Z][\w'’&.-]*|of|and|for|the|on|in|&))*)"
                          r"\s+$")


def descriptor_gender(phrase: str) -> str | None:
    """Gender of an unnamed person's description by its head word: 'his daughter' -> f."""
    words = _REL.sub("", phrase).replace(",", " ").split()
    head = next((w for w in words[1:] if w.lower() in ("from", "of", "at", "in")), None)
    if head is not None:
        words = words[:words.index(head)]
    return _word_gender(words[-1], False) if words else None


def gendered_subjects(doc: Any, in_entity: Callable[[int], bool],
                      quoted: Callable[[int], bool]) -> list[tuple[int, str, str]]:
    """(char offset, words, gender) of 'A 79-year-old widow from Stockton[, whose ...,] told':
    a description of a person that is the subject of a verb, outside quotes; gender '' when
    its head word has none ('a neighbour')."""
    out: list[tuple[int, str, str]] = []
    n = len(doc)
    lows = doc.lows
    for h in [i for i, w in enumerate(lows) if w in UNNAMED]:
        if quoted(doc[h].idx) or in_entity(doc[h].idx) or doc[h].pos_ != "NOUN":
            continue
        a = h
        while a > 0 and h - a < 6 and lows[a - 1] not in _OPEN and doc[a - 1].pos_ in _NP_POS \
                and doc[a - 1].text not in (",", ".", ";", ":") and not in_entity(doc[a - 1].idx):
            a -= 1
        if a == 0 or lows[a - 1] not in _OPEN:
            continue
        a -= 1
        if a > 0 and doc[a - 1].pos_ not in ("PUNCT", "CCONJ", "ADV", "SPACE") and doc[a - 1].lower_ not in ("but", "and"):
            continue  # the description opens the clause: not 'told his daughter'
        end = h + 1
        if end + 1 < n and lows[end] in ("from", "in", "at", "of") and doc[end + 1].text[:1].isupper():
            end += 2  # 'from Stockton'
            while end < n and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                end += 1
        v = end
        if v < n and doc[v].text == ",":  # ', whose husband was also a resident,'
            k = v + 1
            while k < n and k - v < 16 and doc[k].text not in (",", ".", ";"):
                k += 1
            v = k + 1 if k < n and doc[k].text == "," else v
        while v < n and doc[v].pos_ == "ADV":
            v += 1
        if v < n and doc[v].pos_ in ("VERB", "AUX") and doc[v].tag_ in ("VBD", "VBZ", "VBP", "MD"):
            out.append((doc[a].idx, doc.span_text(a, end), _word_gender(doc[h].text, False) or ""))
    return out


class SpeakerNames:
    """Speaker names as the story's fullest form of them, for the quotes' output."""

    def __init__(self, body: str, entities: Sequence[dict[str, Any]]):
        self.body = body
        self.orgs = [(e["start"], e["text"]) for e in sorted(entities, key=lambda e: e["start"])
                     if e["label"] == "ORG"]
        self.acronyms: dict[str, str] = {}
        for a in _ACRONYM.finditer(body) if "(" in body else ():
            m = _NAME_BEFORE.search(body, max(0, a.start() - 120), a.start())
            if m is None:
                continue
            acr, words = a.group(1), m.group(1).split()
            for k in range(len(words) - 1):  # 'Local TD Kerry County Council (KCC)': the tail it stands for
                if words[k][:1].isupper() and stands_for(acr, words[k:]):
                    full = " ".join(words[k + (words[k] == "The"):])
                    self.acronyms.setdefault(acr, f"{full} ({acr})")
                    self.acronyms.setdefault(full, f"{full} ({acr})")  # one speaker, one form
                    break

    def name(self, speaker: str | None, at: int) -> str | None:
        if not speaker:
            return speaker
        if speaker[:1].islower():
            speaker = self._unnamed(speaker, at)
        return self.acronyms.get(speaker, speaker)

    def _unnamed(self, speaker: str, at: int) -> str:
        speaker = _REL.sub("", speaker).rstrip(" ,") or speaker
        m = _SPOKES.match(speaker)
        if m is not None and m.group(1)[:1].isupper():  # 'an NHS England spokesperson'
            return m.group(1)
        if m is not None and " " not in m.group(1):  # 'a bureau spokeswoman' after 'the Bureau of Meteorology'
            org = self._org_with(m.group(1), at)
            if org is not None:
                return org
        return self._described(speaker, at) or speaker

    def _org_with(self, word: str, at: int) -> str | None:
        cap = word.capitalize()
        for start, text in reversed(self.orgs):
            if start < at and cap in text.split():
                return text
        return None

    def _described(self, speaker: str, at: int) -> str | None:
        """'the think tank' after 'The King’s Fund, a health think tank,': the fund."""
        words = speaker.split()
        if words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        if not 1 <= len(words) <= 3 or words[0] in ("his", "her", "their", "one"):
            return None
        desc = re.escape(" ".join(words))
        pat = re.compile(r"([A-Z][\w'’&.-]*(?:\s+(?:of|and|for|the|[A-Z][\w'’&.-]*))*),\s+(?:a|an|the)\s+"
                         r"(?:[\w-]+\s+){0,3}" + desc + r"\b")
        found = None
        for m in pat.finditer(self.body, 0, at):
            found = m.group(1)
        if found is None:
            return None
        return found[4:] if found.startswith("The ") else found
