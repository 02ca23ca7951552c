"""The bulk top-N scorer (index.topn) ranks and scores exactly as Whoosh does.

A generated corpus (skewed vocabulary, so frequent words, many equal scores and ties;
three segments with deletions; undated articles) is searched both ways for many query
shapes. The reference is Whoosh's own full ranking (`limit=None`: every match scored by its
matchers, ordered by score then document number) cut to N: Whoosh's limited search is not
a reference, because its block-max collector can drop a document that belongs in the top N
(seen on the 10k benchmark index: `market shares date:[2010 to 2015]`).
"""
from __future__ import annotations

from collections import OrderedDict

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh import query as wq

from index.counting import count_matches
from index.query import QueryParser
from index.schema import build_schema
from index.search import WhooshEngine
from index.topn import top_n

# Zipf-like: early words are frequent (postings of most documents), late ones rare.
WORDS = ("market police government share report state united minister stock price city "
         "election court bank trade union energy water school health army").split()
WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
BASE = datetime(2010, 1, 1)

QUERIES = [
    "market", "police", "army", "title:market", "body:court",
    "market shares", "police government report", "market -police", "market NOT police",
    "police AND NOT (market OR shares)", "market OR police OR election", "court OR bank OR trade OR union",
    "(market OR police) (state OR city)", "mar* police", "pol*", "gov* NOT market", "title:rep*",
    "market date:[2011 to 2013]", "police date:2012", "market shares date:[2010-06 to 2014-01]",
    "market^2 police", "(police OR army)^0.5 market", "title:market^3 OR body:police",
    "market AND NOT police AND NOT army", "nosuchword", "market nosuchword", "nosuchword OR army",
    '"market police"', '"market market"', '"united state" police', '"market police" OR "police market"',
    'title:"market police"', '"market police government"', '"market police" NOT army',
    'army NOT "market police"', 'police AND NOT ("market police" OR army)', '"market police" NOT "police market"',
    'market NOT (army AND NOT "police state")', 'market ANDNOT "police market"',
    "markat~", "polise~ market", "stat~2", "markat~^2 OR army", "bank~ NOT police", "title:markat~",
]


def _doc(rng: random.Random, n: int) -> dict:
    body = " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(5, 60)))
    doc = {"id": f"d{n}", "title": " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(1, 5))), "body": body}
    if rng.random() > 0.15:
        doc["date"] = BASE + timedelta(days=rng.randint(0, 2500))
    return doc


@pytest.fixture(scope="module")
def gen_index(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("topn_gen")
    ix = windex.create_in(str(path), build_schema())
    rng = random.Random(11)
    n = 0
    for size in (300, 250, 120):
        with ix.writer() as w:
            for _ in range(size):
                w.add_document(**_doc(rng, n))
                n += 1
    with ix.writer() as w:  # deletions in every segment
        for k in range(3, n, 13):
            w.delete_by_term("id", f"d{k}")
    return path


def _reference(searcher, q, limit: int) -> list[tuple[int, float]]:
    return [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)][:limit]


def _assert_same(got, expected, label) -> None:
    assert [d for d, _s in got] == [d for d, _s in expected], label
    for (_d, a), (_e, b) in zip(got, expected):
        assert abs(a - b) <= 1e-6, label


def _set_or_type(q, matcher_type) -> None:
    if isinstance(q, wq.Or):
        q.matcher_type = matcher_type
    for child in q.children():
        _set_or_type(child, matcher_type)


@pytest.mark.parametrize("text", QUERIES)
def test_top_n_equals_whoosh_ranking(gen_index, text):
    parser = QueryParser()
    with windex.open_dir(str(gen_index)).searcher() as s:
        assert len(s.leaf_searchers()) == 3 and s.reader().has_deletions()
        q = parser.parse(text).query
        for limit in (1, 5, 20, 200):
            found = top_n(s, q, limit, min_postings=0)
            assert found is not None, text
            ranked, total = found
            _assert_same(ranked, _reference(s, q, limit), (text, limit))
            assert total in (None, count_matches(s, q)), text  # None: phrases not all checked
            if '"' not in text:
                assert total is not None, text


@pytest.mark.parametrize("text", ["market OR police OR election", "court OR bank OR trade OR union",
                                  "(market OR police OR army) shares", "pol* OR market OR court"])
def test_both_whoosh_union_kinds(gen_index, text):
    """Small segments use Whoosh's preloaded OR (left-to-right sums), large ones its
    weighted tree of unions: both are reproduced (forced here on the same corpus)."""
    parser = QueryParser()
    with windex.open_dir(str(gen_index)).searcher() as s:
        for kind in (wq.Or.DEFAULT_MATCHER, wq.Or.ARRAY_MATCHER):
            q = parser.parse(text).query
            _set_or_type(q, kind)
            ranked, total = top_n(s, q, 30, min_postings=0)
            _assert_same(ranked, _reference(s, q, 30), (text, kind))
            assert total == count_matches(s, q)


def test_ties_rank_by_document_number(gen_index):
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = QueryParser().parse("army").query
        ranked, _total = top_n(s, q, 200, min_postings=0)
        scores = [score for _d, score in ranked]
        assert len(set(scores)) < len(scores)  # there are ties to order
        for (d1, s1), (d2, s2) in zip(ranked, ranked[1:]):
            assert s1 > s2 or (s1 == s2 and d1 < d2)


@pytest.mark.parametrize("text", ['NOT "market police"', "title:[a TO c]", "NOT market"])
def test_other_shapes_are_left_to_whoosh(gen_index, text):
    with windex.open_dir(str(gen_index)).searcher() as s:
        assert top_n(s, QueryParser().parse(text).query, 10, min_postings=0) is None


def test_small_queries_skip_bulk_until_numpy_is_loaded(gen_index, monkeypatch):
    from index import lazynp

    monkeypatch.setattr(lazynp, "_np", None)
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = QueryParser().parse("army").query
        assert top_n(s, q, 10) is None  # a few hundred postings: Whoosh's matchers
        assert top_n(s, q, 10, min_postings=0) is not None


def test_engine_hits_follow_the_bulk_ranking(gen_index):
    """Through the engine (which the CLI and reader use): the same ids as Whoosh's ranking."""
    import threading

    from index.schema import text_analyzer
    from index.snippets import ResultStates, new_highlighter

    import index.postarrays as postarrays

    postarrays._numpy()  # bulk path on, whatever ran before
    # A bare Whoosh index (no docstore): the engine's search path without its opening checks.
    engine = WhooshEngine.__new__(WhooshEngine)
    engine._searcher = windex.open_dir(str(gen_index)).searcher()
    engine._parser = QueryParser(engine._searcher.schema)
    engine._lock = threading.RLock()
    engine._highlighter = new_highlighter()
    engine._analyzer = text_analyzer()
    engine._states = ResultStates()
    engine._parsed, engine._parsed_lock = OrderedDict(), threading.Lock()
    try:
        for text in ("market shares", "market OR police OR election", "pol* NOT market"):
            result = engine.search(text, limit=20, snippets=False, suggest=False)
            q = engine._parser.parse(text).query
            expected = [engine._searcher.stored_fields(d)["id"] for d, _s in _reference(engine._searcher, q, 20)]
            assert [h.id for h in result.hits] == expected, text
            assert result.total == count_matches(engine._searcher, q)
            assert not result.total_is_estimate
    finally:
        engine._searcher.close()
