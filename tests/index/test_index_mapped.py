"""Round 2 of issue #6: segments read in place from a map, remembered capped fuzzy expansion."""
from __future__ import annotations

import io
import mmap
import pickle
import struct
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.filedb.structfile import StructFile

from index import store
from index.counting import count_matches
from index.mapped import MappedFile, MappedFileStorage
from index.query import MAX_FUZZY_EXPANSION, CappedFuzzy, QueryParser, edit_distance

QUERIES = ["baghouz", "syria government", '"prime minister"', "syr*", "baghous~", "polic~2",
           "police OR islamic", "date:[2015-01 to 2015-06]", "title:talks", "pol* NOT police"]


def _osa(a: str, b: str) -> int:
    """Plain recursive optimal-string-alignment distance, the reference."""
    d = {(i, -1): i + 1 for i in range(-1, len(a))} | {(-1, j): j + 1 for j in range(-1, len(b))}
    for i in range(len(a)):
        for j in range(len(b)):
            cost = a[i] != b[j]
            d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + cost)
            if i and j and a[i] == b[j - 1] and a[i - 1] == b[j]:
                d[i, j] = min(d[i, j], d[i - 2, j - 2] + 1)
    return d[len(a) - 1, len(b) - 1]


@settings(max_examples=300, deadline=None)
@given(st.text("abcd", max_size=7), st.text("abcd", max_size=7), st.integers(0, 3))
def test_bounded_edit_distance_matches_reference(a, b, bound):
    exact = _osa(a, b)
    assert edit_distance(a, b) == exact
    assert edit_distance(a, b, bound) == min(exact, bound + 1)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.lists(st.integers(0, 320), max_size=8))
def test_mapped_file_reads_like_a_struct_file(data, positions):
    tail = pickle.dumps({"k": list(range(5))}) + struct.pack(">iqH", -7, 2**40, 513)
    blob = data + tail
    mapped = MappedFile(memoryview(blob))
    plain = StructFile(io.BytesIO(blob))
    for pos in positions:
        mapped.seek(pos)
        plain.seek(pos)
        assert mapped.read(5) == plain.read(5) and mapped.tell() == plain.tell()
        assert mapped.readline() == plain.readline()
    mapped.seek(len(data))
    assert mapped.read_pickle() == {"k": list(range(5))}
    assert (mapped.read_int(), mapped.read_long(), mapped.read_ushort()) == (-7, 2**40, 513)
    assert mapped.tell() == len(blob) and mapped.read() == b""
    sub = mapped.subset(len(data), len(tail))
    assert sub.read_pickle() == {"k": list(range(5))} and sub.get_int(sub.tell()) == -7


def test_segments_are_views_of_a_map_not_copies(seed_index):
    ix = store.open_whoosh(seed_index)
    assert isinstance(ix.storage, MappedFileStorage)
    with ix.searcher() as searcher:
        for sub, _offset in searcher.leaf_searchers():
            files = sub.reader().storage()
            compound = files.a  # Whoosh's OverlayStorage(compound segment, directory)
            name = next(n for n in compound.list() if n.endswith(".pst"))
            opened = compound.open_file(name)
            assert isinstance(opened, MappedFile)
            assert isinstance(opened._buf.obj, mmap.mmap)  # a view into the map, no bytes copy


def test_mapped_index_answers_exactly_like_whoosh(seed_index):
    plain = windex.open_dir(str(seed_index / store.WHOOSH_DIR))
    mapped = store.open_whoosh(seed_index)
    parser = QueryParser(plain.schema)
    with plain.searcher() as ps, mapped.searcher() as ms:
        for text in QUERIES:
            q = parser.parse(text).query
            expect = [(h["id"], round(h.score, 6)) for h in ps.search(q, limit=30)]
            got = [(h["id"], round(h.score, 6)) for h in ms.search(q, limit=30)]
            assert got == expect, text
            assert count_matches(ms, q) == len(set(ps.docs_for_query(q))), text


def test_fuzzy_expansion_is_every_close_term_up_to_the_cap(seed_index):
    ix = store.open_whoosh(seed_index)
    with ix.searcher() as searcher:
        # per segment, as the engine expands (the seed index may hold several segments)
        for (reader, _), (word, dist) in product(
            searcher.reader().leaf_readers(), [("baghous", 1), ("polic", 2), ("goverment", 2), ("sirya", 2)]
        ):
            q = CappedFuzzy("body", word, maxdist=dist, prefixlength=1)
            expanded = q._btexts(reader)
            assert expanded is q._btexts(reader)  # remembered, not recomputed
            close = [
                b for b in reader.expand_prefix("body", word[0])
                if edit_distance(word, b.decode(), dist) <= dist
            ]
            if len(close) <= MAX_FUZZY_EXPANSION:
                assert sorted(expanded) == sorted(close), word
            else:
                assert len(expanded) == MAX_FUZZY_EXPANSION and set(expanded) < set(close)
                worst = max(edit_distance(word, b.decode()) for b in expanded)
                assert all(edit_distance(word, b.decode()) >= worst for b in set(close) - set(expanded))


@pytest.mark.parametrize("text", ["baghous~", "polic~2", "syr*", "gov* OR baghous~"])
def test_counts_of_capped_queries_equal_whoosh(seed_index, text):
    ix = store.open_whoosh(seed_index)
    q = QueryParser(ix.schema).parse(text).query
    with ix.searcher() as searcher:
        assert count_matches(searcher, q) == len(set(searcher.docs_for_query(q))) > 0
