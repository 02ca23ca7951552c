"""Word lists and span surgery for names: titles, roles, determiners, possessives, junk.

Everything here works on token index ranges [start, end) of a spaCy Doc, so the offsets of
what survives still point into the body.
"""
from __future__ import annotations

import re
from typing import Any

from index.extract.gazetteer import COMPASS, GIVEN_NAMES
from index.extract.shapes import hyphen_tail

# Coarse labels whose mentions are names (the rules below apply to these only).
NAME_LABELS = frozenset({"PERSON", "ORG", "PLACE", "NORP", "EVENT", "WORK", "LAW", "PRODUCT"})

# Titles and honorifics written before a person's name ("President Donald Trump").
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor emeritus sir dame lord lady rev reverend father sister
president vice prime minister premier chancellor secretary senator sen rep representative
governor gov mayor ambassador general gen lt lieutenant col colonel major maj capt captain
sgt sergeant cpl corporal admiral adm commander cmdr officer detective inspector constable
chief judge justice attorney king queen prince princess duke duchess emperor pope cardinal
bishop archbishop imam rabbi sheikh shaikh ayatollah mullah president-elect coach
spokesman spokeswoman spokesperson chairman chairwoman chair ceo cfo director editor founder
deputy acting former late sheriff cllr cr snr det insp supt const madam td
""".split())

# Role nouns that sit between an organisation and a person ("SDF spokesman Adnan Afrin").
ROLES = frozenset("""
spokesman spokeswoman spokesperson spokespeople representative chairman chairwoman chair
president director chief head leader founder creator editor correspondent reporter analyst
official officer commander minister secretary ambassador envoy adviser advisor researcher
professor lawyer attorney prosecutor coach captain manager ceo executive owner member
striker midfielder defender goalkeeper winger keeper batsman batter bowler seamer spinner
wicketkeeper skipper boss barrister solicitor
""".split())

# Role words that end an organisation's span in NER output ("State Department Spokesperson").
TRAILING_ROLES = frozenset("""
spokesman spokeswoman spokesperson chairman chairwoman president director ceo secretary
minister commissioner
""".split())

# Portfolios in a role ("Secretary of State Mike Pompeo"): not organisations on their own.
PORTFOLIOS = frozenset("""
state defence defense justice health education finance energy agriculture commerce labor
labour transportation transport interior treasury trade environment competition industry
economy culture immigration
""".split())

# Honours written after a name ("Mark Tedeschi, QC").
POSTNOMINALS = frozenset("QC KC SC MP MEP MBE OBE CBE KBE PhD MD Jr Sr Esq".split())

TIME_ZONES = frozenset("GMT UTC BST CET CEST EET EEST EST EDT CST CDT MST MDT PST PDT AEST IST JST".split())

CALENDAR = frozenset("""
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today yesterday tomorrow
""".split())

# Last words that make a name an organisation, or a place.
ORG_HEADS = frozenset("""
agency airlines airways alliance army association authority bank board bureau church club
coalition college commission committee company corp corporation corps council court department
district exchange federation forces foundation front fund gazette group guard herald holdings
inc industries institute journal league ltd magazine ministry motors movement navy network news
office org organisation organization party police post project rangers school service services
society team times tribune trust union university weekly
united rovers athletic wanderers albion harriers hotspur fc afc
foods estates supplies securities partners capital machinery logistics systems solutions
properties investments ventures pharmaceuticals technologies laboratories brewery
hospital clinic municipality builders finserv forum
""".split())

# Last words of a company's name: "Ford Motor Company" makes a lone "Ford" the company when
# spaCy reads it so, even in an article that also names Bill Ford.
COMPANY_HEADS = frozenset("""
motor motors company co corp corporation inc incorporated group airlines airways holdings
industries plc ltd limited llc ag sa bank
""".split())

# Roles written before a name that NER keeps in the span ("Chief Executive Thomas Enders"):
# stripped like titles, but not treated as titles elsewhere ("Executive Council" is a name).
LEADING_ROLES = frozenset("""
executive analyst economist commissioner congressman congresswoman councillor councilman
councilwoman assemblyman assemblywoman treasurer superintendent lawmaker legislator referee umpire
striker midfielder defender goalkeeper winger keeper batsman bowler seamer spinner wicketkeeper
skipper barrister solicitor
""".split())
PLACE_HEADS = frozenset("""
airport avenue bay bridge camp canal cathedral city county hall harbour harbor highway
island islands lake mosque base hotel mountain mountains ocean park plaza province region river road
square stadium station street temple tower towers valley village lane theatre theater arena
""".split())

# Single words that are ideas, not names, whatever the NER says ("Islamophobia").
IDEA_SUFFIXES = ("ism", "phobia", "isms")

DETERMINERS = frozenset({"the", "a", "an"})
_LETTER = re.compile(r"[^\W\d_]")


def has_letter(text: str) -> bool:
    return bool(_LETTER.search(text))


def is_capitalised(text: str) -> bool:
    """Starts with an upper-case letter or a digit followed by letters ("4chan")."""
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and has_letter(text)))


def word(token: Any) -> str:
    return token.lower_.rstrip(".")


def breaks_line(token: Any) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


# List bullets written inline ("* Chicago, Illinois * Wixom Assembly Plant"): never in a name.
BULLETS = frozenset({"*", "•", "·", "▪", "‣", "◦"})
# Abbreviations that end a name: a capitalised word after one opens the next name or sentence
# ("John Smith Jr. Microsoft said", "Apple Inc. Microsoft and Google").
NAME_ENDINGS = frozenset({"jr.", "sr.", "inc.", "ltd.", "corp.", "co.", "plc.", "llc.", "esq."})


def _year(text: str) -> bool:
    """'2007': a year inside a name ends it ("Macworld 2007 Apple Inc." is a caption run-on)."""
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


def split_lines(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of [start, end) that do not cross a line break, a list bullet, a sentence start
    the parser found, or the end of a name after "Jr." / "Inc." / a year (missed sentence breaks)."""
    pieces, s = [], start
    for i in range(start, end):
        t = doc[i]
        if t.is_space or t.text in BULLETS:
            if s < i:
                pieces.append((s, i))
            s = i + 1
        elif breaks_line(t) or ((t.lower_ in NAME_ENDINGS or _year(t.text)) and i + 1 < end and i > s
                                and doc[i + 1].text[:1].isupper()):
            pieces.append((s, i + 1))
            s = i + 1
        elif i > s and t.is_sent_start:
            pieces.append((s, i))
            s = i
    if s < end:
        pieces.append((s, end))
    return pieces


def trim(doc: Any, start: int, end: int, label: str) -> tuple[int, int]:
    """Strip determiners, possessives, punctuation, caption tails and lower-case tails."""
    name = label in NAME_LABELS
    while start < end:
        t = doc[start]
        if t.is_punct or t.is_space or (word(t) in DETERMINERS and (name or t.text.islower())):
            start += 1
        else:
            break
    while end > start:
        t = doc[end - 1]
        nxt = doc[end] if end < len(doc) else None
        if t.is_space or t.tag_ == "POS" or t.text in ("'s", "’s", "'", "’"):
            end -= 1
        elif t.is_punct and t.text != "." and not (t.text == ")" and "(" in doc.span_text(start, end)):
            end -= 1
        elif t.text == "." and end - start > 1 and len(doc[end - 2].text) > 1 and not doc[end - 2].text.isupper():
            end -= 1  # sentence full stop glued to a name, not "D.C."
        elif name and t.text == "Image" and nxt is not None and nxt.text == ":":
            end -= 1  # photo caption credit "... Image: Agency"
        elif name and hyphen_tail(doc, end - 1) and not t.tag_.startswith(("VB", "JJ")):
            break  # "Cheng Chung-tai": part of the name ("US-backed" is a verb form)
        elif name and end - start > 1 and t.is_alpha and (t.text.islower() or word(t) in TRAILING_ROLES):
            end -= 1  # "State Department spokesperson"
        else:
            break
    return start, end


def strip_titles(doc: Any, start: int, end: int) -> int:
    """New start after leading titles, when a capitalised name follows them."""
    i = start
    while i < end - 1 and (word(doc[i]) in TITLES or word(doc[i]) in LEADING_ROLES
                           or doc[i].text.lower() in ("of", "-")
                           or (word(doc[i]) in PORTFOLIOS and word(doc[i + 1]) in TITLES)):
        i += 1  # "Deputy Defense Secretary Paul Wolfowitz"
    if i > start and i < end and is_capitalised(doc[i].text) and word(doc[i]) not in TITLES \
            and word(doc[i]) not in LEADING_ROLES:
        return i
    return start


def role_split(doc: Any, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'SDF spokesman Adnan Afrin' -> ((SDF), (Adnan Afrin)), split at a lower-case role noun."""
    for i in range(start + 1, end - 1):
        t = doc[i]
        if t.text.islower() and t.text in ROLES and is_capitalised(doc[i + 1].text):
            return (start, i), (i + 1, end)
    return None


def is_junk(doc: Any, start: int, end: int, label: str, text: str | None = None) -> bool:
    """Names that cannot be names: no letters, lower case, titles alone, honours, weekdays.
    `text` is doc[start:end].text when the caller has it."""
    if start >= end:
        return True
    if text is None:
        text = doc.span_text(start, end)
    if not has_letter(text):
        return True
    if label not in NAME_LABELS:
        return False
    if not any(c.isupper() for c in text):
        return True
    words = [word(t) for t in doc[start:end] if not t.is_punct]
    if all(w in TITLES for w in words):
        return True
    if words[0] in PORTFOLIOS and start >= 2 and doc[start - 1].text == "of" and word(doc[start - 2]) in TITLES:
        return True  # "Secretary of State": a role, not the organisation
    if label == "ORG" and words[-1] in PORTFOLIOS and end < len(doc) and (
            word(doc[end]) in TITLES or word(doc[end]) in LEADING_ROLES) and doc[end].text[:1].isupper():
        return True  # "European Competition Commissioner", "Defense Secretary": a role
    if end - start == 1:
        t = doc[start]
        if t.text in POSTNOMINALS or word(t) in CALENDAR:
            return True
        if word(t) in PORTFOLIOS and end < len(doc) and word(doc[end]) in TITLES:
            return True  # "Defense Secretary": a role
        if label == "PLACE" and word(t) in COMPASS:
            return True  # "the North": a direction, not a place
        if label in ("ORG", "PLACE", "PERSON") and t.text.lower().endswith(IDEA_SUFFIXES) and t.text[1:].islower():
            return True
    return False


def head_label(doc: Any, start: int, end: int) -> str | None:
    """ORG or PLACE from the name's last word ("Saudi Gazette", "Century City Towers")."""
    if end - start < 2:
        return None
    last = word(doc[end - 1])
    if not is_capitalised(doc[end - 1].text):
        return None
    if last in ORG_HEADS:
        return "ORG"
    if last in PLACE_HEADS:
        return "PLACE"
    return None


def titled(doc: Any, start: int) -> bool:
    """A person title or role word stands right before the name ("spokesman Sean Ryan")."""
    if start == 0:
        return False
    prev = doc[start - 1]
    w = word(prev)
    if w in CAPITAL_TITLES and prev.text.islower():
        return False  # "will miss Athletic's tie", "a major Ford plant": not titles
    return w in TITLES or (prev.text.islower() and prev.text in ROLES)


# Honorifics that only ever stand before a person's name ("Ms Pardoe", "Cllr Ashworth").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "cllr", "cr", "sir", "dame", "madam"})


# Titles that are ordinary words in lower case ("miss", "major", "general").
CAPITAL_TITLES = HONORIFICS | frozenset({"lady", "lord", "general", "major"})


def honorific_person(doc: Any, start: int, end: int) -> bool:
    """'Ms Pardoe' that NER read as an organisation or place: an honorific, then a name."""
    return end - start >= 2 and word(doc[start]) in HONORIFICS and is_capitalised(doc[start + 1].text)


def _bare_name_word(t: Any) -> bool:
    """A capitalised word no entity covers and no list marks as a title, date or honour."""
    return (t.is_alpha and t.text[:1].isupper() and t.text[1:].islower() and not t.ent_type_
            and word(t) not in TITLES and word(t) not in CALENDAR and t.text not in POSTNOMINALS)


def given_name_span(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A one-word person NER cut from the rest of the name: 'Sarah' + 'Delamere' ('Sarah
    Delamere KC'), 'Anders' + 'Holm' ('chief executive Anders Holm')."""
    if end - start != 1:
        return start, end
    if doc[start].lower_ in GIVEN_NAMES and end < len(doc) and _bare_name_word(doc[end]) \
            and not doc[end].is_sent_start and doc[end].lower_ not in GIVEN_NAMES:
        return start, end + 1
    if start > 0 and doc[start - 1].lower_ in GIVEN_NAMES and _bare_name_word(doc[start - 1]) \
            and doc[start].lower_ not in GIVEN_NAMES:
        return start - 1, end
    return start, end
