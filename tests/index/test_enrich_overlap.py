"""Extraction workers started before the text phase (index/indexer.py `_early_workers`,
index/extract/parallel.py `WorkerPool`): they load spaCy while the main process indexes the
text, the main process never loads it, and they are gone after every way a run can end."""
from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from whoosh.index import LockError

from index import indexer, store
from index.extract.parallel import PARALLEL_MIN, WorkerPool, cpus_available
from index.indexer import _articles_in, index_paths

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds" / "wikinews.jsonl"

needs_two_cpus = pytest.mark.skipif(cpus_available() < 2, reason="workers start only with 2+ CPUs")


def _subset(tmp_path: Path, count: int, name: str = "feed.jsonl") -> Path:
    lines = SEEDS.read_text(encoding="utf-8").splitlines()[:count]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _no_workers_left() -> bool:
    return multiprocessing.active_children() == []  # also reaps finished ones


def test_articles_in_counts_jsonl_lines_up_to_enough(tmp_path: Path) -> None:
    feed = _subset(tmp_path, 60)
    assert _articles_in(feed, 1000) == 60
    assert _articles_in(feed, PARALLEL_MIN) >= PARALLEL_MIN
    text = tmp_path / "one.txt"
    text.write_text("Title\n\nA body.\n", encoding="utf-8")
    assert _articles_in(text, 1000) == 1
    assert _articles_in(tmp_path / "missing.jsonl", 1000) == 0


@needs_two_cpus
def test_large_job_extracts_in_workers_and_main_never_loads_spacy(tmp_path: Path) -> None:
    feed = _subset(tmp_path, PARALLEL_MIN + 4)
    script = textwrap.dedent(
        f"""
        import json, multiprocessing, sys
        from index import indexer
        from index.extract import parallel
        started = []
        class Recording(parallel.WorkerPool):
            def __init__(self, *a, **k):
                started.append("spacy" in sys.modules)  # before the text phase
                super().__init__(*a, **k)
        parallel.WorkerPool = Recording
        report = indexer.index_paths({str(tmp_path / "ix")!r}, [{str(feed)!r}], extract=True)
        print(json.dumps({{"enriched": report.enriched, "pending": report.pending,
                          "error": report.enrich_error, "started": started,
                          "spacy_in_main": "spacy" in sys.modules,
                          "children": len(multiprocessing.active_children())}}))
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["error"] is None
    assert out["enriched"] == PARALLEL_MIN + 4 and out["pending"] == 0
    assert out["started"] == [False]  # one pool, made before anything loaded spaCy
    assert out["spacy_in_main"] is False
    assert out["children"] == 0


@needs_two_cpus
def test_workers_gone_when_interrupted_during_text_phase(tmp_path: Path) -> None:
    feed = _subset(tmp_path, PARALLEL_MIN + 4)
    seen: list[int] = []

    def progress(phase: str, done: int, total: int) -> None:
        seen.append(len(multiprocessing.active_children()))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        index_paths(tmp_path / "ix", [feed], extract=True, progress=progress)
    assert seen == [2]  # the workers were running when the text phase began
    assert _no_workers_left()


@needs_two_cpus
def test_workers_gone_when_text_phase_fails(tmp_path: Path, monkeypatch) -> None:
    index_dir = tmp_path / "ix"
    store.create(index_dir)
    monkeypatch.setattr(indexer, "WRITER_TIMEOUT", 0.2)
    held = store.open_whoosh(index_dir).writer()  # Whoosh's write lock, taken elsewhere
    try:
        with pytest.raises(LockError):
            index_paths(index_dir, [_subset(tmp_path, PARALLEL_MIN + 4)], extract=True)
    finally:
        held.cancel()
    assert _no_workers_left()


@needs_two_cpus
def test_no_workers_for_no_extract_small_jobs_or_nothing_to_enrich(tmp_path: Path) -> None:
    def watch(phase: str, done: int, total: int) -> None:
        counts.append(len(multiprocessing.active_children()))

    counts: list[int] = []
    index_paths(tmp_path / "a", [_subset(tmp_path, PARALLEL_MIN + 4)], extract=False, progress=watch)
    assert counts and max(counts) == 0

    counts = []
    report = index_paths(tmp_path / "b", [_subset(tmp_path, 3, "small.jsonl")], extract=True, progress=watch)
    assert report.enriched == 3 and max(counts) == 0  # in-process extraction, as before

    # Lines that hold no article: the estimate starts the workers, nothing turns out to be
    # pending, and they are stopped without being used.
    junk = tmp_path / "junk.jsonl"
    junk.write_text("not json\n" * (PARALLEL_MIN + 4), encoding="utf-8")
    counts = []
    report = index_paths(tmp_path / "c", [junk], extract=True, progress=watch)
    assert report.errors and report.enriched == 0 and report.pending == 0
    assert counts[0] == 2
    assert _no_workers_left()


def test_unused_pool_is_terminated_on_close() -> None:
    pool = WorkerPool(2)
    processes = list(pool._pool._processes.values())
    assert len(processes) == 2 and all(p.is_alive() for p in processes)
    pool.close()
    assert not any(p.is_alive() for p in processes)
    assert _no_workers_left()
