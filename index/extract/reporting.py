"""Reporting verbs: the words that tie a quote to the person who spoke or wrote it.

A broad list of verbs of saying and writing, inflected by rule ('reason' gives reasoned,
reasons, reasoning), checked against the POS tag because many forms are also nouns ('the
claims', 'his notes'). A noun-tagged form still counts when the punctuation around it shows
it introducing a quote: 'The agency notes, "..."' or '"...," notes the agency'.
"""
from __future__ import annotations

from typing import Any

from index.extract.mentions import DOCUMENT_NOUNS

_REGULAR = """
add announce answer argue ask assert assure acknowledge admit affirm agree allege boast call caution
characterise characterize claim clarify comment complain concede conclude concur confirm contend
continue counter declare deny describe disclose dub elaborate emphasise emphasize exclaim explain
hint inform insist interject joke lament maintain mention muse note object observe opine plead
pledge point post predict proclaim promise protest question quip reason reckon recall recount reiterate
remark reply report respond retort reveal scoff shout state stress suggest summarise summarize testify
tweet urge vow warn whisper wonder write
""".split()
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "speaking"),
}
_DOUBLE = frozenset("admit quip dub commit omit rebut".split())
# past forms only: 'she reads' is a document's wording, 'he read' usually is not
_EXTRA = ("reads",)


def _inflect(base: str) -> tuple[str, ...]:
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = base + "es"
    elif base.endswith("y") and base[-2] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base in _DOUBLE:
        past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
    elif base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2] not in "aeiou":
        past, ing = base[:-1] + "ied", base + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    return base, third, past, ing


def _table() -> tuple[frozenset[str], frozenset[str]]:
    loose: set[str] = set()  # forms whose tag may be AUX as well as VERB
    strict: set[str] = set(_EXTRA)  # forms that are also nouns or adjectives: VERB tag only
    for base in _REGULAR:
        b, third, past, ing = _inflect(base)
        strict.update((b, third, ing))
        loose.add(past)
    for base, forms in _IRREGULAR.items():
        strict.add(base)
        for f in forms:
            (strict if f.endswith(("s", "ing")) else loose).add(f)
    return frozenset(loose), frozenset(strict)


_LOOSE, _STRICT = _table()
REPORTING = _LOOSE | _STRICT
_ALWAYS = frozenset({"said", "says", "told"})
# verbs that report words only with a quote right beside them, never from afar
_WEAK_BASES = ("continue", "call", "describe", "report", "post", "confirm", "dub", "point", "question",
               "answer", "object", "agree")
_WEAK = frozenset(f for b in _WEAK_BASES for f in _inflect(b)) | frozenset({"went", "goes", "go", "going"})
# verbs whose subject may follow them: 'said Jones: "..."', '," added the minister'
# (not 'warned residents: "..."', where the noun after the verb is its object)
INVERTIBLE = frozenset(f for b in ("say", "add", "write", "continue", "reply", "respond", "conclude", "insist")
                       for f in ((b,) + _IRREGULAR.get(b, _inflect(b))) if not f.endswith("ing"))
_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
_GO_ON = frozenset({"went", "goes", "go", "going"})
# what a paper does with its words: '," the post read', '," the review found' (after the paper only)
_PAPER_VERBS = frozenset("read reads found finds concluded concludes".split())


def _introduces(doc: Any, i: int) -> bool:
    """Punctuation shows the word attributing a quote: 'notes, "' or '," notes'."""
    if i + 2 < len(doc) and doc[i + 1].text in (",", ":") and doc[i + 2].text in _MARKS:
        # a subject right before it: 'The U.S. Department of Agriculture notes,' (not '50 questions,')
        return i >= 1 and doc[i - 1].pos_ in ("PROPN", "NOUN") and (i < 2 or doc[i - 2].pos_ != "NUM")
    return i >= 2 and doc[i - 1].text in _MARKS and doc[i - 2].text in (",", "?", "!")


def is_reporting(doc: Any, i: int) -> bool:
    """Token i of `doc` (a TokenTable) is a reporting verb (said, told, argued, 'went on', ...)
    in this context."""
    tok = doc[i]
    low = tok.lower_
    if low in _GO_ON:  # 'he went on', '," she went on.'
        return i + 1 < len(doc) and doc[i + 1].lower_ == "on" and tok.pos_ in ("VERB", "AUX")
    if low in _PAPER_VERBS and i >= 1 and doc[i - 1].lower_ in DOCUMENT_NOUNS and (
            tok.pos_ in ("VERB", "AUX") or i + 1 < len(doc) and doc[i + 1].text in (".", ":", ",")):
        return True  # 'read' is often tagged a noun after one: '," the post read.
    if low not in REPORTING:
        return False
    if low in _ALWAYS:
        return True
    if tok.pos_ == "VERB" or tok.pos_ == "AUX" and low in _LOOSE:
        return True
    return tok.pos_ == "NOUN" and tok.text.islower() and _introduces(doc, i)


def is_weak(tok: Any) -> bool:
    return tok.lower_ in _WEAK


_CANDIDATES = REPORTING | _GO_ON | _PAPER_VERBS


def candidates(doc: Any) -> list[int]:
    """Indices of the tokens whose lower-case form is a reporting verb form ('went' included),
    from the table's column of lower-case forms."""
    wanted = _CANDIDATES
    return [i for i, w in enumerate(doc.lows) if w in wanted]
