"""Organisations as speakers: 'the statistics office' for the Office for National Statistics
named earlier, '"...," the statement said' for whoever issued the statement, 'Brenner said'
for Brenner Auto, and 'In a statement on the Airbus website, the company said' for Airbus.

A mixin of speakers.SubjectFinder: it reads the finder's doc, entity index and mentions.
"""
from __future__ import annotations

from typing import Any, Iterator

from index.extract.descriptors import document_owner, stems
from index.extract.mentions import ORG_NOUNS, Speaker, clean
from index.extract.token_index import sentence_chars

# what an organisation issues: 'the statement said' speaks for whoever issued it
OWNED_PAPERS = frozenset("statement filing release letter memo email announcement notice report study "
                         "survey review post tweet".split())
_PERSONAL_PAPERS = frozenset("letter memo email note post tweet".split())  # written by a person as often as not
_SOCIAL = frozenset({"post", "tweet"})  # a person's before an organisation's
_PAPER_DETS = frozenset("the this that a an its their".split())
_WRITING = frozenset("wrote writes sent emailed issued published released posted tweeted".split())
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
        for j in self._unquoted_before(a, 150, near):
            if doc[j].lower_ != noun and not (noun is None and doc[j].lower_ in OWNED_PAPERS):
                continue
            ent = None
            by = self._issuer_link(j)
            if by is not None:
                ent = self._issuer(by + 1)
            elif j >= 2 and doc[j - 1].text in ("'s", "\u2019s"):
                ent = self.entity_at(doc[j - 2].idx)
            elif near:
                continue
            else:
                lo = sentence_chars(doc, j)[0]  # 'Bolt issued a statement': a company's papers are its own
                labels = ("ORG",) if doc[j].lower_ in _FORMAL_PAPERS else ("ORG", "PERSON")
                ent = next((e for e in self.ents if lo <= e["start"] < doc[j].idx and e["label"] in labels), None)
                if ent is None and by is None:
                    group = self._group_subject(self._tok_after(lo), j) or self._org_descriptor(self._tok_after(lo), j)
                    if group is not None and group.label:  # 'The companies said in a joint statement'
                        return group
                    continue  # 'The memo said ...' refers back to 'Kim wrote in a memo'
            if ent is None:
                return None
            name = clean(ent["text"])
            if ent["label"] == "PERSON":
                name = self.mentions.canonical(name, ent["start"])
            return Speaker(name, None, ent["label"])
        return None

    def paper_speaker(self, a: int, b: int) -> Speaker | None:
        """Whoever issued the paper doc[a:b] ('the statement', 'a company statement', 'the
        company's annual report', 'the letter'): the issuer named with it before, else the
        writer of the sentence before ('Jane Doe wrote to shareholders'), else the last
        organisation named."""
        doc = self.doc
        head = doc[b - 1].lower_
        if head not in OWNED_PAPERS or doc[a].lower_ not in _PAPER_DETS or b - a > 6 \
                or any(not doc[k].text.islower() and doc[k].text not in ("'s", "\u2019s") for k in range(a + 1, b)):
            return None
        for k in range(a + 1, b - 1):
            if doc[k + 1].text in ("'s", "\u2019s"):  # 'the company's annual report': the company
                return self.resolve(a, k + 1)  # type: ignore[attr-defined]
        return self._paper_owner(head, a) or (head in _PERSONAL_PAPERS and self._writer(a)) \
            or (head in _SOCIAL and self.last("PERSON", doc[a].idx)) \
            or self.last("ORG", doc[a].idx)  # type: ignore[attr-defined]

    def _unquoted_before(self, a: int, span: int, most: int = 0) -> Iterator[int]:
        """Token indexes before a, nearest first, within `span` tokens, skipping quoted words;
        at most `most` of them when `most` is set."""
        seen = 0
        for j in range(a - 1, max(a - span, 0) - 1, -1):
            if self._quoted_char(self.doc[j].idx):
                continue
            seen += 1
            if most and seen > most:
                return
            yield j

    def _writer(self, a: int) -> Speaker | None:
        """The named subject of 'wrote' / 'sent' / 'issued' within the 40 unquoted tokens before a."""
        doc = self.doc
        for v in self._unquoted_before(a, 120, 40):
            if doc[v].lower_ in _WRITING and doc[v].pos_ == "VERB":
                span = self.before(v, self._tok_after(sentence_chars(doc, v)[0]))  # type: ignore[attr-defined]
                found = self.resolve(*span) if span else None  # type: ignore[attr-defined]
                return found if found is not None and found.label in ("PERSON", "ORG") else None
        return None

    def _org_descriptor(self, lo: int, j: int) -> Speaker | None:
        """'The company said in a filing with regulators': the company the descriptor opening the
        sentence (before the paper at token j) stands for."""
        doc = self.doc
        if lo + 2 < j and doc[lo].lower_ == "the" and doc[lo + 1].lower_ in ORG_NOUNS \
                and doc[lo + 2].pos_ in ("VERB", "AUX"):
            return self.resolve(lo, lo + 2)  # type: ignore[attr-defined]
        return None

    def _issuer_link(self, j: int) -> int | None:
        """Token of the 'from' / 'by' / 'of' naming who issued the paper at token j: 'a statement
        from Bolt', 'a report published last year by X'."""
        doc = self.doc
        for k in range(j + 1, min(j + 6, len(doc) - 1)):
            if doc[k].lower_ in ("from", "by", "of"):
                return k if k == j + 1 or doc[k].lower_ == "by" else None
            if not (doc[k].tag_ == "VBN" or doc[k].pos_ in ("ADV", "ADJ") or doc[k].text == "," or doc[k].ent_type_ in ("DATE", "TIME")
                    or doc[k].lower_ in ("last", "this", "next", "year", "week", "month")):
                return None
        return None

    def _issuer(self, k: int) -> dict[str, Any] | None:
        """The named organisation or person a 'by' phrase starting at token k leads to: 'the
        Economic and Social Research Institute', 'the advocacy group Patients First'."""
        doc = self.doc
        for m in range(k, min(k + 5, len(doc))):
            ent = self.entity_at(doc[m].idx)
            if ent is not None and ent["label"] in ("ORG", "PERSON"):
                return ent
            if doc[m].text[:1].isupper() and doc[m].pos_ in ("PROPN", "NOUN"):  # missed by the NER:
                # 'the advocacy group Patients First'
                e = m
                while e < len(doc) and doc[e].text[:1].isupper() and doc[e].pos_ in ("PROPN", "NOUN", "ADJ"):
                    e += 1
                return {"text": doc.span_text(m, e), "label": "ORG", "start": doc[m].idx}
            if ent is not None or doc[m].pos_ not in ("DET", "NOUN", "ADJ"):
                return None
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
