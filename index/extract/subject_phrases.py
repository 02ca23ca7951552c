"""Locating the subject of a reporting verb: the noun phrase just before it ('coalition
spokesman Sean Ryan told', 'Paul Bradley, from the Free Burma Rangers volunteer group, said')
or just after it ('said Ambassador Mohib,'), as token ranges of the TokenTable.

A mixin of speakers.SubjectFinder, which names the speaker in the phrase; it reads the
finder's doc, text, token starts and entity index.
"""
from __future__ import annotations

import bisect
from typing import Any

from index.extract.descriptors import ROLE_HEADS
from index.extract.mentions import DOCUMENT_NOUNS, ORG_NOUNS, SEEN_BY, TITLES, clean

SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
ADVERBS = frozenset("also later previously then further again once recently reportedly publicly "
                     "had has have was were is are would will could may might has'nt earlier "
                     "repeatedly separately simply just only first initially today yesterday tonight".split())
NP_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "PART"})
NP_ADP = frozenset({"of", "for", "at", "from", "against", "on", "in", "near"})
NOT_NAME_POS = frozenset({"PRON", "AUX", "SCONJ", "CCONJ", "PUNCT", "ADP", "DET", "NUM", "SYM"})
_SPOKES = frozenset("spokesperson spokesman spokeswoman representative lawyer lawyers attorney attorneys "
                    "spokespeople".split())
CONNECTORS = frozenset({"the", "of", "for", "and", "&", "de", "du", "al", "bin", "van", "von", "der"})


class SubjectPhrases:
    doc: Any
    text: str
    _starts: list[int]
    ents: list[dict[str, Any]]
    _ent_starts: list[int]

    def _tok_after(self, char: int) -> int:
        return bisect.bisect_left(self._starts, char)

    # -- locating the phrase -------------------------------------------------------------

    def before(self, verb: int, floor: int) -> tuple[int, int] | None:
        """Token range of the subject ending just before token `verb` (not before `floor`)."""
        doc = self.doc
        i = verb - 1
        while i >= floor and (doc[i].lower_ in ADVERBS or doc[i].pos_ == "ADV"):
            i -= 1
        if i >= floor and doc[i].text == ",":
            # skip an appositive: "Paul Bradley, from the ... group, said"
            j = i - 1
            while j >= floor and j > i - 16 and doc[j].text not in ",;:" and doc[j].pos_ != "VERB" or (
                j >= floor and j > i - 16 and doc[j].pos_ == "VERB" and (
                    doc[j].tag_ in ("VBN", "VBG") or self._relative_verb(j, floor))
            ):
                j -= 1
            if j >= floor and doc[j].text == "," and self._only_person(j + 1, i):
                return j + 1, i  # 'The secretary general of CEI, Nunzio Galantino, said'
            if j >= floor and doc[j].text == "," and j - 1 >= floor and doc[j - 1].pos_ in ("PROPN", "NOUN"):
                i = j - 1
            else:
                return None
        if i >= floor and doc[i].pos_ == "PRON" and doc[i].lower_ in SUBJECT_PRONOUNS:
            return i, i + 1  # 'Speaking to the public he said'
        end = i + 1
        while i >= floor and self._np_token(i, end):
            i -= 1
        start = i + 1
        while start < end and (doc[start].pos_ in ("ADP", "PART") or doc[start].text in "-."):
            start += 1
        if start - 2 >= floor and doc[start - 1].lower_ == "by" and doc[start - 2].lower_ in SEEN_BY:
            # 'a leaked letter seen by Sky News says': the letter speaks, not Sky News
            k = start - 3
            while k >= floor and self._np_token(k, start - 2):
                k -= 1
            if k + 1 < start - 2:
                return k + 1, start - 2
        if start < end:
            return start, end
        if i >= floor and i == end - 1 and doc[i].pos_ == "PRON":
            return i, end
        return None

    def _relative_verb(self, j: int, floor: int) -> bool:
        """The verb at j is in a relative clause: ', a Democrat who chairs the panel, said'."""
        return any(self.doc[k].lower_ in ("who", "which", "whose") for k in range(max(floor, j - 3), j))

    def _np_token(self, i: int, end: int) -> bool:
        tok = self.doc[i]
        if end - i > 12:
            return False
        if tok.pos_ in NP_POS:
            if tok.pos_ == "DET" and tok.lower_ in ("that", "which", "this", "these", "those") and i == end - 1:
                return False
            return tok.lower_ not in ("that", "which")
        if tok.pos_ == "ADP" and tok.lower_ in NP_ADP and i < end - 1:
            return True
        if tok.text in ("-", ".", "&") and i < end - 1:
            return True
        if tok.tag_ == "VBN" and i < end - 1 and i > 0 and self.doc[i - 1].text == "-":
            return True  # 'Dublin-based consultant Eamon Ryan'
        if tok.pos_ == "PRON" and i == end - 1 and tok.lower_ not in ("that", "which", "who", "what"):
            return True
        if tok.tag_ == "PRP$" and i < end - 1:  # 'PC World's analysis of its own statistics'
            return True
        if self._in_entity(tok.idx):
            return True
        # a capitalised word leading into a name: "Save the Children", "Reporters Without Borders"
        if tok.text[:1].isupper() and tok.pos_ not in NOT_NAME_POS and i + 1 < end:
            nxt = self.doc[i + 1]
            return nxt.text[:1].isupper() or (nxt.lower_ in CONNECTORS and i + 2 < end
                                              and self.doc[i + 2].text[:1].isupper())
        return False

    def _only_person(self, a: int, b: int) -> bool:
        """doc[a:b] is one PERSON name and nothing else (titles aside)."""
        if a >= b:
            return False
        lo, hi = self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1].text)
        for e in self.ents:
            if e["label"] == "PERSON" and lo <= e["start"] < hi and e["end"] >= hi - 1:
                head = clean(self.text[lo:e["start"]]).lower().rstrip(".")
                return not head or all(w.rstrip(".") in TITLES for w in head.split())
        return False

    def entity_at(self, char: int) -> dict[str, Any] | None:
        k = bisect.bisect_right(self._ent_starts, char) - 1
        return self.ents[k] if k >= 0 and self.ents[k]["start"] <= char < self.ents[k]["end"] else None

    def _in_entity(self, char: int) -> bool:
        starts = self._ent_starts
        k = bisect.bisect_right(starts, char) - 1
        return k >= 0 and self.ents[k]["start"] <= char < self.ents[k]["end"]

    def after(self, start: int, limit: int) -> tuple[int, int] | None:
        """Token range of a subject that follows a verb: 'said Ambassador Mohib,'."""
        doc = self.doc
        i = start
        while i < limit and (doc[i].pos_ in NP_POS or doc[i].pos_ == "PRON" and i == start
                             or self._in_entity(doc[i].idx) or doc[i].text in ("-", ".") and i > start):
            if doc[i].pos_ == "NUM" and not (i == start and doc[i].lower_ == "one" and i + 1 < limit
                                             and doc[i + 1].pos_ in ("NOUN", "ADJ")):
                break  # a number, but 'said one analyst, Mark Lee'
            if doc[i].pos_ == "PRON" and i > start:
                break
            i += 1
            if doc[i - 1].pos_ == "PRON":
                break
        if start < i < limit - 1 and doc[i].lower_ == "for" and doc[i - 1].lower_ in _SPOKES:
            # 'said a spokesperson for Bolt Industries': the spokesperson's organisation
            j = i + 1 + (doc[i + 1].pos_ == "DET")
            while j < limit and (self._in_entity(doc[j].idx) or doc[j].text[:1].isupper() and doc[j].pos_ in NP_POS):
                j += 1
            if j > i + 1:
                return start, j
        if start < i < limit - 1 and doc[i].lower_ in ("by", "from") and doc[i - 1].lower_ in DOCUMENT_NOUNS:
            # 'said the post by an unknown author on pigmy': the author, with the site
            j = i + 1
            while j < limit and (doc[j].pos_ in NP_POS or self._in_entity(doc[j].idx)
                                 or doc[j].lower_ in NP_ADP and j + 1 < limit and doc[j + 1].pos_ in NP_POS
                                 and not doc[j + 1].ent_type_ in ("DATE", "TIME")):
                j += 1
            if j > i + 1:
                return start, j
        return (start, i) if i > start else None

    def role_then_name(self, lo: int, verb: int) -> tuple[int, int, int] | None:
        """'Ashford's chief executive, Graham Whitby, said', 'the agency's head, Martin
        Iglesias, said': (role start, name start, name end) when a role phrase, then a name set
        off by commas, come right before token `verb` (not before token `lo`). The comma
        makes it a person even when the entity layer took the name for an organisation."""
        doc = self.doc
        c2 = verb - 1
        while c2 > lo and (doc[c2].lower_ in ADVERBS or doc[c2].pos_ == "ADV"):
            c2 -= 1
        if c2 <= lo or doc[c2].text != ",":
            return None
        c1 = c2 - 1
        while c1 > lo and c2 - c1 <= 5 and doc[c1].text != ",":
            c1 -= 1
        if doc[c1].text != "," or c2 - c1 < 2 or not self._name_run(c1 + 1, c2):
            return None
        k, role = c1 - 1, False
        while k >= lo and c1 - k <= 8 and (doc[k].pos_ in NP_POS or doc[k].lower_ in ("of", "for", "at", "&")
                                           or doc[k].tag_ == "PRP$"):  # 'its chief executive, Sam Reed,
            role = role or doc[k].text.islower() and doc[k].lower_ in ROLE_HEADS
            k -= 1
        return (k + 1, c1 + 1, c2) if role and doc[k + 1].pos_ != "ADP" else None

    def _name_run(self, a: int, b: int) -> bool:
        """doc[a:b] reads as a person's name: capitalised words, one a proper noun, and no
        organisation word ('Harlow Group')."""
        doc = self.doc
        if any(not (doc[k].text[:1].isupper() or doc[k].lower_ in CONNECTORS or doc[k].text in ("-", "'", "\u2019"))
               for k in range(a, b)):
            return False
        return any(doc[k].pos_ == "PROPN" for k in range(a, b)) and doc[b - 1].lower_ not in ORG_NOUNS

