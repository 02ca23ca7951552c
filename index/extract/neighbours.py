"""Speakers for a quote with no reporting verb of its own, from what comes right before it:
the sentence before ('Heald noted the findings show ... "..."', 'Jane Doe, an analyst, was
less sure. "..."'), a paragraph ending in a colon
or comma ('tweeted using his account:'), or a paragraph of reported speech with no quote in it
('Julia Kent ... said Brightmore had been slow.' then a paragraph that is only a quote).

A mixin of attribution.Attributor: it reads the Attributor's token index and subject finder.
"""
from __future__ import annotations

from typing import Any

from index.extract.quote_marks import QuoteSpan
from index.extract.reporting import is_reporting, is_weak


class NeighbourSpeakers:
    doc: Any
    t: Any
    text: str
    paras: list[tuple[int, int]]

    # also uses Attributor's _ends_sentence, floor, subject_of, subjects, _skip_adverbials
    # and _issues_statement

    def previous_sentence(self, q: QuoteSpan) -> Any:
        """A quote opening a sentence right after 'Heald noted the findings show ...': Heald."""
        lo, _ = self.paras[q.para]
        end = self.t.tok_from(q.open_at if q.open_at is not None else q.start)
        if end < 2 or self.doc[end - 1].idx < lo or not self._ends_sentence(end - 1):
            return None
        floor = self.floor(end - 2, lo)
        if any(self.t.quoted(k) for k in range(floor, end - 1)):
            return None  # a quote in that sentence already: the continuation rule decides
        for v in range(end - 2, floor - 1, -1):
            if is_reporting(self.doc, v) and not is_weak(self.doc[v]) or self._issues_statement(v):
                found = self.subject_of(v, floor)
                if found is not None and (found.label in ("PERSON", "ORG") or self._group(v, floor)):
                    return found  # 'Analysts said the figures were better. "..."': the analysts
                return None
        return self._person_subject(floor, end - 1)

    def _person_subject(self, floor: int, stop: int) -> Any:
        """'Jane Doe, an analyst at Calder, was less sure. "..."': a named person who is the
        subject of the sentence just before a quote speaks it, not the last speaker."""
        k = self._skip_adverbials(floor, stop)
        ent = self.subjects.entity_at(self.doc[k].idx) if k < stop else None
        if ent is None or ent["label"] != "PERSON" or ent["start"] != self.doc[k].idx \
                or not self.subjects._acts(ent):
            return None
        return self.subjects.resolve(k, self.t.tok_from(ent["end"]))

    def starts_sentence(self, q: QuoteSpan) -> bool:
        """Nothing unquoted stands between the start of its sentence and the opening mark."""
        if q.open_at is None:
            return True
        lo, _ = self.paras[q.para]
        end = self.t.tok_from(q.open_at)
        if end == 0 or self.doc[end - 1].idx < lo:
            return True
        return self._ends_sentence(end - 1)

    def previous_paragraph(self, q: QuoteSpan) -> Any:
        """A paragraph-opening quote introduced by 'tweeted using his account:' or 'stated,'."""
        if q.para == 0:
            return None
        lo, hi = self.paras[q.para - 1]
        if self.text[hi - 1] not in ":,":
            return None
        end = self.t.tok_from(hi - 1)
        floor = self.floor(max(end - 1, 0), lo)
        for v in range(end - 1, floor - 1, -1):
            if not self.t.quoted(v) and is_reporting(self.doc, v):
                return self.subject_of(v, floor)
        return None

    def paragraph_speaker(self, q: QuoteSpan) -> Any:
        """A quote paragraph with no attribution, right after a paragraph of reported speech
        with no quote in it: 'Julia Kent ... said Brightmore had been slow.' / '"They have
        too many stores."' The person who said it."""
        if q.para == 0 or q.open_at != self.paras[q.para][0]:
            return None
        lo, hi = self.paras[q.para - 1]
        a, end = self.t.tok_from(lo), self.t.tok_from(hi)
        if end - a < 3 or any(self.t.quoted(k) for k in range(a, end)):
            return None
        floor = self.floor(end - 1, lo)
        for v in range(floor, end):
            if is_reporting(self.doc, v) and not is_weak(self.doc[v]):
                found = self.subject_of(v, floor)
                ok = found is not None and (found.label == "PERSON" or self._group(v, floor))
                return found if ok else None
        return None

    def _group(self, v: int, floor: int) -> bool:
        """The subject of the reporting verb at v is a plural common noun: 'Analysts said',
        'Residents near the plant said', 'Several parents who spoke said'."""
        span = self.subjects.before(v, floor)
        if span is None:
            return False
        doc, k = self.doc, span[0]
        while k < span[1] and doc[k].pos_ != "ADP":
            k += 1
        head = doc[k - 1] if k > span[0] else None
        return head is not None and head.tag_ == "NNS" and head.pos_ == "NOUN"
