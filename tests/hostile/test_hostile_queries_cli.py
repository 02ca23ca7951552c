"""Hostile queries through the `newsdesk search` CLI: exit code 0 (hits) or 1 (none), at most
a one-line message on stderr, never a traceback. ~50 run through `tui.main.main` in-process
(the same code path, without 50 interpreter start-ups); a handful as real subprocesses."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from hostile_support import Env

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from fuzz_query import random_query  # noqa: E402

FIXED = [
    '"', '"syria', "(", ")", "[", "]", ":", "*", "~", "date:[", "person:", 'org:"', "title:",
    "syria (", "NOT", "OR OR", "*:*", "date:[2019 to", "date:[foo to bar]", "baghous~9", "s*",
    "\x1b[2J", "\u202e", "-syria", "--json", "-h",
]


def _sample() -> list[str]:
    rng = random.Random(1234)
    queries = FIXED + [random_query(rng)[:2000] for _ in range(50 - len(FIXED))]
    return [q for q in queries if q.strip()]


def _check(code: int, err: str, query: str) -> None:
    assert code in (0, 1), f"exit {code} for {query!r}: {err}"
    assert "Traceback" not in err, err
    messages = [line for line in err.splitlines() if line.startswith("newsdesk:")]
    assert len(messages) <= 1, err
    for line in messages:
        assert not any(ord(c) < 32 for c in line), repr(line)


def test_fifty_hostile_queries_in_process(seed_index_text, capsys):
    from tui.main import main

    for query in _sample():
        code = main(["search", "--index", str(seed_index_text), "--", query])
        captured = capsys.readouterr()
        _check(code, captured.err, query)
        if code == 0:
            assert captured.out.strip(), query


@pytest.mark.parametrize("query", ['"unbalanced (quote', "date:[", "person:", "syria" * 400, "\x07\x1b]52;c;SGVsbG8=\x07"])
def test_hostile_query_as_a_subprocess(seed_index_text, tmp_path, query):
    env = Env(tmp_path)
    done = env.run("search", "--index", str(seed_index_text), "--", query)
    _check(done.returncode, done.stderr.decode("utf-8", "replace"), query)
    assert b"\x1b" not in done.stdout and b"\x1b" not in done.stderr
