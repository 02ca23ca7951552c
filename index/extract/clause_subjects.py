"""The subject of a clause holding a reporting verb, when it is not simply the noun phrase
before the verb: 'unveiled the products, saying', 'Ryanair CEO, Michael O'Leary, justified
...', 'Detik.com quoted Djamal as saying', 'according to X', 'After the case closed Apple CEO
Steve Jobs extended an invitation'.

A mixin of attribution.Attributor: it reads the Attributor's token index and subject finder.
"""
from __future__ import annotations

from typing import Any

from index.extract.mentions import DOCUMENT_NOUNS, clean
from index.extract.speakers import Speaker

_ISSUING = frozenset("issue issued issues issuing release released releases releasing put".split())
QUOTING = frozenset("quoted quotes quote cited cites cite".split())
# what a court or a company files: its words are the document's, not a person's
_PAPERS = DOCUMENT_NOUNS | frozenset("document record ruling opinion judgment judgement indictment affidavit "
                                     "transcript prospectus".split())


def _papers(word: str) -> bool:
    return word in _PAPERS or word.endswith("s") and word[:-1] in _PAPERS


class ClauseSubjects:
    doc: Any
    t: Any
    subjects: Any

    def _issues_statement(self, v: int) -> bool:
        """'issued a statement regarding ...', 'released a joint statement'."""
        doc = self.doc
        if doc[v].lower_ not in _ISSUING or doc[v].pos_ != "VERB":
            return False
        return any(doc[k].lower_ in ("statement", "message", "communique", "communiqu\u00e9")
                   for k in range(v + 1, min(v + 5, len(doc))))

    def _fronted_person(self, floor: int, stop: int) -> Speaker | None:
        """A PERSON opening the clause, then a comma and verbless words up to token `stop`."""
        doc = self.doc
        k = self._skip_adverbials(floor, stop)
        ent = self.subjects.entity_at(doc[k].idx) if k < stop else None
        if ent is None or ent["label"] != "PERSON" or ent["start"] != doc[k].idx:
            return None
        e = self.t.tok_from(ent["end"])
        if e >= stop or doc[e].text != ",":
            return None
        if any(doc[j].pos_ in ("VERB", "AUX") or doc[j].lower_ in ("who", "which", "that")
               for j in range(e + 1, stop)):
            return None
        return self.subjects.resolve(k, e)

    def _skip_adverbials(self, k: int, v: int) -> int:
        """Past leading phrases: 'During questions on Wednesday, at the conference, Sunak ...'."""
        doc = self.doc
        while k < v and (doc[k].pos_ in ("ADP", "SCONJ", "ADV") or doc[k].ent_type_ in ("DATE", "TIME")):
            comma = next((c for c in range(k, v) if doc[c].text == ","), None)
            if comma is None:
                break
            k = comma + 1
        return k

    def _quoted_as(self, as_tok: int, floor: int) -> Speaker | None:
        """'Detik.com quoted Djamal as saying', 'Djamal was quoted as saying': Djamal."""
        doc = self.doc
        if doc[as_tok - 1].lower_ in QUOTING and doc[as_tok - 1].tag_ == "VBN":
            span = self.subjects.before(as_tok - 1, floor)  # passive: the subject is the speaker
        else:
            span = self.subjects.before(as_tok, floor)  # the object of 'quoted' is the speaker
            if not span or span[0] - 1 < floor or doc[span[0] - 1].lower_ not in QUOTING:
                return None
        return self.subjects.resolve(*span) if span else None

    def _clause_subject(self, floor: int, v: int) -> Speaker | None:
        doc = self.doc
        k = self._skip_adverbials(floor, v)
        while k < v and not (doc[k].pos_ in ("PROPN", "NOUN", "PRON") or doc[k].text[:1].isupper()):
            k += 1
        end, limit = k, min(v, k + 12)
        while end < limit and self.subjects._np_token(end, limit) and doc[end].pos_ not in ("VERB", "AUX"):
            end += 1
        nxt = end
        while nxt < v and doc[nxt].pos_ == "ADV":  # 'Ballmer also expressed'
            nxt += 1
        if end > k and end < v and doc[end].text == ",":
            named = self._appositive_name(end + 1, v)
            if named is not None:
                return named
        if end > k and (end == v or doc[end].text == "," or nxt < v and doc[nxt].pos_ in ("VERB", "AUX")):
            return self.subjects.resolve(k, end)
        return None

    def _appositive_name(self, a: int, v: int) -> Speaker | None:
        """'Ryanair CEO, Michael O'Leary, justified ...': the person named between two commas
        after a role, when a verb follows the second comma."""
        doc = self.doc
        ent = self.subjects.entity_at(doc[a].idx)
        if ent is None or ent["label"] != "PERSON" or ent["start"] != doc[a].idx:
            return None
        e = a
        while e < v and e - a < 6 and doc[e].text != "," and (
                doc[e].text[:1].isupper() or doc[e].text in ("'", "\u2019", "-", ".")):
            e += 1
        if e >= v or doc[e].text != "," or e + 1 >= len(doc):
            return None
        nxt = e + 1
        while nxt < v and doc[nxt].pos_ == "ADV":
            nxt += 1
        if doc[nxt].pos_ not in ("VERB", "AUX"):
            return None
        found = self.subjects.resolve(a, e)
        if found is not None and ent["end"] < doc[e - 1].idx:  # the NER cut the name short
            return Speaker(clean(doc.span_text(a, e)), found.role, "PERSON")
        return found

    def _source(self, a: int, limit: int) -> Speaker | None:
        """'according to X' / 'in the words of X, Y,': the last person named, else the phrase."""
        doc = self.doc
        stop, commas = a, 0
        while stop < limit and stop - a < 14 and not self.t.quoted(stop):
            if doc[stop].text in (",", ":", ";"):
                commas += 1
                if commas == 3 or doc[stop].text != ",":
                    break
            stop += 1
        comma = next((k for k in range(a, stop) if doc[k].text == ","), None)
        if comma is not None and comma > a and _papers(doc[comma - 1].lower_):
            return self.subjects.resolve(a, comma)  # 'according to court documents, Smith "..."'
        second = next((k for k in range(comma + 1, stop + 1) if k < len(doc) and doc[k].text == ","), None) \
            if comma is not None else None
        named = self.subjects.appositive(a, second + 1) if second is not None else None
        if named is not None and named[0] == a:  # 'according to its spokesman, John Smith,'
            return named[1]
        span = self.subjects.after(a, limit)
        best = self.subjects.resolve(a, stop) if stop > a else None
        if best is not None and best.label == "PERSON":
            return best
        return self.subjects.resolve(*span) if span else best

    def _named_actor(self, floor: int, stop: int) -> Speaker | None:
        """The first person or organisation doing something in doc[floor:stop]: 'After the
        case closed Apple CEO Steve Jobs extended an invitation': Jobs."""
        doc = self.doc
        for u in range(floor + 1, stop):
            if doc[u].pos_ == "VERB" and doc[u].tag_ in ("VBD", "VBZ", "VBP") and not self.t.quoted(u):
                span = self.subjects.before(u, floor)
                found = self.subjects.resolve(*span) if span else None
                if found is not None and found.label in ("PERSON", "ORG"):
                    return found
        return None
