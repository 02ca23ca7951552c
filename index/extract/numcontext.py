"""Context rules for the numbers layer: what is not a quantity, qualifiers, counted nouns.

Everything here looks at an article's tokens (text, POS tag, whitespace: a TokenTable, see
tokens.py) and at the entity dicts from `index.extract.entities`; nothing imports spaCy.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from index.extract.tokens import token_table
from index.extract.units import MONTHS, WEEKDAYS

# Character ranges where digits are never quantities: links, e-mail addresses, handles,
# clock times and telephone numbers. Runs of [\w-] are possessive (`++`: no backtracking into
# them) where the next character the pattern needs cannot be in the run: the same matches,
# without trying every shorter run at every position of every word.
_BLOCKED_PARTS = (  # (alternative, a necessary condition on the whole text or None)
    (r"(?:https?://|www\.)\S+", ("://", "www.")),                                   # links
    (r"[\w.+-]++@[\w-]++(?:\.[\w-]++)+", ("@",)),                                 # e-mail
    (r"(?<![\w$£€])[@#][A-Za-z_]\w*", ("@", "#")),                                 # handles, hashtags
    (r"\b[\w-]++(?:\.[\w-]++)*\.(?:com|org|net|gov|edu|int|info|io|co|uk|nz|au|de|fr|ca)\b(?:/\S*)?",
     "tld"),                                                                        # domains
    (r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?|GMT|UTC|BST|CET|EST|EDT|PST|PDT|hrs|h)\b", None),
    (r"\b\d{1,2}:\d{2}(?::\d{2})?\b", None),                                       # 10:30, 15:11:02
    (r"\b\d{1,2}\s*[ap]\.?m\.?(?![\w])", None),                                    # 9am, 9 p.m.
    (r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,5}\b(?![\s,.]*\d)", None),  # phones
    (r"\b\d+(?:[./]\d+){2,}\b", None),                                               # 1.2.3 versions, 1/2/2015
)
# The blocked spans are the matches of these alternatives joined in this order. The first
# four need text most articles lack ("://", "@", a ".com"-like ending) and the second and
# fourth are tried at nearly every character of every word; an alternative whose necessary
# text is nowhere in the article cannot match at any position, so leaving it out changes no
# match (at each position the first alternative that matches wins, never that one).
_TLD_RE = re.compile(r"\.(?:com|org|net|gov|edu|int|info|io|co|uk|nz|au|de|fr|ca)\b")
_BLOCKED_SUBSETS: dict[tuple[bool, ...], re.Pattern[str]] = {}


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every match in text of all the _BLOCKED_PARTS joined, in order (as
    `finditer` gives them), from only the alternatives the text can match at all."""
    present = tuple(
        need is None or (_TLD_RE.search(text) is not None if need == "tld" else any(n in text for n in need))
        for _, need in _BLOCKED_PARTS
    )
    pattern = _BLOCKED_SUBSETS.get(present)
    if pattern is None:
        pattern = _BLOCKED_SUBSETS[present] = re.compile(
            "|".join(part for (part, _), keep in zip(_BLOCKED_PARTS, present) if keep))
    return [m.span() for m in pattern.finditer(text)]


# Multi-word qualifiers before a number, longest first; the value is the normal form.
QUALIFIERS_BEFORE = sorted(
    [
        ("just over", "just over"), ("just under", "just under"), ("well over", "well over"),
        ("well above", "well over"), ("more than", "more than"), ("less than", "less than"),
        ("fewer than", "fewer than"), ("greater than", "more than"),
        ("larger than", "more than"), ("smaller than", "less than"), ("no more than", "at most"),
        ("no fewer than", "at least"), ("not more than", "at most"), ("at least", "at least"),
        ("at most", "at most"), ("up to", "up to"), ("as many as", "as many as"),
        ("as much as", "as much as"), ("as few as", "as few as"), ("close to", "nearly"),
        ("nearly", "nearly"), ("almost", "almost"), ("about", "about"), ("around", "around"),
        ("roughly", "roughly"), ("approximately", "approximately"), ("approx.", "approximately"),
        ("some", "some"), ("over", "over"), ("under", "under"), ("above", "over"),
        ("below", "under"), ("an estimated", "an estimated"), ("estimated", "an estimated"),
        ("upwards of", "more than"), ("in excess of", "more than"), ("barely", "barely"),
        ("circa", "about"), ("a further", None), ("another", None), ("an additional", None),
    ],
    key=lambda p: -len(p[0].split()),
)
QUALIFIERS_BEFORE = [(phrase.split(), normal) for phrase, normal in QUALIFIERS_BEFORE]
_QUALIFIER_LAST = {words[-1] for words, _n in QUALIFIERS_BEFORE}
QUALIFIERS_AFTER = {("or", "more"): "or more", ("or", "so"): "or so", ("or", "less"): "or less",
                    ("or", "fewer"): "or fewer", ("plus",): "or more"}

NOUN_TAGS = {"NN", "NNS"}
MODIFIER_TAGS = {"JJ", "JJR", "JJS", "VBN", "VBG", "NNP", "NNPS", "HYPH", "RB"}
_NOT_MODIFIERS = {"last", "next", "this", "that", "previous", "following", "ago", "earlier", "later"}
COUNTED_STOP = {"times", "time", "%", "percent", "of", "per", "am", "pm", "more", "less"}


class Context:
    """Per-document lookup tables shared by the rules."""

    def __init__(self, doc: Any, entities: list[dict[str, Any]]) -> None:
        doc = token_table(doc)  # the rules read the TokenTable, never the Doc
        self.doc = doc
        self.text = doc.text
        self.blocked = blocked_spans(self.text)
        self.lows: list[str] = doc.lows
        self._sent_starts, self._sent_ends = doc.sent_starts, doc.sent_ends
        self._models: set[str] | None = None
        self._person_ends = {e for _s, e, label in ents_of(entities) if label == "PERSON"}
        self._blocked_starts = [s for s, _ in self.blocked]
        ents = ents_of(entities)
        self.ents = ents
        self._ent_starts = [s for s, _, _ in ents]

    def is_blocked(self, start: int, end: int) -> bool:
        k = bisect_right(self._blocked_starts, start) - 1
        for s, e in self.blocked[max(0, k - 3): k + 2]:
            if s < end and start < e:
                return True
        return False

    def labels_at(self, start: int, end: int) -> set[str]:
        """Entity labels overlapping [start, end)."""
        k = bisect_right(self._ent_starts, start)
        out = set()
        for s, e, label in self.ents[max(0, k - 8): k + 8]:
            if s < end and start < e:
                out.add(label)
        return out

    @property
    def model_numbers(self) -> set[str]:
        """3+ digit numbers the article uses as names: 'Boeing 787', 'Flight 370', and 'the 787'
        standing alone as a noun phrase ('shrink the 787 and ...', 'the 787 will play')."""
        if self._models is None:
            self._models = set()
            doc, n = self.doc, len(self.doc)
            for t in doc:
                if not (t.i > 0 and t.is_digit and len(t.text) >= 3 and not 1000 <= int(t.text) <= 2100):
                    continue
                prev = doc[t.i - 1]
                if (prev.tag_ in ("NNP", "NNPS") and not is_month_or_day(prev)
                        and any(c.isupper() for c in prev.text)):
                    self._models.add(t.text)
                elif prev.lower_ == "the" and (t.i + 1 == n or _ends_noun_phrase(doc[t.i + 1])):
                    self._models.add(t.text)
        return self._models

    def person_ends_at(self, end: int) -> bool:
        return end in self._person_ends

    def bounds(self, i: int) -> tuple[int, int]:
        """(first token, token after the last) of the sentence holding token i."""
        k = max(0, bisect_right(self._sent_starts, i) - 1)
        return self._sent_starts[k], self._sent_ends[k]


def _ends_noun_phrase(tok: Any) -> bool:
    """After 'the 787': a verb, a conjunction, a preposition or punctuation, not a noun or unit."""
    if tok.tag_ in ("VBD", "VBZ", "VBP", "MD", "CC", "IN", "WDT", "POS") and tok.lower_ not in ("of", "per"):
        return True
    return tok.is_punct and tok.text not in ("-", "%", "/")


def ents_of(entities: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    return sorted((e["start"], e["end"], e["label"]) for e in entities)


def glued(a: Any, b: Any) -> bool:
    """True when token b follows token a with no whitespace between."""
    return a.whitespace_ == "" and b.i == a.i + 1


def is_month_or_day(token: Any) -> bool:
    low = token.lower_.rstrip(".")
    return low in MONTHS and (token.text[:1].isupper()) or low in WEEKDAYS


def near_month(doc: Any, start: int, end: int) -> bool:
    """Is the number at tokens [start, end) part of a calendar date ('March 3', '3 March 2014')?"""
    before = doc[start - 1] if start > 0 else None
    before2 = doc[start - 2] if start > 1 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and is_month_or_day(before):
        return True
    if before is not None and before.text == "," and before2 is not None:
        if is_month_or_day(before2) or (before2.like_num and start > 2 and is_month_or_day(doc[start - 3])):
            return True
    if after is not None and is_month_or_day(after):
        return True
    if after is not None and after.lower_ == "of" and end + 1 < len(doc) and is_month_or_day(doc[end + 1]):
        return True
    return False


def year_like(value: float, text: str) -> bool:
    return "," not in text and "." not in text and text.isdigit() and len(text) == 4 and 1000 <= value <= 2100


def qualifier_before(lows: list[str], start: int) -> tuple[str | None, int]:
    """(normal form, first token index) of a qualifier right before token `start`."""
    if start == 0 or lows[start - 1] not in _QUALIFIER_LAST:
        return None, start
    for words, normal in QUALIFIERS_BEFORE:
        first = start - len(words)
        if first < 0:
            continue
        if lows[first:start] == words:
            if words == ["some"] and first > 0 and lows[first - 1] in {"for", "in"}:
                continue
            if normal is None:
                return None, start
            return normal, first
    return None, start


def qualifier_after(doc: Any, end: int) -> tuple[str | None, int]:
    for words, normal in QUALIFIERS_AFTER.items():
        stop = end + len(words)
        if stop <= len(doc) and tuple(doc.lows[end:stop]) == words:
            return normal, stop
    return None, end


def counted_after(doc: Any, i: int, sent_end: int) -> tuple[str | None, int]:
    """The counted noun after token i: skip up to three modifiers, take the run of nouns.

    Returns (noun text or None, index after the noun run).
    """
    j = i
    skipped = 0
    while j < sent_end and skipped < 3 and doc[j].tag_ in MODIFIER_TAGS and doc[j].lower_ not in COUNTED_STOP:
        if doc[j].tag_ == "RB" and doc[j].lower_ not in {"very", "newly", "mostly"} or doc[j].lower_ in _NOT_MODIFIERS:
            break
        if doc[j].tag_ == "NNPS":  # "30 Dreamliners", "13.7 million Macs"
            break
        j += 1
        skipped += 1
    k = j
    if k < sent_end and doc[k].tag_ == "NNPS":
        k += 1
    while k < sent_end and doc[k].tag_ in NOUN_TAGS and doc[k].lower_ not in COUNTED_STOP:
        k += 1
        if doc[k - 1].tag_ == "NNS":  # a plural noun heads the phrase
            break
    if k == j:
        # proper-noun plurals only ("30 Dreamliners"), never a bare capitalised name
        if i < sent_end and doc[i].tag_ == "NNPS":
            return doc[i].text, i + 1
        return None, i
    return doc.span_text(j, k), k


def counted_of(doc: Any, i: int, sent_end: int) -> str | None:
    """'six of these aeroplanes', 'ten of its plants': the noun after 'of' and a determiner."""
    if i >= sent_end or doc[i].lower_ != "of":
        return None
    j = i + 1
    if j < sent_end and doc[j].tag_ in ("DT", "PRP$"):
        j += 1
    if j < sent_end and doc[j].tag_ == "POS":
        j += 1
    counted, _k = counted_after(doc, j, sent_end)
    return counted if j > i + 1 else None


def sentence_topic(doc: Any, sent_start: int, before: int) -> str | None:
    """First common noun of the sentence before token `before` (the thing a price is for)."""
    for t in doc[sent_start:before]:
        if t.is_alpha and (t.tag_ in NOUN_TAGS or t.i == sent_start and t.tag_ == "NNP" and not t.ent_type_):
            return t.text  # a sentence-initial common noun is often tagged NNP ("Rice is ...")
    return None


# Words that make a glued "70m" a length: "70m high", "the 100m sprint", "a 70m-long wall".
_METRE_AFTER = {"high", "tall", "long", "wide", "deep", "away", "above", "below", "underground",
                "across", "sprint", "race", "dash", "hurdles", "freestyle", "backstroke",
                "breaststroke", "butterfly", "medley", "relay", "final", "run", "swim"}
_METRE_CUES = _METRE_AFTER | {"height", "length", "depth", "width", "distance", "altitude",
                              "elevation", "metres", "meters", "metre", "meter", "km", "feet",
                              "wave", "waves", "tower", "building", "bridge", "dam", "wall"}


def m_means_million(doc: Any, ctx: Context, j: int) -> bool:
    """Is the 'm' glued to the number before token j 'million' rather than 'metres'?

    "passengers jump to 70m over the next few years", "70m passengers": million.
    "70m high", "a 70m tower", "the 100m sprint", "70m-long": metres.
    """
    n = len(doc)
    nxt = doc[j + 1] if j + 1 < n else None
    if nxt is not None:
        if nxt.lower_ in _METRE_AFTER or nxt.text in ("-", "/") and glued(doc[j], nxt):
            return False
        if nxt.tag_ == "NNS" or nxt.tag_ in ("JJ", "VBN") and j + 2 < n and doc[j + 2].tag_ == "NNS":
            return True  # "70m passengers", "5m new users"
        if nxt.tag_ == "NN":
            return False  # "a 70m tower"
    s, e = ctx.bounds(j)
    return not any(low in _METRE_CUES for low in ctx.lows[s:e])
