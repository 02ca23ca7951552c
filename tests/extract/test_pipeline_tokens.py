"""The TokenTable answers exactly what the spaCy Doc answers, for every attribute it holds.

The number layer reads only the table, so any difference here would change extractions.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.extract.tokens import Tok, TokenTable, token_table

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
ATTRS = ("i", "text", "lower_", "tag_", "pos_", "ent_type_", "idx", "whitespace_", "is_alpha",
         "is_punct", "is_digit", "is_space", "like_num", "is_sent_start")
TEXTS = [
    "The U.S. Army said 2,500 people died on March 3.\n\nIt's 70m high—really.  $5bn spent",
    "Prices rose 12% to €1.2bn; \"We won 3–1,\" said Ms. O'Neil, 34, in São Paulo.\n",
    "one\n\n\ttwo  three",
    " ",
    "\n",
]


def _seed_bodies(limit: int) -> list[str]:
    if not SEEDS.is_file():
        pytest.skip(f"{SEEDS} is missing")
    bodies = []
    with SEEDS.open(encoding="utf-8") as fh:
        for line in fh:
            bodies.append(json.loads(line)["body"])
            if len(bodies) == limit:
                break
    return bodies


def _assert_same(doc, table: TokenTable) -> None:
    assert len(table) == len(doc)
    assert table.text == doc.text
    assert table.has_annotation("SENT_START") == doc.has_annotation("SENT_START")
    for tok, row in zip(doc, table):
        for name in ATTRS:
            assert getattr(row, name) == getattr(tok, name), (tok.i, tok.text, name)
    assert [(s.start, s.end, s.text) for s in table.sents] == [(s.start, s.end, s.text) for s in doc.sents]
    assert table.texts == [t.text for t in doc]
    assert table.lows == [t.lower_ for t in doc]
    assert table.tags == [t.tag_ for t in doc]
    assert table.idxs == [t.idx for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_table_matches_the_doc(nlp, text):
    doc = nlp(text)
    _assert_same(doc, TokenTable.from_doc(doc))


def test_table_matches_the_doc_on_real_articles(nlp):
    for body in _seed_bodies(12):
        doc = nlp(body)
        _assert_same(doc, TokenTable.from_doc(doc))


def test_span_text_is_spacy_span_text(nlp):
    doc = nlp(TEXTS[0])
    table = TokenTable.from_doc(doc)
    n = len(doc)
    for start in range(n):
        for end in range(start, min(n, start + 6) + 1):
            assert table.span_text(start, end) == doc[start:end].text
            assert table.span(start, end).text == doc[start:end].text
            assert [t.text for t in table.span(start, end)] == [t.text for t in doc[start:end]]
    assert table.span_text(4, 2) == ""


def test_rows_are_tuples_of_the_listed_fields(nlp):
    table = TokenTable.from_doc(nlp("Ten dogs."))
    row = table[1]
    assert isinstance(row, Tok) and row.text == "dogs" and row.tag_ == "NNS"
    assert isinstance(table[0:2], list) and [t.text for t in table[0:2]] == ["Ten", "dogs"]
    assert table[-1].text == "."
    with pytest.raises(IndexError):
        table[len(table)]


def test_a_doc_without_sentences(nlp):
    doc = nlp.make_doc("No model ran here. Two sentences.")
    table = TokenTable.from_doc(doc)
    assert not table.has_annotation("SENT_START")
    assert (table.sent_starts, table.sent_ends) == ([0], [len(doc)])
    assert [t.tag_ for t in table] == [""] * len(doc)


def test_empty_doc(nlp):
    table = TokenTable.from_doc(nlp(""))
    assert len(table) == 0 and table.text == "" and list(table.sents) == []


def test_token_table_keeps_a_table():
    table = TokenTable("", [], {"texts": [], "lows": [], "tags": [], "idxs": []}, [], [], False)
    assert token_table(table) is table


def test_numbers_same_with_a_shared_table(nlp):
    from index.extract.entities import find_entities
    from index.extract.numbers import find_numbers

    bodies = _seed_bodies(20)
    found = 0
    for doc in nlp.pipe(bodies):
        ents = find_entities(doc)
        own = find_numbers(doc, ents)
        assert find_numbers(doc, ents, tokens=TokenTable.from_doc(doc)) == own
        found += len(own)
    assert found > 20  # the articles do hold quantities
