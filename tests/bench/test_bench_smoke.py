"""The benchmark harness: a deterministic corpus, a working screen model, a tiny end-to-end run."""
from __future__ import annotations

import json

import pytest

from benchmarks import corpus, run
from benchmarks.report import median_of
from benchmarks.search_bench import percentile
from benchmarks.vtscreen import Screen


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_BENCH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_generator_is_deterministic_and_seeded():
    a = list(corpus.generate(25, seed=3))
    assert a == list(corpus.generate(25, seed=3))
    assert a != list(corpus.generate(25, seed=4))
    # a smaller corpus is a prefix of a larger one with the same seed
    assert list(corpus.generate(10, seed=3)) == a[:10]
    assert len({r["id"] for r in a}) == 25
    for rec in a:
        assert 300 <= len(rec["body"].split()) <= 1200
        assert "2004-01-01" <= rec["date"] <= "2023-12-31"
        assert rec["title"] and rec["tags"] and rec["source"]


def test_corpus_files_are_byte_identical_and_reused(cache, tmp_path, monkeypatch):
    first = corpus.corpus_dir(30, seed=2)
    data = {p.name: p.read_bytes() for p in corpus.files(first)}
    monkeypatch.setenv("NEWSDESK_BENCH_CACHE", str(tmp_path / "other"))
    second = corpus.corpus_dir(30, seed=2)
    assert second != first
    assert {p.name: p.read_bytes() for p in corpus.files(second)} == data
    mtime = (second / "COMPLETE").stat().st_mtime_ns
    assert corpus.corpus_dir(30, seed=2) == second  # reused, not regenerated
    assert (second / "COMPLETE").stat().st_mtime_ns == mtime
    assert sum(1 for _ in corpus.read(second)) == 30


def test_vocabulary_keeps_growing_with_size(cache):
    _, small = corpus.vocabulary_size(corpus.corpus_dir(50))
    _, large = corpus.vocabulary_size(corpus.corpus_dir(400))
    assert large > 2 * small


def test_coined_words_are_distinct():
    words = [corpus.rare_word(k) for k in range(5000)]
    assert len(set(words)) == 5000


def test_screen_model_tracks_text_not_attributes():
    s = Screen(10, 3)
    assert s.feed(b"\x1b[?1049h\x1b[2;3Hab\x1b[1mc")
    assert s.lines()[1] == "  abc"
    assert not s.feed(b"\x1b[2;3H\x1b[7mab")  # same text, new attributes: no change
    assert s.feed(b"\x1b[2;1H\x1b[K")
    assert s.lines()[1] == ""
    # an escape sequence split across two reads
    assert not s.feed(b"\x1b[3;")
    assert s.feed("5H\u00e9".encode())
    assert s.lines()[2] == "    \u00e9"


def test_percentile_and_median_of():
    assert percentile([], 95) == 0.0
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile([5.0], 50) == 5.0
    assert median_of([{"a": 1, "b": {"c": 3.0}}, {"a": 3, "b": {"c": 1.0}}, {"a": 2, "b": {"c": 2.0}}]) == {
        "a": 2, "b": {"c": 2.0}}


@pytest.mark.slow
def test_tiny_run_writes_results(cache, tmp_path):
    out = tmp_path / "latest.json"
    status = run.main(["--size", "30", "--smoke", "--enrich-docs", "3", "--skip", "reader", "--out", str(out)])
    results = json.loads(out.read_text())
    assert results.get("errors") is None, results.get("errors")
    assert status == 0
    assert results["index"]["text"]["docs"] == 30
    assert results["index"]["add"]["docs"] == 100
    totals = results["search"]["totals"]
    assert totals["police"]["whoosh"] > 0 and totals["police"]["fts5"] > 0
    assert {g["name"] for g in results["goals"]} >= {"search p95", "text indexing"}
