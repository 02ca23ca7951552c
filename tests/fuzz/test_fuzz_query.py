"""Hypothesis query fuzzing (runs in CI): >= 1,000 hostile queries through WhooshEngine.search on
the seeds index: unbalanced quotes and brackets, lone operators, field names without values,
control characters, any unicode, very long strings. No exception may escape, and every result
meets `fuzz_query.check_query` (hits, or an empty result, with a one-line `error` if any)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_query import PIECES, check_query

SYNTAX = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)
MIXED = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=10).map("".join)
LONG = st.one_of(
    st.tuples(st.sampled_from(PIECES), st.integers(200, 4000)).map(lambda t: t[0] * t[1]),
    st.text(min_size=500, max_size=3000),
)
QUERIES = st.one_of(SYNTAX, MIXED, st.text(), LONG)


@pytest.fixture(scope="module")
def engine(seed_index_text):
    from index.search import WhooshEngine

    eng = WhooshEngine(seed_index_text)
    yield eng
    eng.close()


@settings(max_examples=1000, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=QUERIES)
def test_any_query_gives_a_sane_result(engine, query):
    check_query(engine, query)


@pytest.mark.parametrize("query", [
    '"', '(', ')', '[', ']', ':', '*', '~', 'date:[', 'person:', 'org:"', 'title:', '"syria',
    'syria (', 'NOT', 'OR OR', 'syria AND', '*:*', 'date:[2019 to', 'date:[foo to bar]',
    'baghous~9', 's*', '?', '\x00', '\x1b[2J', '\u202e', 'syria' * 2000, '" ' * 3000,
])
def test_known_nasty_queries(engine, query):
    check_query(engine, query)


def test_real_words_still_find_articles(engine):
    """The fuzz target is not vacuous: ordinary queries on this index do find hits."""
    for query in ("syria", "trump OR robot", '"united states"', "syr*"):
        result = engine.search(query)
        assert result.hits and result.error is None, (query, result.error)


def test_a_huge_query_is_cut_with_a_message(engine):
    """A 16 KB query once took minutes in Whoosh's parser; it is cut and the user is told."""
    result = engine.search("date:[2019-01 to" * 1000)
    assert result.error and "too long" in result.error and "\n" not in result.error
    result = engine.search("syria " * 400)  # cut at a word boundary: still finds syria
    assert result.hits and "too long" in result.error
