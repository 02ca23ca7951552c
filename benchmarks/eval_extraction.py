"""Extraction quality against ../shared/gold, and extraction speed on the Wikinews corpus.

    python -m benchmarks.eval_extraction [--verbose] [--baseline] [--no-speed]

Loads every gold-covered article through the real ingest (index.ingest) when it is there,
runs the extraction pipeline, writes the predictions to benchmarks/results/extraction.jsonl,
scores them with ../shared/tools/score_extraction.py (all gold, then each half of the gold
files separately, so a rule tuned on one half can be checked on the other) and times full
extraction over the 144-article corpus with two processes.
`--baseline` also scores spaCy's bare NER (no rule layer) for comparison.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
GOLD = SHARED / "gold"
CORPUS = SHARED / "corpus" / "wikinews.jsonl"
SCORER = SHARED / "tools" / "score_extraction.py"
RESULTS = ROOT / "benchmarks" / "results"


class Doc:
    """What the harness needs of an article: title, body, tags."""

    def __init__(self, title: str, body: str, tags: list[str] | None = None, id: str = "") -> None:
        self.title, self.body, self.tags, self.id = title, body, list(tags or []), id


def _ingest_load(path: Path) -> list[Any] | None:
    """Articles from the real ingest, or None while index.ingest is not there yet."""
    try:
        from index.ingest import load  # type: ignore[attr-defined]
    except ImportError:
        return None
    result = load(path)
    articles = getattr(result, "articles", result)
    return list(articles)


def _fallback_load(path: Path) -> list[Doc]:
    """A tiny loader: first line of a .txt is its title; JSONL lines are article objects."""
    if path.suffix == ".jsonl":
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.append(Doc(d["title"], d["body"], d.get("tags"), d.get("id", "")))
        return out
    title, _, body = path.read_text(encoding="utf-8").partition("\n")
    return [Doc(title.strip(), body.strip(), [], path.stem)]


def load_articles(path: Path) -> list[Any]:
    got = _ingest_load(path)
    return got if got is not None else _fallback_load(path)


def gold_articles() -> tuple[list[Any], list[Path]]:
    """The articles the gold files describe (paired by title), and the gold files."""
    golds = sorted(GOLD.glob("*.json"))
    wanted: dict[str, Path] = {}
    sources: set[Path] = set()
    for g in golds:
        data = json.loads(g.read_text(encoding="utf-8"))
        wanted[_norm(data["title"])] = g
        ref = data["article"]
        sources.add(SHARED / ref if ref.startswith("seeds/") else CORPUS)
    articles = [a for src in sorted(sources) for a in load_articles(src)]
    picked = [a for a in articles if _norm(a.title) in wanted]
    return picked, golds


def _norm(title: str) -> str:
    return " ".join(title.casefold().split())


def predict(articles: list[Any], n_process: int = 1) -> list[dict[str, Any]]:
    from index.extract.pipeline import Extractor

    ex = Extractor(n_process=n_process)
    results = ex.extract_many((a.body, list(a.tags)) for a in articles)
    return [{"id": a.id, "title": a.title, **r} for a, r in zip(articles, results)]


def predict_baseline(articles: list[Any]) -> list[dict[str, Any]]:
    from index.extract.entities import ner_entities
    from index.extract.pipeline import load_nlp

    docs = load_nlp().pipe(a.body for a in articles)
    return [{"id": a.id, "title": a.title, "entities": ner_entities(d)} for a, d in zip(articles, docs)]


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def score(gold_files: list[Path], preds: Path, verbose: bool = False) -> str:
    """The scorer's report over a subset of the gold files."""
    with tempfile.TemporaryDirectory() as tmp:
        for g in gold_files:
            (Path(tmp) / g.name).symlink_to(g.resolve())
        cmd = [sys.executable, str(SCORER), tmp, str(preds)] + (["--verbose"] if verbose else [])
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            return f"scorer failed on {preds.name}: {last}\n"
        return run.stdout


def entity_line(report: str) -> str:
    return next((ln for ln in report.splitlines() if ln.startswith("entities")), "")


def speed(n_process: int) -> tuple[int, int, float]:
    articles = load_articles(CORPUS)
    from index.extract.pipeline import load_nlp

    load_nlp()  # model load is not extraction time
    t0 = time.perf_counter()
    out = predict(articles, n_process=n_process)
    dt = time.perf_counter() - t0
    words = sum(len(a.body.split()) for a in articles)
    assert len(out) == len(articles)
    return len(articles), words, dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every miss and extra")
    ap.add_argument("--baseline", action="store_true", help="also score spaCy NER alone")
    ap.add_argument("--no-speed", action="store_true", help="skip the corpus speed run")
    ap.add_argument("--processes", type=int, default=2, help="n_process for the speed run")
    args = ap.parse_args(argv)
    if not (GOLD.is_dir() and SCORER.is_file()):
        print(f"eval_extraction: {SHARED.resolve()}: shared gold data not found", file=sys.stderr)
        return 2

    articles, golds = gold_articles()
    print(f"gold articles: {len(articles)} of {len(golds)} gold files found through "
          f"{'index.ingest' if _has_ingest() else 'the fallback loader'}")
    preds = predict(articles)
    out = RESULTS / "extraction.jsonl"
    write_jsonl(preds, out)
    ents = RESULTS / "extraction-entities.jsonl"
    write_jsonl([{k: p[k] for k in ("id", "title", "entities")} for p in preds], ents)
    report = score(golds, out, args.verbose)
    print(f"predictions: {out.relative_to(ROOT)}\n")
    print(report)
    if "scorer failed" in report:
        print(score(golds, ents, args.verbose))
    half = (len(golds) + 1) // 2
    for name, part in (("half A", golds[:half]), ("half B", golds[half:])):
        print(f"{name} ({len(part)} files) {entity_line(score(part, ents))}")
    if args.baseline:
        base = RESULTS / "extraction-ner-only.jsonl"
        write_jsonl(predict_baseline(articles), base)
        print(f"\nspaCy NER alone  {entity_line(score(golds, base, args.verbose and False))}")
        for name, part in (("half A", golds[:half]), ("half B", golds[half:])):
            print(f"{name} ({len(part)} files) {entity_line(score(part, base))}")
    if not args.no_speed and CORPUS.is_file():
        n, words, dt = speed(args.processes)
        print(f"\nspeed: {n} articles ({words} words) in {dt:.2f}s with n_process={args.processes}: "
              f"{n / dt:.1f} articles/s, {words / dt:.0f} words/s")
    return 0


def _has_ingest() -> bool:
    try:
        import index.ingest  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
