"""Prefix unions written at index time (index.prefixunions): the documents of a common
prefix's expansion, mapped by readers instead of reading every expanded term; rankings equal
to the term-by-term path and to Whoosh's own, and anything wrong with the file (or an
expansion it does not hold) falls back to reading the terms."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from whoosh import index as windex

from index import postarrays, prefixunions, query, sidecar
from index.codec import FastCodec
from index.query import QueryParser
from index.schema import build_schema
from index.store import open_whoosh
from index.topn import top_n

STEMS = ("mar", "pro", "gov", "sta")
WORDS = [s + t for s in STEMS for t in ("ket", "ch", "tin", "ine", "ry", "y", "ion", "ies", "k", "sh", "ge", "a")]
QUERIES = ["mar*", "pro*", "gov* market", "sta* OR mar*", "title:pro*", "prot*", "title:pro* NOT title:gov*", "gov*", "mark*"]


def _build(path: Path) -> Path:
    wdir = path / "whoosh"
    wdir.mkdir()
    ix = windex.create_in(str(wdir), build_schema())
    rng = random.Random(8)
    n = 0
    for size in (400, 300):
        with ix.writer(codec=FastCodec()) as w:
            for _ in range(size):
                w.add_document(id=f"d{n}", title=" ".join(rng.choices(WORDS, k=rng.randint(1, 3))),
                               body=" ".join(rng.choices(WORDS, k=rng.randint(2, 30))) + " market")
                n += 1
    with ix.writer() as w:
        for k in range(3, n, 11):
            w.delete_by_term("id", f"d{k}")
    return path


@pytest.fixture()
def index_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(prefixunions, "MIN_TERMS", 3)  # small vocabulary: lower the floor
    return _build(tmp_path)


def _files(index_dir: Path) -> list[Path]:
    return sorted((index_dir / "whoosh").glob("*" + prefixunions.UNIONS_EXT))


def _forget() -> None:
    postarrays._CACHES.clear()
    prefixunions._OPEN.clear()
    query._MEMO.clear()


def _rankings(index_dir: Path) -> dict:
    _forget()
    ix = open_whoosh(index_dir)
    out = {}
    with ix.searcher() as searcher:
        parser = QueryParser()
        for text in QUERIES:
            q = parser.parse(text).query
            found = top_n(searcher, q, 1000, min_postings=0)
            assert found is not None, text
            out[text] = found
    _forget()
    return out


def _served(index_dir: Path) -> int:
    """How many (segment, field) prefix unions the readers took from the files."""
    _forget()
    ix = open_whoosh(index_dir)
    n = 0
    with ix.searcher() as searcher:
        for leaf, _ in searcher.leafreaders:
            for text in ("mar", "pro", "gov", "sta", "prot"):
                for field in ("title", "body"):
                    btexts = [b for b in query.CappedPrefix(field, text)._btexts(leaf) if b]
                    n += prefixunions.union_ids(leaf, field, btexts) is not None
    _forget()
    return n


def test_unions_equal_the_terms_and_whoosh(index_dir):
    before = _rankings(index_dir)
    sidecar.write_sidecars(index_dir)
    assert len(_files(index_dir)) == 2
    assert _served(index_dir) == 16  # 4 stems x 2 fields x 2 segments
    assert _rankings(index_dir) == before
    ix = open_whoosh(index_dir)
    with ix.searcher() as searcher:  # and Whoosh's own full ranking
        parser = QueryParser()
        for text in QUERIES:
            q = parser.parse(text).query
            expected = [(h.docnum, h.score) for h in searcher.search(q, limit=None)]
            got, total = top_n(searcher, q, len(expected) + 5, min_postings=0)
            assert total == len(expected) > 0, text
            assert [d for d, _s in got] == [d for d, _s in expected], text
            assert all(abs(a - b) <= 1e-6 for (_d, a), (_e, b) in zip(got, expected)), text
        for leaf, _ in searcher.leafreaders:  # each stored union is the terms' union, live only
            for field in ("title", "body"):
                btexts = [b for b in query.CappedPrefix(field, "mar")._btexts(leaf) if b]
                ids = prefixunions.union_ids(leaf, field, btexts)
                assert ids is not None
                want = set()
                for b in btexts:
                    want.update(postarrays._read_postings(leaf, field, b)[0].tolist())
                assert ids.tolist() == sorted(want)
    _forget()


def test_documents_deleted_after_writing_are_dropped(index_dir):
    sidecar.write_sidecars(index_dir)
    ix = open_whoosh(index_dir)
    with ix.writer() as w:
        for k in range(0, 700, 7):
            w.delete_by_term("id", f"d{k}")
    with_files = _rankings(index_dir)
    assert _served(index_dir) == 16  # 4 stems x 2 fields x 2 segments
    for path in _files(index_dir):
        path.unlink()
    assert _rankings(index_dir) == with_files


def test_another_expansion_is_not_served(index_dir, monkeypatch):
    sidecar.write_sidecars(index_dir)
    monkeypatch.setattr(query, "MAX_EXPANSION", 4)  # readers now expand to fewer terms
    assert _served(index_dir) == 0
    with_files = _rankings(index_dir)
    for path in _files(index_dir):
        path.unlink()
    assert _rankings(index_dir) == with_files


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "flip":
        for k in range(len(data) // 2, len(data), 3):
            data[k] ^= 0xFF
    elif how == "truncate":
        data = data[: len(data) // 2]
    elif how == "header":
        data[12:20] = b"{{{{{{{{"
    elif how == "first ids":  # the table's first-id field of every entry: ids would shift
        hlen = int.from_bytes(data[8:12], "little")
        table = 12 + hlen
        count = json.loads(bytes(data[12:table]))["entries"]
        for k in range(count):
            at = table + 40 * k + 32  # hi, lo, offset (8 each), count, crc (4 each), first
            data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flip", "truncate", "header", "first ids", "foreign", "empty"])
def test_a_damaged_or_foreign_file_is_ignored(index_dir, how):
    before = _rankings(index_dir)
    sidecar.write_sidecars(index_dir)
    served = _served(index_dir)
    first, second = _files(index_dir)
    if how == "foreign":
        shutil.copyfile(second, first)
    elif how == "empty":
        first.write_bytes(b"")
    else:
        for path in (first, second):
            _damage(path, how)
    assert _rankings(index_dir) == before
    assert _served(index_dir) < served
    if how == "first ids":
        assert _served(index_dir) == 0


def test_files_go_with_their_segment_after_a_merge(index_dir):
    sidecar.write_sidecars(index_dir)
    old = _files(index_dir)
    ix = open_whoosh(index_dir)
    ix.optimize()
    assert not any(p.exists() for p in old)
    before = _rankings(index_dir)
    sidecar.write_sidecars(index_dir)
    assert len(_files(index_dir)) == 1
    assert _rankings(index_dir) == before
