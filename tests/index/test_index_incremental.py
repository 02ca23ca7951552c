"""Indexing runs: incremental re-index, id stability, updates, deletions, refresh, rebuild."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from index.indexer import ensure_seeded, index_paths
from index.models import article_id
from index.search import WhooshEngine

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _row(n: int, word: str = "lighthouse") -> dict:
    return {
        "title": f"Story number {n} about the {word}",
        "body": f"The {word} keeper counted {n} ships passing the harbour on a windy night. " * 3,
        "date": f"2020-01-{n + 1:02d}",
        "source": "Test Wire",
    }


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def test_second_run_reads_nothing_and_reports_unchanged(corpus, empty_index_dir):
    first = index_paths(empty_index_dir, [corpus], extract=False)
    assert (first.new, first.updated, first.unchanged, len(first.errors)) == (145, 0, 0, 0)
    second = index_paths(empty_index_dir, [corpus], extract=False)
    assert (second.new, second.updated, second.unchanged) == (0, 0, 145)
    assert second.summary().startswith("indexed 0 new, 0 updated, 145 unchanged, 0 errors")
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 145


def test_ids_are_stable_content_hashes(corpus, empty_index_dir):
    index_paths(empty_index_dir, [corpus], extract=False)
    with WhooshEngine(empty_index_dir) as engine:
        hit = engine.search("baghouz").hits[0]
        article = engine.get(hit.id)
    assert hit.id == article_id(article.source, article.title, article.body)
    # Same content from a different file name: the same article, not a second copy.
    shutil.copy(corpus / "000_ea98eee8af135311.txt", corpus / "copy_of_seed.txt")
    report = index_paths(empty_index_dir, [corpus], extract=False)
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.search("baghouz").total == 1
    assert report.new == 0


def test_touched_but_identical_file_is_unchanged(corpus, empty_index_dir):
    index_paths(empty_index_dir, [corpus], extract=False)
    jsonl = corpus / "wikinews.jsonl"
    os.utime(jsonl, ns=(jsonl.stat().st_atime_ns, jsonl.stat().st_mtime_ns + 10**9))
    report = index_paths(empty_index_dir, [corpus], extract=False)
    assert (report.new, report.updated, report.unchanged, report.removed) == (0, 0, 145, 0)


def test_changed_file_replaces_its_articles(tmp_path, empty_index_dir):
    src = tmp_path / "feed.jsonl"
    _write_jsonl(src, [_row(1), _row(2), _row(3)])
    assert index_paths(empty_index_dir, [src], extract=False).new == 3
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.search("lighthouse").total == 3
        # A reader keeps its engine open while the file changes and is re-indexed.
        _write_jsonl(src, [_row(1), _row(2, "windmill"), _row(4, "windmill")])
        report = index_paths(empty_index_dir, [src], extract=False)
        assert (report.new, report.updated, report.unchanged, report.removed) == (0, 2, 1, 2)
        assert engine.refresh() is True
        assert engine.refresh() is False
        assert engine.search("lighthouse").total == 1
        assert engine.search("windmill").total == 2
        assert engine.count() == 3


def test_deleted_file_removes_its_articles(tmp_path, empty_index_dir):
    folder = tmp_path / "news"
    folder.mkdir()
    _write_jsonl(folder / "a.jsonl", [_row(1)])
    _write_jsonl(folder / "b.jsonl", [_row(2, "windmill")])
    index_paths(empty_index_dir, [folder], extract=False)
    (folder / "b.jsonl").unlink()
    report = index_paths(empty_index_dir, [folder], extract=False)
    assert report.removed == 1 and report.unchanged == 1
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.search("windmill").total == 0
        assert engine.count() == 1


def test_bad_files_are_reported_and_the_rest_indexed(tmp_path, empty_index_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    _write_jsonl(folder / "good.jsonl", [_row(1)])
    (folder / "empty.txt").write_text("")
    (folder / "broken.json").write_text("{not json")
    report = index_paths(empty_index_dir, [folder, tmp_path / "missing.txt"], extract=False)
    assert report.new == 1 and report.ok
    named = {Path(str(e).split(":")[0]).name for e in report.errors}
    assert {"empty.txt", "broken.json", "missing.txt"} <= named
    assert all(str(e).count("\n") == 0 for e in report.errors)
    # Nothing already indexed is lost by a later run over only bad input.
    later = index_paths(empty_index_dir, [folder / "empty.txt"], extract=False)
    assert not later.ok
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 1


def test_no_extract_then_enrich(tmp_path, empty_index_dir):
    from index.indexer import enrich

    src = tmp_path / "one.jsonl"
    row = _row(1)
    row["body"] = "Paul Bradley said the harbour in Dover was closed. " + row["body"]
    _write_jsonl(src, [row])
    report = index_paths(empty_index_dir, [src], extract=False)
    assert report.pending == 1
    with WhooshEngine(empty_index_dir) as engine:
        article_id_ = engine.search("harbour").hits[0].id
        assert engine.get(article_id_).extraction is None
        done = enrich(empty_index_dir)
        assert done.enriched == 1 and done.pending == 0 and done.enrich_error is None
        engine.refresh()
        assert engine.get(article_id_).extraction is not None
        assert engine.search('person:"Paul Bradley"').total == 1
        assert engine.search("harbour").total == 1  # update_document kept the text searchable


def test_rebuild_reindexes_recorded_paths(tmp_path, empty_index_dir):
    src = tmp_path / "feed.jsonl"
    _write_jsonl(src, [_row(1), _row(2)])
    index_paths(empty_index_dir, [src], extract=False)
    report = index_paths(empty_index_dir, [], extract=False, rebuild=True)
    assert report.new == 2
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 2


def test_ensure_seeded(empty_index_dir):
    assert ensure_seeded(empty_index_dir, extract=False) is True
    assert ensure_seeded(empty_index_dir, extract=False) is False
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 145


def test_parallel_writer_path_indexes_everything(corpus, empty_index_dir, monkeypatch):
    import index.indexer as indexer

    monkeypatch.setattr(indexer, "PARALLEL_WRITE_MIN_FILES", 1)  # force procs=2, multisegment
    report = index_paths(empty_index_dir, [corpus], extract=False)
    assert report.new == 145
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 145
        assert engine.search("baghouz").total == 1
