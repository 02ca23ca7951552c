"""Clues around a name in its sentence, and names spaCy missed that their shape gives away.

- vote hints: a name in a list after "retailers, including" is an organisation; a name right after "<person> of/from [the]" or right before "'s <person>" is the
  organisation the person belongs to ("Frederick Fung of ADPL", "DAB's Ben Chan"); a short
  name opening with a given name is a person; a lone country, state or capital is a place;
- new mentions: web domains ("GovExec.com"), acronyms in that organisation slot that spaCy
  left out, an alias in brackets after a name ("the Masjid al-Haram (Grand Mosque)"), and
  a person's name after a title ("Chief Executive Olli-Pekka Kallasvuo"), and
  capitalised runs ending in an organisation or place head word ("Interior Ministry",
  "Jamarat Bridge"), with a nationality before them kept ("Saudi Interior Ministry").
"""
from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from typing import Any

from index.extract.acronyms import acronym_letters
from index.extract.gazetteer import PLACE_NAMES
from index.extract.names import (
    CALENDAR, LEADING_ROLES, ORG_HEADS, PLACE_HEADS, ROLES, TITLES, is_capitalised, titled, word,
)
from index.extract.shapes import domain_tokens, given_name_person, romanised_person
from index.extract.tokens import TokenTable

_OPENS = attrgetter("is_sent_start")
HINT = 1.5  # beats one NER vote, loses to two


def _person_ends(mentions: list[Any]) -> tuple[set[int], set[int]]:
    ends = {m.end for m in mentions if m.label == "PERSON"}
    starts = {m.start for m in mentions if m.label == "PERSON"}
    return ends, starts


def _org_slot_after(doc: Any, start: int, person_ends: set[int]) -> bool:
    """'<person> of [the] NAME' / '<person> from [the] NAME'."""
    i = start - 1
    if i >= 0 and doc[i].text == "the":
        i -= 1
    return i >= 1 and doc[i].text in ("of", "from") and i in person_ends


def _org_slot_before(doc: Any, end: int, person_starts: set[int]) -> bool:
    """"NAME's <person>"."""
    return end + 1 < len(doc) and doc[end].text in ("'s", "’s") and end + 1 in person_starts


def vote_hints(doc: Any, mentions: list[Any], span_text: Any = None) -> dict[tuple[int, int], dict[str, float]]:
    """Extra votes per mention span, from its shape and its neighbours; span_text(start, end)
    is doc[start:end].text (the caller's memoised form)."""
    if span_text is None:
        span_text = doc.span_text
    person_ends, person_starts = _person_ends(mentions)
    hints: dict[tuple[int, int], dict[str, float]] = {}
    lists = not _LIST_WORDS.isdisjoint(doc.lows)  # no list opener: no company list to read
    covered = {i for m in mentions for i in range(m.start, m.end)} if lists else set()
    for m in mentions:
        h: dict[str, float] = {}
        if lists and m.label != "ORG" and _in_company_list(doc, m.start, covered):
            h["ORG"] = 3.0
        text = span_text(m.start, m.end)
        given = given_name_person(doc, m.start, m.end)
        if m.label in ("ORG", "PLACE") and (given or romanised_person(doc, m.start, m.end)):
            h["PERSON"] = HINT
        if text.lower() not in PLACE_NAMES and not given and (
                _org_slot_after(doc, m.start, person_ends) or _org_slot_before(doc, m.end, person_starts)):
            h["ORG"] = HINT
        if m.label == "ORG" and m.end - m.start == 1 and text.lower() in PLACE_NAMES:
            h["PLACE"] = HINT
        if h:
            hints[(m.start, m.end)] = h
    return hints


# Plural nouns that a list of companies follows ("retailers, including Best Buy and Radio Shack").
COMPANY_PLURALS = frozenset("""
companies firms retailers banks lenders insurers airlines carmakers automakers manufacturers
makers rivals competitors brands chains stores supermarkets corporations groups
""".split())
_LIST_OPENERS = frozenset({"including", "like", "namely"})
_LIST_WORDS = _LIST_OPENERS | {"such"}


def _in_company_list(doc: Any, start: int, covered: set[int]) -> bool:
    """Token `start` opens an item of a list after '<companies>[,] including / such as / like'."""
    lows, i = doc.lows, start - 1
    while i >= 0 and (i in covered or lows[i] in (",", "and", "or")):
        i -= 1
    if i >= 1 and lows[i] == "as" and lows[i - 1] == "such":
        i -= 1
    elif i < 0 or lows[i] not in _LIST_OPENERS:
        return False
    i -= 1
    if i >= 0 and lows[i] == ",":
        i -= 1
    return i >= 0 and lows[i] in COMPANY_PLURALS


def new_mentions(doc: Any, index: Any, mentions: list[Any], make: Any) -> list[Any]:
    """Names spaCy missed; `index` is the article's TextIndex (its text and Token list);
    make(start, end, label) builds a Mention."""
    taken = bytearray(len(doc))
    for m in mentions:
        if m.label != "NORP":  # "Saudi" may open "Saudi Interior Ministry"
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    out = []

    def add(s: int, e: int, label: str) -> None:
        if s < e and not any(taken[s:e]):
            taken[s:e] = b"\x01" * (e - s)
            out.append(make(s, e, label))

    for i in domain_tokens(index.text, index.starts, index.ends):
        add(i, i + 1, "ORG")
    person_ends, person_starts = _person_ends(mentions)
    by_end = {m.end: m for m in mentions if m.label in ("PERSON", "ORG", "PLACE")}
    for i, text in enumerate(index.texts):
        if text == "(" and i in by_end:
            close = _alias_end(doc, i + 1)
            if close:
                add(i + 1, close, by_end[i].label)
        elif len(text) > 1 and text.isupper() and acronym_letters(text) and text.lower() not in PLACE_NAMES and (
                _org_slot_after(doc, i, person_ends) or _org_slot_before(doc, i + 1, person_starts)):
            add(i, i + 1, "ORG")
    names = _name_words(index.tokens)
    for s, e, label in _head_runs(index.tokens, names):
        add(s, e, label)
    for s, e in _titled_runs(index.tokens):
        add(s, e, "PERSON")
    for s, e in _company_runs(index.tokens, names):
        add(s, e, "ORG")
    return out


def _company_runs(doc: TokenTable, names: list[bool]) -> list[tuple[int, int]]:
    """Capitalised runs (1-3 words) in a company's slot that spaCy left out: before a company
    noun, with at most one lower-case word between ("the Old Mutual insurance company",
    "Kaupthing bank"), or after one ("retailer Target", "the trade union Unite")."""
    out = []
    lows, texts, n = doc.lows, doc.texts, len(doc)
    i = 0
    while i < n:
        if not names[i]:
            i += 1
            continue
        j = i
        while j < n and j - i < 3 and names[j]:
            j += 1
        if j < n and names[j]:  # a longer run: not a company's short name
            while j < n and names[j]:
                j += 1
            i = j
            continue
        key = " ".join(texts[i:j]).lower()
        after = [w for w in lows[j:j + 2]]
        noun_after = bool(after) and texts[j].islower() and (
            after[0] in _RUN_NOUNS or (len(after) == 2 and after[0].isalpha() and after[1] in _RUN_NOUNS
                                       and texts[j + 1].islower()))
        noun_before = i > 0 and texts[i - 1].islower() and lows[i - 1] in COMPANY_NOUNS_BEFORE
        if (noun_after or noun_before) and key not in PLACE_NAMES and key not in stop_words():  # not "The firm"
            out.append((i, j))
        i = j
    return out


_TITLE_WORDS = TITLES | LEADING_ROLES | ROLES | frozenset(t + "." for t in TITLES)


def _titled_runs(doc: TokenTable) -> list[tuple[int, int]]:
    """A person's name spaCy missed after a title ("Nokia Chief Executive Olli-Pekka
    Kallasvuo", "analyst Jane Doe"): two or three capitalised words, hyphenated parts
    included, right after a title or role word, then a lower-case word or punctuation."""
    out = []
    texts, lows, n = doc.texts, doc.lows, len(doc)
    for i in [k + 1 for k, w in enumerate(lows) if w in _TITLE_WORDS]:
        if i >= n - 1 or (lows[i - 1].rstrip(".") not in TITLES and lows[i - 1] not in LEADING_ROLES
                          and not texts[i - 1].islower()):
            continue  # a role noun ("analyst") counts in lower case only
        j, words = i, 0
        while j < n and words < 4 and _person_word(texts[j], lows[j]):
            j += 1
            while j + 1 < n and texts[j] == "-" and doc[j - 1].whitespace_ == "" and texts[j + 1][:1].isupper():
                j += 2  # "Olli-Pekka"
            words += 1
        if 2 <= words <= 3 and (j == n or not texts[j][:1].isupper()):
            out.append((i, j))
    return out


def _person_word(text: str, low: str) -> bool:
    return text.istitle() and text.isalpha() and low not in TITLES and low not in ORG_HEADS \
        and low not in PLACE_HEADS and low not in CALENDAR and low not in LEADING_ROLES


def _alias_end(doc: Any, start: int) -> int | None:
    """End of 'Grand Mosque' in '(Grand Mosque)': 2-5 capitalised words, then ')'."""
    j = start
    while j < len(doc) and j - start < 5 and doc[j].is_alpha and is_capitalised(doc[j].text):
        j += 1
    if j - start >= 2 and j < len(doc) and doc[j].text == ")":
        return j
    return None


def _name_words(doc: TokenTable) -> list[bool]:
    """Per token: a capitalised word, not a title, not opening a sentence (one pass over the
    table's columns)."""
    return [text[:1].isupper() and text.isalpha() and not opens and low not in TITLES
            for text, low, opens in zip(doc.texts, doc.lows, map(_OPENS, doc))]


def _head_runs(doc: TokenTable, names: list[bool]) -> list[tuple[int, int, str]]:
    """Capitalised runs (2-6 words, not opening a sentence) ending in a head word."""
    out = []
    i, n = 0, len(doc)
    while i < n:
        if not names[i]:
            i += 1
            continue
        j = i
        while j < n and j - i < 6 and (names[j] or (doc[j].text == "-" and j + 1 < n
                                                     and doc[j].whitespace_ == "")):
            j += 1
        label = _run_label(doc, i, j)
        if label and i > 0 and doc[i - 1].is_sent_start and doc[i - 1].is_alpha and \
                doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ not in stop_words() and \
                word(doc[i - 1]) not in TITLES:
            i -= 1  # "Civil Defense Authority" opening a sentence
        if label:
            s = i - 1 if i > 0 and doc[i - 1].ent_type_ == "NORP" else i
            out.append((s, j, label))
        i = j
    return out


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words (Token.is_stop is `lower_ in` this set)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _run_label(doc: list[Any], i: int, j: int) -> str | None:
    if j - i < 2:
        return None
    last = word(doc[j - 1])
    if last in ORG_HEADS:
        return "ORG"
    if last in PLACE_HEADS:
        return "PLACE"
    return None


# --- company cues: a name that is a company, bank or band, whatever spaCy's label ---------------
# Shapes of company names written as one word ("Commerzbank", "Microsoft", "Infotech").
COMPANY_ENDINGS = ("bank", "corp", "soft", "tech")
# Lower-case nouns right after a name that make it a company ("Kaupthing bank", "Opel shares").
COMPANY_NOUNS_AFTER = frozenset("""
bank banks company group firm insurer airline carmaker automaker shares stock stocks employees
workers executives shareholders subsidiary brand union band label customers superstore
superstores stores outlets spokesman spokeswoman spokesperson members
""".split())
# Company nouns after a capitalised run that make the run a company spaCy missed.
_RUN_NOUNS = frozenset({"bank", "company", "group", "firm", "insurer", "airline", "carmaker",
                        "automaker", "band", "union"})
# Nouns right before a name that put it in a company's slot ("retailer Target", "union Unite").
COMPANY_NOUNS_BEFORE = frozenset("""
bank company firm retailer insurer airline carmaker automaker maker manufacturer supermarket
bookmaker broker lender union band label rival rivals conglomerate subsidiary competitor
""".split())
# "'s <noun>" after a name that only a company has ("X's shares", "X's chief executive").
COMPANY_POSSESSIONS = frozenset("""
shares stock stake board chief ceo chairman headquarters shareholders subsidiary subsidiaries
profits profit revenue revenues takeover acquisition brand factory factories plant plants members
""".split())
# "<noun> of/in/for X": "shares of X", "stake in X", "bid for X".
COMPANY_BEFORE_PREP = frozenset({("shares", "of"), ("shares", "in"), ("stake", "in"), ("bid", "for"),
                                 ("takeover", "of"), ("acquisition", "of"), ("offer", "for")})
# Verbs only an organisation takes ("Veltrix employs", "Corvane manufactures"), and the results
# that "posted" / "reported" take from one.
ORG_VERBS = frozenset({"employs", "manufactures", "floated"})
_RESULTS = frozenset({"profit", "profits", "loss", "losses", "revenue", "revenues", "sales", "earnings", "turnover"})
_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson"})  # "a spokesman for X"
# Roles whose "from/at X" names an employer ("an analyst from Cazenove").
EMPLOYEE_ROLES = frozenset("""
analyst analysts economist strategist trader broker spokesman spokeswoman spokesperson executive
""".split())


# Officers written between a company's name and theirs ("Chrysler President Tom LaSorda").
ROLES_AFTER_COMPANY = frozenset("""
president chairman chairwoman ceo cfo spokesman spokeswoman spokesperson chief executive founder
""".split())
# Title words that qualify a role rather than name a person ("former Chrysler President").
ROLE_ADJECTIVES = frozenset({"former", "late", "acting", "deputy", "then", "ex", "interim"})


def company_cue(doc: TokenTable, start: int, end: int, person: bool = True) -> bool:
    """The words of or around tokens [start, end) say the name is an organisation: its shape
    ("Commerzbank"), a company noun after it ("Kaupthing bank") or before it ("retailer
    Target", "the band Muse"), "X's shares/board/chief executive", a possessive that owns
    nothing ("officials of Lowe's", "Macy's and"), "shares of / stake in /
    bid for X", "an analyst from X", "X said in a statement", and for a `person`, "the X"
    (a person's name takes no article: "the Beatles")."""
    lows, n = doc.lows, len(doc)
    if end - start == 1 and len(lows[start]) > 5 and lows[start].endswith(COMPANY_ENDINGS):
        return True
    nxt = lows[end] if end < n else ""
    if nxt in COMPANY_NOUNS_AFTER and doc.texts[end].islower():
        return True
    if nxt in ("'s", "’s") and (end + 1 >= n or lows[end + 1] in COMPANY_POSSESSIONS or (
            doc[end + 1].is_punct or lows[end + 1] in ("and", "or"))):
        return True  # "Opel's shares"; a shop named in the possessive: "officials of Lowe's."
    if lows[end:end + 4] == ["said", "in", "a", "statement"] or (nxt in ORG_VERBS and doc.texts[end].islower()) or (
            nxt in ("posted", "reported") and not _RESULTS.isdisjoint(lows[end + 1:end + 4])):
        return True  # "Veltrix employs 300 people", "Corvane posted a loss"
    if nxt in EMPLOYEE_ROLES and doc.texts[end].islower() and end + 1 < n and doc.texts[end + 1].istitle():
        return True  # "Cazenove analyst Darren Winder"
    if person and nxt in ROLES_AFTER_COMPANY:
        return True  # "Chrysler President Tom LaSorda": a company's officer
    prev = lows[start - 1] if start > 0 else ""
    if prev in COMPANY_NOUNS_BEFORE and doc.texts[start - 1].islower():
        return True
    if start >= 2 and ((lows[start - 2], prev) in COMPANY_BEFORE_PREP or (prev == "for" and lows[start - 2] in _SPOKES)
                       or (prev in ("from", "at") and lows[start - 2] in EMPLOYEE_ROLES)):
        return True
    return prev == "the" and end - start == 1 and person


def person_titled(doc: TokenTable, start: int) -> bool:
    """A title before the name, not an adjective that also opens a role ("former Chrysler
    President")."""
    return titled(doc, start) and doc.lows[start - 1] not in ROLE_ADJECTIVES


def org_by_cues(doc: TokenTable, spans: dict[str, list[tuple[int, int]]], label: str) -> bool:
    """A one-word name labelled `label` (PERSON or PLACE) with company cues at one of its
    occurrences `spans` (token ranges), and no title before any ("Mr Opel" is a person)."""
    person = label == "PERSON"
    found = False
    for s, e in spans:
        if person_titled(doc, s):
            return False
        found = found or company_cue(doc, s, e, person)
    return found


def place_by_cues(doc: TokenTable, spans: list[tuple[int, int]], is_place: Any) -> bool:
    """A one-word 'person' that one of its occurrences `spans` places like a town: followed by
    ", <place>" or "in <place>" that ends the phrase ("Toulouse, France,", "from Toulouse in
    France."), and no title before any; is_place(i) says whether token i is a known place."""
    texts, n = doc.texts, len(doc)
    found = False
    for s, e in spans:
        if titled(doc, s):
            return False
        if e + 2 < n and texts[e] in (",", "in") and is_place(e + 1) and doc[e + 2].is_punct \
                and texts[e + 2] not in ("'s", "’s"):
            found = True
    return found
