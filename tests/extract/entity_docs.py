"""Docs with pinned spaCy entities, so entity tests check the rule layer, not the model."""
from __future__ import annotations


def tagged(nlp, text: str, *spans: tuple):
    """The Doc of `text` with exactly these entities: (substring, spaCy label) at the first
    occurrence, or (substring, spaCy label, n) at the n-th occurrence (0-based)."""
    doc = nlp(text)
    ents = []
    for sub, label, *nth in spans:
        i = text.index(sub)
        for _ in range(nth[0] if nth else 0):
            i = text.index(sub, i + 1)
        span = doc.char_span(i, i + len(sub), label=label)
        assert span is not None, sub
        ents.append(span)
    doc.set_ents(sorted(ents, key=lambda s: s.start), default="outside")
    return doc


COUNTED = ("PERSON", "ORG", "PLACE")


def names(doc, labels: tuple[str, ...] | None = COUNTED) -> list[tuple[str, str]]:
    """(text, label) of what the rule layer finds in `doc`, in order, each checked to be the
    text at its offsets; only `labels` (the scored ones by default; None: every label)."""
    from index.extract.entities import find_entities

    ents = find_entities(doc)
    for e in ents:
        assert doc.text[e["start"]:e["end"]] == e["text"]
    return [(e["text"], e["label"]) for e in ents if labels is None or e["label"] in labels]
