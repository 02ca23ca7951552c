"""Docs with pinned spaCy entities, so entity tests check the rule layer, not the model."""
from __future__ import annotations


def tagged(nlp, text: str, *spans: tuple[str, str]):
    """The Doc of `text` with exactly these entities: (substring, spaCy label), first occurrence."""
    doc = nlp(text)
    ents = []
    for sub, label in spans:
        i = text.index(sub)
        span = doc.char_span(i, i + len(sub), label=label)
        assert span is not None, sub
        ents.append(span)
    doc.set_ents(ents, default="outside")
    return doc
