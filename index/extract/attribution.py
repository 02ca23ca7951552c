"""Finding the reporting verb beside a quote, on either side, and naming its subject.

Token scans over the TokenTable (POS tags, sentence starts); quoted words are masked so
that a verb inside one quote never attributes another.
"""
from __future__ import annotations

import bisect
from typing import Any, Sequence

from index.extract.quote_marks import MARK_TOKENS, QuoteSpan
from index.extract.reporting import candidates
from index.extract.speakers import (
    DOCUMENT_NOUNS, INVERTIBLE, Speaker, SubjectFinder, clean, is_reporting, is_weak)
from index.extract.clause_subjects import QUOTING, ClauseSubjects
from index.extract.mentions import TITLES
from index.extract.neighbours import NeighbourSpeakers
from index.extract.token_index import TokenIndex  # noqa: F401 (re-exported)

NEAR_SHORT = 12  # unquoted tokens between a reporting verb and a one- or two-word quote
NEAR = 30
LONG_INTRO = 6  # words: a quote this long after a comma or dash is a statement, not a term
_DASHES = ("-", "--", "\u2014", "\u2013")
_ENDS = (".", "!", "?")
_CLAUSE_LINKS = frozenset({",", "by", "while", "whilst", "after", "before", "when", "in"})

# verbs naming what they quote: 'called the budget "a betrayal"'
_NAMING = frozenset("call calls called calling dub dubs dubbed dubbing brand brands branded branding "
                    "label labels labelled labeled term terms termed".split())
# '," was the verdict of X': nouns naming what someone thinks
_VERDICTS = frozenset("view verdict opinion assessment judgment judgement conclusion message warning advice "
                      "take reaction response argument prediction".split())
# how a speaker was found
NONE, LEFT, RIGHT, PREVIOUS = 0, 1, 2, 3


class Attributor(NeighbourSpeakers, ClauseSubjects):
    def __init__(self, doc: Any, entities: Sequence[dict[str, Any]], spans: Sequence[QuoteSpan],
                 paras: list[tuple[int, int]], text: str | None = None):
        self.t = TokenIndex(doc, spans, paras)
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token: read it once
        self.paras = paras
        self.subjects = SubjectFinder(doc, entities, self.t.blocked, self.text, self.t.idx)

    # -- sentences ---------------------------------------------------------------------------

    def _ends_sentence(self, i: int) -> bool:
        """Token i closes a sentence: '.', or a closing mark right after '.'."""
        tok = self.doc[i]
        if tok.text in _ENDS:
            return not self.t.quoted(i)
        return tok.text in MARK_TOKENS and i > 0 and self.doc[i - 1].text in _ENDS

    def floor(self, tok: int, para_lo: int) -> int:
        """First token of the sentence holding `tok` (sentences inside quotes do not count)."""
        doc, i, idx = self.doc, tok, self.t.idx
        while i > 0 and idx[i - 1] >= para_lo:
            if not self.t.quoted(i) and self._ends_sentence(i - 1) and (
                    doc[i].is_sent_start or doc[i].text[:1].isupper()):
                break
            i -= 1
        return i

    # -- subjects ------------------------------------------------------------------------------

    def subject_of(self, v: int, floor: int) -> Speaker | None:
        """Speaker for the reporting verb at token v, looking before it (and after it, inverted)."""
        doc = self.doc
        prev = doc[v - 1] if v > floor else None
        if prev is not None and prev.lower_ == "who" and v - 2 >= floor and doc[v - 2].text == ",":
            # 'John Smith, the chief of Acme, who stated,': the relative pronoun's antecedent
            span = self.subjects.before(v - 1, floor)
            return self.subjects.resolve(*span) if span else None
        if prev is not None and prev.pos_ == "VERB" and prev.tag_ != "VBG" and self._catenative(v):
            v, prev = v - 1, (doc[v - 2] if v - 1 > floor else None)  # 'Mulally remembered asking,'
        if prev is not None and prev.text == "," and doc[v].tag_ == "VBG":
            # '," he said, adding that "..."': the subject of the verb just before
            for u in range(v - 2, max(floor, v - 4) - 1, -1):
                if is_reporting(doc, u) and not self.t.quoted(u):
                    found = self.subject_of(u, floor)
                    if found is not None:
                        return found
                    break
        named = self.subjects.appositive(floor, v)
        if named is not None and named[0] == self._skip_adverbials(floor, v):
            return named[1]  # 'Aerolinea Sur's chief executive, Ricardo Salgado, said'
        span = self.subjects.before(v, floor)
        if span and doc[v].tag_ == "VBG" and (prev.text == "," or span[0] > floor and doc[span[0] - 1].pos_ == "VERB"):
            # 'unveiled the products, saying' / 'issued a statement saying': the clause subject
            return self._clause_subject(floor, v)
        if span:
            found = self.subjects.resolve(*span)
            if found is not None and found.label != "PERSON":
                # 'Ralph Crosby, EADS's CEO and ex Northrop executive commented': an unclosed appositive
                person = self._fronted_person(floor, span[0])
                if person is not None:
                    return person
            return found
        if doc[v].tag_ == "VBG" and prev is not None and prev.lower_ == "as" and v - 2 >= floor:
            found = self._quoted_as(v - 1, floor)
            if found is not None:
                return found
        if prev is not None and prev.pos_ == "CCONJ":
            # 'X told A that ..., and told B "..."': the subject of the earlier verb
            for u in range(v - 2, floor - 1, -1):
                if is_reporting(doc, u) and not self.t.quoted(u):
                    return self.subject_of(u, floor)
            # 'Ballmer expressed condolences and described him as "..."': the clause subject
            found = self._clause_subject(floor, v - 1)
            if found is not None and found.label in ("PERSON", "ORG"):
                return found
        if prev is not None and (prev.text == "," or doc[v].tag_ == "VBG" and prev.lower_ in _CLAUSE_LINKS):
            # '..., saying "..."', 'by saying', 'X an analyst for Y, commented:': the clause subject
            return self._clause_subject(floor, v)
        return None

    def learn_reported(self) -> None:
        """Record the named subject of every reporting verb outside quotes, for pronouns."""
        doc = self.doc
        for v in candidates(doc):
            tok = doc[v]
            if not is_reporting(doc, v) or self.t.quoted(v):
                continue
            lo, _ = self.paras[self.t.para_of(tok.idx)]
            span = self.subjects.before(v, self.floor(v, lo))
            if span and not (span[1] - span[0] == 1 and doc[span[0]].pos_ == "PRON"):
                self.subjects.learn(doc[span[0]].idx, self.subjects.resolve(*span))

    # -- the two sides ---------------------------------------------------------------------------

    def right(self, q: QuoteSpan) -> tuple[Speaker | None, int]:
        """Attribution after the closing mark: '," coalition spokesman Sean Ryan told AFP.'"""
        if q.close_at is None:
            return None, NONE
        doc = self.doc
        _, hi = self.paras[q.para]
        i = self.t.tok_from(q.close_at + 1)
        text = self.text[q.start:q.end]
        comma_inside = text[-1:] in (",", "?", "!", "\u2014", "-", ":")
        dash = i < len(doc) and doc[i].text in _DASHES
        if i < len(doc) and (doc[i].text == "," or dash):
            i += 1
            comma_inside = True
        limit = i
        while limit < len(doc) and limit - i < 25 and doc[limit].idx < hi and not self.t.quoted(limit) \
                and (doc[limit].text not in (".", "!", "?", ";") or self._abbreviation(limit)):
            limit += 1
        if i >= limit:
            return None, NONE
        if doc[i].lower_ == "according" and i + 1 < limit and doc[i + 1].lower_ == "to":
            return self._source(i + 2, limit), RIGHT
        verdict = self._verdict(i, limit)
        if verdict is not None:
            return verdict, RIGHT
        byline = self._byline(i, limit, hi, dash)
        if byline is not None:
            return byline, RIGHT
        if not comma_inside:
            return None, NONE
        if is_reporting(doc, i):
            span = self.subjects.after(i + 1, limit)
            if span is None and i + 1 < len(doc) and doc[i + 1].text == ":":
                return None, NONE  # '... the text "X", states: "..."': the verb opens the next quote
            named = self._named_after(span, limit) if span else None
            if named is not None:
                return named, RIGHT
            return (self.subjects.resolve(*span) if span else None), RIGHT
        relative = self._relative_clause(i, limit)
        for v in range(i + 1, limit):
            if relative is not None and relative[0] < v < relative[1]:
                continue  # '," Doe, who rates the stock a sell, said'
            if relative is not None and v == relative[1] + 1 and is_reporting(doc, v):
                span = self.subjects.before(relative[0], i)
                return (self.subjects.resolve(*span), RIGHT) if span and span[0] == i else (None, NONE)
            if doc[v].lower_ in QUOTING and doc[v].pos_ == "VERB":
                # '," Detik.com quoted Djamal as saying'
                span = self.subjects.after(v + 1, limit)
                if span and span[1] + 1 < limit and doc[span[1]].lower_ == "as" and is_reporting(doc, span[1] + 1):
                    return self.subjects.resolve(*span), RIGHT
            if is_reporting(doc, v):
                named = self.subjects.appositive(i, v)
                if named is not None and named[0] == i:  # '," Ashford's chief executive, Graham Whitby, said'
                    return named[1], RIGHT
                span = self.subjects.before(v, i)
                if span and span[0] == i:
                    return self.subjects.resolve(*span), RIGHT
                return None, NONE
            if doc[v].pos_ in ("VERB", "AUX") and doc[v].tag_ not in ("VBN", "VBG"):
                if self._catenative(v + 1):  # '," Mulally remembered asking'
                    span = self.subjects.before(v, i)
                    if span and span[0] == i:
                        return self.subjects.resolve(*span), RIGHT
                break
        return None, NONE

    def _verdict(self, i: int, limit: int) -> Speaker | None:
        """The words after a quote name its speaker without a verb beside the quote: '," was
        the verdict of Rachel Obi', '," that was the view of Jane Doe', '." So reckons Tom Ridley'."""
        doc = self.doc
        k = i + (doc[i].lower_ in ("that", "this", "such", "so"))
        if k < limit and doc[k].lower_ == "so" or doc[i].lower_ == "so":
            k = i + 1
            if k + 1 < limit and is_reporting(doc, k):  # 'So reckons X' / 'So says X'
                span = self.subjects.after(k + 1, limit)
                return self.subjects.resolve(*span) if span else None
            return None
        if k + 3 < limit and doc[k].lower_ in ("was", "is", "'s", "\u2019s") and doc[k + 1].lower_ == "the" \
                and doc[k + 2].lower_ in _VERDICTS and doc[k + 3].lower_ in ("of", "from"):
            span = self.subjects.after(k + 4, limit)
            return self.subjects.resolve(*span) if span else None
        return None

    def _abbreviation(self, k: int) -> bool:
        """Token k is the full stop of a title or an initial before a name: 'said Capt. Tom Wexler'."""
        doc = self.doc
        if doc[k].text != "." or k == 0 or k + 1 >= len(doc) or not doc[k + 1].text[:1].isupper():
            return False
        prev = doc[k - 1].text
        return prev.lower() in TITLES or len(prev) == 1 and prev.isupper()

    def _relative_clause(self, i: int, limit: int) -> tuple[int, int] | None:
        """(comma, comma) around ', who rates the stock a sell,' after a short subject at token i."""
        doc = self.doc
        for c in range(i + 1, min(limit - 1, i + 8)):
            if doc[c].text == "," and doc[c + 1].lower_ in ("who", "whose", "which"):
                end = next((k for k in range(c + 2, min(limit, c + 20)) if doc[k].text == ","), None)
                return (c, end) if end is not None else None
            if doc[c].pos_ in ("VERB", "AUX"):
                return None
        return None

    def _named_after(self, span: tuple[int, int], limit: int) -> Speaker | None:
        """'said Bell Curve Trading chief strategist, Bill Strazzullo.': the name closing the
        sentence after the descriptor and a comma."""
        doc = self.doc
        comma = span[1]
        while comma < limit and comma - span[1] < 8 and doc[comma].text != "," and (
                doc[comma].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "CCONJ")
                or doc[comma].lower_ in ("of", "for", "at", "&")):
            comma += 1  # 'said Airbus President and Chief Executive Officer, Tom Enders'
        if comma >= limit or doc[comma].text != ",":
            return None
        name = self.subjects.after(comma + 1, limit)
        if not name or not self.subjects._only_person(*name) or name[1] != limit and not (
                doc[name[1]].lower_ in ("of", "at", "from") and doc[span[0]].lower_ == "one"):
            return None  # the name ends the sentence, or 'said one analyst, Mark Lee of Y'
        found = self.subjects.resolve(*name)
        if found is None:
            return None
        return Speaker(found.name, clean(doc.span_text(span[0], comma)), found.label)

    def _catenative(self, k: int) -> bool:
        """Token k is a reporting verb in -ing after another verb: 'remembered asking'."""
        return k < len(self.doc) and self.doc[k].tag_ == "VBG" and is_reporting(self.doc, k)

    def _byline(self, i: int, limit: int, para_hi: int, dash: bool) -> Speaker | None:
        """A pull quote signed at the paragraph end: '"..." - Matthew Ingram'."""
        doc = self.doc
        span = self.subjects.after(i, limit)
        if not span or not doc[span[0]].text[:1].isupper():
            return None
        end = span[1]
        at_end = end >= len(doc) or doc[end].idx >= para_hi or (
            doc[end].text == "," and end + 1 < len(doc) and self.t.quoted(end + 1)
            and self.t.blocked[bisect.bisect_right(self.t._bstarts, doc[end + 1].idx) - 1][1] >= para_hi)
        if not at_end or (not dash and span[1] - span[0] > 4):
            return None
        return self.subjects.resolve(*span)

    def left(self, q: QuoteSpan, words: int) -> tuple[Speaker | None, int]:
        """Attribution before the opening mark: 'X said,' / 'X said on Twitter he has'."""
        doc = self.doc
        lo, _ = self.paras[q.para]
        mark = q.open_at if q.open_at is not None else q.start
        end = self.t.tok_from(mark)
        if end == 0 or doc[end - 1].idx < lo:
            return None, NONE
        if self._ends_sentence(end - 1):
            return None, NONE  # the quote opens a new sentence: 'said Djamal. "Because ...'
        floor = self.floor(end - 1, lo)
        near = NEAR_SHORT if words <= 2 else NEAR
        gap = 0
        for v in range(end - 1, floor - 1, -1):
            if self.t.quoted(v):
                continue
            tok = doc[v]
            if tok.lower_ == "according" and v + 1 < end and doc[v + 1].lower_ == "to":
                return self._source(v + 2, end), LEFT
            if tok.lower_ == "words" and v + 1 < end and doc[v + 1].lower_ == "of":
                found = self._source(v + 2, end)
                if found is not None:
                    return found, LEFT
            if is_reporting(doc, v) and not (v > 0 and doc[v - 1].lower_ == "to") and not (
                    tok.tag_ == "VBN" and doc[v - 1].lower_ in DOCUMENT_NOUNS):  # 'a letter posted'
                between = {doc[k].lower_ for k in range(v + 1, end)}
                introduced = doc[end - 1].text == ":" or doc[end - 1].text in _DASHES and words >= LONG_INTRO
                if gap > near or (is_weak(tok) and gap > 1 and not introduced
                                  and not ("as" in between and gap <= 8) and not self._object_then(v, end)):
                    return None, NONE
                found = self.subject_of(v, floor)
                if found is not None:
                    return found, LEFT
                if tok.lower_ in INVERTIBLE:  # 'said Jones: "..."'
                    after = self.subjects.after(v + 1, end)
                    if after and after[1] < len(doc) and doc[after[1]].text in (":", ","):
                        return self.subjects.resolve(*after), LEFT
                return None, NONE
            gap += 1
        intro = doc[end - 1].text
        if end - 1 > floor and (intro == ":" or intro in _DASHES + (",",) and words >= LONG_INTRO):
            # 'Sunak defended the record: "..."', 'Jobs extended an invitation to the label,
            # "we have ..."': a colon, a dash or a comma hands the quote to the clause subject
            found = self._clause_subject(floor, end - 1) or self._named_actor(floor, end - 1)
            if found is not None and found.label in ("PERSON", "ORG"):
                return found, LEFT
        return None, NONE

    def _object_then(self, v: int, end: int) -> bool:
        """'called it the "..."', 'told them "..."': only a pronoun object (and a determiner)
        stands between the verb at v and the opening mark at token end."""
        doc = self.doc
        k = v + 1
        if doc[v].lower_ in _NAMING and k < end and doc[k].pos_ != "PRON":
            k += doc[k].pos_ == "DET"  # 'called the budget "..."': a short noun phrase object
            n = 0
            while k < end and n < 3 and doc[k].pos_ in ("NOUN", "PROPN", "ADJ"):
                k, n = k + 1, n + 1
            return n > 0 and k == end
        if k >= end or doc[k].pos_ != "PRON" or doc[k].lower_ in ("that", "which", "what", "who"):
            return False
        k += 1
        if k < end and doc[k].pos_ == "DET":
            k += 1
        return k == end
