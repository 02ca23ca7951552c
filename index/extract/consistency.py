"""One name, one label: votes over every mention of a name, surname inheritance, acronyms,
tag hints, and every further occurrence of a known name in the article."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable

from index.extract.acronyms import acronym_letters, definitions, initials
from index.extract.context import new_mentions, org_by_cues, person_titled, place_by_cues, vote_hints
from index.extract.gazetteer import PLACE_NAMES, SEATS_OF_GOVERNMENT
from index.extract.name_cues import (
    cue_mentions, feature_labels, lead_labels, place_labels, vote_cues, word_acronyms,
)
from index.extract.regional_cues import platform_labels
from index.extract.surnames import particle_start
from index.extract.text_index import TextIndex
from index.extract.names import (
    COMPANY_HEADS, NAME_LABELS, TITLES, head_label, is_capitalised, is_junk, trim, word,
)

# Tie-break when the votes are level: the more specific reading wins.
PRIORITY = ("PERSON", "ORG", "PLACE", "NORP", "PRODUCT", "EVENT", "WORK", "LAW")
COUNTED = frozenset({"PERSON", "ORG", "PLACE"})

# Services news names constantly and spaCy's small model often takes for people or places.
KNOWN_ORGS = frozenset("""
Twitter Facebook YouTube Google Instagram TikTok Reddit WhatsApp Telegram Wikipedia Wikinews
Microsoft Amazon Netflix LinkedIn Snapchat Spotify Uber Airbnb PayPal eBay Yahoo 4chan
Greenpeace Oxfam UNICEF UNESCO UNHCR
""".split()) | frozenset({
    # charities whose names read as phrases, which the small model never tags
    "Save the Children", "Doctors Without Borders", "Médecins Sans Frontières", "Human Rights Watch",
    "Amnesty International", "Red Cross", "Red Crescent", "Reporters Without Borders",
    "Habitat for Humanity", "Feeding America",
})

# Words that end a company's full name and that its short name leaves out.
CORPORATE_SUFFIXES = frozenset("""
corporation corp inc incorporated co company group holdings plc ltd limited llc sa ag nv spa
financial
""".split())

# Words before a lone name that make it a place there, whatever else it names in the article.
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout"})


@dataclass
class Mention:
    start: int  # token indices into the Doc
    end: int
    label: str
    source: str = "ner"


def resolve(doc: Any, mentions: list[Mention], tags: Iterable[str],
            index: "TextIndex | None" = None) -> list[Mention]:
    """The article-level rules, in order; returns non-overlapping mentions sorted by start.
    `index` is the article's TextIndex when the caller already built it."""
    index = index or TextIndex(doc)
    doc = index.tokens
    key = index.mention_key
    mentions = mentions + _known_orgs(index) + _defined_acronyms(doc, index, mentions)
    mentions += new_mentions(doc, index, mentions, lambda s, e, lab: Mention(s, e, lab, "shape"))
    mentions += cue_mentions(index, mentions, lambda s, e, lab: Mention(s, e, lab, "known"))
    labels = _vote(doc, index, mentions)
    mentions += _split_readings(index, mentions, labels)
    _craft_names(doc, mentions, labels)
    parts = _inherit_person_parts(labels)
    _orgs_by_cues(doc, index, labels, parts)
    lead_labels(index, labels, parts)  # "Kettleby" of "Kettleby Borough Council"
    place_labels(index, labels, parts)
    feature_labels(labels)
    platform_labels(index, labels, parts)  # "posted on Bluesky"
    word_acronyms(labels)
    kept = _drop_common_openers(doc, index, mentions, parts)
    for k in {key(m) for m in mentions} - {key(m) for m in kept}:
        labels.pop(k, None)
    mentions = kept
    mentions += _tag_hints(doc, index, tags, labels)
    mentions += _implied_acronyms(index, labels)
    _acronym_labels(labels)
    _short_company_names(labels, parts)
    mentions = _non_overlapping(mentions)
    mentions += _more_occurrences(doc, index, mentions, labels)
    companies = _companies(labels, parts)
    for m in mentions:
        k = key(m)
        label = labels.get(k, m.label)
        if k in parts and m.end - m.start == 1:
            label = _part_label(index, labels, m, label, companies)
        m.label = label
        if label == "PERSON":
            m.start = particle_start(doc, m.start, m.end)  # "Van der" + a repeated "Merwe"
    return sorted(_non_overlapping(mentions), key=lambda m: m.start)


def _vote(doc: Any, index: "TextIndex", mentions: list[Mention]) -> dict[str, str]:
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    hints = vote_hints(doc, mentions, index.span_text)
    for span, extra in vote_cues(doc, mentions).items():
        hints.setdefault(span, {}).update(extra)
    for m in mentions:
        if m.label not in NAME_LABELS:
            continue
        k = index.key(m.start, m.end)
        v = votes[k]
        v[m.label] += 10.0 if m.source in ("known", "acronym") else 1.0
        for lab, weight in hints.get((m.start, m.end), {}).items():
            v[lab] += weight
        head = head_label(doc, m.start, m.end)
        if head:
            v[head] += 3.0
        if person_titled(doc, m.start) and m.end - m.start <= 3:
            v["PERSON"] += 2.0
    return {k: max(v, key=lambda lab: (v[lab], -PRIORITY.index(lab))) for k, v in votes.items()}


def _split_readings(index: "TextIndex", mentions: list[Mention], labels: dict[str, str]) -> list[Mention]:
    """A name of several words voted a person, that spaCy elsewhere cuts into an organisation
    and a remainder ('Lockheed' + 'Martin' beside "Lockheed Martin's"), is the organisation:
    a person's name is not read as a company; returns whole mentions for those occurrences."""
    orgs = {(m.start, m.end) for m in mentions if m.label == "ORG" and m.source == "ner"}
    firsts = {index.texts[s] for s, _ in orgs}
    wanted = [k for k, lab in labels.items() if lab == "PERSON" and " " in k and k.split(" ", 1)[0] in firsts]
    if not wanted:
        return []
    out = []
    for k, s, e in index.find(wanted):
        if any((s, t) in orgs for t in range(s + 1, e)):
            labels[k] = "ORG"
            out.append(Mention(s, e, "ORG"))
    return out


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


def _orgs_by_cues(doc: Any, index: "TextIndex", labels: dict[str, str], parts: set[str]) -> None:
    """A one-word 'person' never given a first name, or a 'place' no gazetteer knows, is an
    organisation when the words around one of its occurrences say so (context.company_cue:
    "Kaupthing bank", "retailer Target", "Opel's shares", "the Beatles"); such a 'person' is
    a place where one occurrence reads like a town's ("Toulouse, France")."""
    wanted = {k: lab for k, lab in labels.items() if " " not in k and k not in parts and (
        lab == "PERSON" or (lab == "PLACE" and k.lower() not in PLACE_NAMES)) and not acronym_letters(k)}
    if not wanted:
        return
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, s, e in index.find(wanted):
        spans[k].append((s, e))
    texts = index.texts

    def is_place(i: int) -> bool:
        return texts[i].lower() in PLACE_NAMES or labels.get(texts[i]) == "PLACE"

    for k, occurrences in spans.items():
        if org_by_cues(doc, occurrences, wanted[k]):
            labels[k] = "ORG"
        elif wanted[k] == "PERSON" and place_by_cues(doc, occurrences, is_place):
            labels[k] = "PLACE"  # "Toulouse, France"


def _short_company_names(labels: dict[str, str], parts: set[str]) -> None:
    """'New Century' and 'New Century Financial' name the organisation 'New Century Financial
    Corporation' (two words at least: 'General' is not 'General Motors Corp.'); one word only
    where the article uses it alone and it is no person's name ('Saturn' of 'Saturn
    Corporation', which spaCy reads as the car)."""
    for k, lab in list(labels.items()):
        words = k.split()
        if lab != "ORG" or len(words) < 2 or word_of(words[-1]) not in CORPORATE_SUFFIXES:
            continue
        if len(words) == 2:
            if words[0] in labels and words[0] not in parts and labels[words[0]] in (
                    "PRODUCT", "PERSON", "NORP", "WORK") and words[0][:1].isupper():
                labels[words[0]] = "ORG"
            continue
        while len(words) > 2 and word_of(words[-1]) in CORPORATE_SUFFIXES:
            words = words[:-1]
            if words[-1] in ("of", "and", "&", "the"):
                break
            short = " ".join(words)
            if labels.get(short) not in COUNTED:
                labels[short] = "ORG"


def _companies(labels: dict[str, str], parts: set[str]) -> set[str]:
    """Person name parts that also open a company's name: 'Ford' of 'Ford Motor Company'."""
    out = set()
    for k, lab in labels.items():
        words = k.split()
        if lab == "ORG" and len(words) >= 2 and words[0] in parts and word_of(words[-1]) in COMPANY_HEADS:
            out.add(words[0])
    return out


def word_of(text: str) -> str:
    """names.word for a string: 'Corp.' -> 'corp'."""
    return text.lower().rstrip(".")


def _part_label(index: "TextIndex", labels: dict[str, str], m: Mention, label: str, companies: set[str]) -> str:
    """The label of one lone mention of a person's first or last name: a place where the words
    around it say so ('in Paris', 'Jackson, Mississippi'), the company where spaCy reads it as
    one and the article names a company after it ('Ford' beside 'Ford Motor Company')."""
    texts, i = index.texts, m.start
    nxt = texts[i + 1] if i + 1 < len(texts) else ""
    if nxt == "," and i + 2 < len(texts):
        after = texts[i + 2]
        if after.lower() in PLACE_NAMES or labels.get(after) == "PLACE" or labels.get(
                index.key(i + 2, min(i + 4, len(texts)))) == "PLACE":
            return "PLACE"
    if i > 0 and texts[i - 1] in PLACE_PREPOSITIONS and nxt not in ("'s", "’s") and (
            m.label == "PLACE" or texts[i].lower() in PLACE_NAMES):
        return "PLACE"
    if texts[i] in companies and m.source == "ner" and m.label == "ORG":
        return "ORG"
    return label


def _drop_common_openers(doc: Any, index: "TextIndex", mentions: list[Mention], parts: set[str]) -> list[Mention]:
    """'Homeopathy is ...' opening a sentence is the word the text elsewhere writes 'homeopathy'."""
    lower = index.lower_words
    return [
        m for m in mentions
        if not (m.end - m.start == 1 and m.source == "ner" and doc[m.start].is_sent_start
                and doc[m.start].text.lower() in lower and doc[m.start].text not in parts)
    ]


def _known_orgs(index: "TextIndex") -> list[Mention]:
    """Known services and charities (organisations) and seats of government (places)."""
    return [Mention(s, e, "PLACE" if k in SEATS_OF_GOVERNMENT else "ORG", "known")
            for k, s, e in index.find(KNOWN_ORGS | SEATS_OF_GOVERNMENT)]


def _defined_acronyms(doc: Any, index: "TextIndex", mentions: list[Mention]) -> list[Mention]:
    """'Syrian Democratic Forces (SDF)': both become names with the long form's label."""
    by_span = {(m.start, m.end): m.label for m in mentions}
    out = []
    for (ls, le), (as_, ae) in definitions(doc, index.texts):
        ls, le = trim(doc, ls, le, "ORG")
        if ls >= le:
            continue
        label = by_span.get((ls, le)) or head_label(doc, ls, le) or "ORG"
        if label not in COUNTED:
            label = "ORG"
        out.append(Mention(ls, le, label, "acronym"))
        out.append(Mention(as_, ae, label, "acronym"))
    return out


def _initials_map(labels: dict[str, str], wanted: Iterable[str]) -> dict[str, str]:
    """Initials of each multi-word name with a wanted label -> that label (first name wins)."""
    out: dict[str, str] = {}
    for k, lab in labels.items():
        if lab in wanted and " " in k:
            out.setdefault(initials(k.split()), lab)
    return out


def _implied_acronyms(index: "TextIndex", labels: dict[str, str]) -> list[Mention]:
    """An acronym-looking token that spells a multi-word name of the article ('IS')."""
    by_initials = _initials_map(labels, ("ORG", "PLACE"))
    out = []
    for i, text in index.acronyms:
        if text in labels:
            continue
        lab = by_initials.get(acronym_letters(text))
        if lab is not None:
            labels[text] = lab
            out.append(Mention(i, i + 1, lab, "acronym"))
    return out


def _acronym_labels(labels: dict[str, str]) -> None:
    """An acronym already labelled takes the label of the name it spells out."""
    by_initials = _initials_map(labels, COUNTED)
    for k in list(labels):
        if " " in k:
            continue
        letters = acronym_letters(k)
        if letters and letters in by_initials:
            labels[k] = by_initials[letters]


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


def _more_occurrences(doc: Any, index: TextIndex, mentions: list[Mention], labels: dict[str, str]) -> list[Mention]:
    """Every further occurrence of a person, organisation or place named in the article."""
    taken = bytearray(len(doc))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []
    for k, s, e in index.find(k for k, lab in labels.items() if lab in COUNTED):
        lab = labels[k]
        if any(taken[s:e]) or is_junk(doc, s, e, lab, index.span_text(s, e)):
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
