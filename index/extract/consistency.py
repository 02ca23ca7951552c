"""One name, one label: votes over every mention of a name, surname inheritance, acronyms,
tag hints, and every further occurrence of a known name in the article."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from index.extract.acronyms import acronym_letters, definitions, stands_for
from index.extract.context import new_mentions, vote_hints
from index.extract.names import (
    NAME_LABELS, TITLES, head_label, is_capitalised, is_junk, titled, trim, word,
)

# Tie-break when the votes are level: the more specific reading wins.
PRIORITY = ("PERSON", "ORG", "PLACE", "NORP", "PRODUCT", "EVENT", "WORK", "LAW")
COUNTED = frozenset({"PERSON", "ORG", "PLACE"})

# Services news names constantly and spaCy's small model often takes for people or places.
KNOWN_ORGS = frozenset("""
Twitter Facebook YouTube Google Instagram TikTok Reddit WhatsApp Telegram Wikipedia Wikinews
Microsoft Amazon Netflix LinkedIn Snapchat Spotify Uber Airbnb PayPal eBay Yahoo 4chan
""".split())


@dataclass
class Mention:
    start: int  # token indices into the Doc
    end: int
    label: str
    source: str = "ner"


def key(doc: Any, m: Mention) -> str:
    return " ".join(doc[m.start:m.end].text.split())


def resolve(doc: Any, mentions: list[Mention], tags: Iterable[str]) -> list[Mention]:
    """The article-level rules, in order; returns non-overlapping mentions sorted by start."""
    index = TextIndex(doc)
    mentions = mentions + _known_orgs(index) + _defined_acronyms(doc, mentions)
    mentions += new_mentions(doc, mentions, lambda s, e, lab: Mention(s, e, lab, "shape"))
    labels = _vote(doc, mentions)
    _craft_names(doc, mentions, labels)
    parts = _inherit_person_parts(labels)
    kept = _drop_common_openers(doc, index, mentions, parts)
    for k in {key(doc, m) for m in mentions} - {key(doc, m) for m in kept}:
        labels.pop(k, None)
    mentions = kept
    mentions += _tag_hints(doc, index, tags, labels)
    mentions += _implied_acronyms(index, labels)
    _acronym_labels(labels)
    mentions = _non_overlapping(mentions)
    mentions += _more_occurrences(doc, index, mentions, labels)
    for m in mentions:
        m.label = labels.get(key(doc, m), m.label)
    return sorted(_non_overlapping(mentions), key=lambda m: m.start)


def _vote(doc: Any, mentions: list[Mention]) -> dict[str, str]:
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    hints = vote_hints(doc, mentions)
    for m in mentions:
        if m.label not in NAME_LABELS:
            continue
        k = key(doc, m)
        v = votes[k]
        v[m.label] += 10.0 if m.source in ("known", "acronym") else 1.0
        for lab, weight in hints.get((m.start, m.end), {}).items():
            v[lab] += weight
        head = head_label(doc, m.start, m.end)
        if head:
            v[head] += 3.0
        if titled(doc, m.start) and m.end - m.start <= 3:
            v["PERSON"] += 2.0
    return {k: max(v, key=lambda lab: (v[lab], -PRIORITY.index(lab))) for k, v in votes.items()}


def _craft_names(doc: Any, mentions: list[Mention], labels: dict[str, str]) -> None:
    """'Columbia' alone, in an article about 'Space Shuttle Columbia', is the craft too."""
    for m in mentions:
        if m.source == "shape" and m.label == "PRODUCT" and m.end - m.start >= 2:
            last = doc[m.end - 1].text
            if last in labels:
                labels[last] = "PRODUCT"


def _inherit_person_parts(labels: dict[str, str]) -> set[str]:
    """'Afrin' alone is the person 'Adnan Afrin' (first names too: 'Daniel Montalvo')."""
    parts: set[str] = set()
    for k, lab in labels.items():
        words = k.split()
        if lab == "PERSON" and len(words) >= 2:
            for w in (words[0], words[-1]):
                if len(w) > 1 and w[0].isupper() and not w.isupper() and w.lower().rstrip(".") not in TITLES:
                    parts.add(w)
    for w in parts:
        if w not in KNOWN_ORGS:
            labels[w] = "PERSON"
    return parts


def _drop_common_openers(doc: Any, index: "TextIndex", mentions: list[Mention], parts: set[str]) -> list[Mention]:
    """'Homeopathy is ...' opening a sentence is the word the text elsewhere writes 'homeopathy'."""
    lower = index.lower_words
    return [
        m for m in mentions
        if not (m.end - m.start == 1 and m.source == "ner" and doc[m.start].is_sent_start
                and doc[m.start].text.lower() in lower and doc[m.start].text not in parts)
    ]


def _known_orgs(index: "TextIndex") -> list[Mention]:
    return [Mention(s, e, "ORG", "known") for _, s, e in index.find(KNOWN_ORGS)]


def _defined_acronyms(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """'Syrian Democratic Forces (SDF)': both become names with the long form's label."""
    by_span = {(m.start, m.end): m.label for m in mentions}
    out = []
    for (ls, le), (as_, ae) in definitions(doc):
        ls, le = trim(doc, ls, le, "ORG")
        if ls >= le:
            continue
        label = by_span.get((ls, le)) or head_label(doc, ls, le) or "ORG"
        if label not in COUNTED:
            label = "ORG"
        out.append(Mention(ls, le, label, "acronym"))
        out.append(Mention(as_, ae, label, "acronym"))
    return out


def _implied_acronyms(index: "TextIndex", labels: dict[str, str]) -> list[Mention]:
    """An acronym-looking token that spells a multi-word name of the article ('IS')."""
    names = [(k.split(), lab) for k, lab in labels.items() if lab in ("ORG", "PLACE") and " " in k]
    out = []
    for i, text in index.acronyms:
        if text in labels:
            continue
        for words, lab in names:
            if stands_for(text, words):
                labels[text] = lab
                out.append(Mention(i, i + 1, lab, "acronym"))
                break
    return out


def _acronym_labels(labels: dict[str, str]) -> None:
    """An acronym already labelled takes the label of the name it spells out."""
    names = {k: lab for k, lab in labels.items() if " " in k and lab in COUNTED}
    for k in list(labels):
        if " " in k or not acronym_letters(k):
            continue
        for name, lab in names.items():
            if stands_for(k, name.split()):
                labels[k] = lab
                break


def _tag_hints(doc: Any, index: "TextIndex", tags: Iterable[str], labels: dict[str, str]) -> list[Mention]:
    """The article's tags found in its text become names; the label comes from evidence."""
    places = {k for k, lab in labels.items() if lab == "PLACE"}
    parts = {w for k, lab in labels.items() if lab == "PERSON" for w in k.split()}
    out = []
    for tag in tags:
        tag = " ".join(str(tag).split())
        if len(tag) < 2 or not is_capitalised(tag):
            continue
        spans = [(s, e) for _, s, e in index.find([tag])]
        if not spans:
            continue
        label = labels.get(tag)
        if label is None:
            s, e = spans[0]
            words = tag.split()
            if tag in places:
                label = "PLACE"
            elif head_label(doc, s, e):
                label = head_label(doc, s, e)
            elif len(words) >= 2 and (words[0] in parts or words[-1] in parts):
                label = "PERSON"
            elif len(words) >= 2:
                label = "ORG"
            else:
                continue
            labels[tag] = label
        out += [Mention(s, e, label, "tag") for s, e in spans]
    return out


class TextIndex:
    """The Doc's text and its token boundaries, computed once (doc.text rebuilds the string)."""

    def __init__(self, doc: Any) -> None:
        self.text = doc.text
        self.starts: dict[int, int] = {}
        self.ends: dict[int, int] = {}
        self.lower_words: set[str] = set()  # words the text writes in lower case
        self.acronyms: list[tuple[int, str]] = []  # (token index, text) of acronym-like tokens
        for t in doc:
            text = t.text
            self.starts[t.idx] = t.i
            self.ends[t.idx + len(text)] = t.i + 1
            if text.islower():
                self.lower_words.add(text)
            elif acronym_letters(text):
                self.acronyms.append((t.i, text))

    def find(self, names: Iterable[str]) -> list[tuple[str, int, int]]:
        """(name, token start, token end) of each whole-word, case-sensitive occurrence;
        at one position the longest name wins; matches off token boundaries are skipped."""
        ordered = sorted({n for n in names if n}, key=len, reverse=True)
        if not ordered:
            return []
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        out = []
        for m in pattern.finditer(self.text):
            s, e = self.starts.get(m.start()), self.ends.get(m.end())
            if s is not None and e is not None and s < e:
                out.append((m.group(), s, e))
        return out


def _more_occurrences(doc: Any, index: TextIndex, mentions: list[Mention], labels: dict[str, str]) -> list[Mention]:
    """Every further occurrence of a person, organisation or place named in the article."""
    taken = bytearray(len(doc))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for k, s, e in index.find(k for k, lab in labels.items() if lab in COUNTED):
        lab = labels[k]
        if any(taken[s:e]) or is_junk(doc, s, e, lab):
            continue
        if e - s == 1 and not _proper(doc[s]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(Mention(s, e, lab, "repeat"))
    return out


def _proper(token: Any) -> bool:
    """A lone word that is used as a name here, not as a capitalised sentence opener."""
    if token.pos_ == "PROPN" or acronym_letters(token.text):
        return True
    return not token.is_sent_start and word(token) not in TITLES


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Longest first; strong sources win ties; a token belongs to one mention at most."""
    rank = {"acronym": 0, "known": 0, "tag": 1, "ner": 2, "repeat": 3}
    order = sorted(mentions, key=lambda m: (-(m.end - m.start), rank.get(m.source, 4), m.start))
    taken: set[int] = set()
    kept = []
    for m in order:
        if m.start >= m.end or any(i in taken for i in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        kept.append(m)
    return kept
