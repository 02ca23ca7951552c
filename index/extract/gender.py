"""Grammatical gender of named people, so that 'he' and 'she' find the right antecedent.

Evidence, strongest first: an honorific or gendered title right before the name (Mr, Mrs,
Sir, Dame, King, Queen...), a gendered role word beside it ('spokeswoman Jane Roe',
'Roe, the company's chairman'), then a small list of common first names. A name with no
evidence stays unknown and is compatible with either pronoun.
"""
from __future__ import annotations

from typing import Any

MALE, FEMALE = "m", "f"

MALE_TITLES = frozenset("""
mr mr. sir lord king prince duke earl baron father fr fr. brother monsignor sheikh emir sultan
""".split())
FEMALE_TITLES = frozenset("""
mrs mrs. ms ms. miss lady dame queen princess duchess countess baroness sister madam madame mme
""".split())
MALE_ROLES = frozenset("""
spokesman chairman councilman congressman businessman policeman fireman actor husband father son
brother uncle nephew grandfather boy man widower king prince headmaster
""".split())
FEMALE_ROLES = frozenset("""
spokeswoman chairwoman councilwoman congresswoman businesswoman policewoman actress wife mother
daughter sister aunt niece grandmother girl woman widow queen princess headmistress
""".split())

# common first names (English-language news); ambiguous ones (Jordan, Alex, Sam, Robin...) left out
MALE_NAMES = frozenset("""
aaron abdul adam adrian ahmed alan albert alexander ali andrew angus anthony antonio arthur barack
ben benjamin bernard bill bob boris brian bruce carl carlos charles chris christopher colin craig
daniel darren david dennis derek dick donald douglas duncan edward emmanuel eric frank fred
frederick fritz gary geoffrey george gerald gordon graham greg gregory harold harry henry howard
hugh ian isaac jack jacob james jason jeff jeffrey jeremy jim joe john jonathan jorge jose joseph
juan justin keith ken kenneth kevin khaled larry lawrence leonard luis malcolm marc marco mark
martin matthew michael mohamed mohammed muhammad nathan neil nicholas nick nigel oliver omar oscar
patrick paul pedro peter philip phillip ralph raymond richard rick robert roger ronald roy russell
ryan samuel scott sean sergei simon stanley stephen steve steven stuart thomas tim timothy tom tony
trevor victor vladimir walter wayne william xavier yusuf
""".split())
FEMALE_NAMES = frozenset("""
abigail alice alison amanda amy andrea angela ann anna anne barbara beatrice betty brenda carol
caroline catherine charlotte cheryl christine claire clara colette cynthia deborah denise diana
diane donna dorothy elaine eleanor elizabeth ellen emily emma fatima fiona frances gloria grace
hannah heather helen hillary irene jacqueline jane janet jennifer jessica joan josephine joyce
judith julia julie karen kate katherine kathleen kathryn laura lauren linda lisa louise lucy lydia
margaret maria marie marion martha mary megan melissa michelle monica nancy natalie nicola nicole
olga patricia pauline rachel rebecca ruth sally sandra sarah sharon sophie stephanie susan suzanne
teresa theresa victoria virginia wendy yvette yvonne
""".split())


def _word_gender(word: str, titles: bool) -> str | None:
    w = word.lower()
    if titles and w in MALE_TITLES or w in MALE_ROLES:
        return MALE
    if titles and w in FEMALE_TITLES or w in FEMALE_ROLES:
        return FEMALE
    return None


def name_gender(name: str) -> str | None:
    """Gender suggested by the first word of a name (a title or a first name)."""
    words = name.replace(".", ". ").split()
    if not words:
        return None
    first = words[0].lower().rstrip(".")
    g = _word_gender(first, titles=True)
    if g:
        return g
    if first in MALE_NAMES:
        return MALE
    if first in FEMALE_NAMES:
        return FEMALE
    return None


def mention_gender(doc: Any, start_tok: int, end_tok: int) -> str | None:
    """Gender of the PERSON mention doc[start_tok:end_tok] from its own words and neighbours."""
    # a title or role word just before: 'Mrs Smith', 'spokeswoman Jane Roe', 'the mother, Ann'
    for k in range(start_tok - 1, max(start_tok - 3, -1), -1):
        tok = doc[k]
        if tok.text in (",", "-"):
            continue
        g = _word_gender(tok.text.rstrip("."), titles=True)
        if g:
            return g
        if not (tok.text[:1].isupper() or tok.pos_ in ("ADJ", "NOUN")):
            break
    # an appositive role after: 'Jane Roe, the company's chairwoman,'
    if end_tok < len(doc) and doc[end_tok].text == ",":
        for k in range(end_tok + 1, min(end_tok + 7, len(doc))):
            if doc[k].text in (",", ".", ";"):
                break
            g = _word_gender(doc[k].text, titles=False)
            if g:
                return g
    return name_gender(doc.span_text(start_tok, end_tok)) or _pronoun_after(doc, end_tok)


_PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                   "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}


def _pronoun_after(doc: Any, k: int) -> str | None:
    """'Kiara Perkins, a USI art major, admitted she was willing': the pronoun in the clause
    the name is the subject of, with no other name or quote in between."""
    n = len(doc)
    if k < n and doc[k].text == ",":  # past an appositive
        j = k + 1
        while j < n and j - k < 12 and doc[j].text not in (",", ".", ";"):
            j += 1
        if j >= n or doc[j].text != ",":
            return None
        k = j + 1
    while k < n and doc[k].pos_ in ("ADV", "AUX") and doc[k].tag_ not in ("VBG", "VBN") or (
            k < n and doc[k].pos_ == "AUX"):
        k += 1
    if k >= n or doc[k].pos_ != "VERB" or doc[k].tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for j in range(k + 1, min(k + 6, n)):
        tok = doc[j]
        if tok.text in (".", ";", ":", '"', "\u201c", "\u201d") or tok.pos_ == "PROPN":
            return None
        g = _PRONOUN_GENDER.get(tok.lower_)
        if g:
            return g
    return None


def compatible(gender: str | None, pronoun: str) -> bool:
    """Whether a person of `gender` can be 'he' / 'she'."""
    if gender is None:
        return True
    return (pronoun == "he") == (gender == MALE)

