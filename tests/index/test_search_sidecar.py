"""Sidecar arrays of frequent terms (index.sidecar): written once per segment at index time,
mapped by readers, equal to the decoded posting blocks; anything wrong with a sidecar makes
the reader decode the blocks instead, with the same results."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as windex

from index import postarrays, rawpostings, sidecar
from index.codec import FastCodec
from index.phrase import decoder
from index.query import QueryParser
from index.schema import build_schema
from index.store import open_whoosh
from index.topn import top_n

WORDS = ("market police government share report state united minister stock price city "
         "election court bank trade union energy water school health army").split()
QUERIES = ["market", "police government", "market OR army", "market NOT police", "gov* share",
           '"market police"', "title:market state"]


def _build(path: Path) -> Path:
    wdir = path / "whoosh"
    wdir.mkdir()
    ix = windex.create_in(str(wdir), build_schema())
    rng = random.Random(3)
    weights = [1 / (r + 1) for r in range(len(WORDS))]
    n = 0
    for size in (700, 500):
        with ix.writer(codec=FastCodec()) as w:
            for _ in range(size):
                w.add_document(id=f"d{n}", title=" ".join(rng.choices(WORDS, weights, k=rng.randint(1, 4))),
                               body=" ".join(rng.choices(WORDS, weights, k=rng.randint(3, 70))) + f" q{n % 15}")
                n += 1
    with ix.writer() as w:
        for k in range(4, n, 9):
            w.delete_by_term("id", f"d{k}")
    return path


@pytest.fixture()
def index_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(sidecar, "MIN_DF", 20)  # small segments: lower the floor
    return _build(tmp_path)


def _files(index_dir: Path) -> list[Path]:
    return sorted((index_dir / "whoosh").glob("*" + sidecar.SIDECAR_EXT))


def _rankings(index_dir: Path) -> dict:
    ix = open_whoosh(index_dir)
    out = {}
    with ix.searcher() as searcher:
        parser = QueryParser()
        for text in QUERIES:
            found = top_n(searcher, parser.parse(text).query, 10, min_postings=0)
            assert found is not None, text
            out[text] = found
    postarrays._CACHES.clear()
    return out


def _leaf_arrays(index_dir: Path):
    """{(segment, field, term): (ids, weights)} straight from the posting blocks."""
    ix = open_whoosh(index_dir)
    out = {}
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leafreaders:
            for field in ("title", "body"):
                for btext, _info in leaf.iter_field(field):
                    m = leaf.postings(field, btext)
                    m = getattr(m, "child", m)
                    ids, w, _ = rawpostings.decode(*postarrays._extent(m))
                    out[(leaf._segment.segment_id(), field, btext)] = (ids, w)
    return out


def test_sidecars_hold_the_frequent_terms_exactly(index_dir):
    assert sidecar.write_sidecars(index_dir) == 2
    files = _files(index_dir)
    assert len(files) == 2
    expected = _leaf_arrays(index_dir)
    ix = open_whoosh(index_dir)
    with ix.searcher() as searcher:
        covered = 0
        for leaf, _ in searcher.leafreaders:
            threshold = max(sidecar.MIN_DF, int(sidecar.MIN_SHARE * leaf.doc_count_all()))
            for field in ("title", "body"):
                for btext, info in leaf.iter_field(field):
                    got = sidecar.sidecar_arrays(leaf, field, btext)
                    if info.doc_frequency() < threshold:
                        assert got is None
                        continue
                    ids, w = expected[(leaf._segment.segment_id(), field, btext)]
                    assert got is not None and got[0].dtype == np.int64 and got[1].dtype == np.float64
                    assert got[0].tolist() == ids.tolist() and got[1].tolist() == w.tolist()
                    covered += 1
        assert covered > 30


def test_rankings_are_the_same_with_and_without_sidecars(index_dir, monkeypatch):
    before = _rankings(index_dir)
    sidecar.write_sidecars(index_dir)
    decoded = []
    real = rawpostings.decode
    monkeypatch.setattr(rawpostings, "decode", lambda *a: decoded.append(a) or real(*a))
    after = _rankings(index_dir)
    assert after == before
    # the frequent words came from the sidecars: only phrases (values) and rare terms decode
    decoded.clear()
    ix = open_whoosh(index_dir)
    with ix.searcher() as searcher:
        leaf = searcher.leafreaders[0][0]
        ids, w = postarrays._read_postings(leaf, "body", b"market")
        assert not decoded
        postarrays._CACHES.clear()
        ids_v, w_v, vals = postarrays._read_postings(leaf, "body", b"market", values=True)
        assert not decoded  # ids and positions from the sidecar
        m = leaf.postings("body", b"market")
        expected = []
        while m.is_active():
            expected.append((m.id(), m.value()))
            m.next()
        assert ids_v.tolist() == ids.tolist() == [d for d, _v in expected]
        assert w_v.tolist() == w.tolist()
        assert isinstance(vals, sidecar.SidecarPositions)
        decode = decoder(leaf.schema["body"].format)
        assert [vals.positions(i) for i in range(len(vals))] == [decode(v) for _d, v in expected]
        # a word under the positions threshold: values from its blocks, decoded on demand
        rarer = next(t for t, info in leaf.iter_field("body")
                     if sidecar.MIN_DF <= info.doc_frequency() < sidecar.POS_SHARE * leaf.doc_count_all())
        postarrays._CACHES.clear()
        ids_r, _w, vals_r = postarrays._read_postings(leaf, "body", rarer, values=True)
        assert not decoded and isinstance(vals_r, rawpostings.LazyValues)
        m = leaf.postings("body", rarer)
        expected = []
        while m.is_active():
            expected.append(m.value())
            m.next()
        assert [vals_r[i] for i in range(len(vals_r))] == expected and len(ids_r) == len(expected)
    postarrays._CACHES.clear()


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flip":  # bytes all over the second half (arrays of many terms)
        for k in range(len(data) // 2, len(data), 5):
            data[k] ^= 0xFF
    elif how == "truncate":
        data = data[: len(data) // 2]
    elif how == "header":
        data[12:20] = b"{{{{{{{{"
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flip", "truncate", "header", "foreign", "empty"])
def test_a_damaged_or_foreign_sidecar_is_ignored(index_dir, how):
    before = _rankings(index_dir)
    sidecar.write_sidecars(index_dir)
    first, second = _files(index_dir)
    if how == "foreign":  # another segment's sidecar under this segment's name
        shutil.copyfile(second, first)
    elif how == "empty":
        first.write_bytes(b"")
    else:
        for path in (first, second):
            _damage(path, how)
    assert _rankings(index_dir) == before
    expected = _leaf_arrays(index_dir)
    ix = open_whoosh(index_dir)
    served = refused = 0
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leafreaders:
            for (segid, field, btext), (ids, w) in expected.items():
                if segid == leaf._segment.segment_id() and len(ids) >= 2 * sidecar.MIN_DF:
                    got = sidecar.sidecar_arrays(leaf, field, btext)
                    if got is None:
                        refused += 1
                    else:  # whatever is still served is still right
                        served += 1
                        assert got[0].tolist() == ids.tolist() and got[1].tolist() == w.tolist()
    assert refused > 0
    if how == "flip":
        assert served > 0  # the undamaged terms of a damaged file are still used


def test_an_open_reader_finds_a_sidecar_written_later(index_dir, monkeypatch):
    ix = open_whoosh(index_dir)
    with ix.searcher() as searcher:
        leaf = searcher.leafreaders[0][0]
        assert sidecar.sidecar_arrays(leaf, "body", b"market") is None
        sidecar.write_sidecars(index_dir)
        assert sidecar.sidecar_arrays(leaf, "body", b"market") is None  # not looked for again yet
        monkeypatch.setattr(sidecar, "RETRY_SECONDS", 0.0)
        assert sidecar.sidecar_arrays(leaf, "body", b"market") is not None


def test_written_once_never_by_readers_and_cleaned_with_merged_segments(index_dir):
    ix = open_whoosh(index_dir)
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leafreaders:
            postarrays._read_postings(leaf, "body", b"market")
    assert _files(index_dir) == []  # a reader never writes one
    assert sidecar.write_sidecars(index_dir) == 2
    old = _files(index_dir)
    assert sidecar.write_sidecars(index_dir) == 0
    ix = open_whoosh(index_dir)
    ix.optimize()  # merge: the old segments and their sidecars go
    assert not any(p.exists() for p in old)
    assert sidecar.write_sidecars(index_dir) == 1
    assert len(_files(index_dir)) == 1
    assert not list((index_dir / "whoosh").glob(".*tmp"))
    postarrays._CACHES.clear()


@pytest.mark.parametrize("text", ['body:"market police"', 'body:"market market"', 'body:"police market government"',
                                  'body:"government q3"', 'title:"market police"'])
def test_phrase_check_over_sidecar_positions_equals_the_blocks(index_dir, text, monkeypatch):
    from index.phrasecheck import phrase_docs

    sidecar.write_sidecars(index_dir)
    ix = open_whoosh(index_dir)
    q = QueryParser().parse(text).query
    with ix.searcher() as searcher:
        results = {}
        for use in (True, False):
            if not use:
                monkeypatch.setattr(postarrays, "sidecar_positions", lambda *a: None)
            postarrays._CACHES.clear()
            for leaf, _ in searcher.leafreaders:
                docs = np.array([d for d in range(leaf.doc_count_all()) if not leaf.is_deleted(d)], dtype=np.int64)
                results[(use, leaf._segment.segment_id())] = phrase_docs(leaf, q, docs).tolist()
                kind = type(postarrays._read_postings(leaf, "body", b"market", values=True)[2])
                assert kind is (sidecar.SidecarPositions if use else rawpostings.LazyValues)
        for leaf, _ in searcher.leafreaders:
            segid = leaf._segment.segment_id()
            assert results[(True, segid)] == results[(False, segid)]
        # and what Whoosh's own phrase query finds
        expected = sorted(searcher.docs_for_query(q))
        got = sorted(base + d for leaf, base in searcher.leafreaders for d in results[(True, leaf._segment.segment_id())])
        assert got == expected
        if text == 'body:"market police"':
            assert len(got) > 20
    postarrays._CACHES.clear()


def _articles_file(path: Path, n: int = 160) -> Path:
    rng = random.Random(5)
    lines = []
    for k in range(n):
        body = " ".join(rng.choices(WORDS, k=rng.randint(40, 80)))
        lines.append(json.dumps({"id": f"a{k}", "title": f"Report {k} on {rng.choice(WORDS)}",
                                 "body": f"{body}.", "date": "2020-01-02"}))
    out = path / "articles.jsonl"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def test_indexing_writes_the_sidecars_of_its_segments(tmp_path, monkeypatch):
    from index.indexer import index_paths

    monkeypatch.setattr(sidecar, "MIN_DF", 20)
    target = tmp_path / "ix"
    report = index_paths(target, [_articles_file(tmp_path)], extract=False)
    assert report.new == 160
    segments = {seg.segment_id() for seg in open_whoosh(target)._segments()}
    assert segments and {p.name.split(".")[0] for p in _files(target)} == segments


def test_a_sidecar_that_cannot_be_written_never_fails_indexing(tmp_path, monkeypatch, caplog):
    from index.indexer import index_paths
    from index.search import WhooshEngine

    def broken(index_dir):
        raise OSError("disk full")

    monkeypatch.setattr(sidecar, "write_sidecars", broken)
    target = tmp_path / "ix"
    with caplog.at_level("WARNING", logger="index.sidecar"):
        report = index_paths(target, [_articles_file(tmp_path)], extract=False)
    assert report.new == 160 and not report.errors
    assert "search sidecars not written (disk full)" in caplog.text
    assert not _files(target)
    with WhooshEngine(target) as engine:
        assert engine.search("market", limit=5).total > 0
