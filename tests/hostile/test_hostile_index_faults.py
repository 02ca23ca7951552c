"""Index faults: kill -9 in the middle of `newsdesk index`, two indexers at once, a stale lock,
a reader open while an indexer commits, and damaged or deleted index files.

Every indexer here is the real CLI in a subprocess (`python -m tui.main index ... --no-extract`).
"""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from hostile_support import (
    Env,
    assert_one_line_error,
    doc_ids_in_whoosh,
    generated_records,
    write_jsonl,
)

BATCH_FILES = 4
PER_FILE = 150  # 600 articles per batch


def write_batch(folder: Path, tag: str) -> list[str]:
    """BATCH_FILES JSONL files of PER_FILE articles; returns the unique word of each."""
    words = []
    for f in range(BATCH_FILES):
        records = generated_records(PER_FILE, tag, start=f * PER_FILE)
        write_jsonl(folder / f"{tag}_{f}.jsonl", records)
        words += [f"{tag}word{k}" for k in range(f * PER_FILE, (f + 1) * PER_FILE)]
    return words


def lock_holder(index_dir: Path) -> int | None:
    try:
        text = (index_dir / "newsdesk.lock").read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def wait_for_lock(index_dir: Path, pid: int, proc, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock_holder(index_dir) == pid or proc.poll() is not None:
            return
        time.sleep(0.01)
    raise AssertionError("the indexer never took the lock")


def assert_consistent(index_dir: Path, committed: set[str]) -> int:
    """The index opens; each committed article is searchable and readable. Returns the count."""
    from index.search import WhooshEngine

    ids = doc_ids_in_whoosh(index_dir)
    assert committed <= ids, f"{len(committed - ids)} committed articles lost"
    with WhooshEngine(index_dir) as engine:
        assert engine.count() == len(ids)
        for article_id in ids:
            article = engine.get(article_id)
            assert article is not None, f"{article_id} is in Whoosh but not in the docstore"
            word = next(w for w in article.body.split() if "word" in w).rstrip(".,")
            found = engine.search(word, limit=5, snippets=False)
            assert article_id in {h.id for h in found.hits}, f"{word} does not find {article_id}"
    return len(ids)


@pytest.fixture
def baseline(tmp_path) -> tuple[Env, set[str], float]:
    """An index with one complete batch; also how long indexing a batch took."""
    env = Env(tmp_path / "user")
    folder = tmp_path / "base"
    write_batch(folder, "base")
    started = time.monotonic()
    done = env.run("index", str(folder), "--no-extract")
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr.decode()
    ids = doc_ids_in_whoosh(env.index)
    assert len(ids) == BATCH_FILES * PER_FILE
    return env, ids, took


@pytest.mark.slow
def test_kill_9_mid_batch_at_three_points(baseline, tmp_path):
    env, committed, took = baseline
    killed_mid_run = 0
    for point, fraction in enumerate((0.05, 0.3, 0.55)):
        folder = tmp_path / f"batch{point}"
        words = write_batch(folder, f"kill{point}x")
        proc = env.popen("index", str(folder), "--no-extract")
        wait_for_lock(env.index, proc.pid, proc)
        time.sleep(took * fraction)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        # Read what survived before re-running: all of it must be whole.
        committed = doc_ids_in_whoosh(env.index) | committed
        assert_consistent(env.index, committed)
        if proc.returncode == -signal.SIGKILL:
            holder = lock_holder(env.index)
            if holder is None:
                # The kill landed after the indexer released its lock (while it printed its
                # summary or the interpreter shut down): the lock is only released after the
                # last commit, so the whole batch must be in.
                assert len(committed) == (point + 2) * BATCH_FILES * PER_FILE
            else:
                assert holder == proc.pid  # a stale lock file is left behind...
                killed_mid_run += 1
        done = env.run("index", str(folder), "--no-extract")  # ...and does not block anyone
        assert done.returncode == 0, done.stderr.decode()
        assert_one_line_error(done.stderr)
        assert lock_holder(env.index) is None, "the finished indexer left its pid in the lock"
        total = len(doc_ids_in_whoosh(env.index))
        assert total == (point + 2) * BATCH_FILES * PER_FILE, "re-run did not complete the batch"
        from index.search import WhooshEngine

        with WhooshEngine(env.index) as engine:
            for word in (words[0], words[len(words) // 2], words[-1]):
                assert engine.search(word).total == 1
        committed = doc_ids_in_whoosh(env.index)
    assert killed_mid_run >= 2, "the indexer finished before most kills: nothing was tested"


def test_second_indexer_waits_then_says_who_holds_the_lock(baseline, tmp_path):
    env, _, _ = baseline
    folder = tmp_path / "first"
    write_batch(folder, "first")
    first = env.popen("index", str(folder), "--no-extract")
    try:
        wait_for_lock(env.index, first.pid, first)
        assert first.poll() is None, "the first indexer finished too soon"
        os.kill(first.pid, signal.SIGSTOP)  # it holds the lock for as long as we like
        other = tmp_path / "second"
        write_jsonl(other / "second.jsonl", generated_records(3, "second"))
        started = time.monotonic()
        second = env.run("index", str(other), "--no-extract")
        waited = time.monotonic() - started
        assert second.returncode == 1
        text = assert_one_line_error(second.stderr, f"index is locked by PID {first.pid}")
        assert len([line for line in text.splitlines() if line.strip()]) == 1, text
        assert 1.0 <= waited < 60, f"gave up after {waited:.1f} s"
    finally:
        os.kill(first.pid, signal.SIGCONT)
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err.decode()
    assert len(doc_ids_in_whoosh(env.index)) == 2 * BATCH_FILES * PER_FILE


def test_reader_engine_picks_up_articles_indexed_meanwhile(baseline, tmp_path):
    from index.search import WhooshEngine

    env, ids, _ = baseline
    folder = tmp_path / "later"
    write_jsonl(folder / "later.jsonl", generated_records(20, "later"))
    with WhooshEngine(env.index) as engine:
        assert engine.search("laterword3").total == 0
        before = engine.count()
        proc = env.popen("index", str(folder), "--no-extract")
        # keep searching while the indexer writes: nothing may fail meanwhile
        while proc.poll() is None:
            result = engine.search("baseword7")
            assert result.total == 1 and result.error is None
            engine.refresh()
            time.sleep(0.05)
        assert proc.returncode == 0, proc.stderr.read().decode()
        proc.stdout.close()
        proc.stderr.close()
        engine.refresh()
        assert engine.count() == before + 20
        assert engine.search("laterword3").total == 1
        hit = engine.search("laterword3").hits[0]
        assert engine.get(hit.id).title.startswith("Later report 3")


# --- damaged index files ---------------------------------------------------------------------


def _segment_files(index_dir: Path) -> list[Path]:
    return sorted(p for p in (index_dir / "whoosh").iterdir() if p.suffix == ".seg")


def _delete_segment(index_dir: Path) -> None:
    segs = _segment_files(index_dir)
    assert segs, list((index_dir / "whoosh").iterdir())
    segs[0].unlink()


def _garble_segment(index_dir: Path) -> None:
    seg = _segment_files(index_dir)[0]
    size = seg.stat().st_size
    with open(seg, "r+b") as fh:
        fh.seek(size // 3)
        fh.write(os.urandom(size // 3))
        fh.truncate(size - size // 4)


def _garble_toc(index_dir: Path) -> None:
    toc = sorted((index_dir / "whoosh").glob("*.toc"))[-1]
    toc.write_bytes(b"\x80\x04not a pickle at all" + os.urandom(64))


def _garble_docstore(index_dir: Path) -> None:
    path = index_dir / "docstore.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"garbage, not an SQLite database" * 100)


DAMAGE = {
    "deleted_segment": _delete_segment,
    "garbled_segment": _garble_segment,
    "garbled_toc": _garble_toc,
    "garbled_docstore": _garble_docstore,
}


@pytest.fixture(scope="module")
def small_index_template(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("damage")
    env = Env(root)
    folder = root / "articles"
    write_jsonl(folder / "a.jsonl", generated_records(30, "dmg"))
    done = env.run("index", str(folder), "--no-extract")
    assert done.returncode == 0, done.stderr.decode()
    return env.index, folder


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_index_says_rebuild_and_rebuild_works(damage, small_index_template, tmp_path):
    import shutil

    template, folder = small_index_template
    env = Env(tmp_path / "user")
    shutil.copytree(template, env.index, ignore=shutil.ignore_patterns("newsdesk.lock"))
    DAMAGE[damage](env.index)
    search = env.run("search", "dmgword4")
    assert search.returncode == 1
    assert_one_line_error(search.stderr, "newsdesk index --rebuild")
    reader = env.run("--no-seed", timeout=60)  # the reader refuses before drawing anything
    assert reader.returncode != 0
    assert_one_line_error(reader.stderr, "newsdesk index --rebuild")
    # the docstore remembers which files to re-read; without it the paths are given again
    args = ["index", "--rebuild", "--no-extract"] + ([str(folder)] if damage == "garbled_docstore" else [])
    rebuild = env.run(*args)
    assert rebuild.returncode == 0, rebuild.stderr.decode()
    assert_one_line_error(rebuild.stderr)
    search = env.run("search", "dmgword4")
    assert search.returncode == 0 and b"Dmg report 4:" in search.stdout, search.stderr.decode()
    assert len(doc_ids_in_whoosh(env.index)) == 30
