"""Named entities: spaCy NER plus a rule layer.

`find_entities(doc, tags)` returns every mention (not unique names: the reader highlights each
one) as {"text", "label", "start", "end"} with character offsets into the body, sorted by start.
The rules, in order:
1. per mention (names.py): cut at line breaks; strip a leading "the", possessive 's, stray
   punctuation, caption credits and lower-case tails; strip titles ("President Donald Trump");
   split "SDF spokesman Adnan Afrin" into an organisation and a person; drop junk (no letters,
   lower case, titles or honours alone, weekdays, "-ism" words); time zones become TIME;
2. per article (consistency.py): one label per name by vote (organisation and place head words,
   a title before the name, known services); a lone first or last name of a person is that
   person; acronyms defined in the text or spelling a name of the article take its label; tags
   found in the text become names; every further occurrence of a known name is a mention.
"""
from __future__ import annotations

from typing import Any, Iterable

from index.extract.consistency import Mention, resolve
from index.extract.names import (
    NAME_LABELS, TIME_ZONES, is_junk, role_split, split_lines, strip_titles, trim,
)

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
          "DATE": "DATE", "TIME": "TIME", "MONEY": "MONEY", "PERCENT": "PERCENT",
          "QUANTITY": "QUANTITY", "NORP": "NORP", "EVENT": "EVENT", "WORK_OF_ART": "WORK",
          "LAW": "LAW", "PRODUCT": "PRODUCT"}


def ner_entities(doc: Any) -> list[dict[str, Any]]:
    """spaCy's entities as they come, in the output shape (the baseline the rules improve on)."""
    return [_as_dict(doc, Mention(e.start, e.end, LABELS[e.label_])) for e in doc.ents if e.label_ in LABELS]


def find_entities(doc: Any, tags: Iterable[str] | None = None) -> list[dict[str, Any]]:
    mentions: list[Mention] = []
    for e in doc.ents:
        label = LABELS.get(e.label_)
        if label is None:
            continue
        for s, t in split_lines(doc, e.start, e.end):
            mentions.extend(_clean(doc, s, t, label))
    return [_as_dict(doc, m) for m in resolve(doc, mentions, tags or ())]


def _clean(doc: Any, start: int, end: int, label: str) -> list[Mention]:
    start, end = trim(doc, start, end, label)
    if start >= end:
        return []
    if label in NAME_LABELS:
        split = role_split(doc, start, end)
        if split:
            (os_, oe), (ps, pe) = split
            return _clean(doc, os_, oe, "ORG") + _clean(doc, ps, pe, "PERSON")
        start = strip_titles(doc, start, end)
        if end - start == 1 and doc[start].text in TIME_ZONES:
            return [Mention(start, end, "TIME")]
    if is_junk(doc, start, end, label):
        return []
    return [Mention(start, end, label)]


def _as_dict(doc: Any, m: Mention) -> dict[str, Any]:
    span = doc[m.start:m.end]
    return {"text": span.text, "label": m.label, "start": span.start_char, "end": span.end_char}
