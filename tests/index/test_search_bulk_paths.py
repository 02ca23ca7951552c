"""Round 5 of the bulk scorer: fuzzy terms, date-sorted searches, phrase totals, warm-up.

A generated corpus with near-miss words (so a fuzzy word expands to several index terms),
frequent phrases, undated articles, three segments with deletions. References are Whoosh's
own results: its full ranking (`limit=None`) for scores, its sorted collector
(`sortedby="date", reverse=True`) for date order, and `count_matches` for totals.
"""
from __future__ import annotations

import random
import threading
from collections import OrderedDict
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh import query as wq

import index.postarrays as postarrays
from index import counting, lazynp
from index.counting import count_matches
from index.query import CappedFuzzy, QueryParser
from index.schema import build_schema, text_analyzer
from index.search import WhooshEngine
from index.snippets import ResultStates, new_highlighter
from index.topn import rank, top_n

WORDS = ("bank band bang bane banks hand land sand lane cane market police united states "
         "stock said city report").split()
WEIGHTS = [1 / (rank + 1) ** 0.7 for rank in range(len(WORDS))]
BASE = datetime(2010, 1, 1)

FUZZY = ["banc~", "bane~ hand", "lamd~^2 OR sand", "title:banc~", "bamk~ NOT hand", "sanf~ police",
         "banc~2", "zzzz~"]
SORTED = ["market", "bank hand", "ban* OR lane", '"united states"', '"stock market" police', "banc~",
          "police date:[2011 to 2013]", 'sand NOT cane', 'sand NOT "united states"', "nosuchword", '"united states" OR cane']


def _doc(rng: random.Random, n: int) -> dict:
    body = " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(8, 50)))
    doc = {"id": f"d{n}", "title": " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(1, 4))), "body": body}
    if rng.random() > 0.15:  # undated articles sort last
        doc["date"] = BASE + timedelta(days=rng.randint(0, 1500))  # many equal dates: ties
    return doc


@pytest.fixture(scope="module")
def gen_index(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bulk5_gen")
    ix = windex.create_in(str(path), build_schema())
    rng = random.Random(5)
    n = 0
    for size in (260, 200, 90):
        with ix.writer() as w:
            for _ in range(size):
                w.add_document(**_doc(rng, n))
                n += 1
    with ix.writer() as w:
        for k in range(5, n, 11):
            w.delete_by_term("id", f"d{k}")
    return path


@pytest.fixture(autouse=True)
def _numpy_loaded():
    postarrays._numpy()  # the bulk path on, whatever ran before


def _reference(searcher, q, limit):
    return [(h.docnum, h.score) for h in searcher.search(q, limit=None)][:limit]


def _assert_same(got, expected, label):
    assert [d for d, _s in got] == [d for d, _s in expected], label
    for (_d, a), (_e, b) in zip(got, expected):
        assert a == pytest.approx(b, abs=1e-9), label


# -- fuzzy ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", FUZZY)
def test_fuzzy_bulk_equals_whoosh_ranking(gen_index, text):
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = QueryParser().parse(text).query
        for limit in (1, 5, 20, 300):
            found = top_n(s, q, limit, min_postings=0)
            assert found is not None, text
            ranked, total = found
            _assert_same(ranked, _reference(s, q, limit), (text, limit))
            assert total == count_matches(s, q), text


def test_fuzzy_ranking_is_the_scored_union_of_its_expansion(gen_index):
    """The defined ranking: the OR of the expanded terms, each BM25F, times the boost; the
    same in every segment (Whoosh scored 1.0 per match in small segments, BM25F in big)."""
    with windex.open_dir(str(gen_index)).searcher() as s:
        for boost in (1.0, 2.5):
            fuzzy = CappedFuzzy("body", "banc", boost=boost, maxdist=1)
            expanded = {b for sub, _o in s.leaf_searchers() for b in fuzzy._btexts(sub.reader())}
            assert len(expanded) >= 4  # bank band bang bane: a real union
            union = wq.Or([wq.Term("body", b) for b in sorted(expanded)], boost=boost)
            union.matcher_type = wq.Or.DEFAULT_MATCHER
            expected = _reference(s, union, 10_000)
            got, total = top_n(s, fuzzy, 10_000, min_postings=0)
            _assert_same(got, expected, boost)
            assert total == len(expected)
            assert len({round(sc, 9) for _d, sc in got}) > 10  # scored, not a constant 1.0


def test_fuzzy_single_expansion_keeps_its_boost(gen_index):
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = CappedFuzzy("body", "cane", boost=3.0, maxdist=1, prefixlength=2)  # only 'cane'
        assert {b for sub, _o in s.leaf_searchers() for b in q._btexts(sub.reader())} == {b"cane"}
        plain = {d: sc for d, sc in _reference(s, wq.Term("body", "cane"), 10_000)}
        for d, sc in _reference(s, q, 10_000):
            assert sc == pytest.approx(3.0 * plain[d])


# -- sorted by date ---------------------------------------------------------------------------


def _by_date(searcher, q, limit):
    return [h.docnum for h in searcher.search(q, limit=limit, sortedby="date", reverse=True)]


@pytest.mark.parametrize("text", SORTED)
def test_date_sorted_bulk_equals_whoosh_sorted_collector(gen_index, text):
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = QueryParser().parse(text).query
        for limit in (1, 7, 20, 600):
            found = rank(s, q, limit, sort="date", min_postings=0)
            assert found is not None, text
            assert [d for d, _sc in found.hits] == _by_date(s, q, limit), (text, limit)
            assert not found.estimated and found.total == count_matches(s, q), text


def test_date_ties_and_undated_articles_are_covered(gen_index):
    with windex.open_dir(str(gen_index)).searcher() as s:
        dates = [s.stored_fields(d).get("date") for d in _by_date(s, wq.Term("body", "said"), None)]
        assert None in dates[-5:]  # undated last
        dated = [d for d in dates if d]
        assert len(dated) > len(set(dated))  # equal dates: ordered by document number


# -- phrase totals ----------------------------------------------------------------------------


PHRASES = ['"united states"', '"stock market"', '"united states" police', '"bank hand" OR cane',
           'title:"united states"', '"said city report"']


@pytest.mark.parametrize("text", PHRASES)
def test_phrase_totals_exact_when_candidates_are_few(gen_index, text):
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = QueryParser().parse(text).query
        found = rank(s, q, 5, min_postings=0)
        _assert_same(found.hits, _reference(s, q, 5), text)
        assert (found.total, found.estimated) == (count_matches(s, q), False), text


def test_phrase_totals_estimated_from_a_sample(gen_index, monkeypatch):
    monkeypatch.setattr(counting, "VERIFY_ALL", 10)
    monkeypatch.setattr(counting, "SAMPLE", 90)
    with windex.open_dir(str(gen_index)).searcher() as s:
        for text in ('"united states"', '"stock market" OR cane'):
            q = QueryParser().parse(text).query
            truth = count_matches(s, q)
            found = rank(s, q, 5, min_postings=0)
            _assert_same(found.hits, _reference(s, q, 5), text)  # the ranking stays exact
            assert found.estimated, text
            assert abs(found.total - truth) <= 0.2 * truth, (text, found.total, truth)
        words = count_matches(s, QueryParser().parse("united states").query)
        assert words > 1.3 * count_matches(s, QueryParser().parse('"united states"').query)  # not vacuous


# -- the engine -------------------------------------------------------------------------------


def _engine(path: Path) -> WhooshEngine:
    """A bare Whoosh index (no docstore): the engine's search path without its opening checks."""
    engine = WhooshEngine.__new__(WhooshEngine)
    engine._searcher = windex.open_dir(str(path)).searcher()
    engine._parser = QueryParser(engine._searcher.schema)
    engine._lock = threading.RLock()
    engine._highlighter = new_highlighter()
    engine._analyzer = text_analyzer()
    engine._states = ResultStates()
    engine._parsed, engine._parsed_lock = OrderedDict(), threading.Lock()
    return engine


def test_engine_date_sort_and_fuzzy(gen_index):
    engine = _engine(gen_index)
    try:
        s = engine._searcher
        for text in ("bank hand", '"united states"', "banc~"):
            q = engine._parser.parse(text).query
            result = engine.search(text, limit=20, sort="date", snippets=False, suggest=False)
            assert [h.id for h in result.hits] == [s.stored_fields(d)["id"] for d in _by_date(s, q, 20)]
            assert result.total == count_matches(s, q)
        result = engine.search("banc~", limit=20, snippets=False, suggest=False)
        q = engine._parser.parse("banc~").query
        assert [h.id for h in result.hits] == [s.stored_fields(d)["id"] for d, _sc in _reference(s, q, 20)]
    finally:
        s.close()


def test_warm_loads_arrays_and_is_safe_beside_searches(gen_index, monkeypatch):
    engine = _engine(gen_index)
    try:
        expected = engine.search("market police", limit=10, snippets=False, suggest=False)
        postarrays._CACHES.clear()
        monkeypatch.setattr(lazynp, "_np", None)
        results = []

        def searching():
            for _ in range(20):
                results.append(engine.search("market police", limit=10, snippets=False, suggest=False))

        t = threading.Thread(target=searching)
        t.start()
        loaded = engine.warm()
        t.join()
        assert lazynp.loaded()
        assert loaded > 0
        for sub, _o in engine._searcher.leaf_searchers():
            cache = postarrays._CACHES[sub.reader()]
            assert {"title", "body"} <= cache.lengths.keys()
            assert (("body", "market".encode()) in cache.postings) or (("body", b"said") in cache.postings)
        assert all([h.id for h in r.hits] == [h.id for h in expected.hits] for r in results)
    finally:
        engine._searcher.close()


def test_cache_bound_holds_with_posting_values(gen_index, monkeypatch):
    """Phrases keep posting values beside the arrays; they count against the bound and
    eviction keeps results right."""
    monkeypatch.setattr(postarrays, "CACHE_POSTINGS", 3000)
    postarrays._CACHES.clear()
    postarrays._cached_total[0] = 0
    evictions = []
    evict = postarrays._evict
    monkeypatch.setattr(postarrays, "_evict", lambda: (evictions.append(1), evict()))
    with windex.open_dir(str(gen_index)).searcher() as s:
        for text in ('"united states"', "market police", '"stock market" police', "banc~", '"united states"'):
            q = QueryParser().parse(text).query
            found = rank(s, q, 10, min_postings=0)
            _assert_same(found.hits, _reference(s, q, 10), text)
            assert postarrays._cached_total[0] <= 3000
        sizes = sum(postarrays._cost(e) for c in postarrays._CACHES.values() for e in c.postings.values())
        assert sizes == postarrays._cached_total[0]
        assert any(e[2] is not None for c in postarrays._CACHES.values() for e in c.postings.values())
        assert evictions, "the bound was never reached: the test proves nothing"
