"""Name-shape rules: what the written form of a name, and the words right around it, say about
its kind and its edges when spaCy's small model has no clue.

All functions work on token index ranges [start, end) of the article's TokenTable
(tokens.py; no parser needed):
- edges: a hyphenated tail ("Cheng Chung-tai") is part of the name; a leading modifier
  ("nonpartisan", "pro-Beijing", "Pan-democrat") is not;
- kind: a given name opening a short name makes a person ("Dean Kamen"), as does a romanised
  East Asian given name ("Lam Cheuk-ting"); a craft ("Space Shuttle Columbia") is a PRODUCT;
  a code ("STS-1") is not a place; a web domain ("GovExec.com") is an organisation;
- spans: "Federal Service" + "for the" + "Financial Markets", "Bank" + "of" + "America" and
  "University of North Carolina" + "at" + "Greensboro" are one organisation; an organisation
  span ending in a person's name is two names.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from index.extract.gazetteer import GIVEN_NAMES, PLACE_NAMES, SHIP_PREFIXES, VEHICLE_WORDS

# Lower-case particles inside names ("Ahmed al-Sharaa", "Ursula von der Leyen").
PARTICLES = frozenset("al el bin ibn bint abu de da di du del della der den van von la le dos das y".split())
CONNECTORS = frozenset({"of", "for", "on"})
_CODE = re.compile(r"^[A-Z]{1,5}-?\d+[A-Za-z]?$")
_DOMAIN = re.compile(r"(?<![\w.])[A-Z][\w-]*\.(?:com|org|net|gov|edu|info|io|co\.uk|org\.uk)(?!\w)(?!\.\w)")
_SYLLABLE = re.compile(r"^[A-Z][a-z]{1,6}-[a-z]{1,6}$")


def _glued(doc: Any, i: int) -> bool:
    """Token i is attached to token i-1 with no space between them."""
    return i > 0 and doc[i - 1].whitespace_ == ""


def hyphen_tail(doc: Any, i: int) -> bool:
    """Token i is the lower-case part after a glued hyphen: 'tai' in 'Chung-tai'."""
    return i >= 2 and doc[i - 1].text == "-" and _glued(doc, i) and _glued(doc, i - 1) and doc[i - 2].is_alpha


def extend_hyphen(doc: Any, end: int) -> int:
    """End after a hyphenated tail NER left out: 'Wong Yeung' + '-tat'."""
    while end + 1 < len(doc) and doc[end].text == "-" and _glued(doc, end) and _glued(doc, end + 1) \
            and doc[end + 1].is_alpha and doc[end + 1].text.islower() and len(doc[end + 1].text) <= 6 \
            and not doc[end + 1].tag_.startswith(("VB", "JJ")):
        end += 2
    return end


def compound_end(doc: Any, start: int, end: int) -> int:
    """End of a glued hyphenated word starting at start ('pro-Beijing' -> after 'Beijing')."""
    i = start + 1
    while i + 1 < end and doc[i].text == "-" and _glued(doc, i) and _glued(doc, i + 1):
        i += 2
    return i


def strip_modifiers(doc: Any, start: int, end: int, label: str, lower_words: set[str]) -> int:
    """New start after words that describe the name rather than belong to it:
    'nonpartisan Paul Tse', 'pro-Beijing New People Party', 'Pan-democrat Lam Cheuk-ting',
    and a sentence opener the text elsewhere writes in lower case ('Nonpartisan Paul Tse')."""
    while start < end - 1:
        t = doc[start]
        stop = compound_end(doc, start, end)
        if stop > start + 1:  # a hyphenated compound
            parts = [doc[j].text for j in range(start, stop, 2)]
            if stop < end and any(p.islower() for p in parts) and any(
                    doc[j].text[:1].isupper() for j in range(stop, end)):
                start = stop
                continue
            break
        if t.is_alpha and t.text.islower() and t.text not in PARTICLES:
            start += 1
            continue
        if (label == "PERSON" and t.is_sent_start and t.is_alpha and t.text.lower() in lower_words and end - start >= 3
                and t.text.lower() not in PARTICLES):
            start += 1
            continue
        break
    return start


def _words(doc: Any, start: int, end: int) -> list[str]:
    return [t.text for t in doc[start:end] if not t.is_punct]


def given_name_person(doc: Any, start: int, end: int) -> bool:
    """'Dean Kamen', 'Hoda Muthana': two or three capitalised words opening with a given name."""
    if end - start < 2 or (not doc[start].is_punct and doc[start].text.lower() not in GIVEN_NAMES):
        return False  # the cheap test first: this runs for every mention
    words = _words(doc, start, end)
    if not (2 <= len(words) <= 3) or words[0].lower() not in GIVEN_NAMES:
        return False
    if words[0].lower() in PLACE_NAMES or (len(words) == 3 and words[1].lower() in PLACE_NAMES):
        return False  # a surname that is also a place ("Sarah Paris") still makes a person
    return all(w[:1].isupper() and (w.replace("-", "").replace("'", "").isalpha() or
                                    re.fullmatch(r"[A-Z]\.", w)) for w in words)


def romanised_person(doc: Any, start: int, end: int) -> bool:
    """'Lam Cheuk-ting', 'Kim Jong-un': a surname then a hyphenated two-syllable given name."""
    text = doc.span_text(start, end)
    words = text.split()
    return 2 <= len(words) <= 3 and words[0][:1].isupper() and words[0].isalpha() and bool(
        _SYLLABLE.match(words[-1]))


def is_vehicle(doc: Any, start: int, end: int) -> bool:
    """'Space Shuttle Columbia', 'USS Enterprise': a craft named after a person or place."""
    if end - start < 2:
        return False
    words = [t.text for t in doc[start:end]]
    if words[-1] == "Flight" and end < len(doc) and doc[end].like_num:
        return True  # "Air France Flight" + "447": a flight, not the airline
    return words[0] in SHIP_PREFIXES or any(w.lower() in VEHICLE_WORDS for w in words)


def is_code(text: str) -> bool:
    """'STS-1', 'A380', 'F-16': a designation, never a place or a person."""
    return bool(_CODE.match(text))


def domain_tokens(text: str, starts: dict[int, int], ends: dict[int, int]) -> list[int]:
    """Indices of tokens that are web domains written as names ('GovExec.com'); `starts` and
    `ends` map character offsets where tokens start / end to token indices (TextIndex)."""
    out = []
    for m in _DOMAIN.finditer(text):
        s, e = starts.get(m.start()), ends.get(m.end())
        if s is not None and e == s + 1:
            out.append(s)
    return out


def person_tail(doc: Any, start: int, end: int) -> int | None:
    """Where a person's name glued to the end of an organisation span begins:
    'Council on American-Islamic Relations Alia Salem' -> index of 'Alia'."""
    for k in (end - 2, end - 3):
        if k - start < 2:
            continue
        if doc[k].text.lower() not in GIVEN_NAMES or not doc[k - 1].text[:1].isupper():
            continue
        if all(doc[j].text[:1].isupper() and not doc[j].is_punct for j in range(k, end)):
            return k
    return None


# Organisation heads that open an "X of PLACE" name ("Bank of America", "University of Texas");
# "at PLACE" only continues a school's name ("University of North Carolina at Greensboro").
OF_HEADS = frozenset("""
bank university college institute academy school ministry department bureau office council
commission government church museum federation association society board union league agency
authority court party parliament assembly republic people's hospital library
""".split())
CAMPUS_HEADS = frozenset({"university", "college", "institute", "school"})
# Words that may stand before such a head in an "X of PLACE" name ("Reserve Bank of India");
# a proper name there ("Deutsche Bank of Germany") names the organisation already.
OF_MODIFIERS = frozenset("""
the central reserve national federal state royal people's commonwealth imperial development
investment agricultural industrial technical catholic international supreme high foreign
""".split())


def _org_then_place(doc: Any, s0: int, e0: int, gap: list[str], label: str) -> bool:
    """'Bank' + 'of' + 'America', 'University of North Carolina' + 'at' + 'Greensboro'."""
    if label not in ("GPE", "LOC", "ORG", "FAC") or len(gap) != 1:
        return False
    words = {doc[i].text.lower() for i in range(s0, e0)}
    if gap[0] == "of":
        return label in ("GPE", "LOC") and doc[e0 - 1].text.lower() in OF_HEADS and all(
            doc[i].text.lower() in OF_MODIFIERS for i in range(s0, e0 - 1))
    return gap[0] == "at" and bool(words & CAMPUS_HEADS)


# First words of "X of PLACE" geographic names ("Bay of Biscay", "Plains of Arafat").
GEO_OF_HEADS = frozenset("""
bay gulf isle isles cape strait straits sea lake mount plain plains port sound firth island
islands peninsula coast
""".split())
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_of_place(doc: Any, prev: tuple[int, int, str], start: int, label: str) -> bool:
    """A place spaCy cut after its 'of': 'the Bay of' + 'Biscay', or 'Gulf' + 'of' + 'Mexico'."""
    s0, e0, lab0 = prev
    if lab0 not in _PLACE_LABELS or label not in _PLACE_LABELS or "\n" in doc.span_text(s0, start):
        return False
    if start == e0 and doc[e0 - 1].lower_ == "of":
        return doc[e0 - 2].lower_ in GEO_OF_HEADS if e0 - 2 >= s0 else False
    return start == e0 + 1 and doc[e0].lower_ == "of" and doc[e0 - 1].lower_ in GEO_OF_HEADS


def _head_before(doc: Any, start: int) -> int | None:
    """Start of 'Bank of' / 'Central Bank of' before a place spaCy tagged alone ('America')."""
    i = start - 1
    if i < 1 or doc[i].text != "of" or doc[i - 1].text.lower() not in OF_HEADS or doc[i - 1].ent_type_:
        return None
    j = i - 1
    if not doc[j].text[:1].isupper():
        return None
    while j > 0 and doc[j - 1].text[:1].isupper() and doc[j - 1].text.lower() in OF_MODIFIERS \
            and doc[j - 1].text != "The" and not doc[j - 1].ent_type_:
        j -= 1  # "Central Bank of", "Reserve Bank of"
    return j


# Last words of institutions named after a person ("Nelson Mandela Bay Municipality").
NAMESAKE_HEADS = frozenset("hospital municipality university school college institute foundation".split())

# Last words of a public body's name that may open with "X and Y" ("Fire and Rescue Service").
INSTITUTION_HEADS = frozenset("""
council board service authority agency commission association institute trust department
ministry society federation foundation committee bureau
""".split())


def _and_start(doc: Any, start: int, end: int, prev: tuple[int, int, str] | None) -> int | None:
    """Start of the capitalised words before 'and' that open the body's name spaCy cut there
    ('Biotechnology and' + 'Biological Sciences Research Council', 'Advisory, ' + 'Conciliation
    and Arbitration Service', 'Wexshire Fire' + 'and Rescue Service'): one to three words,
    commas between them, no given name among them."""
    gap = doc[start - 1].text
    if gap != "and" and not (gap == "," and any(doc[k].text == "and" for k in range(start, end))):
        return None
    i, first = start - 2, None
    while i >= 0 and start - 1 - i <= 4:
        t = doc[i]
        if not (t.is_alpha and t.text[:1].isupper() and t.text != "The") or t.lower_ in GIVEN_NAMES:
            break
        first = i
        if t.is_sent_start:
            break
        i -= 2 if i >= 2 and doc[i - 1].text == "," else 1
    if first is None or (prev is not None and prev[0] < first < prev[1]):
        return None  # the word before "and" ends a longer name ("Lehman Brothers and ...")
    return first


def _and_tail(doc: Any, start: int, end: int) -> int | None:
    """End of an untagged 'and Rescue Service' that completes the body 'Wexshire Fire' opens."""
    if end + 2 >= len(doc) or doc[end].text != "and" or any(
            t.lower_ in GIVEN_NAMES for t in doc[start:end]):
        return None
    k = end + 1
    while k < len(doc) and k - end <= 4 and doc[k].is_alpha and doc[k].text[:1].isupper() \
            and not doc[k].ent_type_ and not doc[k].is_sent_start:
        k += 1
    return k if k > end + 1 and doc[k - 1].lower_ in INSTITUTION_HEADS else None


def merge_connected(doc: Any, ents: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, spaCy label) of the entities (given as such triples), joining 'ORG for/of/on
    [the] ORG' ('Federal Service for the Financial Markets'), 'ORG-head of PLACE' ('Bank' + 'of
    America') and a school 'at PLACE' into one organisation; a place spaCy tagged alone after an
    untagged 'Bank of' becomes the organisation ('the Bank of America')."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in ents:
        if label == "ORG" and doc[end - 1].lower_ in INSTITUTION_HEADS and start >= 2:
            first = _and_start(doc, start, end, out[-1] if out else None)
            if first is not None:  # "England and" + "Wales Cricket Board"
                if out and out[-1][0] >= first:
                    out.pop()
                out.append((first, end, "ORG"))
                continue
        if label in ("ORG", "PERSON") and end - start <= 3:
            tail = _and_tail(doc, start, end)
            if tail is not None:
                out.append((start, tail, "ORG"))
                continue
        if out:
            s0, e0, lab0 = out[-1]
            gap = [doc[i].text for i in range(e0, start)] if 1 <= start - e0 <= 2 else []
            if lab0 == "ORG" and gap and "\n" not in doc.span_text(s0, end) and all(
                    t.text[:1].isupper() for t in doc[start:end] if t.is_alpha and t.lower_ != "the") and (
                    (label in ("ORG", "FAC") and gap[0] in CONNECTORS and gap[1:] in ([], ["the"]))
                    or _org_then_place(doc, s0, e0, gap, label)):
                out[-1] = (s0, end, "ORG")
                continue
        if out and out[-1][2] == "PERSON" and out[-1][1] == start and label in ("ORG", "FAC", "GPE", "LOC") \
                and doc[end - 1].lower_ in NAMESAKE_HEADS and "\n" not in doc.span_text(out[-1][0], end):
            s0 = out[-1][0]  # "Nelson Mandela" + "Bay Municipality", ("Ng") "Teng Fong" + "General Hospital"
            s0 -= 1 if s0 > 0 and doc[s0 - 1].is_alpha and doc[s0 - 1].text.istitle() and not (
                doc[s0 - 1].ent_type_ or doc[s0 - 1].is_sent_start) else 0
            out[-1] = (s0, end, "ORG")
            continue
        if out and out[-1][2] in ("GPE", "LOC") and label in ("ORG", "FAC") and _place_then_office(
                doc, out[-1][1], start, end):
            out[-1] = (out[-1][0], end, "ORG")  # "Los Angeles County" + "Sheriff's Department"
            continue
        if out and _place_of_place(doc, out[-1], start, label):
            out[-1] = (out[-1][0], end, "LOC")  # "the Bay of" + "Biscay", "Gulf" + "of" + "Mexico"
            continue
        if label in ("GPE", "LOC", "PERSON") and start >= 2 and doc[start - 1].lower_ == "of" and \
                doc[start - 2].lower_ in GEO_OF_HEADS and doc[start - 2].text[:1].isupper() and (
                not out or out[-1][1] <= start - 2):
            out.append((start - 2, end, "LOC"))  # untagged "Plains of" + "Arafat"
            continue
        if label in ("GPE", "LOC"):
            head = _head_before(doc, start)
            if head is not None and (not out or out[-1][1] <= head) and "\n" not in doc.span_text(head, end):
                out.append((head, end, "ORG"))
                continue
        out.append((start, end, label))
    return out


# Last words of a works' name that "of PLACE" follows ("Norfolk Assembly of Norfolk, Virginia").
FACILITY_HEADS = frozenset("assembly plant factory works mill refinery mine shipyard yard".split())


def facility_of_place(doc: Any, start: int, end: int) -> int | None:
    """Index of the 'of' in 'Wixom Assembly Plant of Wixom': a works and the town it stands in
    are two names (spaCy joins them into one organisation)."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ == "of" and doc[k - 1].lower_ in FACILITY_HEADS and doc[k - 1].text[:1].isupper() \
                and doc[k + 1].text[:1].isupper():
            return k
    return None


# Office-holders whose possessive opens an organisation's name ("Los Angeles County Sheriff's
# Department", "the Los Angeles Sheriff's office", "the District Attorney's Office").
OFFICE_HOLDERS = frozenset("sheriff attorney coroner prosecutor marshal comptroller auditor".split())
OFFICE_NOUNS = frozenset({"office", "department"})


def office_end(doc: Any, end: int) -> int:
    """End of 'Sheriff' + "'s office" when spaCy's span stopped at the possessive."""
    if end + 1 < len(doc) and doc[end - 1].lower_ in OFFICE_HOLDERS and doc[end].text in ("'s", "’s") \
            and doc[end + 1].lower_ in OFFICE_NOUNS:
        return end + 2
    return end


def _place_then_office(doc: Any, e0: int, start: int, end: int) -> bool:
    """'Los Angeles County' + "Sheriff's" + 'Department' (or + "Sheriff's Department")."""
    if not (e0 + 1 < end and doc[e0].lower_ in OFFICE_HOLDERS and doc[e0].text[:1].isupper()
            and doc[e0 + 1].text in ("'s", "’s")):
        return False
    return start == e0 or (start == e0 + 2 and doc[start].lower_ in OFFICE_NOUNS)


# Last words of a company's full name that a caption may run into ("... Xerox Corporation").
_COMPANY_ENDS = frozenset("corporation corp corp. inc inc. co co. company group ltd ltd. plc".split())


def caption_join(doc: Any, start: int, end: int) -> int | None:
    """Where a company's full name starts inside an organisation span that a caption or a
    headline without a full stop ran into it: after a repeated word ("Toyota Prius" + "Toyota
    Motor Corporation", "Xerox" + "Xerox Corporation") or after a person's given and family
    name ("Bill Gates" + "Microsoft Corporation")."""
    if end - start < 3 or doc[end - 1].lower_ not in _COMPANY_ENDS:
        return None
    seen = {doc[start].text}
    for k in range(start + 1, end - 1):
        if doc[k].text in seen and doc[k].is_alpha:
            return k
        seen.add(doc[k].text)
    if end - start >= 4 and doc[start].lower_ in GIVEN_NAMES and doc[start + 1].is_alpha \
            and doc[start + 1].text.istitle() and all(doc[k].text[:1].isupper() for k in range(start + 2, end)):
        return start + 2
    return None
