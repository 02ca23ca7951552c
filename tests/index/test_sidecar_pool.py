"""A segment's search sidecar built from its writer's postings in memory
(`sidecar.write_sidecar_from_pool`, what the indexing workers do) is byte for byte the one
`write_sidecar` builds by reading the segment back; and the positions, unpickled in bulk on
either path, are the ones Whoosh's own matcher decodes, on fresh, merged and deleted-from
segments alike."""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from whoosh import formats
from whoosh import index as windex
from whoosh.reading import SegmentReader

from index import bulkpositions, sidecar
from index.phrase import decoder
from index.schema import build_schema
from index.segwriter import FastSegmentWriter
from index.textfield import _encode_characters, _encode_positions

SEEDS_JSONL = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
WORDS = ("market police government share report state united minister stock price city "
         "café naïve straße İstanbul ıspanak Ǆemal don't e-mail 3.14 u.s.a").split()


def _generated(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    weights = [1 / (r + 1) for r in range(len(WORDS))]
    docs = []
    for i in range(n):
        doc = {"id": f"g{i}", "title": " ".join(rng.choices(WORDS, weights, k=rng.randint(1, 5))),
               "body": " ".join(rng.choices(WORDS, weights, k=rng.randint(3, 120))), "tags": "x y"}
        if i % 7 == 0:
            doc["_title_boost"] = 3.0  # per-document field boost: weights not term counts
        docs.append(doc)
    return docs


def _seeds() -> list[dict]:
    docs = []
    with open(SEEDS_JSONL, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            rec = json.loads(line)
            docs.append({"id": f"s{i}", "title": rec.get("title") or "", "body": rec.get("body") or ""})
    return docs


def _long() -> list[dict]:
    """Documents past 65,535 words: positions need 32 bits."""
    rng = random.Random(9)
    short = _generated(60, 4)
    huge = [{"id": f"h{i}", "title": "market",
             "body": " ".join(rng.choices(WORDS, k=70_000)) + " police market"} for i in range(3)]
    return short[:30] + huge + short[30:]


CORPORA = {"seeds": _seeds, "generated": lambda: _generated(400, 5), "long documents": _long}


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_sidecar_from_memory_is_the_sidecar_read_back(tmp_path, monkeypatch, corpus):
    monkeypatch.setattr(sidecar, "MIN_DF", 5)  # small segments: many terms get arrays
    monkeypatch.setattr(sidecar, "POS_SHARE", 0.05)  # ... and positions
    ix = windex.create_in(str(tmp_path), build_schema())
    writer = FastSegmentWriter(ix)
    for doc in CORPORA[corpus]():
        writer.add_document(**doc)
    held = writer.pool.held()
    segment = writer._finalize_segment()
    assert not writer.pool.fields and held.fields  # closing emptied the writer's pool only
    reader = SegmentReader(ix.storage, ix.schema, segment)
    try:
        assert sidecar.write_sidecar_from_pool(reader, held)
        path = sidecar.sidecar_path(reader)
        from_memory = path.read_bytes()
        path.unlink()
        assert sidecar.write_sidecar(reader)
        assert path.read_bytes() == from_memory
        fields = json.loads(from_memory[12:12 + int.from_bytes(from_memory[8:12], "little")])["fields"]
        entries = [e for terms in fields.values() for e in terms.values()]
        assert sum(len(e) > 6 for e in entries) >= 3  # positions were written, not just arrays
        if corpus == "long documents":
            assert any(len(e) > 6 and e[8] == "<u4" for e in entries)
    finally:
        reader.close()
        writer._commit_toc([segment])
        writer._finish()


def _whoosh_positions(leaf, field: str, btext: bytes) -> list[list[int]]:
    m = leaf.postings(field, btext)
    m = getattr(m, "child", m)  # every posting, deleted documents included
    out = []
    while m.is_active():
        out.append(list(m.value_as("positions")))
        m.next()
    return out


def test_positions_equal_whooshs_on_merged_segments_with_deletions(tmp_path, monkeypatch):
    monkeypatch.setattr(sidecar, "MIN_DF", 5)
    monkeypatch.setattr(sidecar, "POS_SHARE", 0.05)
    ix = windex.create_in(str(tmp_path), build_schema())
    docs = _generated(300, 8)
    for part in (docs[:120], docs[120:250]):
        writer = FastSegmentWriter(ix)
        for doc in part:
            writer.add_document(**doc)
        writer.commit()
    writer = FastSegmentWriter(ix)
    for k in range(0, 250, 6):
        writer.delete_by_term("id", f"g{k}")
    for doc in docs[250:]:
        writer.add_document(**doc)
    writer.commit(optimize=True)  # one merged segment, through pool.add (no fast path)
    checked = 0
    with ix.reader() as reader:
        assert reader.has_deletions() or reader.doc_count_all() == reader.doc_count()
        for leaf, _ in reader.leaf_readers():
            assert sidecar.write_sidecar(leaf)
            for field in ("title", "body"):
                for btext, _info in leaf.iter_field(field):
                    found = sidecar.sidecar_positions(leaf, field, btext)
                    if found is None:
                        continue
                    expected = _whoosh_positions(leaf, field, btext)
                    assert [found.positions(i) for i in range(len(found))] == expected
                    checked += 1
    assert checked >= 5


def _places(draw_lists):
    """(position, start, end) lists with ascending positions and characters."""
    out = []
    for steps in draw_lists:
        pos = char = 0
        places = []
        for dpos, dchar, width in steps:
            pos += dpos
            char += dchar
            places.append((pos, char, char + width))
            char += width
        out.append(places)
    return out


_STEPS = st.lists(st.lists(st.tuples(st.integers(0, 70_000), st.integers(0, 300_000), st.integers(1, 40)),
                           min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(_STEPS, st.booleans(), st.booleans())
def test_bulk_unpickling_equals_decoding_each_value(steps, characters, whooshs_encoder):
    places = _places(steps)
    if characters:
        fmt = formats.Characters()
        values = [fmt.encode(p) if whooshs_encoder else _encode_characters(p) for p in places]
    else:
        fmt = formats.Positions()
        values = [fmt.encode([q[0] for q in p]) if whooshs_encoder else _encode_positions(p) for p in places]
    decode = decoder(fmt)
    expected = [decode(v) for v in values]
    found = bulkpositions.positions(fmt, values, len(values))
    assert found is not None
    offsets, flat = found
    assert [flat[offsets[i]:offsets[i + 1]].tolist() for i in range(len(values))] == expected
    assert flat.dtype.str == ("<u2" if max(max(x) for x in expected) < 65536 else "<u4")
    # values without their trailing STOP (older encoders) are decoded one by one: the same
    stripped = [v[:-1] for v in values]
    again = bulkpositions.positions(fmt, stripped, len(values))
    assert np.array_equal(again[0], offsets) and np.array_equal(again[1], flat)


def test_values_that_are_not_list_pickles_fall_back_or_give_none():
    fmt = formats.Positions()
    good = [fmt.encode([1, 4]), fmt.encode([2])]
    assert bulkpositions.positions(fmt, good, 2)[1].tolist() == [1, 4, 2]
    assert bulkpositions.positions(fmt, good, 3) is None  # fewer values than postings
    assert bulkpositions.positions(formats.Frequency(), good, 2) is None  # no positions in the format
