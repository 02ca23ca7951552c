"""The fast paths of the extraction pipeline change nothing but the time it takes.

- compiled attribute rules leave every token exactly as spaCy's AttributeRuler does;
- matrix products through numpy's OpenBLAS give the same tags, sentences and entities;
- worker processes return the same extractions, in input order, and pass errors on.
(Speed itself is measured by `python -m benchmarks.extract_speed`, never here.)
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from index.extract import parallel
from index.extract.attributes import CompiledRules
from index.extract.pipeline import Extractor, build_nlp

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
TRICKY = [
    "I'm gonna do it, y'all. Let's go, c'mon! He ain't nothin' but we gotta see.",
    "She's been there; they're not. It's his, isn't it? You'd've known.  Two  spaces.\n\n\nEnd",
    "Whether or not the U.S. gets it, we got to say so because, as he said, 'tis the season.",
    "",
    " ",
    "\n",
    "   \n\t  ",
]


@pytest.fixture(scope="module")
def plain_nlp():
    """The pipeline without the fast paths: spaCy's AttributeRuler, BLIS products."""
    return build_nlp(fast=False)


@pytest.fixture(scope="module")
def seed_bodies():
    from index.ingest import load

    articles = load(SEEDS).articles
    return [a.body for a in articles[::6]]  # 24 articles of the shipped Wikinews seeds


def _token_state(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.norm_, t.is_sent_start)
            for t in doc]


def test_the_fast_pipeline_swaps_the_ruler_and_keeps_the_order(nlp, plain_nlp):
    assert "attribute_ruler" in plain_nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert isinstance(nlp.get_pipe("attribute_ruler_compiled"), CompiledRules)
    swapped = [n if n != "attribute_ruler_compiled" else "attribute_ruler" for n in nlp.pipe_names]
    assert swapped == plain_nlp.pipe_names


def test_compiled_rules_set_the_same_token_attributes(plain_nlp, seed_bodies):
    ruler = plain_nlp.get_pipe("attribute_ruler")
    compiled = CompiledRules(ruler)
    assert len(compiled.matcher) < 20, "most rules should be table look-ups"
    with plain_nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        docs = list(plain_nlp.pipe(TRICKY + seed_bodies))
    for doc in docs:
        a, b = doc.copy(), doc.copy()
        assert _token_state(compiled(a)) == _token_state(ruler(b)), doc.text[:60]


def test_rules_pointing_past_the_first_token_and_regex_rules(plain_nlp):
    """'gonna', 'gotta', "let's" set the lemma of their second token; "nothin'" is a regex rule."""
    ruler = plain_nlp.get_pipe("attribute_ruler")
    compiled = CompiledRules(ruler)
    with plain_nlp.select_pipes(disable=["attribute_ruler", "ner"]):
        doc = plain_nlp("We gotta go, I'm gonna win, let's see, it's nothin' at all.")
    fast, slow = compiled(doc.copy()), ruler(doc.copy())
    assert _token_state(fast) == _token_state(slow)
    lemmas = {t.text: t.lemma_ for t in fast}
    assert lemmas["na"] == slow[[t.text for t in slow].index("na")].lemma_ != ""


def test_rules_on_dependency_labels_apply_when_a_doc_has_them(plain_nlp):
    """The parser is excluded, but a Doc that does carry labels gets the DEP rules too."""
    from spacy.tokens import Doc

    ruler = plain_nlp.get_pipe("attribute_ruler")
    compiled = CompiledRules(ruler)
    words = ["It", "is", "there", "and", "you", "saw", "it", "but", "I", "did", "."]
    tags = ["PRP", "VBZ", "RB", "CC", "PRP", "VBD", "PRP", "CC", "PRP", "VBD", "."]
    deps = ["nsubj", "ROOT", "advmod", "cc", "nsubj", "conj", "dobj", "advmod", "nsubj", "conj", "punct"]
    heads = [1, 1, 1, 1, 5, 1, 5, 9, 9, 1, 1]

    def make():
        return Doc(plain_nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)

    fast, slow = compiled(make()), ruler(make())
    assert _token_state(fast) == _token_state(slow)
    # the rules on labels did something: "it" as nsubj and as dobj get different features
    assert str(fast[0].morph) != str(fast[6].morph)


def test_fast_pipeline_gives_the_same_tags_sentences_and_entities(nlp, plain_nlp, seed_bodies):
    fast = list(nlp.pipe(TRICKY + seed_bodies))
    slow = list(plain_nlp.pipe(TRICKY + seed_bodies))
    for a, b in zip(fast, slow):
        assert _token_state(a) == _token_state(b)
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="OpenBLAS is located through /proc")
def test_models_multiply_through_single_threaded_openblas(nlp):
    from index.extract.blas import single_thread_openblas

    assert single_thread_openblas()
    for name in ("tok2vec", "ner", "senter"):
        model = nlp.get_pipe(name).model
        # the NER's output layer multiplies through BLIS as spaCy's compiled loop does (fastner.py)
        upper = set(model.get_ref("upper").walk()) if model.has_ref("upper") else set()
        assert all(layer.ops.use_blis is False for layer in model.walk() if layer not in upper), name
        assert all(layer.ops.use_blis is True for layer in upper), name


def test_processes_for_small_and_large_jobs(monkeypatch):
    monkeypatch.setattr(parallel, "cpus_available", lambda: 2)
    assert parallel.processes_for(parallel.PARALLEL_MIN - 1) == 1
    assert parallel.processes_for(parallel.PARALLEL_MIN) == 2
    assert Extractor.for_articles(10_000).n_process == 2
    monkeypatch.setattr(parallel, "cpus_available", lambda: 1)
    assert parallel.processes_for(10_000) == 1
    assert Extractor.for_articles(10_000).n_process == 1


def _items(bodies):
    return [(body, ["Leeds"] if i % 3 == 0 else []) for i, body in enumerate(bodies)]


def test_worker_processes_return_the_same_extractions_in_order(seed_bodies):
    items = _items(TRICKY + seed_bodies[:9])
    one = list(Extractor(n_process=1, batch_size=4).extract_many(items))
    two = list(Extractor(n_process=2, batch_size=4).extract_many(items))
    assert len(two) == len(items)
    assert two == one
    assert any(r["entities"] for r in two)


def test_stopping_early_releases_the_workers(seed_bodies):
    stream = Extractor(n_process=2, batch_size=2).extract_many(_items(seed_bodies))
    first = [next(stream) for _ in range(3)]
    stream.close()  # must return: no worker left waiting for work
    assert all(set(r) == {"entities", "numbers", "quotes"} for r in first)


def test_a_failing_article_raises_in_the_caller():
    items = [("Angela Merkel visited Paris.", []), (None, []), ("More text here.", [])]
    results = Extractor(n_process=2, batch_size=1).extract_many(items)
    assert next(results)["entities"]
    with pytest.raises(Exception):
        list(results)
