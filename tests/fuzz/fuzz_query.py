"""Query fuzzer: any string given to `WhooshEngine.search` returns a sane `SearchResult`.

Standalone (not run by pytest; CI runs tests/fuzz/test_fuzz_query.py with hypothesis):

    python tests/fuzz/fuzz_query.py [atheris/libFuzzer options]   # coverage-guided, needs atheris
    python tests/fuzz/fuzz_query.py --random 20000                # plain random, no atheris

The index is built from the shipped seeds (text only) in a temporary folder, or
NEWSDESK_FUZZ_INDEX names an existing index to search.
"""
from __future__ import annotations

import os
import random
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Fragments that stress the query syntax; the fuzzers glue them together with noise.
PIECES = (
    '"', "'", "(", ")", "[", "]", "{", "}", ":", "*", "?", "~", "~2", "~9", "^", "^3", "+", "-",
    "\\", "/", "!", "&&", "||", " AND ", " OR ", " NOT ", " ANDNOT ", " to ", " TO ",
    "date:", "date:[", "date:[2019", "date:[2019-01 to", "date:[foo to bar]", "date:2019-13-45",
    "date:99999999", "date:{", "person:", 'person:"', "org:", "place:", "title:", "source:", "tag:",
    "tags:", "body:", "id:", "path:", "url:", "enriched:", "nosuchfield:", ":", "::", "*:*",
    "syria", "baghouz", "trump", "robot", "2019", "syr*", "s*", "*ria", "b?g*", "baghous~",
    "\x00", "\x07", "\x1b[2J", "\x1b]52;c;SGVsbG8=\x07", "\u202e", "\u200b", "\ufeff", "\ud7ff",
    "é", "日本", "🙂", "\t", "\n", " ",
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def check_query(engine, query: str) -> None:
    """The contract every query must meet; raises AssertionError (or whatever leaks out)."""
    from index.api import SearchResult

    result = engine.search(query, limit=10)
    assert isinstance(result, SearchResult)
    assert result.total >= len(result.hits) >= 0
    if result.error is not None:
        assert isinstance(result.error, str) and result.error.strip(), repr(result.error)
        assert "\n" not in result.error and "Traceback" not in result.error, repr(result.error)
    if not query.strip():
        assert result.error and not result.hits
    seen = set()
    for hit in result.hits:
        assert hit.id and hit.id not in seen, f"duplicate hit {hit.id}"
        seen.add(hit.id)
        assert isinstance(hit.title, str) and isinstance(hit.snippet, str)
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet), (hit.highlights, len(hit.snippet))
    if result.suggestion is not None:
        assert isinstance(result.suggestion, str)


def random_query(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.6:
        return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
    if kind < 0.8:
        return "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(1, 40)))
    if kind < 0.9:
        return rng.choice(PIECES).strip() * rng.randint(100, 3000)
    return " ".join(rng.choice(("syria", "a", "x*", "OR", "NOT", '"')) for _ in range(rng.randint(200, 2000)))


def open_engine():
    from index.search import WhooshEngine

    existing = os.environ.get("NEWSDESK_FUZZ_INDEX")
    if existing:
        return WhooshEngine(existing)
    from index.indexer import index_paths

    index_dir = Path(tempfile.mkdtemp(prefix="newsdesk-fuzz-")) / "index"
    index_paths(index_dir, [REPO / "seeds"], extract=False)
    return WhooshEngine(index_dir)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[1] == "--random":
        count = int(argv[2]) if len(argv) > 2 else 10_000
        engine = open_engine()
        rng = random.Random(int(os.environ.get("FUZZ_SEED", "0")))
        for n in range(count):
            query = random_query(rng)
            try:
                check_query(engine, query)
            except BaseException:
                print(f"failing query #{n}: {query!r}", file=sys.stderr)
                raise
        print(f"{count} random queries: no failure")
        return 0
    try:
        import atheris
    except ImportError:
        print("atheris is not installed (pip install atheris); try --random N instead", file=sys.stderr)
        return 2
    with atheris.instrument_imports():
        import index.query  # noqa: F401 - instrumented for coverage guidance
        import index.search  # noqa: F401
    engine = open_engine()

    def one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        check_query(engine, fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()))

    atheris.Setup(argv, one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
