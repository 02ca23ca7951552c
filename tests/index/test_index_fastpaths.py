"""The speed-ups give exactly what Whoosh's own slow paths give.

- FastText.index == TEXT(StemmingAnalyzer).index (terms, frequencies, weights, encoded
  positions/characters), on the seeds and on generated text;
- an index written through FastCodec answers queries exactly like one written by W3Codec;
- count_matches == Whoosh's docs_for_query count, over several segments and deletions;
- the snippets' term offsets == what Whoosh's highlight_hit loads on terms=True results.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.analysis import StemmingAnalyzer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT

from index.codec import FastCodec
from index.counting import count_matches
from index.query import QueryParser
from index.schema import build_schema
from index.snippets import load_places, new_highlighter, pinpoint_snippet
from index.textfield import FastText

SEEDS_JSONL = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
QUERIES = [
    "baghouz", "syria", "government", "police president", "government OR police",
    '"prime minister"', "title:talks", "syr*", "pol* NOT police", "government -syria",
    "(police OR army) state", "date:2019 syria", "nosuchwordanywhere", "state AND NOT war",
]


def seed_records() -> list[dict]:
    with open(SEEDS_JSONL, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def pairs():
    slow_body = TEXT(analyzer=StemmingAnalyzer(), chars=True)
    slow_title = TEXT(analyzer=StemmingAnalyzer(), stored=True, field_boost=2.0)
    return [(slow_body, FastText(chars=True)), (slow_title, FastText(stored=True, field_boost=2.0))]


def test_fast_text_matches_whoosh_on_seeds():
    records = seed_records()
    assert len(records) > 100
    for slow, fast in pairs():
        for rec in records:
            for text in (rec.get("title", ""), rec.get("body", "")):
                assert sorted(fast.index(text)) == sorted(slow.index(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,'-_1İIıßﬁ\u00e9\u2019\nTHE the a I")), max_size=80))
def test_fast_text_matches_whoosh_on_odd_text(text):
    for slow, fast in pairs():
        assert sorted(fast.index(text)) == sorted(slow.index(text))


def test_fast_text_falls_back_for_lists():
    slow, fast = pairs()[0]
    assert sorted(fast.index(["Alpha", "beta"])) == sorted(slow.index(["Alpha", "beta"]))


def _build(directory: Path, codec, batches: list[list[dict]], delete: list[str] = ()):
    directory.mkdir()
    ix = windex.create_in(str(directory), build_schema())
    for batch in batches:
        writer = ix.writer(codec=codec)
        for rec in batch:
            writer.add_document(id=rec["id"], title=rec.get("title", ""), body=rec.get("body", ""))
        writer.commit(merge=False)
    if delete:
        writer = ix.writer(codec=codec)
        for doc_id in delete:
            writer.delete_by_term("id", doc_id)
        writer.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def twin_indexes(tmp_path_factory):
    """The seeds in three segments with two deletions, written by each codec."""
    recs = [dict(r, id=f"d{n}") for n, r in enumerate(seed_records())]
    batches = [recs[:50], recs[50:100], recs[100:]]
    gone = ["d3", "d77"]
    base = tmp_path_factory.mktemp("twins")
    fast = _build(base / "fast", FastCodec(), batches, gone)
    slow = _build(base / "slow", W3Codec(), batches, gone)
    return fast, slow


def test_fast_codec_index_answers_like_w3(twin_indexes):
    fast, slow = twin_indexes
    assert len(fast._segments()) == 3
    parser = QueryParser(fast.schema)
    with fast.searcher() as fs, slow.searcher() as ss:
        assert fs.doc_count() == ss.doc_count() == len(seed_records()) - 2
        for text in QUERIES:
            q = parser.parse(text).query
            a = fs.search(q, limit=None)
            b = ss.search(q, limit=None)
            assert [(h["id"], round(h.score, 6)) for h in a] == [(h["id"], round(h.score, 6)) for h in b], text


def test_count_matches_equals_whoosh_count(twin_indexes):
    fast, _ = twin_indexes
    parser = QueryParser(fast.schema)
    with fast.searcher() as s:
        seen_nonzero = 0
        for text in QUERIES:
            q = parser.parse(text).query
            expected = len(set(s.docs_for_query(q)))
            assert count_matches(s, q) == expected, text
            seen_nonzero += expected > 0
        assert seen_nonzero >= 8  # the queries really match things


def test_pinpoint_places_equal_whoosh_char_cache(twin_indexes):
    """The snippet input (each hit's matched terms with their offsets) is what Whoosh's
    pinpoint highlighter loads from a terms=True search, and the snippet marks them."""
    fast, _ = twin_indexes
    parser = QueryParser(fast.schema)
    bodies = {f"d{n}": r.get("body", "") for n, r in enumerate(seed_records())}
    checked = 0
    with fast.searcher() as s:
        for text in ("baghouz", "syria", "government police", '"prime minister"', "state"):
            q = parser.parse(text).query
            results = s.search(q, limit=10, terms=True)
            terms = sorted({t.decode() for f, t in results.matched_terms() if f == "body"})
            places = load_places(s, "body", terms, [h.docnum for h in results])
            highlighter = new_highlighter()
            results._char_cache = {}
            highlighter._load_chars(results, "body", set(terms), fast.schema["body"].to_bytes)
            for hit in results:
                hit_terms = {t.decode() for f, t in hit.matched_terms() if f == "body"}
                whoosh_places = {t: results._char_cache["body"][hit.docnum][t] for t in hit_terms}
                assert places[hit.docnum] == whoosh_places, (text, hit["id"])
                if not hit_terms:
                    continue
                snippet, spans, surfaces = pinpoint_snippet(highlighter, bodies[hit["id"]], places[hit.docnum])
                assert spans and set(surfaces) <= hit_terms
                for start, end in spans:
                    word = snippet[start:end].lower()
                    assert fast.schema["body"].analyzer(word).__next__().text in hit_terms
                checked += 1
    assert checked >= 10
