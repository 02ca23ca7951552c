"""Where the time and memory go, for tuning: cProfile / tracemalloc over the benchmark's work.

    python -m benchmarks.profile search INDEX_DIR [--kind prefix] [--snippets] [--top 25]
    python -m benchmarks.profile index CORPUS.jsonl [--top 25]
    python -m benchmarks.profile memory INDEX_DIR [--top 15]

`search` profiles the query mix (or one kind of it) through the product's engine; `index`
profiles text-only indexing of a file into a temporary index; `memory` shows the largest
allocations made by opening the engine and running the mix once (tracemalloc).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
import tracemalloc
from pathlib import Path

from benchmarks.queries import query_mix


def _stats(prof: cProfile.Profile, top: int) -> str:
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("cumulative").print_stats(top)
    buf.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def profile_search(index_dir: Path, kind: str | None, snippets: bool, top: int, reps: int = 3) -> str:
    from index.search import WhooshEngine

    queries = [q for q in query_mix() if kind in (None, q.kind)]
    engine = WhooshEngine(index_dir)
    for q in queries:  # warm caches first: steady state is what the reader sees
        engine.search(q.text, sort=q.sort, snippets=snippets)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(reps):
        for q in queries:
            engine.search(q.text, sort=q.sort, snippets=snippets)
    prof.disable()
    engine.close()
    return _stats(prof, top)


def profile_index(corpus_file: Path, top: int) -> str:
    from index.indexer import index_paths

    with tempfile.TemporaryDirectory(prefix="newsdesk-profile-") as tmp:
        prof = cProfile.Profile()
        prof.enable()
        index_paths(Path(tmp) / "index", [corpus_file], extract=False)
        prof.disable()
    return _stats(prof, top)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def profile_memory(index_dir: Path, top: int) -> str:
    """RSS after imports / open / one pass of the mix, and where Python objects were allocated."""
    from index.search import WhooshEngine

    lines = [f"RSS after imports: {_rss_mb():.1f} MB"]
    tracemalloc.start(1)  # one frame: deeper traces make a pass over the mix take minutes
    engine = WhooshEngine(index_dir)
    opened = tracemalloc.take_snapshot()
    lines.append(f"RSS after open: {_rss_mb():.1f} MB")
    for q in query_mix():
        engine.search(q.text, sort=q.sort, snippets=True)
    after = tracemalloc.take_snapshot()
    current, peak = tracemalloc.get_traced_memory()
    lines.append(f"RSS after one pass of the query mix: {_rss_mb():.1f} MB")
    lines += [f"traced Python allocations: current {current / 1e6:.1f} MB, peak {peak / 1e6:.1f} MB",
              "", "allocated by open (by file):"]
    lines += [str(s) for s in opened.statistics("filename")[:top]]
    lines += ["", "growth over one pass of the query mix (by line):"]
    lines += [str(s) for s in after.compare_to(opened, "lineno")[:top]]
    engine.close()
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.splitlines()[0])
    p.add_argument("what", choices=["search", "index", "memory"])
    p.add_argument("path", type=Path)
    p.add_argument("--kind", help="only queries of this kind (term, phrase, prefix, fuzzy, ...)")
    p.add_argument("--snippets", action="store_true")
    p.add_argument("--top", type=int, default=25)
    args = p.parse_args(argv)
    if not args.path.exists():
        print(f"{args.path}: no such file or directory", file=sys.stderr)
        return 2
    if args.what == "search":
        print(profile_search(args.path, args.kind, args.snippets, args.top))
    elif args.what == "index":
        print(profile_index(args.path, args.top))
    else:
        print(profile_memory(args.path, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
