"""Organisations as speakers: 'the statistics office' for the Office for National Statistics
named earlier, '"...," the statement said' for whoever issued the statement, 'Brenner said'
for Brenner Auto, and 'In a statement on the Airbus website, the company said' for Airbus.

A mixin of speakers.SubjectFinder: it reads the finder's doc, entity index and mentions.
"""
from __future__ import annotations

from typing import Any

from index.extract.descriptors import document_owner, stems
from index.extract.mentions import ORG_NOUNS, Speaker, clean
from index.extract.token_index import sentence_chars

# what an organisation issues: 'the statement said' speaks for whoever issued it
OWNED_PAPERS = frozenset("statement filing release letter memo email announcement notice".split())
_FORMAL_PAPERS = frozenset("statement filing release announcement notice".split())  # never a person's


class OrgSpeakers:
    doc: Any
    ents: list[dict[str, Any]]
    mentions: Any
    _org_openers: dict[str, tuple[int, str]] | None = None  # first word -> (start, name) of ORGs
    # also uses SubjectFinder's entity_at, _tok_after, _quoted_char and last

    def _company_short_name(self, pick: dict[str, Any], name: str) -> Speaker | None:
        """A one-word 'person' (`name` once expanded) that no person's name explains but
        that opens an organisation's name met before."""
        short = clean(pick["text"])
        if " " in short:
            return None
        if self._org_openers is None:
            self._org_openers = {}
            for e in self.ents:
                full = clean(e["text"])
                if e["label"] == "ORG" and " " in full:
                    self._org_openers.setdefault(full.split()[0], (e["start"], full))
        found = self._org_openers.get(short)
        if found is None or found[0] >= pick["start"] or name not in (short, found[1]):
            return None
        return Speaker(found[1], None, "ORG")

    def _paper_owner(self, noun: str | None, a: int, near: int = 0) -> Speaker | None:
        """Who issued the statement (filing, letter; any of OWNED_PAPERS when `noun` is None)
        mentioned last before token a: 'a statement from Bolt', 'Bolt's statement', 'Bolt
        issued a statement'. With `near`, only 'from / by X' and 'X's' within that many
        unquoted tokens count ('An email from Burkhardt ...: "...," it said')."""
        doc = self.doc
        unquoted = 0
        for j in range(a - 1, max(a - 150, 0) - 1, -1):
            if self._quoted_char(doc[j].idx):
                continue
            unquoted += 1
            if near and unquoted > near:
                return None
            if doc[j].lower_ != noun and not (noun is None and doc[j].lower_ in OWNED_PAPERS):
                continue
            ent = None
            if j + 2 < len(doc) and doc[j + 1].lower_ in ("from", "by", "of"):
                k = j + 2 + (doc[j + 2].lower_ == "the")
                ent = self.entity_at(doc[k].idx) if k < len(doc) else None
            elif j >= 2 and doc[j - 1].text in ("'s", "\u2019s"):
                ent = self.entity_at(doc[j - 2].idx)
            elif near:
                continue
            else:
                lo = sentence_chars(doc, j)[0]  # 'Bolt issued a statement': a company's papers are its own
                labels = ("ORG",) if doc[j].lower_ in _FORMAL_PAPERS else ("ORG", "PERSON")
                ent = next((e for e in self.ents if lo <= e["start"] < doc[j].idx and e["label"] in labels), None)
            if ent is None:
                return None
            name = clean(ent["text"])
            if ent["label"] == "PERSON":
                name = self.mentions.canonical(name, ent["start"])
            return Speaker(name, None, ent["label"])
        return None

    def _named_org(self, a: int, b: int) -> Speaker | None:
        """The organisation named before that a lower-case 'the statistics office' stands
        for: its name has the head word and, when the phrase has other words, one of them
        ('Office for National Statistics'). 'The bank' alone is left to the other rules."""
        doc = self.doc
        if doc[a].lower_ != "the" or b - a < 2 or any(
                not doc[k].text.islower() or doc[k].pos_ not in ("NOUN", "ADJ") for k in range(a + 1, b)):
            return None
        head, mods = doc[b - 1].lower_, stems(doc[k].lower_ for k in range(a + 1, b - 1))
        if not mods and head in ORG_NOUNS:
            return None
        at = doc[a].idx
        for e in reversed(self.ents):
            if e["label"] != "ORG" or e["start"] >= at:
                continue
            words = e["text"].lower().split()
            if head in words and (not mods or mods & stems(words)):
                return Speaker(clean(e["text"]), None, "ORG")
        return None

    def _document_owner(self, a: int) -> Speaker | None:
        lo = self._tok_after(sentence_chars(self.doc, a)[0])
        name = document_owner(self.doc, self.ents, self._tok_after, lo, a)
        return Speaker(name, None, "ORG") if name else None
