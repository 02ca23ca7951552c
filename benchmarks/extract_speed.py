"""Where extraction's CPU time goes: per spaCy component, per rule layer, end to end.

    python -m benchmarks.extract_speed [--generated 300] [--batch-size 16] [--processes 1 2]
                                       [--plain] [--index] [--save FILE | --compare FILE]

Corpora: the 144 Wikinews articles (../shared/corpus/wikinews.jsonl, through index.ingest) and
N generated ~600-word articles (benchmarks.corpus, also through index.ingest). Times are CPU
seconds (time.process_time, plus the children's rusage for n_process > 1), because the machine
is shared: wall time is printed beside them but says more about the neighbours than about us.

`--plain` adds the per-component table of the pipeline without its fast paths
(`build_nlp(fast=False)`: spaCy's AttributeRuler, BLIS products, spaCy's compiled NER loop),
measured in the same run.
`--index` also times `newsdesk index` (index_paths with extraction) on the generated corpus in
a temporary folder: CPU of the process and its workers, and the enrichment phase's wall time.

`--save FILE` writes every extraction (both corpora) as JSON; `--compare FILE` runs the
extraction again and reports every article whose entities/numbers/quotes differ from FILE,
exiting 1 if any does (the before/after check for a speed change).
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT / ".." / "shared" / "corpus" / "wikinews.jsonl"
FALLBACK = ROOT / "seeds" / "wikinews.jsonl"


def load_corpora(generated: int, folder: Path) -> dict[str, tuple[Path, list[Any]]]:
    """name -> (file, articles through index.ingest); generated articles are written to folder."""
    from benchmarks.corpus import generate
    from index.ingest import load

    src = WIKINEWS if WIKINEWS.is_file() else FALLBACK
    out = {src.name: (src, list(load(src).articles))}
    if generated:
        path = folder / f"generated-{generated}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in generate(generated):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out[path.stem] = (path, list(load(path).articles))
    return out


def cpu_all() -> float:
    """This process's CPU seconds plus those of its reaped children."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


class Clock:
    """Accumulates CPU seconds per named step."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}

    def run(self, name: str, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        t0 = time.process_time()
        out = fn(*args, **kw)
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - t0
        return out


def components(nlp: Any, articles: list[Any], batch_size: int) -> tuple[Clock, list[Any]]:
    """Each pipeline component over the whole corpus in turn, then each rule layer per doc."""
    from index.extract.entities import find_entities
    from index.extract.numbers import find_numbers
    from index.extract.quotes import find_quotes
    from index.extract.tokens import TokenTable

    clock = Clock()
    docs = clock.run("tokenizer", lambda: [nlp.make_doc(a.body) for a in articles])
    for name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = clock.run(name, lambda p=proc, d=docs: list(p.pipe(d, batch_size=batch_size)))
        else:
            docs = clock.run(name, lambda p=proc, d=docs: [p(x) for x in d])
    results = []
    for a, doc in zip(articles, docs):
        tokens = clock.run("token table", TokenTable.from_doc, doc)
        ents = clock.run("find_entities", find_entities, doc, tags=list(a.tags), tokens=tokens)
        nums = clock.run("find_numbers", find_numbers, doc, ents, tokens=tokens)
        quotes = clock.run("find_quotes", find_quotes, doc, ents, tokens=tokens)
        results.append({"entities": ents, "numbers": nums, "quotes": quotes})
    return clock, results


def end_to_end(articles: list[Any], n_process: int, batch_size: int) -> tuple[float, float, list[Any]]:
    """(CPU seconds incl. children, wall seconds, results) of Extractor.extract_many."""
    from index.extract.pipeline import Extractor

    ex = Extractor(n_process=n_process, batch_size=batch_size)
    c0, w0 = cpu_all(), time.perf_counter()
    out = list(ex.extract_many((a.body, list(a.tags)) for a in articles))
    return cpu_all() - c0, time.perf_counter() - w0, out


def index_run(articles_file: Path, n: int) -> str:
    """`index_paths` with extraction over one file, in a temporary index."""
    from index.indexer import index_paths

    marks: dict[str, float] = {}

    def progress(phase: str, done: int, total: int) -> None:
        marks.setdefault(phase, time.perf_counter())

    with tempfile.TemporaryDirectory(prefix="newsdesk-xspeed-") as tmp:
        c0, w0 = cpu_all(), time.perf_counter()
        report = index_paths(Path(tmp) / "index", [articles_file], extract=True, progress=progress)
        cpu, wall = cpu_all() - c0, time.perf_counter() - w0
    enrich_wall = w0 + wall - marks.get("enriching", w0)
    return (f"  newsdesk index: {report.new} articles, {report.enriched} enriched; {cpu:.1f} CPU s "
            f"(with workers) -> {n / cpu:.1f} articles per CPU-second; enrichment wall "
            f"{enrich_wall:.1f}s -> {report.enriched / max(enrich_wall, 1e-9):.1f} articles/s")


def _table(rows: list[tuple[str, float]], n: int) -> str:
    total = sum(v for _, v in rows)
    lines = [f"  {'step':<26}{'CPU s':>8}{'ms/article':>12}{'share':>8}"]
    for name, v in rows:
        lines.append(f"  {name:<26}{v:>8.2f}{1000 * v / n:>12.1f}{100 * v / total:>7.1f}%")
    lines.append(f"  {'total':<26}{total:>8.2f}{1000 * total / n:>12.1f}")
    return "\n".join(lines)


def compare(saved: dict[str, list[Any]], now: dict[str, list[Any]]) -> list[str]:
    diffs = []
    for corpus, rows in now.items():
        old = saved.get(corpus)
        if old is None:
            diffs.append(f"{corpus}: not in the saved file")
            continue
        for i, (a, b) in enumerate(zip(old, rows)):
            for key in ("entities", "numbers", "quotes"):
                if a[key] != b[key]:
                    gone = [x for x in a[key] if x not in b[key]]
                    new = [x for x in b[key] if x not in a[key]]
                    diffs.append(f"{corpus}[{i}] {key}: -{gone[:3]} +{new[:3]}")
        if len(old) != len(rows):
            diffs.append(f"{corpus}: {len(old)} saved articles, {len(rows)} now")
    return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.extract_speed",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=300, help="generated articles (0: none)")
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size")
    ap.add_argument("--processes", type=int, nargs="*", default=[1, 2],
                    help="n_process values for the end-to-end runs")
    ap.add_argument("--no-components", action="store_true", help="skip the per-component table")
    ap.add_argument("--plain", action="store_true", help="also the table without the fast paths")
    ap.add_argument("--index", action="store_true", help="also time `newsdesk index` per corpus")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--save", type=Path, help="write every extraction to this JSON file")
    group.add_argument("--compare", type=Path, help="diff every extraction against this file")
    args = ap.parse_args(argv)
    if args.compare and not args.compare.is_file():
        print(f"extract_speed: {args.compare}: no such file", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="newsdesk-xspeed-") as tmp:
        return _run(args, Path(tmp))


def _run(args: argparse.Namespace, tmp: Path) -> int:
    from index.extract.pipeline import Extractor, build_nlp, load_nlp

    batch_size = args.batch_size or Extractor().batch_size
    corpora = load_corpora(args.generated, tmp)
    t0 = time.process_time()
    nlp = load_nlp()
    print(f"model load: {time.process_time() - t0:.2f} CPU s; pipeline {nlp.pipe_names}; "
          f"batch_size {batch_size}")
    plain = build_nlp(fast=False) if args.plain and not args.no_components else None
    outputs: dict[str, list[Any]] = {}
    for name, (path, articles) in corpora.items():
        n = len(articles)
        words = sum(len(a.body.split()) for a in articles)
        print(f"\n{name}: {n} articles, {words / n:.0f} words/article")
        if plain is not None:
            clock, _ = components(plain, articles, batch_size)
            print("  without the fast paths:\n" + _table(list(clock.cpu.items()), n))
        if not args.no_components:
            clock, outputs[name] = components(nlp, articles, batch_size)
            print(("  with them:\n" if plain is not None else "") + _table(list(clock.cpu.items()), n))
        for procs in args.processes:
            cpu, wall, out = end_to_end(articles, procs, batch_size)
            outputs.setdefault(name, out)
            print(f"  extract_many n_process={procs}: {cpu:.2f} CPU s -> {n / cpu:.1f} articles "
                  f"per CPU-second; wall {wall:.2f}s -> {n / wall:.1f} articles/s")
            if out != outputs[name]:
                print(f"  WARNING: n_process={procs} output differs from the component run")
        if args.index:
            print(index_run(path, n))
    if args.save:
        args.save.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
        print(f"\nsaved {sum(map(len, outputs.values()))} extractions to {args.save}")
    if args.compare:
        diffs = compare(json.loads(args.compare.read_text(encoding="utf-8")), outputs)
        print(f"\ncompare with {args.compare}: {len(diffs)} differences")
        for d in diffs[:40]:
            print("  " + d)
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
