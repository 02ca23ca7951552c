"""The in-memory segment writer and the parallel writer give what Whoosh's own writer gives.

- FastSegmentWriter writes segment files byte for byte equal to SegmentWriter + FastCodec
  (the previous writer), on the seeds and on a generated corpus (multi-block postings,
  non-ASCII words, boosts, dates, tags);
- merges at commit (small segments, deletions, optimize) give the same postings and the same
  query answers as Whoosh's writer with plain W3Codec;
- ParallelWriter's segments (several per worker when the memory limit is small) hold every
  document once, open with plain `whoosh.index.open_dir`, and answer queries like one segment;
  a failing worker becomes a one-line NewsdeskError and leaves the index as it was.
"""
from __future__ import annotations

import json
import random
from datetime import datetime
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec

from index.codec import FastCodec
from index.errors import NewsdeskError
from index.parwriter import ParallelWriter, fork_available
from index.query import QueryParser
from index.schema import build_schema
from index.segwriter import FastSegmentWriter

SEEDS_JSONL = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
QUERIES = [
    "government", "police president", "government OR police", '"prime minister"', "title:talks",
    "syr*", "pol* NOT police", "(police OR army) state", "date:2019 syria", "zorb", "zorb quux",
    "tags:politics", "café", "title:zorb", "nosuchwordanywhere",
]
WORDS = ("zorb quux flim flam the a of government police state army minister prime "
         "café naïve straße İstanbul ıspanak Ǆemal x y 42 3.14 u.s.a e-mail don't").split()


def seed_docs() -> list[dict]:
    docs = []
    with open(SEEDS_JSONL, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            rec = json.loads(line)
            docs.append({"id": f"s{n}", "title": rec.get("title", ""), "body": rec.get("body", ""),
                         "tags": "news,seed" if n % 3 else "politics",
                         "date": datetime(2000 + n % 20, 1 + n % 12, 1 + n % 28)})
    return docs


def generated_docs(n: int = 400, seed: int = 7) -> list[dict]:
    """Small vocabulary, so common words pass 128 documents (several posting blocks)."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) + rng.choice(["", "", ",", ".", "!"])
                        for _ in range(rng.randint(0, 120)))
        doc = {"id": f"g{i}", "title": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))),
               "body": body, "source": rng.choice(["Wire", "Ledger Times"]),
               "tags": rng.choice(["politics", "sport,politics", ""])}
        if i % 5 == 0:
            doc["date"] = datetime(2010 + i % 10, 1 + i % 12, 1 + i % 28)
        if i % 17 == 0:
            doc["_title_boost"] = 3.0
        if i % 23 == 0:
            doc["_boost"] = 0.5
        docs.append(doc)
    return docs


def _new_index(path: Path):
    path.mkdir(parents=True)
    return windex.create_in(str(path), build_schema())


def _segment_files(path: Path) -> dict[str, bytes]:
    """The segment's sub-files by extension (names carry a random segment id)."""
    files = {}
    for f in sorted(path.iterdir()):
        if f.name.startswith("MAIN_") and "." in f.name and f.name != "MAIN_WRITELOCK":
            files[f.name.split(".", 1)[1]] = f.read_bytes()
    return files


@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_segment_files_are_byte_identical(tmp_path, corpus):
    docs = seed_docs() if corpus == "seeds" else generated_docs()
    old = _new_index(tmp_path / "old")
    writer = old.writer(codec=FastCodec(), compound=False)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    new = _new_index(tmp_path / "new")
    writer = FastSegmentWriter(new, compound=False)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    a, b = _segment_files(tmp_path / "old"), _segment_files(tmp_path / "new")
    assert a.keys() == b.keys() and any(k.endswith("pst") for k in a)
    for name in a:
        assert a[name] == b[name], name
    with new.reader() as r:  # the generated corpus really has multi-block postings
        assert max(r.doc_frequency("body", t) for t in r.lexicon("body")) > 128 or corpus == "seeds"


def _postings(ix) -> dict:
    """(field, term) -> [(document id, weight, value)], independent of segment layout."""
    out = {}
    with ix.reader() as r:
        ids = {docnum: fields["id"] for docnum, fields in r.iter_docs()}
        for field, term in r.all_terms():
            m = r.postings(field, term)
            rows = []
            while m.is_active():
                rows.append((ids[m.id()], m.weight(), m.value()))
                m.next()
            out[(field, term)] = sorted(rows)
    return out


def _answers(ix, queries=QUERIES) -> dict:
    parser = QueryParser(ix.schema)
    out = {}
    with ix.searcher() as s:
        for text in queries:
            hits = s.search(parser.parse(text).query, limit=None)
            out[text] = sorted((h["id"], round(h.score, 5)) for h in hits)
    return out


def _build_with_merges(path: Path, make_writer):
    """Three small segments, deletions, a merging commit, an optimize with an update."""
    ix = _new_index(path)
    docs = generated_docs(90, seed=3) + seed_docs()[:40]
    for part in (docs[:3], docs[3:60], docs[60:]):
        writer = make_writer(ix)
        for doc in part:
            writer.add_document(**doc)
        writer.commit(merge=False)
    writer = make_writer(ix)
    for doc_id in ("g1", "g50", "s3"):
        writer.delete_by_term("id", doc_id)
    writer.add_document(**generated_docs(1, seed=11)[0] | {"id": "late"})
    writer.commit()  # MERGE_SMALL: the 3-document segment joins this writer's new one
    writer = make_writer(ix)
    writer.update_document(**seed_docs()[5] | {"body": "rewritten zorb zorb text"})
    writer.commit(optimize=True)
    return ix


def test_merges_deletions_and_optimize_match_whoosh(tmp_path):
    slow = _build_with_merges(tmp_path / "slow", lambda ix: ix.writer(codec=W3Codec()))
    fast = _build_with_merges(tmp_path / "fast", lambda ix: FastSegmentWriter(ix))
    assert len(fast._segments()) == 1
    assert fast.doc_count() == slow.doc_count() == 130 - 3 + 1
    assert _postings(fast) == _postings(slow)
    answers = _answers(fast)
    assert answers == _answers(slow)
    assert sum(1 for hits in answers.values() if hits) >= 10


def test_out_of_order_postings_are_sorted_before_writing(tmp_path):
    ix = _new_index(tmp_path / "ix")
    writer = FastSegmentWriter(ix)
    for n in range(3):
        writer.add_document(id=f"d{n}", title="zorb")
    pool = writer.pool
    pool.add(("tags", b"late", 2, 1.0, None))
    pool.add(("tags", b"late", 0, 1.0, None))
    writer.commit()
    with ix.reader() as r:
        assert list(r.postings("tags", b"late").all_ids()) == [0, 2]


def _parallel_build(path: Path, docs, **kwargs):
    ix = _new_index(path)
    writer = ParallelWriter(ix, procs=2, batch=7, **kwargs)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return windex.open_dir(str(path))  # plain Whoosh opens it


@pytest.mark.skipif(not fork_available(), reason="ParallelWriter needs the fork start method")
def test_parallel_writer_equals_one_segment(tmp_path):
    docs = seed_docs() + generated_docs(300, seed=5)
    single = _new_index(tmp_path / "single")
    writer = FastSegmentWriter(single)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    par = _parallel_build(tmp_path / "par", docs, memory_limit=200_000)
    assert len(par._segments()) >= 4  # the small limit splits each worker's share
    with par.reader() as r:
        ids = [fields["id"] for _, fields in r.iter_docs()]
    assert sorted(ids) == sorted(d["id"] for d in docs)
    assert _postings(par) == _postings(single)
    # Prefix expansion keeps each segment's most frequent terms, so it depends on the layout.
    whole_words = [q for q in QUERIES if "*" not in q]
    assert _answers(par, whole_words) == _answers(single, whole_words)


@pytest.mark.skipif(not fork_available(), reason="ParallelWriter needs the fork start method")
def test_parallel_writer_deletes_and_merges_in_main(tmp_path):
    path = tmp_path / "ix"
    ix = _new_index(path)
    writer = FastSegmentWriter(ix)
    for doc in generated_docs(4, seed=1):
        writer.add_document(**doc)
    writer.commit()
    writer = ParallelWriter(ix, procs=2, batch=3)
    writer.delete_by_term("id", "g2")
    for doc in seed_docs()[:20]:
        writer.add_document(**doc)
    writer.commit()
    ix = windex.open_dir(str(path))
    with ix.searcher() as s:
        assert s.doc_count() == 4 - 1 + 20
        assert s.document_number(id="g2") is None
        assert s.document_number(id="g3") is not None and s.document_number(id="s19") is not None


@pytest.mark.skipif(not fork_available(), reason="ParallelWriter needs the fork start method")
def test_worker_failure_is_one_line_and_leaves_index_unchanged(tmp_path):
    path = tmp_path / "ix"
    ix = _new_index(path)
    writer = FastSegmentWriter(ix)
    writer.add_document(id="keep", title="kept")
    writer.commit()
    writer = ParallelWriter(ix, procs=2, batch=2)
    writer.add_document(id="a", title="fine")
    writer.add_document(id="b", nosuchfield="boom")
    with pytest.raises(NewsdeskError) as info:
        writer.commit()
    assert "\n" not in str(info.value) and "nosuchfield" in str(info.value)
    ix = windex.open_dir(str(path))
    assert ix.doc_count() == 1
    ix.writer().commit()  # the next commit removes the failed run's segment files
    assert len([f for f in path.iterdir() if f.suffix == ".seg"]) == 1
