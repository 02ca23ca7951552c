"""WhooshEngine over the shipped seeds: every query form, snippets, suggestions, bad input."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.query import MAX_EXPANSION, CappedPrefix, QueryParser, match_spans
from index.search import WhooshEngine

SEED_ID = "c34ff80395b4e172"  # seeds/000_ea98eee8af135311.txt (the Baghouz story)


@pytest.fixture(scope="module")
def engine(seed_index):
    eng = WhooshEngine(seed_index)
    yield eng
    eng.close()


@pytest.fixture(scope="module")
def text_engine(seed_index_text):
    eng = WhooshEngine(seed_index_text)
    yield eng
    eng.close()


def titles(result) -> list[str]:
    return [h.title for h in result.hits]


def test_count_and_get(engine):
    assert engine.count() == 145
    article = engine.get(SEED_ID)
    assert article is not None and "Baghouz" in article.body
    assert article.extraction is not None and article.extraction["entities"]
    assert engine.get("0000000000000000") is None


def test_baghouz_finds_the_seed_first_with_highlighted_snippet(engine):
    result = engine.search("baghouz")
    assert result.error is None
    assert result.hits[0].id == SEED_ID
    hit = result.hits[0]
    assert hit.highlights, hit.snippet
    for start, end in hit.highlights:
        assert hit.snippet[start:end].lower() == "baghouz"
    assert "\n" not in hit.snippet
    assert result.terms == ["baghouz"]


def test_and_is_the_default(engine):
    both = engine.search("syria robotics", limit=50)
    syria = engine.search("syria", limit=50)
    assert 0 < both.total < syria.total
    assert all("robotics" in h.title.lower() for h in both.hits)


def test_or_and_not(engine):
    syria = engine.search("syria", limit=50).total
    robot = engine.search("robotics", limit=50).total
    either = engine.search("syria OR robotics", limit=50).total
    both = engine.search("syria robotics", limit=50).total
    assert either == syria + robot - both
    without = engine.search("syria NOT robotics", limit=50)
    assert without.total == syria - both
    assert "robotics" not in without.terms


def test_title_field(engine):
    result = engine.search("title:robotics")
    assert result.total == 1
    assert "robotics" in result.hits[0].title
    assert result.terms == ["robotics"]


def test_phrase(engine):
    result = engine.search('"asylum seekers"')
    assert result.total >= 1
    assert "asylum seekers" in result.hits[0].title.lower()
    spans = [result.hits[0].snippet[s:e].lower() for s, e in result.hits[0].highlights]
    assert "asylum" in spans and "seekers" in spans
    # The phrase is stricter than its words.
    assert result.total <= engine.search("asylum seekers").total


def test_fuzzy(engine):
    result = engine.search("Baghous~")
    assert result.hits and result.hits[0].id == SEED_ID
    assert "baghouz" in result.terms


def test_fuzzy_distance_is_bounded():
    parsed = QueryParser().parse("baghous~9/0")
    fuzzy = [q for q in parsed.query.leaves() if hasattr(q, "maxdist")]
    assert fuzzy and all(q.maxdist <= 2 and q.prefixlength >= 1 for q in fuzzy)


def test_date_year_and_ranges(engine):
    year = engine.search("date:2015", limit=50)
    assert year.total > 0 and all(h.date.startswith("2015") for h in year.hits)
    months = engine.search("date:[2015-01 to 2015-06]", limit=50)
    assert 0 < months.total < year.total
    assert all("2015-01" <= h.date[:7] <= "2015-06" for h in months.hits)
    month = engine.search("date:2015-05", limit=50)
    assert month.total and all(h.date.startswith("2015-05") for h in month.hits)


def test_bad_date_sets_error_but_searches_the_rest(engine):
    result = engine.search("date:notadate syria")
    assert result.error and "notadate" in result.error
    assert result.total == engine.search("syria").total
    result = engine.search("date:[foo to bar] baghouz")
    assert result.error and result.hits[0].id == SEED_ID


def test_prefix(engine):
    result = engine.search("syr*", limit=50)
    assert result.total >= engine.search("syria", limit=50).total
    assert {"syria", "syrian"} <= set(result.terms)


def test_short_prefix_is_refused_with_message(engine):
    result = engine.search("sy*")
    assert result.error and "too short" in result.error


def test_prefix_expansion_is_capped(seed_index):
    from whoosh import index as windex

    ix = windex.open_dir(str(seed_index / "whoosh"))
    with ix.searcher() as searcher:
        # The cap applies per segment (the engine expands in each segment's reader); the seed
        # index may hold several segments (enrichment commits its tail in steps): use the largest.
        leaf = max((r for r, _ in searcher.reader().leaf_readers()), key=lambda r: r.doc_count_all())
        expanded = list(CappedPrefix("body", "co")._btexts(leaf))
        everything = list(leaf.expand_prefix("body", "co"))
    assert len(everything) > MAX_EXPANSION
    assert len(expanded) == MAX_EXPANSION


def test_entity_fields_filled_by_extraction(engine, text_engine):
    result = engine.search('person:"Paul Bradley"')
    assert [h.id for h in result.hits] == [SEED_ID]
    assert engine.search("place:baghouz").hits[0].id == SEED_ID
    assert engine.search("person:trump").total >= 1
    assert text_engine.search('person:"Paul Bradley"').total == 0  # not enriched


def test_source_and_tag(engine):
    assert engine.search("source:wikinews").total == 144
    assert engine.search("source:seeds").hits[0].id == SEED_ID
    tagged = engine.search('tag:"Islamic State"')
    assert [h.id for h in tagged.hits] == [SEED_ID]


def test_sort_by_date_newest_first_undated_last(engine):
    result = engine.search("syria", sort="date", limit=50)
    dates = [h.date for h in result.hits]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[-1] is None  # the undated seed sorts after every dated article


def test_suggestion_for_misspelling(engine):
    result = engine.search("syira")
    assert result.total == 0
    assert result.suggestion == "syria"
    assert engine.search("baghouz").suggestion is None


def test_suggestion_can_be_asked_for_separately(engine):
    """Search-as-you-type paints the hits first and asks for "did you mean" after."""
    quick = engine.search("syira", suggest=False)
    assert quick.total == 0 and quick.suggestion is None
    assert engine.suggest("syira") == "syria"
    assert engine.suggest("baghouz syira") == "baghouz syria"
    assert engine.suggest("") is None


def test_suggestion_shows_a_real_word_not_a_stem(engine):
    result = engine.search("compnay")
    assert result.total == 0 and result.suggestion
    assert result.suggestion in {"company", "companies"}


@pytest.mark.parametrize(
    "query",
    ['"unclosed phrase', "(syria OR", "AND", "NOT", "title:", "date:[2019 to", "*", "~", "syria~~3",
     "[to]", "date:>2019", "\x00\x1b[31m", "foo:bar:baz", ")))", "person:", '""'],
)
def test_malformed_queries_never_raise(engine, query):
    result = engine.search(query)
    assert isinstance(result.total, int)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('abcsyr "():*~[]-+^/\\date:title:ORANDNOT')), max_size=30))
def test_fuzzed_queries_never_raise(engine, query):
    result = engine.search(query)
    assert result.total >= len(result.hits)


def test_match_spans_finds_inflections():
    text = "Asylum seekers; one seeker sought asylum."
    spans = match_spans(text, ["seekers"])
    assert [text[s:e] for s, e in spans] == ["seekers", "seeker"]
    assert match_spans(text, []) == []
