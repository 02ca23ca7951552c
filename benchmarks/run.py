"""`make bench`: python -m benchmarks.run --size N [--smoke] [--runs K] [--out FILE].

Builds (or reuses) the N-article corpus, then measures indexing, search (Whoosh and the FTS5
peer in the same run), the reader in a pty, and an incremental add; prints a table with the
goals beside the figures and writes everything to --out as JSON. Times are reported, never
asserted: the exit status is 1 only when a part could not run at all.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from benchmarks import corpus, fts5, index_bench, report, search_bench
from benchmarks.queries import TYPED_QUERIES
from benchmarks.search_bench import percentile

ROOT = Path(__file__).resolve().parents[1]
INCREMENTAL = 100
REPEAT_INDEX_MAX = 2000  # above this size indexing runs once (it is the slow part)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=10_000, help="articles in the generated corpus")
    p.add_argument("--seed", type=int, default=1, help="corpus generator seed")
    p.add_argument("--runs", type=int, default=3, help="runs per figure; medians are reported")
    p.add_argument("--smoke", action="store_true", help="one quick run of everything (CI)")
    p.add_argument("--enrich-docs", type=int, help="articles for the full-extraction figure (default min(N, 300))")
    p.add_argument("--skip", action="append", default=[], choices=["index", "search", "reader", "add"],
                   help="leave a part out (repeatable)")
    p.add_argument("--pure-text", action="store_true",
                   help="also time a plain --no-extract pass without the true entities (one more pass)")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "latest.json"))
    return p


def _section(results: dict, name: str, fn):
    """Run one part; a failure is recorded as a one-line error and the rest goes on."""
    t0 = time.perf_counter()
    print(f"[bench] {name} ...", file=sys.stderr, flush=True)
    try:
        value = fn()
    except Exception as exc:  # noqa: BLE001 - reported, never a traceback
        msg = f"{type(exc).__name__}: {exc}".strip().splitlines()[0][:300]
        results.setdefault("errors", {})[name] = msg
        print(f"[bench] {name} failed: {msg}", file=sys.stderr, flush=True)
        return {"error": msg}
    print(f"[bench] {name} done in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    return value


def _reader_runs(index_dir: Path, runs: int, smoke: bool) -> dict:
    from benchmarks import reader_bench

    typed = TYPED_QUERIES[:1] if smoke else TYPED_QUERIES
    # The reader as installed: pip byte-compiles a regular install, an editable one is not,
    # and with PYTHONDONTWRITEBYTECODE set every launch would compile our modules again
    # (~100 ms of first paint). `make run` does the same (Makefile).
    import compileall

    for package in ("index", "tui"):
        compileall.compile_dir(str(ROOT / package), quiet=1)
    per_run = []
    screen = ""
    for _ in range(runs):
        raw = reader_bench.run_once(index_dir, typed, scroll_steps=5 if smoke else 15)
        screen = raw.pop("screen", "")
        per_run.append({
            "first_paint_ms": raw["first_paint_ms"], "settled_ms": raw["settled_ms"],
            "keystroke_p50_ms": percentile(raw["keystroke_ms"], 50),
            "keystroke_p95_ms": percentile(raw["keystroke_ms"], 95),
            "keystroke_bytes_p50": percentile(raw["keystroke_bytes"], 50),
            "scroll_bytes_p50": percentile(raw["scroll_bytes"], 50),
            "scroll_bytes_p95": percentile(raw["scroll_bytes"], 95),
            "scroll_steps_that_changed_text": raw["scroll_changed"],
            "idle_bytes_per_s": raw["idle_bytes_per_s"], "rss_mb": raw["rss_mb"],
            "peak_rss_mb": raw["peak_rss_mb"], "keystrokes": len(raw["keystroke_ms"]),
        })
    out = report.median_of(per_run)
    out.update(cols=reader_bench.COLS, rows=reader_bench.ROWS, runs=per_run, last_screen=screen)
    return out


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.size < 1 or args.runs < 1:
        print("benchmarks: --size and --runs must be at least 1", file=sys.stderr)
        return 2
    if corpus.shared_corpus_path() is None:
        print("benchmarks: no Wikinews corpus (../shared/corpus/wikinews.jsonl or seeds/wikinews.jsonl)",
              file=sys.stderr)
        return 2
    runs = 1 if args.smoke else args.runs
    n = args.size
    enrich_docs = args.enrich_docs or (min(n, 20) if args.smoke else min(n, 300))
    work = corpus.cache_dir() / f"work-n{n}-s{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"meta": {
        "size": n, "seed": args.seed, "runs": runs, "smoke": args.smoke,
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(), "load": round(os.getloadavg()[0], 2), "enrich_docs": enrich_docs,
    }}
    t_start = time.perf_counter()
    cdir = _section(results, "corpus", lambda: corpus.corpus_dir(n, args.seed))
    if isinstance(cdir, dict):
        print(report.render(results))
        return 1
    results["meta"]["corpus"] = str(cdir)
    idx: dict = {}
    results["index"] = idx
    fts_db = work / "fts5.sqlite3"
    idx["fts5"] = _section(results, "fts5 build", lambda: fts5.build(cdir, fts_db))
    search_ix = work / "index-search"
    needs_index = not {"search", "reader", "add"} <= set(args.skip)
    repeat = runs if n <= REPEAT_INDEX_MAX else 1
    if "index" not in args.skip or needs_index:
        # The text pass that is timed is also the pass that builds the search index: the product's
        # --no-extract path with the generator's true entities attached (see index_bench).
        idx["text"] = _section(results, "text indexing", lambda: report.median_of(
            [index_bench.build_truth(cdir, search_ix) for _ in range(repeat)]))
    if "index" not in args.skip:
        if args.pure_text:
            idx["text_pure"] = _section(results, "text indexing (pure)", lambda: report.median_of(
                [index_bench.bench_text(cdir, work / "index-text") for _ in range(repeat)]))
            shutil.rmtree(work / "index-text", ignore_errors=True)
        subset = corpus.subset_file(cdir, enrich_docs)
        idx["full"] = _section(results, "full indexing", lambda: report.median_of(
            [index_bench.bench_full(subset, work / "index-full") for _ in range(repeat)]))
        shutil.rmtree(work / "index-full", ignore_errors=True)
    if "search" not in args.skip:
        results["search"] = _section(results, "search", lambda: report.median_of(
            [search_bench.bench_search(search_ix, fts_db, search_bench.reps_for(n), smoke=args.smoke) for _ in range(runs)]))
    if "reader" not in args.skip:
        results["reader"] = _section(results, "reader", lambda: _reader_runs(search_ix, runs, args.smoke))
    if "add" not in args.skip:
        extra = corpus.extra_file(n, INCREMENTAL, args.seed)
        idx["add"] = _section(results, "incremental add", lambda: index_bench.bench_add(extra, search_ix))
    results["ratios"] = report.ratios(results)
    results["goals"] = report.goals(results)
    results["meta"]["seconds"] = round(time.perf_counter() - t_start, 1)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report.render(results))
    print(f"\nwrote {out} ({results['meta']['seconds']} s)")
    return 1 if results.get("errors") else 0


if __name__ == "__main__":
    sys.exit(main())
