"""HeldGilNER (index/extract/fastner.py) finds exactly the entities spaCy's own NER finds.

The wrapped EntityRecognizer is the reference: the same model, run by spaCy's compiled
`greedy_parse`, over copies of the same Docs. (Speed: `python -m benchmarks.extract_speed`.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

from index.extract.fastner import HeldGilNER, use_held_gil_ner

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
ODD = [
    "",
    " ",
    "\n\n",
    "Smith.",
    "John Smith met Mary Jones in New York on 4 July 2011, and the U.N. said $5 million was sent.",
    "APPLE INC. AND MICROSOFT CORP. REPORTED EARNINGS IN LONDON, PARIS AND BERLIN ON MONDAY",
    "“I don't know,” said Dr. Jane O'Neil-Smith of the World Health Organization (WHO) in Geneva.",
]


@pytest.fixture(scope="module")
def bodies():
    from index.ingest import load

    return ODD + [a.body for a in load(SEEDS).articles[::3]]  # 48 seed articles + odd cases


@pytest.fixture(scope="module")
def before_ner(nlp, bodies):
    """The Docs as they reach the NER (tagged, sentences, no entities yet)."""
    with nlp.select_pipes(disable=["ner"]):
        return list(nlp.pipe(bodies, batch_size=16))


def _ents(docs):
    return [[(e.start, e.end, e.label_, e.kb_id_) for e in d.ents] for d in docs]


def _iob(docs):
    return [[(t.ent_iob_, t.ent_type_) for t in d] for d in docs]


def test_the_fast_pipeline_runs_the_wrapper_under_the_ner_name(nlp):
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, HeldGilNER)
    assert nlp.pipe_names[-1] == "ner"
    assert type(ner.source).__name__ == "EntityRecognizer"
    assert "PERSON" in ner.labels and ner.moves is ner.source.moves  # the rest is delegated


@pytest.mark.parametrize("batch_size", [1, 3, 16, 64])
def test_same_entities_as_spacys_compiled_loop(nlp, before_ner, batch_size):
    wrapper = nlp.get_pipe("ner")
    ours = list(wrapper.pipe([d.copy() for d in before_ner], batch_size=batch_size))
    theirs = list(wrapper.source.pipe([d.copy() for d in before_ner], batch_size=batch_size))
    assert len(ours) == len(before_ner)
    assert [d.text for d in ours] == [d.text for d in before_ner]  # input order kept
    assert _iob(ours) == _iob(theirs)
    assert _ents(ours) == _ents(theirs)
    assert sum(map(len, _ents(ours))) > 200  # the comparison is not vacuous


def test_single_doc_call_and_preset_entities(nlp, before_ner):
    """A Doc arriving with entities already set: both loops keep them and fill in the rest."""
    from spacy.tokens import Span

    wrapper = nlp.get_pipe("ner")
    doc = next(d for d in before_ner if len(d) > 40)
    preset = [Span(doc, 2, 4, label="ORG")]

    def prepared():
        copy = doc.copy()
        copy.set_ents([Span(copy, s.start, s.end, label=s.label_) for s in preset], default="unmodified")
        return copy

    ours, theirs = wrapper(prepared()), wrapper.source(prepared())
    assert _ents([ours]) == _ents([theirs])
    assert (2, 4, "ORG", "") in _ents([ours])[0]


def test_swap_is_refused_for_what_it_cannot_run(nlp):
    import spacy

    blank = spacy.blank("en")
    assert use_held_gil_ner(blank) is False  # no "ner" at all
    blank.add_pipe("sentencizer", name="ner")
    assert use_held_gil_ner(blank) is False  # not a transition-based parser
    assert type(blank.get_pipe("ner")).__name__ == "Sentencizer"
    assert use_held_gil_ner(nlp) is False  # already swapped: the wrapper is not a Parser
