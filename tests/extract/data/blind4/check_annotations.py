#!/usr/bin/env python3
"""Sanity-check the blind4 stories and their hand-made annotations.

Checks, for every NN-slug.txt / NN-slug.json pair in this folder: the JSON parses and uses
only the keys of ../../shared/gold/*.json; the title is the story's first line followed by a
blank line; the body has 350-800 words; every quote, not-quote, number, entity, boilerplate
line and subheading text occurs verbatim (as many times as it is annotated); quote texts start
right after a quotation mark; every double-quoted span in the body is annotated as a quote or
a not-quote. Standard library only; prints problems and exits 1 if there are any.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP_KEYS = {"article", "about", "title", "dateline", "boilerplate", "subheadings", "tags",
            "quotes", "not_quotes", "numbers", "entities"}
REQUIRED = TOP_KEYS - {"dateline"}
QUOTE_KEYS = {"text", "speaker", "partial", "note", "optional"}
NUMBER_KEYS = {"text", "value", "value_max", "unit", "qualifier", "note", "optional"}
ENTITY_KEYS = {"PERSON", "ORG", "PLACE", "optional"}
OPENERS = "\"'\u201c\u2018"
DOUBLE_SPAN = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]+)[\"\u201d]?")


def check(txt: Path, problems: list[str]) -> Counter:
    stats: Counter = Counter()
    gold_path = txt.with_suffix(".json")
    if not gold_path.exists():
        problems.append(f"{txt.name}: no JSON beside it")
        return stats
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(f"{gold_path.name}: invalid JSON: {exc}")
        return stats
    raw = txt.read_text(encoding="utf-8")
    lines = raw.split("\n")
    if lines[0] != gold.get("title") or lines[1] != "":
        problems.append(f"{txt.name}: first line must be the title, then a blank line")
    body = "\n".join(lines[2:])
    words = len(body.split())
    if not 350 <= words <= 800:
        problems.append(f"{txt.name}: body has {words} words")
    stats["words"] += words
    extra = set(gold) - TOP_KEYS
    missing = REQUIRED - set(gold)
    if extra or missing:
        problems.append(f"{gold_path.name}: extra keys {sorted(extra)}, missing keys {sorted(missing)}")

    def need(text: str, times: int, what: str, where: str = raw) -> None:
        found = where.count(text)
        if found < times:
            problems.append(f"{gold_path.name}: {what} {text!r} found {found}x, annotated {times}x")

    quotes = gold.get("quotes", [])
    for q in quotes:
        if set(q) - QUOTE_KEYS or not {"text", "speaker", "partial"} <= set(q):
            problems.append(f"{gold_path.name}: bad quote keys {sorted(q)}")
        i = raw.find(q["text"])
        if i > 0 and raw[i - 1] not in OPENERS:
            problems.append(f"{gold_path.name}: quote {q['text'][:40]!r} does not follow a quotation mark")
    for text, n in Counter(q["text"] for q in quotes).items():
        need(text, n, "quote")
    for text, n in Counter(gold.get("not_quotes", [])).items():
        need(text, n, "not-quote")
    annotated = [q["text"] for q in quotes] + gold.get("not_quotes", [])
    for m in DOUBLE_SPAN.finditer(body):
        span = m.group(1)
        if not any(span in a or a in span for a in annotated):
            problems.append(f"{txt.name}: quoted span not annotated: {span[:60]!r}")
    nums = gold.get("numbers", [])
    for n in nums:
        if set(n) - NUMBER_KEYS:
            problems.append(f"{gold_path.name}: bad number keys {sorted(n)}")
        if not n.get("optional"):
            if not isinstance(n.get("value"), (int, float)) or not n.get("unit"):
                problems.append(f"{gold_path.name}: number {n['text']!r} lacks value or unit")
            if "value_max" in n and n["value_max"] <= n["value"]:
                problems.append(f"{gold_path.name}: number {n['text']!r} has value_max <= value")
    for text, n in Counter(n["text"] for n in nums).items():
        need(text, n, "number")
    ents = gold.get("entities", {})
    if set(ents) - ENTITY_KEYS:
        problems.append(f"{gold_path.name}: bad entity keys {sorted(ents)}")
    for k, names in ents.items():
        for name in names:
            need(name, 1, f"{k} entity")
    for line in gold.get("boilerplate", []) + gold.get("subheadings", []):
        if line not in lines:
            problems.append(f"{gold_path.name}: boilerplate/subheading {line!r} is not a line of the story")
    if gold.get("dateline") and not body.startswith(gold["dateline"]):
        problems.append(f"{gold_path.name}: dateline {gold['dateline']!r} does not open the body")
    stats["stories"] += 1
    stats["quotes"] += sum(1 for q in quotes if not q.get("optional"))
    stats["quotes_optional"] += sum(1 for q in quotes if q.get("optional"))
    stats["partial"] += sum(1 for q in quotes if q.get("partial") and not q.get("optional"))
    stats["speakers"] += len({q["speaker"] for q in quotes if not q.get("optional")})
    stats["numbers"] += sum(1 for n in nums if not n.get("optional"))
    stats["numbers_optional"] += sum(1 for n in nums if n.get("optional"))
    for k in ("PERSON", "ORG", "PLACE", "optional"):
        stats[f"entities_{k}"] += len(ents.get(k, []))
    return stats


def main() -> int:
    problems: list[str] = []
    total: Counter = Counter()
    for txt in sorted(HERE.glob("[0-9][0-9]-*.txt")):
        total += check(txt, problems)
    print("\n".join(problems) if problems else "no problems")
    print(dict(total))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
