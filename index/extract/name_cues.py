"""What the names an article builds from a word, and the words around a lone name, say about it:

- the body a name opens: "Kettleby" of "Kettleby Borough Council" or "Carnford" of "Carnford
  Crown Court" is a place (a council, police force or court is named after its town);
  "Oakhaven" of "Oakhaven Care Trust" or "Harrowgate" of "Harrowgate Machinery" is that
  organisation (its short name);
- place cues: a one-word "person" after "in" / "near" / "across", in a list of places after
  such a word ("in Felsham and Hexley"), before a lower-case place noun ("the Fenmoor
  district", "the Castlegate shopping centre") or before "near <place>", is a place; an
  "organisation" is one only with the stronger cues ("the plant in Dunmore", "based in X");
- "River Lydd" makes a lone "Lydd" the river;
- a capitalised word before a country names an organisation ("Water UK", "Sport England");
- votes: "<role>, NAME," is a person ("The environment secretary, Thérèse Coffey,"), and "a
  spokesman for NAME" an organisation.
"""
from __future__ import annotations

from typing import Any, Callable

from index.extract.acronyms import acronym_letters, initials
from index.extract.context import (
    COMPANY_NOUNS_AFTER, COMPANY_NOUNS_BEFORE, EMPLOYEE_ROLES, ORG_VERBS, company_cue, person_titled,
    stop_words,
)
from index.extract.gazetteer import COMPASS, COUNTRIES, COUNTRY_FORMS, GIVEN_NAMES, PLACE_NAMES
from index.extract.names import (
    CALENDAR, COMPANY_HEADS, LEADING_ROLES, ORG_HEADS, PORTFOLIOS, ROLES, TITLES,
)
from index.extract.regional_cues import irish_bodies
from index.extract.surnames import given_name_pairs
from index.extract.text_index import TextIndex

# Last words of a public body named after its town ("Kettleby Borough Council").
CIVIC_HEADS = frozenset({"council", "police", "constabulary", "court"})
# Words between the town and that head ("Town Council", "Crown Court", "Fire and Rescue Service").
CIVIC_WORDS = CIVIC_HEADS | frozenset("""
borough county city town district parish metropolitan unitary crown magistrates magistrates'
coroner's coroners fire and rescue service
""".split())
# Lower-case nouns after a name that make it a place ("the Fenmoor district").
PLACE_NOUNS_AFTER = frozenset("""
district estate estates valley area town village ward suburb constituency shopping library
centre centres neighbourhood council police residents
""".split())
_SETTLEMENTS = frozenset({"town", "village", "city", "county", "borough", "suburb", "hamlet", "parish"})
# Words before a lone name that place it ("in Hexley", "across Wexshire").
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "throughout"})
# Nouns before "in X" that only a place follows ("the engine plant in Dunmore", "based in X").
SITE_NOUNS = frozenset("""
plant factory site works office offices store stores shop shops homes warehouse depot based
born lives live living headquartered
""".split())
# "at the Guildhall on Tuesday", "outside the Dene before the game": a venue.
VENUE_PREPOSITIONS = frozenset({"at", "outside", "inside"})
VENUE_TIMES = frozenset({"on", "before", "after", "last", "this", "next", "tonight", "today"})
# First words of a water or a mountain's name ("River Lydd"): the rest alone names it too.
FEATURE_WORDS = frozenset({"River", "Lake", "Loch", "Mount"})
_FEATURE_OPENERS = tuple(w + " " for w in FEATURE_WORDS)
# Capitalised words before a country that do not make an organisation ("Great Britain").
NOT_ORG_OPENERS = frozenset("""
great greater new northern southern eastern western central north south east west upper lower
old little mid all rural modern england scotland wales britain ireland
""".split()) | COMPASS
_SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def lead_labels(index: TextIndex, labels: dict[str, str], parts: set[str]) -> None:
    """The town a civic body's name opens is a place; the first word of another organisation's
    name, where the article writes it alone, is that organisation."""
    lower = index.lower_words
    for k in [k for k, lab in labels.items() if lab == "ORG" and " " in k]:
        words = k.split()
        if not all(w[:1].isupper() or w in ("and", "of") for w in words):
            continue
        if words[-1].lower() in CIVIC_HEADS:
            n = len(words)
            while n > 0 and words[n - 1].lower() in CIVIC_WORDS:
                n -= 1
            lead = " ".join(words[:n])
            if n and lead not in parts and labels.get(lead) not in ("PLACE", "NORP") and (
                    lead in labels or _alone(index, lead)) and not any(_role_word(w) for w in words[:n]):
                labels[lead] = "PLACE"
            continue
        last = words[-1].lower().rstrip(".")
        lead = words[0]
        if (last in ORG_HEADS or last in COMPANY_HEADS) and words[1] not in ("of", "for", "and") and (
                _name_like(lead, lower) and lead not in parts and labels.get(lead) in (None, "PERSON")
                and not acronym_letters(lead) and (lead in labels or _alone(index, lead, True))):
            labels[lead] = "ORG"


def _role_word(w: str) -> bool:
    low = w.lower().rstrip(".")
    return low in TITLES or low in LEADING_ROLES or low in ROLES or low in ORG_HEADS or low in PORTFOLIOS


def _alone(index: TextIndex, name: str, openers: bool = False) -> bool:
    """The article writes `name` with no capitalised word beside it, inside a sentence (or,
    with `openers`, opening one as a proper noun: "Harrowgate said it held ...")."""
    texts, n, doc = index.texts, len(index.texts), index.tokens
    for _, s, e in index.find([name]):
        if e < n and texts[e][:1].isupper():
            continue
        if doc[s].is_sent_start:
            if openers and doc[s].pos_ == "PROPN":
                return True
        elif not texts[s - 1][:1].isupper():
            return True
    return False


def _name_like(w: str, lower: set[str]) -> bool:
    low = w.lower()
    return (w.isalpha() and w[:1].isupper() and w[1:].islower() and low not in lower and low not in PLACE_NAMES
            and low not in COUNTRY_FORMS and low not in GIVEN_NAMES and low not in TITLES
            and low not in CALENDAR and low not in ORG_HEADS and low not in stop_words())


def place_labels(index: TextIndex, labels: dict[str, str], parts: set[str]) -> None:
    """One- and two-word 'persons' and 'organisations' that the words around them place."""
    wanted = {}
    for k, lab in labels.items():
        if (lab == "PERSON" or lab == "ORG") and k not in parts and k.count(" ") <= 1:
            low = k.lower()
            if k[1:2].islower() and low.partition(" ")[0] not in GIVEN_NAMES and low not in PLACE_NAMES:
                wanted[k] = lab
    if not wanted:
        return
    doc, texts, lows, n = index.tokens, index.texts, index.tokens.lows, len(index.texts)

    def is_place(i: int) -> bool:
        return lows[i] in PLACE_NAMES or labels.get(texts[i]) == "PLACE" or (
            i + 1 < n and labels.get(index.key(i, i + 2)) == "PLACE")

    spans: dict[str, list[tuple[int, int]]] = {}
    firsts = {k.partition(" ")[0] for k in wanted}
    for i in [i for i, t in enumerate(texts) if t in firsts]:
        if texts[i] in wanted:
            spans.setdefault(texts[i], []).append((i, i + 1))
        if i + 1 < n and f"{texts[i]} {texts[i + 1]}" in wanted:
            spans.setdefault(f"{texts[i]} {texts[i + 1]}", []).append((i, i + 2))
    for k, occurrences in spans.items():
        person = wanted[k] == "PERSON"
        if any(_placed(index, s, e, person, is_place) for s, e in occurrences) and not any(
                company_cue(doc, s, e, person) or person_titled(doc, s) for s, e in occurrences):
            labels[k] = "PLACE"


def _placed(index: TextIndex, s: int, e: int, person: bool, is_place: Callable[[int], bool]) -> bool:
    """The words around tokens [s, e) place them (see place_labels)."""
    texts, lows, n = index.texts, index.tokens.lows, len(index.texts)
    nxt = texts[e] if e < n else ""
    if nxt in ("'s", "’s"):
        return False
    if (nxt in PLACE_NOUNS_AFTER and nxt.islower()) or (nxt == "near" and e + 1 < n and is_place(e + 1)):
        return True
    prev = lows[s - 1] if s > 0 else ""
    if prev == "the" and s >= 2 and lows[s - 2] in VENUE_PREPOSITIONS and nxt in VENUE_TIMES:
        return texts[e - 1].lower() not in ORG_HEADS  # "at the Guildhall on Tuesday"
    if prev == "of" and s >= 2 and lows[s - 2] in _SETTLEMENTS:
        return True  # "the town of Hexley"
    if prev in PLACE_PREPOSITIONS:
        return person or prev == "near" or (s >= 2 and lows[s - 2] in SITE_NOUNS)
    if (prev == "and" or prev == ",") and s >= 2 and is_place(s - 2):
        return _listed_after_preposition(index, s - 2, is_place)
    return False


def _listed_after_preposition(index: TextIndex, i: int, is_place: Callable[[int], bool]) -> bool:
    """Token i is a place in a list that a place preposition opens ("in Corley, Felsham and")."""
    lows = index.tokens.lows
    while i > 0 and (is_place(i) or lows[i] in (",", "and")):
        i -= 1
    return lows[i] in PLACE_PREPOSITIONS


def feature_labels(labels: dict[str, str]) -> None:
    """'Lydd' alone, in an article naming the 'River Lydd', is the river."""
    for k, lab in list(labels.items()):
        if lab == "PLACE" and k.startswith(_FEATURE_OPENERS) and k.count(" ") == 1:
            water = k.split()[1]
            if labels.get(water) != "PERSON":
                labels[water] = "PLACE"


def cue_mentions(index: TextIndex, mentions: list[Any], make: Callable[[int, int, str], Any]) -> list[Any]:
    """Names spaCy missed or cut that the cues above give away; make(start, end, label) builds
    a Mention."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    out = _country_named_orgs(index, mentions, taken, make)
    for rule in (irish_bodies, given_name_pairs, _appositive_orgs, _based_places, _cued_orgs):
        found = rule(index, taken, make)
        for m in found:
            taken.update(range(m.start, m.end))
        out += found
    return out


def _country_named_orgs(index: TextIndex, mentions: list[Any], taken: set[int],
                        make: Callable[[int, int, str], Any]) -> list[Any]:
    """'Water UK', 'Sport England': a capitalised word no name covers, right before a country
    that is a mention of its own, inside a sentence (and the same pair opening one)."""
    doc, texts = index.tokens, index.texts
    found: dict[int, bool] = {}
    for m in mentions:
        if m.label != "PLACE" or m.end - m.start != 1 or m.start < 1:
            continue
        low = texts[m.start].lower()
        if low not in COUNTRIES and low not in COUNTRY_FORMS:
            continue
        t = doc[m.start - 1]
        w = t.lower_
        if m.start - 1 in taken or not (t.is_alpha and t.text[:1].isupper() and t.text[1:].islower()):
            continue
        if w in NOT_ORG_OPENERS or w in GIVEN_NAMES or w in TITLES or w in CALENDAR or w in PLACE_NAMES:
            continue
        found[m.start - 1] = bool(t.is_sent_start)
    inside = {index.key(i, i + 2) for i, opens in found.items() if not opens}
    return [make(i, i + 2, "ORG") for i, opens in found.items() if not opens or index.key(i, i + 2) in inside]


# Words next to a name that company_cue reads (a quick filter before calling it).
_CUES_AFTER = COMPANY_NOUNS_AFTER | EMPLOYEE_ROLES | ORG_VERBS | {"'s", "’s", "said", "posted", "reported"}
_CUES_BEFORE = COMPANY_NOUNS_BEFORE | {"of", "in", "for", "from", "at"}


def _cued_orgs(index: TextIndex, taken: set[int], make: Callable[[int, int, str], Any]) -> list[Any]:
    """A lone proper noun no name covers, that company cues mark ("A spokeswoman for Dunholt
    said", "Orvane shares fell", "shares in Corvane"), sentence openers included."""
    doc, texts, n = index.tokens, index.texts, len(index.texts)
    lower = index.lower_words
    out = []
    lows = doc.lows
    for i in [i for i, t in enumerate(texts) if t.istitle() and i not in taken]:
        if not ((i + 1 < n and lows[i + 1] in _CUES_AFTER) or (i > 0 and lows[i - 1] in _CUES_BEFORE)):
            continue
        text = texts[i]
        if not _name_like(text, lower):
            continue
        tok = doc[i]
        pos = tok.pos_
        if pos != "PROPN" and (pos != "NOUN" or tok.is_sent_start):  # "Airline shares fell"
            continue
        if (i + 1 < n and texts[i + 1][:1].isupper()) or (
                i > 0 and texts[i - 1][:1].isupper() and not tok.is_sent_start):
            continue  # part of a longer name
        if company_cue(doc, i, i + 1, False):
            out.append(make(i, i + 1, "ORG"))
    return out


def _based_places(index: TextIndex, taken: set[int], make: Callable[[int, int, str], Any]) -> list[Any]:
    """'the Leicester-based maker': the word glued to '-based' is a place."""
    if "-based" not in index.text:
        return []
    doc, texts, n = index.tokens, index.texts, len(index.texts)
    return [make(i, i + 1, "PLACE") for i in range(n - 2)
            if texts[i + 1] == "-" and texts[i + 2] == "based" and i not in taken and doc[i].whitespace_ == ""
            and doc[i].is_alpha and texts[i][:1].isupper() and texts[i][1:].islower()]


def word_acronyms(labels: dict[str, str]) -> None:
    """'Acas', written as a word, for the 'Advisory, Conciliation and Arbitration Service'."""
    words = [k for k, lab in labels.items()
             if lab != "ORG" and 3 <= len(k) <= 6 and k.isalpha() and k[0].isupper() and k[1:].islower()]
    if not words:
        return
    by_initials = {initials([w.strip(",") for w in k.split()]) for k, lab in labels.items()
                   if lab == "ORG" and k.count(" ") >= 2}
    for k in words:
        if k.upper() in by_initials:
            labels[k] = "ORG"


# Nouns of an appositive that make the name before it an organisation ("Agrivance, a seed
# company based in Cambridge", "Ofwat, the regulator for England and Wales").
APPOSITIVE_NOUNS = frozenset("""
company firm group charity agency maker manufacturer retailer supplier operator consultancy
club regulator watchdog union lender insurer airline carmaker chain developer publisher
broadcaster wholesaler distributor supermarket
""".split())
_ARTICLES = frozenset({"a", "an", "the"})
_HEAD_ENDS = frozenset({"of", "at", "from", "to", "on", "with", "for", "in"})
# Words that may follow that noun, closing the appositive's head.
_APPOSITIVE_AFTER = frozenset({",", ".", ";", "based", "that", "which", "for", "in", "of", "with",
                               "founded", "owned", "run", "whose", "behind", "and"})


def appositive_org(doc: Any, end: int) -> bool:
    """', a/an/the <up to five words> <organisation noun>' follows token range [.., end)."""
    lows, texts, n = doc.lows, doc.texts, len(doc)
    if end + 2 >= n or texts[end] != "," or lows[end + 1] not in ("a", "an", "the"):
        return False
    for j in range(end + 2, min(end + 8, n - 1)):
        if texts[j] in (",", ".", ";", "(") or texts[j] in ("'s", "’s") or lows[j] in _HEAD_ENDS:
            return False  # a preposition first: the head noun came before ("the president of the union")
        if lows[j] in APPOSITIVE_NOUNS and texts[j].islower() and lows[j + 1] in _APPOSITIVE_AFTER:
            return True
    return False


def _appositive_orgs(index: TextIndex, taken: set[int], make: Callable[[int, int, str], Any]) -> list[Any]:
    """An untagged capitalised word inside a sentence that such an appositive follows."""
    doc, texts = index.tokens, index.texts
    lows, n = doc.lows, len(texts)
    return [make(i - 1, i, "ORG") for i in [i for i, t in enumerate(texts) if t == ","]
            if i > 1 and i + 1 < n and lows[i + 1] in _ARTICLES and i - 1 not in taken
            and _name_like(texts[i - 1], set()) and not doc[i - 1].is_sent_start and appositive_org(doc, i)]


def vote_cues(doc: Any, mentions: list[Any]) -> dict[tuple[int, int], dict[str, float]]:
    """Votes from the words around a mention: '<role>, NAME,' for a person (two or three
    words), 'a spokesman for NAME' or 'NAME, a <company>' for an organisation."""
    lows, n = doc.lows, len(doc)
    out: dict[tuple[int, int], dict[str, float]] = {}
    for m in mentions:
        s, e = m.start, m.end
        if m.label != "ORG" and appositive_org(doc, e):
            out[(s, e)] = {"ORG": 3.0}
            continue
        if s >= 2 and lows[s - 1] == "," and lows[s - 2] in ROLES and doc.texts[s - 2].islower() \
                and 2 <= e - s <= 3 and e < n and lows[e] in (",", "said"):
            out[(s, e)] = {"PERSON": 3.0}
        elif s >= 2 and lows[s - 1] == "for" and lows[s - 2] in _SPOKES and m.label != "ORG":
            out[(s, e)] = {"ORG": 3.0}
    return out
