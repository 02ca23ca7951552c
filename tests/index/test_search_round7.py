"""Round 7 of the search fast paths, each against the slow path it replaces: the term
table read in bulk (prefix and fuzzy expansion), the one-edit distance shortcut, postings
of one- and two-document terms from their term info, stored fields, the date range over
the column, the remembered phrase checks, and the hits' word places read per segment.

A generated corpus (near-miss and non-ASCII words, three segments with deletions, undated
articles) written by Whoosh's own writer and opened as the engine opens it (mapped).
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh import query as wq

import index.postarrays as postarrays
from index import lazynp, phrasecheck, rawpostings
from index.datefilter import ColumnDateRange, date_docs
from index.lexicon import prefix_range
from index.mapped import MappedFileStorage
from index.places import load_places_bulk
from index.expansion import distance_within, fuzzy_from_lexicon, prefix_from_lexicon
from index.query import CappedFuzzy, CappedPrefix, QueryParser, edit_distance, positive_terms
from index.schema import build_schema
from index.snippets import load_places
from index.storedfields import stored_fields
from index.postarrays import _date_ids

WORDS = ("bank band bang bane banks banco bänk bänke bañk hand land sand lane cane market marked "
         "marker markets police united states stock said city report straße strasse stra naïve "
         "naive 日本 日本語 zeal").split()
WEIGHTS = [1 / (rank + 1) ** 0.6 for rank in range(len(WORDS))]
BASE = datetime(2010, 1, 1)


def _doc(rng: random.Random, n: int) -> dict:
    rare = f"rare{n % 37}x{n}"  # a term in one or two documents: info-only postings
    body = " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(5, 40)) + [rare] * rng.randint(1, 2))
    doc = {"id": f"d{n}", "title": " ".join(rng.choices(WORDS, WEIGHTS, k=rng.randint(1, 4))), "body": body}
    if rng.random() > 0.15:
        doc["date"] = BASE + timedelta(days=rng.randint(0, 1500))
    return doc


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    path = tmp_path_factory.mktemp("round7_gen")
    ix = windex.create_in(str(path), build_schema())
    rng = random.Random(7)
    n = 0
    for size in (240, 180, 70):
        with ix.writer() as w:
            for _ in range(size):
                w.add_document(**_doc(rng, n))
                n += 1
    with ix.writer() as w:
        for k in range(3, n, 13):
            w.delete_by_term("id", f"d{k}")
    s = windex.FileIndex(MappedFileStorage(str(path))).searcher()
    assert len(s.leaf_searchers()) == 3 and s.reader().has_deletions()
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _numpy_loaded():
    lazynp.numpy()


def _leaves(s):
    return [sub.reader() for sub, _o in s.leaf_searchers()]


def _slow(fn):
    """Run `fn` as if numpy were not loaded yet: the fast paths step aside."""
    saved = lazynp._np
    lazynp._np = None
    try:
        return fn()
    finally:
        lazynp._np = saved


# -- the term table ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["b", "ba", "ban", "bä", "m", "mar", "日", "stra", "zz", "", "rare1"])
def test_prefix_range_matches_whoosh_iteration(searcher, prefix):
    for r in _leaves(searcher):
        for field in ("title", "body"):
            expected = list(r.expand_prefix(field, prefix))
            terms = prefix_range(r, field, prefix.encode())
            assert terms is not None
            everything = lazynp.numpy().arange(terms.count)
            assert terms.term_bytes(everything) == expected
            lengths = [len(b.decode()) for b in expected]
            assert terms.char_lengths().tolist() == lengths
            assert terms.doc_frequencies(everything).tolist() == [r.doc_frequency(field, b) for b in expected]
            assert len(prefix_range(r, field, prefix.encode(), 3).term_bytes(everything[:3])) == min(3, len(expected))


def test_foreign_chars_is_a_lower_bound_of_the_distance(searcher):
    r = _leaves(searcher)[0]
    terms = prefix_range(r, "body", b"")
    which = lazynp.numpy().arange(terms.count)
    for query in ("bank", "bänk", "straße", "日本", "naive"):
        counts = terms.foreign_chars(which, query.encode())
        for word, count in zip(terms.term_bytes(which), counts.tolist()):
            assert count <= edit_distance(query, word.decode())


@pytest.mark.parametrize("word,dist", [("banc", 1), ("bank", 1), ("bänk", 1), ("banko", 2), ("straße", 1),
                                       ("strase", 2), ("naïv", 1), ("日本", 1), ("marke", 1), ("zzzz", 2),
                                       ("rare1x", 2), ("b", 1)])
def test_fuzzy_expansion_equals_the_term_by_term_scan(searcher, word, dist):
    for r in _leaves(searcher):
        for field in ("title", "body"):
            q = CappedFuzzy(field, word, maxdist=dist, prefixlength=1)
            fast = fuzzy_from_lexicon(r, field, word, dist, 1, r.schema[field].from_bytes)
            assert fast is not None
            assert fast == _slow(lambda: q._expand(r)), (field, word)


@pytest.mark.parametrize("literal", ["ban", "mar", "bän", "日本", "sta", "rar", "qqq"])
def test_prefix_expansion_equals_the_term_by_term_scan(searcher, literal, monkeypatch):
    import index.query as query

    for cap in (64, 3):  # 3: the cap bites, ties broken by term order
        monkeypatch.setattr(query, "MAX_EXPANSION", cap)
        for r in _leaves(searcher):
            for field in ("title", "body"):
                fast = prefix_from_lexicon(r, field, literal)
                assert fast is not None
                assert fast == _slow(lambda: CappedPrefix(field, literal)._expand(r)), (field, literal, cap)


@settings(max_examples=400, deadline=None)
@given(st.text("abcé日", max_size=7), st.text("abcé日", max_size=7))
def test_one_edit_shortcut_equals_the_edit_distance(a, b):
    assert distance_within(a, b, 1) == edit_distance(a, b, 1)


# -- postings, stored fields, dates -----------------------------------------------------------


def test_tiny_postings_from_the_term_info_equal_the_blocks(searcher):
    np = lazynp.numpy()
    tiny = 0
    for r in _leaves(searcher):
        for field in ("title", "body"):
            for b in r.lexicon(field):
                info, ext = postarrays._info_extent(r, field, b)
                found = postarrays._tiny(info)
                if found is None:
                    continue
                tiny += 1
                ids, w, _blocks = rawpostings.decode(*ext)
                assert np.array_equal(found[0], ids) and np.array_equal(found[1], w), (field, b)
    assert tiny > 100


def test_stored_fields_equal_whoosh(searcher):
    for docnum in range(searcher.doc_count_all()):
        assert stored_fields(searcher, docnum) == searcher.stored_fields(docnum)


@pytest.mark.parametrize("text", ["date:2011", "date:[2010-03 to 2012-06]", "date:[2013 to]", "date:[to 2010-02]",
                                  "date:2010-01-01", "date:1999"])
def test_date_ids_from_the_column_equal_date_docs(searcher, text):
    q = QueryParser(searcher.schema).parse(text).query
    q = next(n for n in [q, *q.leaves()] if isinstance(n, ColumnDateRange))
    for excl in ((False, False), (True, False), (False, True)):
        q.startexcl, q.endexcl = excl
        for r in _leaves(searcher):
            assert _date_ids(r, q).tolist() == list(date_docs(r, q))


# -- phrases and places -----------------------------------------------------------------------


def test_remembered_phrase_checks_answer_as_fresh_ones(searcher):
    np = lazynp.numpy()
    q = QueryParser(searcher.schema).parse('body:"united states"').query
    for r in _leaves(searcher):
        everything = np.arange(r.doc_count_all(), dtype=np.int64)
        postarrays._cache(r).phrases.clear()
        full = phrasecheck.phrase_docs(r, q, everything)
        rng = random.Random(3)
        for _ in range(6):
            postarrays._cache(r).phrases.clear()
            pieces = [np.array(sorted(rng.sample(range(len(everything)), 40)), dtype=np.int64) for _ in range(3)]
            for docs in pieces:  # overlapping pieces: part remembered, part checked now
                assert phrasecheck.phrase_docs(r, q, docs).tolist() == full[np.isin(full, docs)].tolist()


@pytest.mark.parametrize("text", ["bank", "bank hand", "ban*", "bänk", "banc~", '"united states"', "mark* police",
                                  "sand NOT bank", "title:bank", "straße OR 日本"])
def test_places_per_segment_equal_the_multireader_places(searcher, text):
    """The places read per segment equal those read through Whoosh's multi-segment
    postings for the terms the hit's segment expands the query to; for plain words, those
    are the hit's own matched terms of a terms=True search (what Whoosh's pinpoint
    highlighter loads). Whoosh reports no matched terms for prefix and fuzzy unions."""
    q = QueryParser(searcher.schema).parse(text).query
    results = searcher.search(q, limit=40, terms=True)
    docnums = [h.docnum for h in results]
    got = load_places_bulk(searcher, "body", q, docnums)
    assert got is not None and docnums
    leaves = searcher.leaf_searchers()
    plain = not any(isinstance(n, wq.MultiTerm) for n in q.leaves())
    for hit in results:
        sub, offset = max((leaf for leaf in leaves if leaf[1] <= hit.docnum), key=lambda leaf: leaf[1])
        terms = sorted({t for f, t in positive_terms(q, sub.reader()) if f == "body"})
        expected = load_places(searcher, "body", terms, [hit.docnum])[hit.docnum]
        assert got[hit.docnum] == expected, (text, hit["id"])
        if plain:
            assert set(got[hit.docnum]) == {t.decode() for f, t in hit.matched_terms() if f == "body"}


def test_remembered_results_follow_a_new_searcher_over_the_same_readers(tmp_path):
    """Subquery results are remembered per top searcher: a searcher over a newer index
    that shares segment readers with an older one (Whoosh's `refresh(reuse=...)` means to
    reuse them) still scores with its own statistics (idf, average lengths)."""
    from whoosh.reading import MultiReader
    from whoosh.searching import Searcher

    from index.topn import rank

    ix = windex.create_in(str(tmp_path), build_schema())
    rng = random.Random(11)
    for part in (range(0, 150), range(150, 200)):
        w = ix.writer()
        for n in part:
            w.add_document(**_doc(rng, n))
        w.commit(merge=False)
    s1 = windex.FileIndex(MappedFileStorage(str(tmp_path))).searcher()
    q = QueryParser(s1.schema).parse("bank hand").query
    first = rank(s1, q, 10, min_postings=0)
    assert rank(s1, q, 10, min_postings=0).hits == first.hits  # remembered: the same answer
    w = ix.writer()  # a third segment: idf and average lengths change
    for n in range(200, 300):
        w.add_document(**_doc(rng, n))
    w.commit(merge=False)
    fresh = windex.FileIndex(MappedFileStorage(str(tmp_path))).searcher()
    old = [sub.reader() for sub, _o in s1.leaf_searchers()]
    new = [sub.reader() for sub, _o in fresh.leaf_searchers()]
    assert len(new) == 3 and [r.segment().segment_id() for r in old] == [r.segment().segment_id() for r in new[:2]]
    s2 = Searcher(MultiReader(old + new[2:]), closereader=False)
    again, expected = rank(s2, q, 10, min_postings=0), rank(fresh, q, 10, min_postings=0)
    assert again.hits == expected.hits and again.total == expected.total
    assert again.hits != first.hits
    s1.close()
    fresh.close()


def test_forget_all_drops_remembered_results_and_the_answer_stays(searcher):
    """Benchmarks call forget_all() to time computed searches: it empties the store, and
    the next search computes the same answer again."""
    from index.remembered import forget_all, remembered
    from index.topn import rank

    q = QueryParser(searcher.schema).parse("bank OR hand").query
    first = rank(searcher, q, 10, min_postings=0)
    assert remembered(searcher).items, "nothing was remembered: the test tests nothing"
    forget_all()
    assert not remembered(searcher).items
    again = rank(searcher, q, 10, min_postings=0)
    assert again.hits == first.hits and again.total == first.total


def test_relative_date_queries_are_parsed_again_each_time(tmp_path, monkeypatch):
    """'date:today' becomes fixed timestamps when parsed: a reader left open past midnight
    must not keep searching yesterday, so date queries are never taken from the parse cache."""
    from index.search import WhooshEngine
    from index.indexer import index_paths

    src = tmp_path / "a.txt"
    src.write_text("Title\n\nA body about zebras.\n", encoding="utf-8")
    index_paths(tmp_path / "ix", [src], extract=False)
    with WhooshEngine(tmp_path / "ix") as engine:
        calls: list[str] = []
        parse = engine._parser.parse
        monkeypatch.setattr(engine._parser, "parse", lambda text: (calls.append(text), parse(text))[1])
        engine.search("zebras date:today")
        engine.search("zebras date:today")
        engine.search("zebras")
        engine.search("zebras")
        assert calls.count("zebras date:today") == 2
        assert calls.count("zebras") == 1
