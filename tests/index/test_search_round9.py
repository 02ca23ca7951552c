"""Round 9 of the search fast paths (the first search of a query), each against the path it
replaces: the per-segment tables loaded by the engine's first search (`index.segprep`),
the block index the hits' places bisect (`rawpostings.BlockIndex`), posting values asked
for after the bare arrays were cached, and the query parser kept per thread.
"""
from __future__ import annotations

import random
import threading
from collections import OrderedDict
from datetime import datetime, timedelta

import numpy as np
import pytest
from whoosh import index as windex
from whoosh import query as wq

import index.postarrays as postarrays
from index import lazynp, rawpostings, segprep, sidecar
from index.codec import FastCodec
from index.mapped import MappedFileStorage
from index.places import load_places_bulk
from index.query import QueryParser, _drop_nulls
from index.schema import build_schema, text_analyzer
from index.search import WhooshEngine
from index.snippets import ResultStates, load_places, new_highlighter
from index.storedfields import stored_table
from index.topn import length_params, top_n

WORDS = ("market police government share report state united minister stock price city "
         "election court bank trade union energy water school health army").split()


@pytest.fixture(scope="module")
def index_path(tmp_path_factory):
    """Three segments with deletions; frequent words span many 128-posting blocks."""
    path = tmp_path_factory.mktemp("round9_gen")
    ix = windex.create_in(str(path), build_schema())
    rng = random.Random(9)
    weights = [1 / (r + 1) ** 0.7 for r in range(len(WORDS))]
    n = 0
    for size in (900, 400, 60):
        with ix.writer(codec=FastCodec()) as w:
            for _ in range(size):
                doc = {"id": f"d{n}", "title": " ".join(rng.choices(WORDS, weights, k=rng.randint(1, 4))),
                       "body": " ".join(rng.choices(WORDS, weights, k=rng.randint(3, 60)))}
                if rng.random() > 0.2:  # some undated
                    doc["date"] = datetime(2010, 1, 1) + timedelta(days=rng.randint(0, 3000))
                w.add_document(**doc)
                n += 1
    with ix.writer() as w:
        for k in range(5, n, 11):
            w.delete_by_term("id", f"d{k}")
    return path


def _searcher(path):
    s = windex.FileIndex(MappedFileStorage(str(path))).searcher()
    assert len(s.leaf_searchers()) == 3 and s.reader().has_deletions()
    return s


@pytest.fixture(autouse=True)
def _fresh():
    lazynp.numpy()
    postarrays._CACHES.clear()
    yield
    postarrays._CACHES.clear()


def _engine(searcher) -> WhooshEngine:
    """The engine's search path over a bare Whoosh index (no docstore, no opening checks)."""
    engine = WhooshEngine.__new__(WhooshEngine)
    engine._searcher = searcher
    engine._parser = QueryParser(searcher.schema)
    engine._lock = threading.RLock()
    engine._highlighter = new_highlighter()
    engine._analyzer = text_analyzer()
    engine._states = ResultStates()
    engine._parsed, engine._parsed_lock = OrderedDict(), threading.Lock()
    return engine


# -- per-segment tables -----------------------------------------------------------------------


def test_the_first_search_loads_every_segments_tables(index_path):
    """A body-only first search (the reader's warm-up) leaves the title norms, stored-field
    tables and date columns of every segment loaded, equal to what the searches that need
    them compute on their own; the rankings do not change."""
    with _searcher(index_path) as s:
        engine = _engine(s)
        engine.search("body:market", limit=1, snippets=False, suggest=False)
        for sub, _o in s.leaf_searchers():
            cache = postarrays._cache(sub.reader())
            assert {key[0] for key in cache.norms} == {"title", "body"}
            assert cache.stored not in (None, False) and "date" in cache.dates
        prepared = {sub.reader()._segment.segment_id(): postarrays._cache(sub.reader()) for sub, _o in s.leaf_searchers()}
        got = {t: [h.id for h in engine.search(t, limit=15, snippets=False, suggest=False).hits]
               for t in ("market", "title:police", "stock OR army")}
    postarrays._CACHES.clear()
    with _searcher(index_path) as s:  # a second searcher: tables computed lazily, per search
        parser = QueryParser(s.schema)
        for text, ids in got.items():
            hits, _total = top_n(s, parser.parse(text).query, 15, min_postings=0)
            assert [s.stored_fields(d)["id"] for d, _score in hits] == ids, text
        for sub, _o in s.leaf_searchers():
            reader = sub.reader()
            before = prepared[reader._segment.segment_id()]
            for fieldname in ("title", "body"):
                B, K1, avgfl = length_params(s, fieldname)
                assert np.array_equal(postarrays._norm(reader, fieldname, B, K1, avgfl),
                                      before.norms[(fieldname, B, K1, avgfl)])
            colfile, base, starts, lengths = stored_table(reader)
            assert np.array_equal(starts, before.stored[2]) and np.array_equal(lengths, before.stored[3])
            assert np.array_equal(postarrays._dates(reader, "date"), before.dates["date"])


def test_tables_are_loaded_once_per_searcher(index_path, monkeypatch):
    calls = []
    real = segprep.prepare
    monkeypatch.setattr("index.search.prepare_segments", lambda s: calls.append(s) or real(s))
    with _searcher(index_path) as s:
        engine = _engine(s)
        for text in ("market", "police", "market"):
            engine.search(text, limit=5, snippets=False, suggest=False)
        assert calls == [s]
        other = s.refresh() if not s.up_to_date() else _searcher(index_path)
        engine._searcher = other
        engine.search("market", limit=5, snippets=False, suggest=False)
        assert calls == [s, other]
        other.close()


def test_prepare_waits_for_numpy(index_path):
    with _searcher(index_path) as s:
        saved = lazynp._np
        lazynp._np = None
        try:
            assert segprep.prepare(s) == 0
        finally:
            lazynp._np = saved
        assert segprep.prepare(s) == 3


# -- the block index of the hits' places --------------------------------------------------------


def test_block_index_equals_the_block_list(index_path):
    """For every term of every segment: as many blocks, the same largest ids, counts,
    compression and bytes as the full header walk."""
    with _searcher(index_path) as s:
        many = 0
        for sub, _o in s.leaf_searchers():
            reader = sub.reader()
            for fieldname in ("title", "body"):
                for btext, _info in reader.iter_field(fieldname):
                    ext = postarrays._term_extent(reader, fieldname, btext)
                    if ext is None:
                        continue
                    maxids: list[int] = []
                    blist = rawpostings.blocks(*ext, maxids=maxids)
                    index = rawpostings.BlockIndex(*ext)
                    assert len(index) == len(blist)
                    for b in reversed(range(len(blist))):  # any order: each header parsed alone
                        n, comp, data = index.block(b)
                        assert (n, comp, bytes(data)) == (blist[b][0], blist[b][1], bytes(blist[b][2]))
                        assert index.maxid(b) == maxids[b]
                    many = max(many, len(blist))
        assert many >= 4  # frequent words span several blocks


def test_a_damaged_block_header_is_reported_when_reached(index_path):
    with _searcher(index_path) as s:
        reader = s.leaf_searchers()[0][0].reader()
        buf, offset, length = postarrays._term_extent(reader, "body", b"market")
        raw = bytearray(bytes(memoryview(buf)[offset : offset + length]))
        index = rawpostings.BlockIndex(raw, 0, length)
        assert len(index) >= 3
        second = index._starts[1]
        raw[second + 4] = 0  # the second block's info no longer starts a pickle
        index = rawpostings.BlockIndex(bytes(raw), 0, length)
        assert index.maxid(0) == rawpostings.BlockIndex(buf, offset, length).maxid(0)
        with pytest.raises(rawpostings.FormatError):
            index.maxid(1)
        with pytest.raises(rawpostings.FormatError):
            rawpostings.blocks(bytes(raw), 0, length)


@pytest.mark.parametrize("text", ["market", "market police", "gov* state", '"united states"', "stock OR army"])
def test_places_over_many_blocks_equal_whooshs(index_path, text):
    """Hits spread over every segment and block: the places found by bisecting the block
    index equal those Whoosh's multi-segment postings give."""
    with _searcher(index_path) as s:
        q = QueryParser(s.schema).parse(text).query
        docnums = [h.docnum for h in s.search(q, limit=None)][::7]
        got = load_places_bulk(s, "body", q, docnums)
        assert got is not None and len(docnums) > 10
        leaves = s.leaf_searchers()
        for doc in docnums:
            sub, _offset = max((leaf for leaf in leaves if leaf[1] <= doc), key=lambda leaf: leaf[1])
            from index.query import positive_terms

            terms = sorted({t for f, t in positive_terms(q, sub.reader()) if f == "body"})
            assert got[doc] == load_places(s, "body", terms, [doc])[doc], (text, doc)


# -- values asked for after the bare arrays ------------------------------------------------------


def test_values_after_cached_arrays_equal_a_fresh_read(index_path, monkeypatch):
    """Ids, weights and positions of a term read first without values (the ranking), then
    with them (the phrase check) equal a read with values straight away, with and
    without sidecar positions."""
    monkeypatch.setattr(sidecar, "MIN_DF", 20)
    work = index_path.parent / "round9_sidecars"
    if not work.exists():
        import shutil

        shutil.copytree(index_path, work / "whoosh")
        sidecar.write_sidecars(work)
    decode = None
    for with_sidecar in (True, False):
        path = work / "whoosh" if with_sidecar else index_path
        with _searcher(path) as s:
            for sub, _o in s.leaf_searchers():
                reader = sub.reader()
                decode = decode or __import__("index.phrase", fromlist=["decoder"]).decoder(reader.schema["body"].format)
                for btext in (b"market", b"polic", b"armi"):
                    postarrays._CACHES.clear()
                    ids1, w1 = postarrays._read_postings(reader, "body", btext)
                    ids2, w2, vals2 = postarrays._read_postings(reader, "body", btext, values=True)
                    postarrays._CACHES.clear()
                    ids3, w3, vals3 = postarrays._read_postings(reader, "body", btext, values=True)
                    assert np.array_equal(ids1, ids3) and np.array_equal(ids2, ids3)
                    assert np.array_equal(w1, w3) and np.array_equal(w2, w3)
                    assert len(vals2) == len(vals3) == len(ids3)

                    def pos(vals, i):
                        return vals.positions(i) if type(vals) is sidecar.SidecarPositions else decode(vals[i])

                    assert [pos(vals2, i) for i in range(len(ids3))] == [pos(vals3, i) for i in range(len(ids3))]
                    if with_sidecar and btext == b"market":
                        assert type(vals2) is sidecar.SidecarPositions


# -- the parser ---------------------------------------------------------------------------------


QUERIES = ["market", "stock marke", '"prime minister" OR gov*', "banc~ title:crisis", "police date:2015",
           "date:nonsense syria", "date:[2010-01 to 2012-12] market", "person:\"James Baal\" NOT army", "date:today"]


def test_a_reused_parser_parses_as_a_new_one():
    parser = QueryParser()
    for _round in range(2):
        for text in QUERIES:
            fresh = QueryParser().parse(text)
            again = parser.parse(text)
            assert (repr(again.query), again.error, again.words) == (repr(fresh.query), fresh.error, fresh.words), text
    assert parser.parse("date:nonsense syria").error
    assert parser.parse("syria").error is None  # no date error carried over


def test_parsers_in_threads_report_their_own_date_errors():
    parser = QueryParser()
    expected = {t: (repr(QueryParser().parse(t).query), QueryParser().parse(t).error) for t in QUERIES}
    wrong: list[str] = []

    def work(texts):
        for _ in range(15):
            for t in texts:
                got = parser.parse(t)
                if (repr(got.query), got.error) != expected[t]:
                    wrong.append(t)

    threads = [threading.Thread(target=work, args=(QUERIES[k:] + QUERIES[:k],)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong


def test_drop_nulls_copies_only_what_it_changes():
    q = QueryParser().parse("market police OR army").query
    assert _drop_nulls(q) is q
    broken = wq.And([wq.Term("body", "syria"), wq.NullQuery, wq.Or([wq.Term("body", "a"), wq.NullQuery])])
    cleaned = _drop_nulls(broken)
    assert cleaned == wq.And([wq.Term("body", "syria"), wq.Or([wq.Term("body", "a")])])
    assert len(broken.subqueries) == 3  # the original is left as it was
    assert _drop_nulls(wq.Not(wq.NullQuery)) is wq.NullQuery
    kept = wq.Not(wq.Term("body", "x"))
    assert _drop_nulls(kept) is kept


# -- block unpickling -------------------------------------------------------------------------


def test_blocks_unpickle_as_pickle_loads_them(index_path):
    """Every block of every term (positions and characters values, ids, weights) comes out
    of `unpickle_block` equal to `pickle.loads`, through the protocol-4 path."""
    import pickle
    import zlib

    fast = 0
    with _searcher(index_path) as s:
        for sub, _o in s.leaf_searchers():
            reader = sub.reader()
            for fieldname in ("title", "body"):
                for btext, _info in reader.iter_field(fieldname):
                    ext = postarrays._term_extent(reader, fieldname, btext)
                    if ext is None:
                        continue
                    for _n, comp, data in rawpostings.blocks(*ext):
                        raw = zlib.decompress(data) if comp else bytes(data)
                        got = rawpostings.unpickle_block(raw)
                        assert got == pickle.loads(raw) and type(got) is tuple
                        assert all(type(v) is bytes for v in got[2])
                        fast += raw.count(rawpostings._CODECS_ENCODE) == 1
    assert fast > 100


@pytest.mark.parametrize("values", [
    (b"\x00\x01\xff", b"", b"x" * 300),
    (b"c_codecs\nencode\n", b"abc"),  # the global's bytes inside a value: two occurrences
    ("text", b"\x80\x02"),  # a str among the values
])
def test_unusual_blocks_unpickle_as_pickle_loads_them(values):
    import pickle

    raw = pickle.dumps(([1, 2], [1.0, 2.0], values), 2)
    assert rawpostings.unpickle_block(raw) == pickle.loads(raw)


def test_streams_the_fast_path_cannot_read_fall_back():
    import pickle

    base = pickle.dumps(([1], None, (b"ab\xff",)), 2)
    assert base.count(rawpostings._CODECS_ENCODE) == 1
    rot = base.replace(b"latin1", b"rot13\x00"[:6]) if b"latin1" in base else base
    for raw in (base, rot, base.replace(b"\x80\x02", b"\x80\x03", 1)):
        try:
            expected = pickle.loads(raw)
        except Exception as exc:  # the same failure either way
            with pytest.raises(type(exc)):
                rawpostings.unpickle_block(raw)
        else:
            assert rawpostings.unpickle_block(raw) == expected
    py2 = pickle.dumps(({1, 2}, (b"\xfe",)), 2).replace(b"cbuiltins\nset\n", b"c__builtin__\nset\n")
    assert rawpostings.unpickle_block(py2) == pickle.loads(py2) == ({1, 2}, (b"\xfe",))


def test_a_segment_whose_tables_fail_is_left_to_the_searches(index_path, monkeypatch):
    """Preparing is a head start only: a table that cannot be loaded skips its segment, and
    the search (which loads what it needs itself) still answers as Whoosh does."""
    with _searcher(index_path) as s:
        first = s.leaf_searchers()[0][0].reader()
        real = postarrays._dates

        def broken(reader, fieldname):
            if reader is first:
                raise OSError("unreadable column")
            return real(reader, fieldname)

        monkeypatch.setattr(postarrays, "_dates", broken)
        assert segprep.prepare(s) == 2
        monkeypatch.setattr(postarrays, "_dates", real)
        engine = _engine(s)
        result = engine.search("market police", limit=10, snippets=False, suggest=False)
        expected, _total = top_n(s, QueryParser(s.schema).parse("market police").query, 10, min_postings=0)
        assert [h.id for h in result.hits] == [s.stored_fields(d)["id"] for d, _score in expected]
        assert result.error is None
