"""`merge_run_segments`, the merge policy of enrichment commits (index/segwriter.py):
fully deleted segments are dropped, the run's own segments are merged once MERGE_FANOUT of
them exist, up to MERGE_MAX_DOCS documents, older segments are left alone, and nothing is
lost or duplicated on the way."""
from __future__ import annotations

from functools import partial

from whoosh import index as windex
from whoosh.query import Term

from index import segwriter
from index.schema import build_schema
from index.segwriter import FastSegmentWriter, merge_run_segments


def _doc(i: int) -> dict:
    return {"id": f"d{i}", "title": f"title{i} common", "body": f"body word{i} common text", "tags": "t"}


def _commit(ix, docs, run: set[str], delete: tuple[str, ...] = ()) -> None:
    writer = FastSegmentWriter(ix)
    for article_id in delete:
        writer.delete_by_term("id", article_id)
    for doc in docs:
        writer.add_document(**doc)
    run.add(writer.get_segment().segment_id())
    writer.commit(mergetype=partial(merge_run_segments, run=run))


def _state(ix) -> tuple[list[int], list[str]]:
    segments = ix._segments()
    with ix.searcher() as searcher:
        ids = sorted(f["id"] for f in searcher.all_stored_fields())
        assert len(searcher.search(Term("body", "common"), limit=None)) == len(ids)
    return [s.doc_count_all() for s in segments], ids


def test_run_segments_merge_at_fanout_and_leave_older_ones(tmp_path):
    ix = windex.create_in(tmp_path, build_schema())
    older: set[str] = set()
    _commit(ix, [_doc(i) for i in range(5)], older)  # not part of the run below
    run: set[str] = set()
    fanout = segwriter.MERGE_FANOUT
    for k in range(fanout):
        _commit(ix, [_doc(100 + k)], run)
    sizes, _ = _state(ix)
    assert sorted(sizes) == [1] * fanout + [5]  # fan-out reached only with this commit
    _commit(ix, [_doc(200)], run)
    sizes, ids = _state(ix)
    assert sorted(sizes) == [5, fanout + 1]  # the run's segments + the new one; older untouched
    assert len(ids) == 5 + fanout + 1


def test_replaced_text_segment_is_dropped_once_all_its_documents_are(tmp_path):
    ix = windex.create_in(tmp_path, build_schema())
    _commit(ix, [_doc(i) for i in range(6)], set())  # the "text" segment
    run: set[str] = set()
    _commit(ix, [_doc(0), _doc(1)], run, delete=("d0", "d1"))
    _commit(ix, [_doc(2), _doc(3)], run, delete=("d2", "d3"))
    sizes, ids = _state(ix)
    assert sorted(sizes) == [2, 2, 6]  # the text segment keeps its deleted documents for now
    _commit(ix, [_doc(4), _doc(5)], run, delete=("d4", "d5"))
    sizes, ids = _state(ix)
    assert sorted(sizes) == [2, 2, 2]  # fully deleted: dropped; the run's few segments stay
    assert ids == sorted(f"d{i}" for i in range(6))


def test_merges_stop_at_the_size_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(segwriter, "MERGE_MAX_DOCS", 5)
    ix = windex.create_in(tmp_path, build_schema())
    run: set[str] = set()
    fanout = segwriter.MERGE_FANOUT
    for k in range(fanout):
        _commit(ix, [_doc(2 * k), _doc(2 * k + 1)], run)
    _commit(ix, [_doc(50)], run)
    sizes, ids = _state(ix)
    # the new document, then smallest first while the merged segment stays within 5: 1 + 2 + 2
    assert sorted(sizes) == [2] * (fanout - 2) + [5]
    assert len(ids) == 2 * fanout + 1
