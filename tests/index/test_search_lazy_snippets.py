"""Lazy snippets: `search(snippets=N)` and `fill_snippets` give the same hits, snippets,
highlights and terms as one `search(snippets=True)`, whatever order the pieces come in."""
from __future__ import annotations

import json
import random

import pytest

from index.search import WhooshEngine
from index.snippets import ResultStates

QUERIES = ["said", "government OR police", "pre*", '"prime minister"', '"he said"', "people NOT said", "stat~", "com* said"]
LIMIT = 30


@pytest.fixture(scope="module")
def engine(seed_index_text):
    eng = WhooshEngine(seed_index_text)
    yield eng
    eng.close()


def _full(engine, text, sort="score"):
    result = engine.search(text, limit=LIMIT, sort=sort, suggest=False)
    assert len(result.hits) >= 5, (text, len(result.hits))  # enough hits to cut into pieces
    assert all(isinstance(h.snippet, str) for h in result.hits)
    return result


@pytest.mark.parametrize("text", QUERIES)
def test_first_n_get_snippets_the_rest_none(engine, text):
    full = _full(engine, text)
    part = engine.search(text, limit=LIMIT, snippets=3, suggest=False)
    assert [h.id for h in part.hits] == [h.id for h in full.hits]
    assert part.hits[:3] == full.hits[:3]
    assert all(h.snippet is None and h.highlights == [] for h in part.hits[3:])
    none = engine.search(text, limit=LIMIT, snippets=False, suggest=False)
    assert all(h.snippet is None for h in none.hits)


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("seed", [0, 1])
def test_pieces_in_any_order_equal_one_full_search(engine, text, seed):
    full = _full(engine, text)
    lazy = engine.search(text, limit=LIMIT, snippets=seed * 2, suggest=False)
    n = len(lazy.hits)
    cuts = sorted(random.Random(seed).sample(range(1, n), 3))
    pieces = list(zip([0, *cuts], [*cuts, n]))
    random.Random(seed + 10).shuffle(pieces)
    for start, stop in pieces:
        before = [h.snippet for h in lazy.hits]
        engine.fill_snippets(lazy, start, stop)
        for i, hit in enumerate(lazy.hits):
            if start <= i < stop:
                assert hit == full.hits[i], (text, i)
            else:
                assert hit.snippet == before[i]  # nothing outside the piece is touched
    assert lazy.hits == full.hits
    assert lazy.terms == full.terms
    engine.fill_snippets(lazy, 0, n)  # already there: unchanged
    assert lazy.hits == full.hits and lazy.terms == full.terms


def test_date_sort_and_out_of_range_slices(engine):
    full = _full(engine, "said", sort="date")
    lazy = engine.search("said", limit=LIMIT, sort="date", snippets=0, suggest=False)
    engine.fill_snippets(lazy, len(lazy.hits) - 2, len(lazy.hits) + 50)
    engine.fill_snippets(lazy, 100, 200)  # past the end: nothing
    engine.fill_snippets(lazy, -3, -2)  # slice semantics
    engine.fill_snippets(lazy, 0, len(lazy.hits) - 2)
    assert lazy.hits == full.hits and lazy.terms == full.terms


def test_a_forgotten_result_is_matched_again(engine):
    full = _full(engine, "pre*")
    lazy = engine.search("pre*", limit=LIMIT, snippets=False, suggest=False)
    later = [  # kept alive, so each is remembered under its own identity
        engine.search("police", limit=1, snippets=False, suggest=False) for _ in range(ResultStates.KEEP)
    ]
    assert all(engine._states.get(r) is not None for r in later)
    assert engine._states.get(lazy) is None
    engine.fill_snippets(lazy, 0, len(lazy.hits))
    assert lazy.hits == full.hits and lazy.terms == full.terms


def test_hits_json_never_has_a_null_snippet(engine):
    lazy = engine.search("said", limit=5, snippets=False, suggest=False)
    assert all(h.to_json()["snippet"] == "" for h in lazy.hits)


def test_snippets_after_another_process_changed_the_index(tmp_path, empty_index_dir):
    from index.indexer import index_paths

    def row(n: int) -> dict:
        return {
            "title": f"Harbour report {n}",
            "body": f"Ships number {n} passed. " * n + "The windmill stood by the harbour all night. " * 2,
            "date": f"2020-01-{n + 1:02d}",
            "source": "Test Wire",
        }

    folder = tmp_path / "news"
    folder.mkdir()
    for name, rows in (("a", [row(1), row(2)]), ("b", [row(3), row(4)])):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    index_paths(empty_index_dir, [folder], extract=False)
    with WhooshEngine(empty_index_dir) as engine:
        full = engine.search("windmill", limit=10, suggest=False)
        lazy = engine.search("windmill", limit=10, snippets=1, suggest=False)
        assert len(full.hits) == 4 and lazy.hits[0] == full.hits[0]
        (folder / "b.jsonl").unlink()  # two hits go away
        (folder / "c.jsonl").write_text(json.dumps(row(5)) + "\n")
        index_paths(empty_index_dir, [folder], extract=False)
        assert engine.refresh()
        engine.fill_snippets(lazy, 0, 10)
        gone = {h.id for h in full.hits} - {h.id for h in engine.search("windmill", limit=10).hits}
        assert len(gone) == 2
        for mine, before in zip(lazy.hits, full.hits):
            assert mine == before or (mine.id in gone and mine.snippet == "" and not mine.highlights)
        assert lazy.terms == ["windmill"]
