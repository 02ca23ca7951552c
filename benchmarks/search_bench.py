"""Search latency: the product's engine (one searcher reused, as the reader does) vs FTS5.

Every query of the mix runs `reps` times per round after one warm-up; p50/p95/p99 are taken
over all timed calls of the mix, with and without top-20 snippets, and per query kind.
Cold open runs in a fresh interpreter: imports + open + first query, as the reader pays it.
"""
from __future__ import annotations

import math
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from benchmarks.fts5 import Fts5Engine
from benchmarks.queries import KINDS, BenchQuery, query_mix



def reps_for(size: int) -> int:
    """Timed calls per query per round: fewer on big corpora, where one query can take 100s of ms."""
    return 5 if size <= 2000 else 3 if size <= 20_000 else 2


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0.0 for an empty list."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


WARM_UP = "said"  # the reader's warm-up query


def summarise(samples: list[float]) -> dict[str, float]:
    return {"p50": percentile(samples, 50), "p95": percentile(samples, 95),
            "p99": percentile(samples, 99), "n": len(samples)}


def open_whoosh(index_dir: Path):
    from index.search import WhooshEngine

    return WhooshEngine(index_dir)


def _time_calls(run: Callable[[BenchQuery], int], queries: list[BenchQuery], reps: int) -> tuple[dict, dict]:
    """(summary over all samples + per kind, {query text: total hits}).

    The first call of each query is timed apart ("first"): it is what a user typing a new
    query meets (posting lists not yet decoded or cached); the repeated calls measure the
    warm engine. Earlier queries of the mix may have warmed terms a later one shares."""
    samples: list[float] = []
    first: list[float] = []
    per_kind: dict[str, list[float]] = {k: [] for k in KINDS}
    totals: dict[str, int] = {}
    for q in queries:
        t0 = time.perf_counter()
        totals[q.text] = run(q)  # warm-up, and the hit count for the sanity table
        first.append((time.perf_counter() - t0) * 1000)
        for _ in range(reps):
            t0 = time.perf_counter()
            run(q)
            ms = (time.perf_counter() - t0) * 1000
            samples.append(ms)
            per_kind[q.kind].append(ms)
    out = summarise(samples)
    out["kinds"] = {k: summarise(v) for k, v in per_kind.items() if v}
    out["first"] = summarise(first)
    return out, totals


def bench_search(index_dir: Path, fts_db: Path, reps: int = 5, smoke: bool = False) -> dict:
    from index.remembered import forget_all

    queries = query_mix()
    if smoke:
        reps = 1
    engine = open_whoosh(index_dir)
    fts = Fts5Engine(fts_db)
    # One search before timing, as the reader does right after its first paint
    # (tui/opening.py WARM_UP_QUERY): one-time costs (imports, per-segment tables) belong to
    # the cold-open figure, not to the "first run of each query".
    engine.search(WARM_UP, limit=1, suggest=False)
    fts.search(BenchQuery("term", WARM_UP, WARM_UP), limit=1)
    result: dict = {"queries": len(queries), "reps": reps}
    try:
        for snippets in (False, True):
            label = "snippets" if snippets else "plain"

            def run_whoosh(q: BenchQuery, snippets=snippets) -> int:
                # Timed as computed: the engine remembers query results across searches
                # (index/remembered.py: a repeated query costs ~1 ms), which would make every
                # repeated run a recall. Posting arrays and term tables stay warm.
                forget_all()
                res = engine.search(q.text, limit=20, sort=q.sort, snippets=snippets)
                return res.total

            def run_fts(q: BenchQuery, snippets=snippets) -> int:
                return fts.search(q, limit=20, snippets=snippets)[0]

            w, w_tot = _time_calls(run_whoosh, queries, reps)
            f, f_tot = _time_calls(run_fts, queries, reps)
            result[label] = {"whoosh": w, "fts5": f}
            if not snippets:
                result["totals"] = {q.text: {"kind": q.kind, "whoosh": w_tot[q.text], "fts5": f_tot[q.text]}
                                    for q in queries}
    finally:
        engine.close()
        fts.close()
    result["cold_open_ms"] = {"whoosh": cold_open(index_dir, "whoosh"), "fts5": cold_open(fts_db, "fts5")}
    return result


def cold_open(path: Path, engine: str, runs: int = 3) -> float:
    """Median ms of imports + open + first query in a fresh interpreter (page cache warm)."""
    root = Path(__file__).resolve().parents[1]
    times = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-m", "benchmarks.search_bench", "--cold", engine, str(path)],
                              cwd=root, capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            raise RuntimeError(f"cold open ({engine}) failed: {proc.stderr.strip()[-500:]}")
        times.append(float(proc.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def _cold_main(engine: str, path: str) -> None:
    t0 = time.perf_counter()
    if engine == "whoosh":
        eng = open_whoosh(Path(path))
        eng.search("government", limit=20)
    else:
        eng = Fts5Engine(Path(path))
        eng.search(BenchQuery("term", "government", "government"), snippets=True)
    print(f"{(time.perf_counter() - t0) * 1000:.3f}")
    eng.close()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--cold":
        _cold_main(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: python -m benchmarks.search_bench --cold whoosh|fts5 PATH")
