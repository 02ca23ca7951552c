"""Named entities: spaCy NER plus a rule layer.

`find_entities(doc, tags)` returns every mention (not unique names: the reader highlights each
one) as {"text", "label", "start", "end"} with character offsets into the body, sorted by start.
The rules, in order:
0. spans (shapes.py): "ORG for/of [the] ORG", "Bank of PLACE" (also when spaCy tagged only the
   place) and "University ... at PLACE" are one organisation; "Bay of" + "Biscay" and "Plains of"
   + "Arafat" one place; "Los Angeles County" + "Sheriff's Department" one organisation;
1. per mention (names.py, shapes.py): cut at line breaks, list bullets, parser sentence starts
   and after "Jr." / "Inc." (missed sentence breaks); keep hyphenated name parts ("Cheng
   Chung-tai"), drop leading modifiers ("pro-Beijing", "nonpartisan"), split an organisation
   ending in a person's name, and a works from its town ("Norfolk Assembly of Norfolk"); crafts
   ("Space Shuttle Columbia"), flights ("Air France Flight" 447) and codes ("STS-1") are
   PRODUCT; strip a leading "the", possessive 's (keeping "the Sheriff's office"), stray
   punctuation, caption credits and lower-case tails; strip titles and roles ("President Donald
   Trump", "Chief Executive Thomas Enders"); split "SDF spokesman Adnan Afrin" into an
   organisation and a person; drop junk (no letters, lower case, titles or honours alone,
   weekdays, "-ism" words, a portfolio before a title: "European Competition Commissioner");
   time zones become TIME; "U.S. Government" is the place "U.S."; "in the U.S. Apple said" is
   split where the article names "Apple" alone (breaks.py);
2. per article (consistency.py): one label per name by vote (organisation and place head words,
   a title before the name, known services and charities, seats of government such as the
   White House as places); a name of several words that spaCy elsewhere cuts into a company is
   that company ("Lockheed Martin"); a lone first or last name of a
   person is that person, except where the words around that mention make it a place ("in
   Paris", "Jackson, Mississippi") or spaCy reads it as the company named after the person
   ("Ford" beside "Ford Motor Company"); a one-word "person" never given a first name, or an
   unknown "place", with company cues around it is an organisation ("Kaupthing bank", "retailer
   Target", "Opel's shares", "officials of Lowe's", "Chrysler President", "the Beatles"), and a
   "person" placed like a town is a place ("Toulouse, France"); a company's name without its
   corporate suffix ("New Century" of "New Century Financial Corporation", "Saturn" of "Saturn
   Corporation") is that company; acronyms defined in the
   text or spelling a name of the article take its label; tags found in the text become names;
   every further occurrence of a known name is a mention; context.py adds votes from shape and
   neighbours (a given name, "<person> of X", "X's <person>", a lone country, a list after
   "retailers, including") and names spaCy missed (web domains, bracketed aliases, a person
   after a title, capitalised runs ending in a head word, runs in a company's slot: "the Old
   Mutual insurance company", "retailer Target"); name_cues.py reads local and trade stories
   full of made-up names: an honorific makes a person ("Ms Pardoe"), a given name NER left out
   joins its surname ("Sarah" + "Delamere"), "X and Y" bodies are one name ("Fire and Rescue
   Service"), the town a council, police force or court is named after is a place ("Kettleby"
   of "Kettleby Borough Council") and a company's first word used alone is the company
   ("Oakhaven" of "Oakhaven Care Trust"), place cues ("in Felsham and Hexley", "the Fenmoor
   district", "the plant in Dunmore", "at the Guildhall on Tuesday", "the Leicester-based
   maker", "River Lydd") and company cues ("a spokesman for X", "X customers", "X employs",
   "X, a seed company based in") settle one-word names, "Water UK" and "Sport England" are
   organisations, and "Acas" written as a word spells its long name; surnames.py keeps
   particles in surnames ("Riaan van der Merwe", "Siobhán Ní Bhriain") and makes a known given
   name and the word after it a person ("Lindiwe Nkosi"); regional_cues.py reads datelines
   ("WINNIPEG, Manitoba (AP) —", "KALBARRA Luke Dimarco"), cuts "Long Name (ACRONYM" at the
   bracket, finds Irish-language bodies ("An Bord Pleanála", "Údarás na Gaeltachta"), makes
   platforms and apps ("posted on Bluesky") and agencies ("Elections Manitoba") organisations,
   and drops slogans ("billed as 'Future of Manitoba'") and stray party adjectives ("Liberal").
The rules read tokens from the article's TokenTable (tokens.py: plain values, no spaCy Token
objects), which pipeline.analyse builds once for every layer, and share one TextIndex (the
text, token texts and offsets, memoised name keys) built from it.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from index.extract.breaks import split_after_abbreviations
from index.extract.consistency import Mention, resolve
from index.extract.regional_cues import (
    PARTY_ADJECTIVES, agency_name, bracket_cut, dateline_end, dateline_prefix, irish_body, slogan,
)
from index.extract.surnames import gaelic_person, given_before, particle_start, particle_surname
from index.extract.text_index import TextIndex
from index.extract.gazetteer import COUNTRY_FORMS, GIVEN_NAMES, PLACE_NAMES
from index.extract.tokens import TokenTable
from index.extract.names import (
    NAME_LABELS, TIME_ZONES, given_name_span, honorific_person, is_junk, role_split, split_lines,
    strip_titles, trim,
)
from index.extract.shapes import (
    caption_join, extend_hyphen, facility_of_place, is_code, office_end, is_vehicle, merge_connected, person_tail, strip_modifiers,
)

_LOWER_WORD = re.compile(r"(?<![\w])[a-z]+(?![\w])")
LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "DATE": "DATE", "TIME": "TIME", "MONEY": "MONEY", "PERCENT": "PERCENT",
          "QUANTITY": "QUANTITY", "NORP": "NORP", "EVENT": "EVENT", "WORK_OF_ART": "WORK",
          "LAW": "LAW", "PRODUCT": "PRODUCT"}


def ner_entities(doc: Any) -> list[dict[str, Any]]:
    """spaCy's entities as they come, in the output shape (the baseline the rules improve on)."""
    return [_as_dict(doc, Mention(e.start, e.end, LABELS[e.label_])) for e in doc.ents if e.label_ in LABELS]


def find_entities(doc: Any, tags: Iterable[str] | None = None, tokens: TokenTable | None = None) -> list[dict[str, Any]]:
    """Every mention in the spaCy Doc (see the module docstring); `tokens` is the Doc's
    TokenTable when the caller already built it (pipeline.analyse shares one per article)."""
    table = tokens if tokens is not None else TokenTable.from_doc(doc)
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    index = TextIndex(table)  # the text and token texts, built once for every rule below
    mentions: list[Mention] = []
    lower_words = set(_LOWER_WORD.findall(index.text))
    for start, end, spacy_label in merge_connected(table, ents):
        label = LABELS.get(spacy_label)
        if label is None:
            continue
        for s, t in split_lines(table, start, end):
            mentions.extend(_clean(table, s, t, label, lower_words, index))
    mentions = split_after_abbreviations(mentions, index.key, index.texts, Mention)
    return [_mention_dict(index, m) for m in resolve(table, mentions, tags or (), index)]


def _clean(doc: Any, start: int, end: int, label: str, lower_words: set[str],
           index: TextIndex) -> list[Mention]:
    start, end = trim(doc, start, end, label)
    if start >= end:
        return []
    if label == "ORG":
        end = office_end(doc, end)  # "the Los Angeles Sheriff's office": one organisation
    if label in NAME_LABELS:
        paren = bracket_cut(doc, start, end)
        if paren is not None:  # "Securities and Exchange Board of India (SEBI": two names
            acronym = [Mention(paren + 1, paren + 2, "ORG")] if paren + 2 <= end else []
            return _clean(doc, start, paren, label, lower_words, index) + acronym
        if dateline_prefix(doc, start, end):  # "KALBARRA Luke Dimarco"
            return [Mention(start, start + 1, "PLACE")] + _clean(doc, start + 1, end, label, lower_words, index)
        if slogan(doc, start):
            return [Mention(start, end, "WORK")]  # "the slogan Future of Manitoba"
        if end - start == 1 and label != "PERSON" and doc[start].lower_ in PARTY_ADJECTIVES:
            return [Mention(start, end, "NORP")]  # a stray "Liberal"
        if label != "PLACE" and dateline_end(doc, start, end):
            label = "PLACE"  # "WINNIPEG, Manitoba (AP) —"
        elif label != "ORG" and (agency_name(doc, start, end) or irish_body(doc, start, end)):
            label = "ORG"  # "Elections Manitoba"
        elif label in ("ORG", "PLACE") and end - start == 1 and given_before(doc, start):
            label, start = "PERSON", start - 1  # "Lindiwe" + "Nkosi"
        if label != "PERSON" and (honorific_person(doc, start, end) or gaelic_person(doc, start, end)
                                  or particle_surname(doc, start, end)):
            label = "PERSON"  # "Ms Pardoe", "Seán Mac Giolla Phádraig" read as an organisation
        if label == "PERSON":
            start, end = given_name_span(doc, start, end)
            start = particle_start(doc, start, end)  # "Riaan" + "van der" + "Merwe"
            end = extend_hyphen(doc, end)
        start = strip_modifiers(doc, start, end, label, lower_words)
        split = role_split(doc, start, end)
        if split:
            (os_, oe), (ps, pe) = split
            return (_clean(doc, os_, oe, "ORG", lower_words, index)
                    + _clean(doc, ps, pe, "PERSON", lower_words, index))
        cut = caption_join(doc, start, end) if label == "ORG" else None
        if cut is not None:  # "Bill Gates" + "Microsoft Corporation"
            first = "PERSON" if doc[start].lower_ in GIVEN_NAMES else "ORG"
            return (_clean(doc, start, cut, first, lower_words, index)
                    + _clean(doc, cut, end, "ORG", lower_words, index))
        works = facility_of_place(doc, start, end) if label == "ORG" else None
        if works is not None:  # "Norfolk Assembly" + "Norfolk": a works and its town
            return (_clean(doc, start, works, "PLACE", lower_words, index)
                    + _clean(doc, works + 1, end, "PLACE", lower_words, index))
        tail = person_tail(doc, start, end) if label == "ORG" else None
        if tail is not None:
            return _clean(doc, start, tail, "ORG", lower_words, index) + _clean(
                doc, tail, end, "PERSON", lower_words, index)
        if label == "PERSON" or doc[strip_titles(doc, start, end)].text.lower() in GIVEN_NAMES:
            start = strip_titles(doc, start, end)  # "General Motors" keeps its "General"
        if label == "ORG" and end - start >= 2 and doc[end - 1].lower_ == "government" and (
                _is_country(index.span_text(start, end - 1))):
            return [Mention(start, end - 1, "PLACE")]  # "U.S. Government": the country is the name
        if end - start == 1 and doc[start].text in TIME_ZONES:
            return [Mention(start, end, "TIME")]
        if is_vehicle(doc, start, end) or (
                end - start == 1 and label in ("PERSON", "PLACE") and is_code(doc[start].text)):
            return [Mention(start, end, "PRODUCT", "shape")]
    if is_junk(doc, start, end, label, index.span_text(start, end)):
        return []
    return [Mention(start, end, label)]


def _is_country(text: str) -> bool:
    low = text.lower()
    return low in PLACE_NAMES or low in COUNTRY_FORMS


def _mention_dict(index: TextIndex, m: Mention) -> dict[str, Any]:
    return {"text": index.span_text(m.start, m.end), "label": m.label,
            "start": index.idx[m.start], "end": index.char_end(m.end)}


def _as_dict(doc: Any, m: Mention) -> dict[str, Any]:
    span = doc[m.start:m.end]
    return {"text": span.text, "label": m.label, "start": span.start_char, "end": span.end_char}
