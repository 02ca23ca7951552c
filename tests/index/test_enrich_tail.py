"""The enrichment writer's tail (index/enrichwriter.py): told how many articles the run adds,
it commits whenever what it holds reaches what is still to come, so the last commit (paid
after the workers are done) is small; each commit's segment gets its search files at once.
"""
from __future__ import annotations

from pathlib import Path

from whoosh.reading import SegmentReader

from index import enrichwriter, store
from index.enrichwriter import EnrichWriter
from index.indexer import index_paths
from index.prefixunions import unions_path
from index.sidecar import sidecar_path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds" / "wikinews.jsonl"


def _feed(tmp_path: Path, count: int) -> Path:
    lines = SEEDS.read_text(encoding="utf-8").splitlines()[:count]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _extraction(article) -> dict:
    """A small real-shaped extraction: the first word of the title as a PERSON."""
    word = article.title.split()[0]
    return {"entities": [{"text": word, "label": "PERSON", "start": 0, "end": len(word)}],
            "numbers": [], "quotes": []}


def _enrich(index_dir: Path, expected: int | None) -> list[int]:
    """Runs an EnrichWriter over every pending article as the indexer does; commit sizes."""
    ix = store.open_whoosh(index_dir)
    docs = store.open_docstore(index_dir)
    sizes = []
    try:
        sink = EnrichWriter(ix, docs, expected=expected)
        pending = docs.pending_ids()
        for article_id in pending:
            sink.add(docs.get(article_id), _extraction(docs.get(article_id)))
            if sink.due():
                sizes.append(sink.commit())
                # committed articles are recorded at once: a kill -9 from here loses none
                assert len(docs.pending_ids()) == len(pending) - sum(sizes)
        sizes.append(sink.commit())
        assert docs.pending_ids() == []
    finally:
        docs.close()
        ix.close()
    return sizes


def _segments_and_ids(index_dir: Path) -> tuple[list, list[str]]:
    ix = store.open_whoosh(index_dir)
    try:
        segments = ix._segments()
        with ix.reader() as reader:
            ids = [reader.stored_fields(n)["id"] for n in reader.all_doc_ids()]
            assert reader.doc_count_all() == reader.doc_count(), "a replaced document is left"
        files = []
        for segment in segments:
            leaf = SegmentReader(ix.storage, ix.schema, segment)
            try:
                files.append((sidecar_path(leaf).exists(), unions_path(leaf).exists()))
            finally:
                leaf.close()
        return files, ids
    finally:
        ix.close()


def test_commits_halve_towards_the_end_when_the_total_is_known(tmp_path, empty_index_dir, monkeypatch):
    index_paths(empty_index_dir, [_feed(tmp_path, 40)], extract=False)
    monkeypatch.setattr(enrichwriter, "TAIL_MIN", 4)
    sizes = _enrich(empty_index_dir, expected=40)
    # held >= still to come: 20 of 40, 10 of 20, 5 of 10, then TAIL_MIN (4) of 5, the last one
    assert sizes == [20, 10, 5, 4, 1]
    files, ids = _segments_and_ids(empty_index_dir)
    assert len(ids) == len(set(ids)) == 40
    assert len(files) == len(sizes), "the text segment is dropped, one segment per commit"
    assert all(sidecar and unions for sidecar, unions in files), "every commit wrote its search files"


def test_without_a_total_one_commit_holds_everything(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_feed(tmp_path, 40)], extract=False)
    assert _enrich(empty_index_dir, expected=None) == [40]
    files, ids = _segments_and_ids(empty_index_dir)
    assert len(ids) == len(set(ids)) == 40 and len(files) == 1


def test_search_file_failure_does_not_fail_the_commit(tmp_path, empty_index_dir, monkeypatch, caplog):
    import index.sidecar

    index_paths(empty_index_dir, [_feed(tmp_path, 12)], extract=False)

    def broken(reader):
        raise OSError("disk full")

    monkeypatch.setattr(index.sidecar, "write_sidecar", broken)
    assert _enrich(empty_index_dir, expected=None) == [12]
    assert "search files of segment" in caplog.text
    _files, ids = _segments_and_ids(empty_index_dir)
    assert len(ids) == 12


def test_by_default_the_total_is_what_is_pending(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_feed(tmp_path, 15)], extract=False)
    ix = store.open_whoosh(empty_index_dir)
    docs = store.open_docstore(empty_index_dir)
    try:
        assert EnrichWriter(ix, docs).expected == 15
    finally:
        docs.close()
        ix.close()
