"""FastPhrase and ColumnDateRange give what Whoosh's own Phrase and DateRange give.

A generated corpus (small vocabulary, so phrases are frequent; three segments, deletions,
undated articles) and the seeds. Compared: every matching document and its score, the
top N of a limited search, exact counts, and the sampled estimate ("about N").
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh import query as wq

from index import counting
from tui.main import main
from index.counting import count_matches, estimate_matches
from index.datefilter import ColumnDateRange
from index.phrase import FastPhrase
from index.query import QueryParser
from index.schema import build_schema
from index.search import WhooshEngine

WORDS = "united states stock market prime minister police report said the new york city".split()
PHRASES = [["unit", "state"], ["stock", "market"], ["new", "york", "citi"], ["polic", "polic"], ["report"]]
BASE = datetime(2010, 1, 1)


def _doc(rng: random.Random, n: int) -> dict:
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 70)))
    doc = {"id": f"d{n}", "title": " ".join(rng.choice(WORDS) for _ in range(4)), "body": body}
    if rng.random() > 0.1:  # some articles are undated
        doc["date"] = BASE + timedelta(days=rng.randint(0, 3000), hours=rng.randint(0, 23))
    return doc


@pytest.fixture(scope="module")
def gen_index(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("phrase_gen")
    ix = windex.create_in(str(path), build_schema())
    rng = random.Random(7)
    n = 0
    for _segment in range(3):
        with ix.writer() as w:
            for _ in range(250):
                w.add_document(**_doc(rng, n))
                n += 1
    with ix.writer() as w:  # deletions in every segment
        for k in range(0, n, 17):
            w.delete_by_term("id", f"d{k}")
    return path


def _all(searcher, q) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


def _phrase_pairs():
    for field in ("title", "body"):
        for words in PHRASES:
            yield wq.Phrase(field, words), FastPhrase(field, words)


def test_every_match_and_score_equals_whoosh_phrase(gen_index):
    with windex.open_dir(str(gen_index)).searcher() as s:
        assert len(s.leaf_searchers()) >= 3
        nonempty = 0
        for slow, fast in _phrase_pairs():
            expected = _all(s, slow)
            got = _all(s, fast)
            assert got.keys() == expected.keys(), slow
            for doc, score in expected.items():
                assert got[doc] == pytest.approx(score), (slow, doc)
            assert count_matches(s, fast) == len(expected), slow
            nonempty += bool(expected)
        assert nonempty >= 8  # the comparison is not vacuous


@pytest.mark.parametrize("limit", [1, 5, 20])
def test_top_n_equals_whoosh_best_phrase_hits(gen_index, limit):
    with windex.open_dir(str(gen_index)).searcher() as s:
        for slow, fast in _phrase_pairs():
            expected = sorted(_all(s, slow).items(), key=lambda p: (-p[1], p[0]))
            got = [(h.docnum, h.score) for h in s.search(fast, limit=limit)]
            assert [sc for _, sc in got] == pytest.approx([sc for _, sc in expected[:limit]]), slow
            truth = dict(expected)
            for doc, score in got:  # every hit really contains the phrase, with its score
                assert truth[doc] == pytest.approx(score)


def test_compound_queries_with_phrases(gen_index):
    cases = [
        lambda P: wq.Or([P("title", ["unit", "state"]), P("body", ["unit", "state"])]),
        lambda P: wq.And([P("body", ["stock", "market"]), wq.Term("body", "polic")]),
        lambda P: wq.AndNot(wq.Term("body", "report"), P("body", ["new", "york"])),
        lambda P: wq.And([wq.Term("body", "said"), wq.Not(P("body", ["prime", "minist"]))]),
    ]
    with windex.open_dir(str(gen_index)).searcher() as s:
        for make in cases:
            slow, fast = make(wq.Phrase), make(FastPhrase)
            expected = _all(s, slow)
            assert expected
            got = _all(s, fast)
            assert got.keys() == expected.keys(), slow
            assert count_matches(s, fast) == len(expected), slow
            assert estimate_matches(s, fast) == (len(expected), False), slow  # few candidates: exact


def test_estimate_when_there_are_many_candidates(gen_index, monkeypatch):
    monkeypatch.setattr(counting, "VERIFY_ALL", 10)
    monkeypatch.setattr(counting, "SAMPLE", 60)
    with windex.open_dir(str(gen_index)).searcher() as s:
        q = wq.Or([FastPhrase("title", ["unit", "state"]), FastPhrase("body", ["unit", "state"])])
        truth = len(_all(s, wq.Or([wq.Phrase("title", ["unit", "state"]), wq.Phrase("body", ["unit", "state"])])))
        candidates = count_matches(s, wq.Or([wq.And([wq.Term(f, "unit"), wq.Term(f, "state")]) for f in ("title", "body")]))
        total, estimated = estimate_matches(s, q)
        assert estimated and candidates > truth
        assert abs(total - truth) <= 0.25 * truth, (total, truth, candidates)
        # under NOT a phrase is always checked exactly
        neg = wq.AndNot(wq.Term("body", "said"), FastPhrase("body", ["unit", "state"]))
        slow_neg = wq.AndNot(wq.Term("body", "said"), wq.Phrase("body", ["unit", "state"]))
        assert estimate_matches(s, neg) == (len(_all(s, slow_neg)), False)


DATE_RANGES = [
    (datetime(2011, 1, 1), datetime(2012, 12, 31, 23, 59, 59)),
    (None, datetime(2011, 6, 1)),
    (datetime(2015, 3, 1), None),
    (datetime(2013, 5, 5), datetime(2013, 5, 5)),
    (datetime(1990, 1, 1), datetime(1991, 1, 1)),
]


def test_column_date_range_equals_whoosh_date_range(gen_index):
    with windex.open_dir(str(gen_index)).searcher() as s:
        known = sorted(f["date"] for f in s.all_stored_fields() if f.get("date"))[5:8]
        assert len(known) == 3
        for start, end in DATE_RANGES + [(known[0], known[0]), (known[0], known[2])]:
            for sx, ex in ((False, False), (True, True)):
                slow = wq.DateRange("date", start, end, startexcl=sx, endexcl=ex)
                fast = ColumnDateRange.of(slow)
                assert _all(s, fast) == _all(s, slow), (start, end)
                assert count_matches(s, fast) == len(_all(s, slow))
                for other in (wq.Term("body", "polic"), wq.Or([wq.Term("title", "market"), wq.Term("body", "market")])):
                    a, b = wq.And([other, slow]), wq.And([other, fast])
                    expected = _all(s, a)
                    got = _all(s, b)
                    assert got.keys() == expected.keys()
                    assert all(got[d] == pytest.approx(v) for d, v in expected.items())
                    top = [round(h.score, 6) for h in s.search(b, limit=5)]
                    assert top == [round(v, 6) for v in sorted(expected.values(), reverse=True)[:5]]
        # undated articles never match, even an open range
        assert len(_all(s, ColumnDateRange("date", None, None))) < s.doc_count()


def _kinds(q) -> set[type]:
    return {type(q)} | {k for c in q.children() for k in _kinds(c)} if not q.is_leaf() else {type(q)}


def test_parser_uses_the_fast_queries():
    kinds = _kinds(QueryParser().parse('"united states" police date:[2010-01 to 2012-12]').query)
    assert {FastPhrase, ColumnDateRange} <= kinds
    assert wq.Phrase not in kinds and wq.DateRange not in kinds
    assert wq.Phrase in _kinds(QueryParser().parse('"united states"~3').query)  # other slops: Whoosh's


def test_seed_phrases_match_whoosh(seed_index_text):
    engine = WhooshEngine(seed_index_text)
    try:
        s = engine._searcher
        for text in ('"prime minister"', '"united states"', '"islamic state"', '"the police"'):
            parsed = engine._parser.parse(text).query
            slow = parsed.accept(lambda n: wq.Phrase(n.fieldname, n.words) if isinstance(n, FastPhrase) else n)
            expected = sorted(_all(s, slow).items(), key=lambda p: (-p[1], p[0]))
            result = engine.search(text, limit=10, snippets=False)
            assert result.total == len(expected) and not result.total_is_estimate
            ids = {s.stored_fields(d)["id"]: sc for d, sc in expected}
            assert [h.score for h in result.hits] == pytest.approx([sc for _, sc in expected[:10]])
            assert all(h.id in ids for h in result.hits)
    finally:
        engine.close()


def test_cli_says_about_for_an_estimate(seed_index_text, capsys, monkeypatch):
    monkeypatch.setattr(counting, "VERIFY_ALL", 0)
    monkeypatch.setattr(counting, "SAMPLE", 6)
    assert main(["search", '"united states"', "--limit", "1", "--index", str(seed_index_text)]) == 0
    assert "of about " in capsys.readouterr().err
    monkeypatch.setattr(counting, "VERIFY_ALL", 1000)
    assert main(["search", '"united states"', "--limit", "1", "--index", str(seed_index_text)]) == 0
    assert "of about " not in capsys.readouterr().err
