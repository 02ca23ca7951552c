"""Indexing throughput, index size and peak RSS, each run in a child process.

Child modes (`python -m benchmarks.index_bench MODE INDEX_DIR PATH...`, prints one JSON line):

- text:  `index_paths(..., extract=False)`: the `newsdesk index --no-extract` path;
- full:  `index_paths(..., extract=True)`: text + spaCy extraction (run on a subset);
- add:   text-only indexing of new articles into an existing index (incremental);
- truth: builds the index the search and reader benchmarks use: the same text path, with each
  loaded article given the generator's true PERSON/ORG/PLACE names as its extraction (the
  product's loader is wrapped in this child only), so the index looks fully enriched and
  `person:` queries have real postings, without spending spaCy time on 10k+ articles.

Peak RSS is the child's own ru_maxrss (and its children's, for spaCy's worker processes).
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import corpus

ROOT = Path(__file__).resolve().parents[1]


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def run_child(mode: str, index_dir: Path, paths: list[Path], timeout: float = 3600) -> dict:
    """Run one mode in a fresh interpreter; its JSON result, or RuntimeError with its stderr."""
    cmd = [sys.executable, "-m", "benchmarks.index_bench", mode, str(index_dir), *map(str, paths)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"index_bench {mode} failed: {tail[0]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _from_scratch(mode: str, index_dir: Path, files: list[Path]) -> dict:
    """Run one indexing mode into an empty index_dir."""
    if index_dir.exists():
        shutil.rmtree(index_dir)
    return run_child(mode, index_dir, files)


def _with_size(res: dict, index_dir: Path) -> dict:
    res["index_bytes"] = dir_bytes(index_dir)
    return res


def bench_text(corpus_dir: Path, index_dir: Path) -> dict:
    return _with_size(_from_scratch("text", index_dir, corpus.files(corpus_dir)), index_dir)


def bench_full(subset: Path, index_dir: Path) -> dict:
    return _from_scratch("full", index_dir, [subset])


def build_truth(corpus_dir: Path, index_dir: Path) -> dict:
    return _with_size(_from_scratch("truth", index_dir, corpus.files(corpus_dir)), index_dir)


def bench_add(extra: Path, index_dir: Path) -> dict:
    return run_child("add", index_dir, [extra])


# -- child side ---------------------------------------------------------------------------------


def _rss() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "children_peak_rss_mb": round(kids, 1)}


def _child_index(mode: str, index_dir: Path, paths: list[Path]) -> dict:
    from index.indexer import index_paths

    marks: dict[str, float] = {}

    def progress(phase: str, done: int, total: int) -> None:
        marks.setdefault(phase, time.perf_counter())

    t0 = time.perf_counter()
    report = index_paths(index_dir, paths, extract=(mode == "full"), progress=progress)
    elapsed = time.perf_counter() - t0
    docs = report.new + report.updated
    out = {"mode": mode, "docs": docs, "seconds": elapsed, "docs_per_s": docs / elapsed if elapsed else 0.0,
           "errors": len(report.errors), "enriched": report.enriched, **_rss()}
    if "enriching" in marks:
        enrich_s = t0 + elapsed - marks["enriching"]
        out["enrich_seconds"] = enrich_s
        out["enrich_docs_per_s"] = report.enriched / enrich_s if enrich_s else 0.0
        out["text_seconds"] = marks["enriching"] - t0
    if report.errors:
        out["first_error"] = str(report.errors[0])
    return out


def _truth_extraction(body: str, names: dict[str, list[str]]) -> dict:
    entities = []
    for label, values in names.items():
        for text in values:
            start = body.find(text)
            if start >= 0:
                entities.append({"text": text, "label": label, "start": start, "end": start + len(text)})
    entities.sort(key=lambda e: e["start"])
    return {"entities": entities, "numbers": [], "quotes": []}


def _install_truth(paths: list[Path]) -> None:
    """Wrap index.ingest.load so every loaded article carries the generator's entities."""
    import index.ingest as ingest

    truth = {rec["id"]: rec["bench_entities"] for p in paths for rec in corpus.read(p)}
    original = ingest.load

    def load(path, **kwargs):
        result = original(path, **kwargs)
        for article in result.articles:
            names = truth.get(article.extra.get("source_id"))
            if names is not None:
                article.extraction = _truth_extraction(article.body, names)
        return result

    ingest.load = load


def main(argv: list[str]) -> int:
    mode, index_dir, *paths = argv
    files = [Path(p) for p in paths]
    if mode == "truth":
        _install_truth(files)
    out = _child_index(mode, Path(index_dir), files)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
