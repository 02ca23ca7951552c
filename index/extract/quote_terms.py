"""Quoted words that are not a quote: names, titles, terms and scare quotes.

'a robot named "Robogee"', 'the "caliphate"', 'the "Green Streets" programme', 'said "The
Last Harbour" would open', a blog post title signed after a pull quote. Token checks over the
spaCy Doc around the marks; no parse.
"""
from __future__ import annotations

from index.extract.attribution import TokenIndex
from index.extract.quote_marks import MARK_TOKENS, QuoteSpan
from index.extract.reporting import is_reporting

# quoted words after these are a name or title, not a quote: named "Robogee"
NAMING = frozenset("named called titled entitled nicknamed labelled labeled branded "
                   "headlined marked reading read name nickname title headline label slogan motto "
                   "hashtag term word phrase text caption inscription".split())
# a quote right after these is the name of a work, site or place: 'on "The Countdown"'
_TITLE_ADP = frozenset("on in at from of into onto via".split())
_QUOTE_END = ".,;:!?\u2026\u2014-"
_NAME_LINKS = frozenset("of the and for a an in on to at de du la le von van &".split())
_ENDS = (".", "!", "?")


class QuotedTerms:
    def __init__(self, t: TokenIndex, text: str):
        self.t = t
        self.doc = t.doc
        self.text = text

    def named_term(self, q: QuoteSpan) -> bool:
        """Quoted words used as a name: 'a robot named "Robogee"', 'the "caliphate"'."""
        mark = q.open_at if q.open_at is not None else q.start
        k = self.t.tok_from(mark) - 1
        while k >= 0 and self.doc[k].text == ",":
            k -= 1
        if k < 0:
            return False
        prev = self.doc[k]
        adjacent = k == self.t.tok_from(mark) - 1
        if prev.lower_ in NAMING and (adjacent or prev.pos_ != "NOUN") or (
                prev.lower_ == "as" and k > 0 and self.doc[k - 1].lower_ == "known"):
            return True  # not 'an invitation to the record label, "we have ..."'
        if self.modifies_noun(q):
            return True
        words = len(self.text[q.start:q.end].split())
        if prev.pos_ == "ADP" and prev.lower_ in _TITLE_ADP and adjacent and (
                words <= 3 or self.text[q.start:q.start + 1].isupper()):
            return True  # 'says on "The Countdown"', 'an article in "The Times"'
        if prev.pos_ != "DET":
            return False
        # 'the "caliphate"', 'a "New GM"' (a name); not 'has a "strong rationale"' (his words)
        return words == 1 or words <= 3 and prev.lower_ in ("a", "an", "the") and all(
            w[:1].isupper() for w in self.text[q.start:q.end].split())

    def owned_term(self, q: QuoteSpan) -> bool:
        """A short lower-case term right after a possessive: 'the company’s ‘strategic review’
        of its stores', 'their "new normal"'."""
        text = self.text[q.start:q.end]
        if q.open_at is None or len(text.split()) > 3 or not text[:1].islower() or text[-1:] in _QUOTE_END:
            return False
        k = self.t.tok_from(q.open_at) - 1
        return k >= 0 and (self.doc[k].text in ("'s", "\u2019s") or self.doc[k].tag_ == "PRP$")

    def modifies_noun(self, q: QuoteSpan) -> bool:
        """A short quoted term used as a modifier: 'the "Green Streets" programme', 'the first
        "point" release', 'its "buy now" campaign' (not 'was "disappointed" yesterday')."""
        text = self.text[q.start:q.end]
        if q.close_at is None or q.open_at is None or len(text.split()) > 4 or text[-1:] in _QUOTE_END:
            return False
        doc = self.doc
        a, b = self.t.tok_from(q.open_at) - 1, self.t.tok_from(q.close_at + 1)
        if a < 0 or b >= len(doc):
            return False
        before, after = doc[a], doc[b]
        if not (before.pos_ in ("DET", "ADJ", "NUM") or before.tag_ in ("POS", "PRP$")):
            return False
        return after.pos_ == "NOUN" and after.text[:1].islower() and after.ent_type_ not in ("DATE", "TIME")

    def titled(self, q: QuoteSpan) -> bool:
        """A quoted title-case name dropped into the reporter's sentence: 'said "The Last
        Harbour" would', 'the text "Steve Jobs 1955-2011"' (not after a colon or a comma)."""
        text = self.text[q.start:q.end]
        words = text.split()
        if not 2 <= len(words) <= 6 or text[-1:] in _QUOTE_END or q.open_at is None:
            return False
        k = self.t.tok_from(q.open_at) - 1
        if k >= 0 and self.doc[k].text in (",", ":", "\u2014", "-"):
            return False
        return all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_LINKS for w in words) \
            and (words[0][:1].isupper() or words[0][:1].isdigit())

    def signs_byline(self, q: QuoteSpan) -> bool:
        """The quoted title after a pull-quote signature: '... Anonymous blogger, "Post title"'."""
        k = self.t.tok_from(q.open_at if q.open_at is not None else q.start) - 1
        if k < 1 or self.doc[k].text != ",":
            return False
        k -= 1
        n = 0
        while k >= 0 and not self.t.quoted(k) and self.doc[k].text not in _ENDS and n < 5:
            k -= 1
            n += 1
        if not (k >= 0 and self.t.quoted(k) and 0 < n <= 4 and self.doc[k].text in MARK_TOKENS):
            return False
        doc = self.doc
        return doc[k + 1].text[:1].isupper() and all(
            doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART") and not is_reporting(doc, j)
            for j in range(k + 1, k + 1 + n))

    def listed_after(self, term: QuoteSpan | None, q: QuoteSpan) -> bool:
        """The next item of a list of quoted names: 'dubbed "Mission Control" and "Launchpad."'."""
        if term is None or term.close_at is None or q.open_at is None or q.para != term.para:
            return False
        if len(self.text[q.start:q.end].split()) > 4:
            return False
        between = self.text[term.close_at + 1:q.open_at].replace(",", " ").split()
        return between in ([], ["and"], ["or"])
