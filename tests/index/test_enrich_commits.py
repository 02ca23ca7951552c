"""Enrichment commits (index/enrichwriter.py): one Whoosh document per article however often
it commits, the replaced text segment dropped, the run's segments merged, and a crash at
either step of a commit (Whoosh written, docstore not yet) resumed by the next run.

Extraction is the real spaCy pipeline, in this process (fewer than PARALLEL_MIN articles).
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index import enrichwriter, segwriter, store
from index.indexer import enrich, index_paths
from index.search import WhooshEngine

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds" / "wikinews.jsonl"


def _subset(tmp_path: Path, count: int) -> Path:
    lines = SEEDS.read_text(encoding="utf-8").splitlines()[:count]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _whoosh_state(index_dir: Path) -> tuple[list[str], int, int, list[bool]]:
    """(live ids, live docs, docs including deleted ones, stored `enriched` flags)."""
    ix = store.open_whoosh(index_dir)
    try:
        with ix.reader() as reader:
            stored = [reader.stored_fields(n) for n in reader.all_doc_ids()]
            return [s["id"] for s in stored], reader.doc_count(), reader.doc_count_all(), [
                s["enriched"] for s in stored
            ]
    finally:
        ix.close()


def _segments(index_dir: Path) -> list:
    ix = store.open_whoosh(index_dir)
    try:
        return ix._segments()
    finally:
        ix.close()


def _assert_whole(index_dir: Path, count: int) -> None:
    """Every article once in Whoosh, enriched, with no deleted document left behind; the
    docstore agrees; a person from each extraction finds its article."""
    ids, live, everything, flags = _whoosh_state(index_dir)
    assert len(ids) == len(set(ids)) == live == count
    assert everything == live, "a replaced document is still in a segment"
    assert all(flags)
    docs = store.open_docstore(index_dir)
    try:
        assert docs.pending_ids() == []
    finally:
        docs.close()
    with WhooshEngine(index_dir) as engine:
        checked = 0
        for article_id in ids:
            article = engine.get(article_id)
            people = [e["text"] for e in article.extraction["entities"] if e["label"] == "PERSON"]
            clean = [p for p in people if p.replace(" ", "").isalpha()]
            if clean:
                hits = engine.search(f'person:"{clean[0]}"', limit=200, snippets=False).hits
                assert article_id in {h.id for h in hits}, clean[0]
                checked += 1
        assert checked >= 3, "too few articles with a PERSON to check the person field"


def test_commit_per_article_keeps_one_document_each_and_merges(tmp_path, empty_index_dir, monkeypatch):
    feed = _subset(tmp_path, 20)
    first = index_paths(empty_index_dir, [feed], extract=False)
    assert first.pending == 20
    monkeypatch.setattr(enrichwriter, "ENRICH_COMMIT_SECONDS", 0.0)  # a commit after every article
    report = enrich(empty_index_dir)
    assert report.enriched == 20 and report.pending == 0 and report.enrich_error is None
    _assert_whole(empty_index_dir, 20)
    # 20 commits: the run's segments were merged as they piled up; the text segment is gone.
    segments = _segments(empty_index_dir)
    assert len(segments) <= segwriter.MERGE_FANOUT // 2
    assert all(s.deleted_count() == 0 for s in segments)


_CRASH = textwrap.dedent("""
    import os, sys
    from index import enrichwriter, indexer
    from index.docstore import DocStore

    index_dir, where, after = sys.argv[1], sys.argv[2], int(sys.argv[3])
    enrichwriter.ENRICH_COMMIT_SECONDS = 0.0
    calls = [0]

    def dying(original):
        def wrapper(*args, **kwargs):
            calls[0] += 1
            if where == "before-docstore" and calls[0] == after:
                os._exit(9)  # Whoosh has committed this article, the docstore not
            result = original(*args, **kwargs)
            if where == "after-commit" and calls[0] == after:
                os._exit(9)
            return result
        return wrapper

    DocStore.set_extraction = dying(DocStore.set_extraction)
    indexer.enrich(index_dir)
    sys.exit(3)  # not reached when the crash happened
""")


@pytest.mark.parametrize("where", ["after-commit", "before-docstore"])
def test_enrichment_killed_mid_run_resumes(tmp_path, empty_index_dir, where):
    feed = _subset(tmp_path, 12)
    index_paths(empty_index_dir, [feed], extract=False)
    proc = subprocess.run(
        [sys.executable, "-c", _CRASH, str(empty_index_dir), where, "4"],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 9, proc.stderr[-2000:]
    ids, live, _, flags = _whoosh_state(empty_index_dir)
    assert live == 12 and len(set(ids)) == 12, "the crash lost or duplicated articles"
    assert sum(flags) == 4  # four enrichment commits reached Whoosh
    docs = store.open_docstore(empty_index_dir)
    try:
        left = len(docs.pending_ids())
    finally:
        docs.close()
    assert left == (8 if where == "after-commit" else 9)
    report = enrich(empty_index_dir)
    assert report.enriched == left and report.enrich_error is None
    _assert_whole(empty_index_dir, 12)


def test_extraction_failure_keeps_what_was_extracted_before_it(tmp_path, empty_index_dir, monkeypatch):
    from index.extract.pipeline import Extractor

    feed = _subset(tmp_path, 10)
    index_paths(empty_index_dir, [feed], extract=False)
    real = Extractor.extract_many

    def failing_after_six(self, items):
        for n, result in enumerate(real(self, items)):
            if n == 6:
                raise RuntimeError("rule layer bug")
            yield result

    monkeypatch.setattr(Extractor, "extract_many", failing_after_six)
    report = enrich(empty_index_dir)  # one commit interval: nothing was committed before the bug
    assert report.enriched == 6 and report.pending == 4
    assert report.enrich_error == "extraction stopped after 6 articles: RuntimeError: rule layer bug"
    ids, live, _, flags = _whoosh_state(empty_index_dir)
    assert live == 10 and sum(flags) == 6
    monkeypatch.setattr(Extractor, "extract_many", real)
    assert enrich(empty_index_dir).enriched == 4
    _assert_whole(empty_index_dir, 10)
