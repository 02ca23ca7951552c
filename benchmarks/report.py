"""Medians across runs, Whoosh/FTS5 ratios, the goals table, and the printed report."""
from __future__ import annotations

import statistics
from typing import Any

GOAL_SIZE = 100_000  # the corpus size the goals are set for


def median_of(runs: list[Any]) -> Any:
    """Element-wise median of same-shaped results (dicts recurse; numbers take the median)."""
    runs = [r for r in runs if r is not None]
    if not runs:
        return None
    first = runs[0]
    if isinstance(first, bool) or not isinstance(first, (dict, int, float)):
        return first
    if isinstance(first, dict):
        keys = [k for k in first if all(isinstance(r, dict) and k in r for r in runs)]
        return {k: median_of([r[k] for r in runs]) for k in keys}
    return statistics.median(runs)


def _get(d: dict, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(d, dict) or part not in d:
            return None
        d = d[part]
    return d


def ratios(results: dict) -> dict:
    """Whoosh / FTS5 for every latency figure measured in the same run."""
    out: dict[str, Any] = {}
    search = results.get("search") or {}
    for label in ("plain", "snippets"):
        w, f = _get(search, f"{label}.whoosh"), _get(search, f"{label}.fts5")
        if not (w and f):
            continue
        out[label] = {p: (w[p] / f[p] if f[p] else None) for p in ("p50", "p95", "p99")}
        out[label]["kinds_p95"] = {
            k: (w["kinds"][k]["p95"] / f["kinds"][k]["p95"] if f["kinds"].get(k, {}).get("p95") else None)
            for k in w.get("kinds", {})
        }
    cold = search.get("cold_open_ms") or {}
    if cold.get("whoosh") and cold.get("fts5"):
        out["cold_open"] = cold["whoosh"] / cold["fts5"]
    tw, tf = _get(results, "index.text.docs_per_s"), _get(results, "index.fts5.docs_per_s")
    if tw and tf:
        out["text_index_throughput"] = tw / tf
    sw, sf = _get(results, "index.text.index_bytes"), _get(results, "index.fts5.bytes")
    if sw and sf:
        out["index_size"] = sw / sf
    return out


# (name, path in results, comparison, goal, unit)
GOALS = [
    ("search p95", "search.plain.whoosh.p95", "<=", 15, "ms"),
    ("search + top-20 snippets p95", "search.snippets.whoosh.p95", "<=", 30, "ms"),
    ("search p95, first run of each query", "search.plain.whoosh.first.p95", "<=", 15, "ms"),
    ("Whoosh p95 / FTS5 p95", "ratios.plain.p95", "<=", 4, "x"),
    ("Whoosh p95 / FTS5 p95 (snippets)", "ratios.snippets.p95", "<=", 4, "x"),
    ("keystroke -> painted results p95", "reader.keystroke_p95_ms", "<=", 50, "ms"),
    ("reader start -> first paint", "reader.first_paint_ms", "<=", 350, "ms"),
    ("reader RSS", "reader.rss_mb", "<=", 250, "MB"),
    ("text indexing", "index.text.docs_per_s", ">=", 450, "docs/s"),
    ("full enrichment", "index.full.docs_per_s", ">=", 25, "docs/s"),
    ("bytes per scroll step (p95, 100x30)", "reader.scroll_bytes_p95", "<=", 3072, "B"),
    ("bytes while idle", "reader.idle_bytes_per_s", "<=", 0, "B/s"),
]


def goals(results: dict) -> list[dict]:
    rows = []
    for name, path, op, goal, unit in GOALS:
        value = _get(results, path)
        ok = None if value is None else (value <= goal if op == "<=" else value >= goal)
        rows.append({"name": name, "value": value, "goal": f"{op} {goal}", "unit": unit, "ok": ok})
    return rows


def _fmt(v: Any, digits: int = 1) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.{digits}f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def render(results: dict) -> str:
    meta = results["meta"]
    lines = [f"newsdesk benchmarks: {meta['size']:,} articles (seed {meta['seed']}), "
             f"median of {meta['runs']} run(s){' [smoke]' if meta['smoke'] else ''}; "
             f"{meta['cpus']} CPUs, load {meta['load']}"]
    idx = results.get("index") or {}
    lines.append("\nIndexing                          docs    seconds    docs/s   peak RSS MB   size MB")
    for key, label in (("text", "text only (+ true entities)"), ("text_pure", "text only (--no-extract)"),
                       ("full", "full (with extraction)"), ("add", "incremental add"),
                       ("fts5", "SQLite FTS5 peer")):
        r = idx.get(key)
        if not r:
            continue
        if "error" in r:
            lines.append(f"  {label:30} ERROR {r['error']}")
            continue
        size = r.get("index_bytes") or r.get("bytes")
        lines.append(f"  {label:30} {_fmt(r.get('docs')):>6} {_fmt(r.get('seconds')):>10} "
                     f"{_fmt(r.get('docs_per_s')):>9} {_fmt(r.get('peak_rss_mb')):>13} "
                     f"{_fmt(size / 1e6 if size else None):>9}")
    if _get(idx, "text.children_peak_rss_mb"):
        lines.append(f"  (peak RSS is the indexing process's own; its largest segment-writer worker "
                     f"peaked at {_fmt(idx['text']['children_peak_rss_mb'])} MB, and there are 2)")
    if _get(idx, "full.enrich_docs_per_s"):
        lines.append(f"  (extraction phase alone: {idx['full']['enrich_docs_per_s']:.1f} docs/s, "
                     f"spaCy workers peak RSS {_fmt(idx['full'].get('children_peak_rss_mb'))} MB)")
    search = results.get("search") or {}
    rat = results.get("ratios") or {}
    if "error" in search:
        lines.append(f"\nSearch: ERROR {search['error']}")
    elif search:
        lines.append("\nSearch latency ms          Whoosh p50/p95/p99        FTS5 p50/p95/p99     p95 ratio")
        for label in ("plain", "snippets"):
            w, f = search[label]["whoosh"], search[label]["fts5"]
            lines.append(f"  {'mix' if label == 'plain' else 'mix + top-20 snippets':22} "
                         f"{w['p50']:7.1f} {w['p95']:7.1f} {w['p99']:7.1f}   "
                         f"{f['p50']:7.1f} {f['p95']:7.1f} {f['p99']:7.1f}   {_fmt(_get(rat, label + '.p95'), 2):>8}")
            for kind, wk in w["kinds"].items():
                fk = f["kinds"].get(kind, {})
                ratio = _get(rat, f"{label}.kinds_p95.{kind}")
                lines.append(f"    {kind:20} {wk['p50']:7.1f} {wk['p95']:7.1f} {'':7}   "
                             f"{fk.get('p50', 0):7.1f} {fk.get('p95', 0):7.1f} {'':7}   {_fmt(ratio, 2):>8}")
        for label in ("plain", "snippets"):
            wf = search[label]["whoosh"].get("first") or {}
            ff = search[label]["fts5"].get("first") or {}
            if wf and ff:
                name = "first run of each query" + ("" if label == "plain" else " + snippets")
                lines.append(f"  {name:37}{wf['p50']:7.1f} {wf['p95']:7.1f}   (FTS5 {ff['p50']:.1f} / {ff['p95']:.1f})")
        cold = search.get("cold_open_ms", {})
        lines.append(f"  cold open (imports + open + first query): Whoosh {_fmt(cold.get('whoosh'))} ms, "
                     f"FTS5 {_fmt(cold.get('fts5'))} ms")
    reader = results.get("reader") or {}
    if "error" in reader:
        lines.append(f"\nReader: ERROR {reader['error']}")
    elif reader:
        lines.append(f"\nReader (pty {reader.get('cols')}x{reader.get('rows')})")
        lines.append(f"  first paint {_fmt(reader.get('first_paint_ms'))} ms, settled {_fmt(reader.get('settled_ms'))} ms; "
                     f"keystroke -> painted p50 {_fmt(reader.get('keystroke_p50_ms'))} / p95 "
                     f"{_fmt(reader.get('keystroke_p95_ms'))} ms")
        lines.append(f"  bytes per search keystroke p50 {_fmt(reader.get('keystroke_bytes_p50'), 0)}, per scroll step "
                     f"p50 {_fmt(reader.get('scroll_bytes_p50'), 0)} / p95 {_fmt(reader.get('scroll_bytes_p95'), 0)}, "
                     f"idle {_fmt(reader.get('idle_bytes_per_s'), 0)} B/s; RSS {_fmt(reader.get('rss_mb'))} MB "
                     f"(peak {_fmt(reader.get('peak_rss_mb'))} MB)")
    scale = "" if meta["size"] >= GOAL_SIZE else f" (goals are for {GOAL_SIZE:,} articles; this run has {meta['size']:,})"
    lines.append(f"\nGoals{scale}")
    for g in results.get("goals", []):
        mark = {True: "ok  ", False: "MISS", None: "n/a "}[g["ok"]]
        lines.append(f"  {mark} {g['name']:40} {_fmt(g['value'], 2):>12} {g['unit']:7} goal {g['goal']}")
    for name, err in (results.get("errors") or {}).items():
        lines.append(f"  error in {name}: {err}")
    return "\n".join(lines)
