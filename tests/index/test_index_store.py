"""The index directory: marker refusal, locking, damage detection."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index import store
from index.errors import IndexCorruptError, IndexLockedError, NewsdeskError
from index.indexer import index_paths
from index.search import WhooshEngine

HOLD_LOCK = """
import sys, time
from index.store import IndexLock
lock = IndexLock(sys.argv[1]); lock.acquire()
print("locked", flush=True)
time.sleep(60)
"""


def _doc(tmp_path: Path) -> Path:
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"title": "Harbour news", "body": "The harbour reopened today."}) + "\n")
    return src


def test_refuses_a_foreign_non_empty_directory(tmp_path):
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(NewsdeskError, match="not a newsdesk index"):
        index_paths(foreign, [_doc(tmp_path)], extract=False)
    with pytest.raises(NewsdeskError, match="not a newsdesk index"):
        WhooshEngine(foreign)
    assert sorted(p.name for p in foreign.iterdir()) == ["holiday.jpg"]  # untouched


def test_missing_index_is_a_clear_error(empty_index_dir):
    with pytest.raises(store.NoIndexError, match="newsdesk index"):
        WhooshEngine(empty_index_dir)


def test_other_format_version_asks_for_rebuild(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_doc(tmp_path)], extract=False)
    (empty_index_dir / store.MARKER).write_text(json.dumps({"version": 999}))
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        WhooshEngine(empty_index_dir)


def test_deleted_segment_is_reported_as_corrupt(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_doc(tmp_path)], extract=False)
    segments = list((empty_index_dir / store.WHOOSH_DIR).glob("*.seg"))
    assert segments
    for seg in segments:
        seg.unlink()
    with pytest.raises(IndexCorruptError) as info:
        WhooshEngine(empty_index_dir)
    message = str(info.value)
    assert "newsdesk index --rebuild" in message and "\n" not in message
    # ... and --rebuild repairs it.
    report = index_paths(empty_index_dir, [], extract=False, rebuild=True)
    assert report.new == 1
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 1


def test_garbage_toc_is_reported_as_corrupt(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_doc(tmp_path)], extract=False)
    for toc in (empty_index_dir / store.WHOOSH_DIR).glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a pickle")
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        WhooshEngine(empty_index_dir)


def test_lock_contention_names_the_holder(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_doc(tmp_path)], extract=False)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(empty_index_dir)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(IndexLockedError) as info:
            index_paths(empty_index_dir, [_doc(tmp_path)], extract=False, lock_wait=0.5)
        assert time.monotonic() - started >= 0.5
        assert f"index is locked by PID {holder.pid}" in str(info.value)
    finally:
        holder.kill()
        holder.wait()
    # The holder died without unlocking (SIGKILL): its stale pid file must not block us.
    assert (empty_index_dir / store.LOCK_FILE).read_text().strip() == str(holder.pid)
    report = index_paths(empty_index_dir, [_doc(tmp_path)], extract=False, lock_wait=0.5)
    assert report.unchanged == 1


def test_lock_is_released_and_pid_cleared(empty_index_dir):
    lock = store.IndexLock(empty_index_dir, wait=0)
    with lock:
        assert (empty_index_dir / store.LOCK_FILE).read_text().strip() == str(os.getpid())
        with pytest.raises(IndexLockedError):
            store.IndexLock(empty_index_dir, wait=0).acquire()
    assert (empty_index_dir / store.LOCK_FILE).read_text() == ""
    with store.IndexLock(empty_index_dir, wait=0):
        pass


def test_wipe_refuses_unmarked_directory(tmp_path):
    with pytest.raises(NewsdeskError, match="refusing"):
        store.wipe(tmp_path)


def test_rebuild_repairs_an_index_of_another_version(tmp_path, empty_index_dir):
    index_paths(empty_index_dir, [_doc(tmp_path)], extract=False)
    (empty_index_dir / store.MARKER).write_text(json.dumps({"version": 999}))
    with pytest.raises(IndexCorruptError):
        index_paths(empty_index_dir, [_doc(tmp_path)], extract=False)
    report = index_paths(empty_index_dir, [], extract=False, rebuild=True)
    assert report.new == 1
    with WhooshEngine(empty_index_dir) as engine:
        assert engine.count() == 1


def test_taking_the_lock_sweeps_temp_files_a_killed_writer_left(tmp_path):
    """A segment-writer worker SIGKILLed mid-write leaves `.<name>.<pid>.tmp` beside the
    segments; the next writer to take the lock deletes them, and nothing else."""
    from index.store import IndexLock

    wdir = tmp_path / "whoosh"
    wdir.mkdir()
    left = wdir / ".abc123.postarrays.4242.tmp"
    left.write_bytes(b"half a sidecar")
    keep = wdir / "MAIN_abc123.seg"
    keep.write_bytes(b"segment")
    with IndexLock(tmp_path):
        assert not left.exists()
        assert keep.read_bytes() == b"segment"
