"""index.rawpostings decodes W3 posting blocks exactly as Whoosh's W3LeafMatcher does.

Two sources: posting lists written directly with Whoosh's postings writers (any ids up to
2**31, constant / varying / unit weights, empty and long values, block sizes 1..300,
compressed or not; hypothesis), and every term of a generated multi-segment index written
by Whoosh's codec and by the project's FastCodec (tiny blocks uncompressed), with deletions.
"""
from __future__ import annotations

import random
from array import array
from io import BytesIO

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import formats
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3LeafMatcher, W3PostingsWriter, W3TermInfo
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.matching import FilterMatcher

from index import postarrays, rawpostings
from index.codec import FastCodec, FastPostingsWriter
from index.schema import build_schema
from index.store import open_whoosh


def _whoosh_postings(m):
    ids, weights, values = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value())
        m.next()
    return ids, weights, values


def _assert_decodes_like_whoosh(buf, offset, length, fmt) -> None:
    ids, w, blockinfo = rawpostings.decode(buf, offset, length)
    expected = _whoosh_postings(W3LeafMatcher(BufferFile(bytes(buf)), offset, length, fmt))
    assert ids.dtype == np.int64 and w.dtype == np.float64
    assert ids.tolist() == expected[0]
    assert w.tolist() == expected[1]
    values = rawpostings.LazyValues(blockinfo, fixedsize=fmt.fixed_value_size())
    assert len(values) == len(expected[2])
    order = list(range(len(values)))
    random.Random(len(order)).shuffle(order)  # blocks decoded on demand, in any order
    assert [values[i] for i in order] == [expected[2][i] for i in order]


postings_lists = st.integers(1, 700).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from([1, 2, 3, 200, 255, 256, 300, 65535, 65536, 70000, 2**24, 2**28]),
                 min_size=n, max_size=n),
        st.sampled_from(["unit", "constant", "varying"]),
        st.sampled_from([b"x", b"\x00\x80\xff" * 40]),  # never empty: Whoosh drops empty values
        st.integers(1, 300),
        st.sampled_from([0, 1, 3]),
        st.booleans(),
    )
)


@settings(max_examples=150, deadline=None)
@given(postings_lists)
def test_written_posting_lists_decode_like_whoosh(case):
    gaps, weight_kind, value, blocklimit, compression, fast = case
    rng = random.Random(len(gaps) * 7 + blocklimit)
    ids = np.cumsum(gaps) - gaps[0] + rng.choice([0, 5, 2**20])
    ids = ids[ids < 2**31 - 1].tolist()
    fmt = formats.Positions()
    out = StructFile(BytesIO())
    out.write(b"pad!")  # postings do not start at offset 0 in a real file
    writer = (FastPostingsWriter if fast else W3PostingsWriter)(out, blocklimit=blocklimit, compression=compression)
    info = W3TermInfo()
    writer.start_postings(fmt, info)
    for k, doc in enumerate(ids):
        if weight_kind == "unit":
            weight = 1.0
        elif weight_kind == "constant":
            weight = 3.0
        else:
            weight = array("f", [rng.random() * 40])[0]  # Whoosh keeps weights as float32
        writer.add_posting(doc, weight, value + bytes([k % 256]), 1 + k % 50)
    info = writer.finish_postings()
    offset, length = info.extent()
    buf = out.file.getvalue()
    _assert_decodes_like_whoosh(buf, offset, length, fmt)
    _assert_decodes_like_whoosh(memoryview(buf), offset, length, fmt)


def test_not_w3_blocks_are_refused():
    with pytest.raises(rawpostings.FormatError):
        rawpostings.decode(b"XXXX" + bytes(40), 0, 44)


WORDS = ("market police government share report state united minister stock price city "
         "election court bank trade union energy water school health army").split()


@pytest.fixture(scope="module", params=["whoosh", "fast"])
def gen_index(request, tmp_path_factory):
    path = tmp_path_factory.mktemp(f"raw_{request.param}")
    wdir = path / "whoosh"
    wdir.mkdir()
    ix = windex.create_in(str(wdir), build_schema())
    rng = random.Random(5)
    weights = [1 / (r + 1) ** 1.3 for r in range(len(WORDS))]
    n = 0
    for size in (900, 400, 3):
        w = ix.writer(codec=FastCodec()) if request.param == "fast" else ix.writer()
        with w:
            for _ in range(size):
                w.add_document(id=f"d{n}", title=" ".join(rng.choices(WORDS, weights, k=rng.randint(1, 4))),
                               body=" ".join(rng.choices(WORDS, weights, k=rng.randint(3, 80))) + f" w{n} z{n % 97}")
                n += 1
    with ix.writer() as w:
        for k in range(2, n, 11):
            w.delete_by_term("id", f"d{k}")
    return path


def _leaves(index_dir):
    ix = open_whoosh(index_dir)  # mapped segments, as the engine opens them
    searcher = ix.searcher()
    return searcher, [leaf for leaf, _ in searcher.leafreaders]


def test_every_term_of_an_index_decodes_like_whoosh(gen_index):
    searcher, leaves = _leaves(gen_index)
    with searcher:
        assert len(leaves) == 3
        checked = fast_blocks = 0
        for reader in leaves:
            for fieldname in ("title", "body", "id"):
                fmt = reader.schema[fieldname].format
                for btext, _info in reader.iter_field(fieldname):
                    m = reader.postings(fieldname, btext)
                    m = m.child if type(m) is FilterMatcher else m
                    buf, offset, length = postarrays._extent(m)
                    assert isinstance(buf, memoryview)
                    _assert_decodes_like_whoosh(buf, offset, length, fmt)
                    fast_blocks += sum(1 for n, _c, _d in rawpostings.blocks(buf, offset, length) if n >= 4)
                    checked += 1
        assert checked > 2000 and fast_blocks > 50


def test_cached_arrays_drop_deleted_documents_and_keep_values_aligned(gen_index):
    searcher, leaves = _leaves(gen_index)
    with searcher:
        for reader in leaves:
            assert reader.has_deletions()
            frequent = [t for _f, t in reader.most_frequent_terms("body", 2)]
            rare = [t for t, info in reader.iter_field("body") if 2 <= info.doc_frequency() <= 20][:2]
            for word in frequent + rare:
                postarrays._CACHES.pop(reader, None)
                ids, w, vals = postarrays._read_postings(reader, "body", word, values=True)
                m = reader.postings("body", word)
                exp = [(d, wt, v) for d, wt, v in zip(*_whoosh_postings(m.child if type(m) is FilterMatcher else m))
                       if not reader.is_deleted(d)]
                assert ids.tolist() == [e[0] for e in exp]
                assert w.tolist() == [e[1] for e in exp]
                assert [vals[i] for i in range(len(vals))] == [e[2] for e in exp]
