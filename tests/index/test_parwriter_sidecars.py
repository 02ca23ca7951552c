"""ParallelWriter's workers write the search files (sidecar, prefix unions) of each segment
they write, so the indexer's serial `write_sidecars` pass after the commit finds nothing left
to do; the files are the ones that pass writes after the fact, and a failed run leaves none
behind."""
from __future__ import annotations

import random

import pytest
from whoosh import index as windex

from index.errors import NewsdeskError
from index.parwriter import ParallelWriter, fork_available
from index.schema import build_schema
from index.prefixunions import UNIONS_EXT, write_unions
from index.sidecar import SIDECAR_EXT, write_sidecar
from index.segwriter import FastSegmentWriter

pytestmark = pytest.mark.skipif(not fork_available(), reason="ParallelWriter needs the fork start method")

WORDS = "market police government minister state army talks syria rain city".split()


def _docs(n: int, seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    return [{"id": f"d{i}", "title": " ".join(rng.choices(WORDS, k=3)),
             "body": " ".join(rng.choices(WORDS, k=rng.randint(5, 60)))} for i in range(n)]


def _build(path, docs, **kwargs):
    path.mkdir()
    ix = windex.create_in(str(path), build_schema())
    writer = ParallelWriter(ix, procs=2, batch=5, **kwargs)
    for doc in docs:
        writer.add_document(**doc)
    writer.commit()
    return windex.open_dir(str(path))


def test_each_worker_segment_has_its_sidecar_equal_to_one_written_later(tmp_path):
    ix = _build(tmp_path / "ix", _docs(1500), memory_limit=400_000)
    segments = ix._segments()
    assert len(segments) >= 3  # several segments per worker
    before = {}
    for seg in segments:
        for ext in (SIDECAR_EXT, UNIONS_EXT):
            side = tmp_path / "ix" / (seg.segment_id() + ext)
            assert side.exists(), side.name
            before[side.name] = side.read_bytes()
            side.unlink()
    # Written again from the committed index, as the indexer's later pass would: same bytes.
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            assert write_sidecar(leaf) and write_unions(leaf)
    for name, data in before.items():
        assert (tmp_path / "ix" / name).read_bytes() == data, name
    # frequent terms really are in them (not just headers)
    assert any(b"market".hex().encode() in data for name, data in before.items()
               if name.endswith(SIDECAR_EXT))


def test_failed_run_leaves_no_sidecar_after_the_next_commit(tmp_path):
    path = tmp_path / "ix"
    path.mkdir()
    ix = windex.create_in(str(path), build_schema())
    writer = FastSegmentWriter(ix)
    writer.add_document(id="keep", title="kept")
    writer.commit()
    writer = ParallelWriter(ix, procs=2, batch=2, memory_limit=1)  # a segment per batch
    for doc in _docs(6):
        writer.add_document(**doc)
    writer.add_document(id="b", nosuchfield="boom")
    with pytest.raises(NewsdeskError):
        writer.commit()
    ix = windex.open_dir(str(path))
    assert ix.doc_count() == 1

    def stray():
        live = {s.segment_id() for s in ix._segments()}
        return [f.name for f in path.iterdir()
                if f.suffix in (SIDECAR_EXT, UNIONS_EXT) and f.name[: -len(f.suffix)] not in live]

    assert stray()  # the workers wrote sidecars of segments the failed run never committed
    ix.writer().commit()
    ix = windex.open_dir(str(path))
    assert stray() == []
