"""The rule layers' fast paths give what the straightforward code gives.

- numcontext.blocked_spans: the matches of the whole blocked-span regex, from only the
  alternatives an article can match at all;
- numbers._triggers: per-text remembered trigger flags, same indices as the token loop;
- the compiled attribute rules skip their Matcher on Docs without a rule's first word;
- pipeline.mark_line_breaks over token columns: the same sentence starts as the Token loop.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.extract import numbers as numbers_module
from index.extract.attributes import CompiledRules, _first_word_test
from index.extract.numcontext import _BLOCKED_PARTS, blocked_spans
from index.extract.numbers import _TRIGGER_WORDS, _triggers
from index.extract.pipeline import mark_line_breaks
from index.extract.tokens import TokenTable

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"
WHOLE = re.compile("|".join(part for part, _ in _BLOCKED_PARTS))  # every alternative, always

PIECES = ["http://x.co/a?b=1", "www.bbc.co.uk", "a.b+c@mail.org", "@user", "#tag", "x#y",
          "site.com/path", "gov.uk", "10:30", "15:11:02", "9 p.m.", "9am", "10.30 GMT",
          "+44 (20) 7946 0958", "555-1234-567", "1.2.3", "3/4/2015", "$5bn", "£3", "word", " ",
          "\n", "7", ".", "-", "com", "2,500", "Rs. 500", "US$ 4"]


def _bodies(limit: int) -> list[str]:
    if not SEEDS.is_file():
        pytest.skip(f"{SEEDS} is missing")
    with SEEDS.open(encoding="utf-8") as fh:
        return [json.loads(line)["body"] for line in fh][:limit]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
       | st.text(alphabet="ab1209:.@#/-+() \nwhtps:comukpmGMT$£_,", max_size=60))
def test_blocked_spans_are_the_whole_regex_matches(text):
    assert blocked_spans(text) == [m.span() for m in WHOLE.finditer(text)]


def test_blocked_spans_on_articles_and_each_kind():
    for text in _bodies(144) + PIECES + [" ".join(PIECES)]:
        assert blocked_spans(text) == [m.span() for m in WHOLE.finditer(text)]
    # each alternative still finds its kind when the others are left out
    assert blocked_spans("see www.x.org now") == [(4, 13)]
    assert blocked_spans("mail a.b@c.org") == [(5, 14)]
    assert blocked_spans("at 10:30 today") == [(3, 8)]


def _triggers_reference(doc: TokenTable) -> list[int]:
    texts, lows, n = doc.texts, doc.lows, len(doc)
    return [i for i, tok in enumerate(doc) if (
        texts[i][:1].isdigit() or lows[i] in _TRIGGER_WORDS or not tok.is_alpha and not tok.is_punct
        or texts[i][:1].isupper() and i + 1 < n and texts[i + 1][:1] in "$#£"
        or texts[i].endswith("$") or texts[i] in ("#", "Rs", "Rs."))]


def test_triggers_same_as_the_token_loop(nlp, monkeypatch):
    texts = ["Apple $5 and Acme #3, Rs. 500 or Rs 20; US$ 4 and A$ 9. Twelve dozen, 3rd.",
             "HSBC £3bn; Ten $ signs # alone", ""] + _bodies(40)
    for remembered in ({}, None):  # an empty cache, then the one the first pass filled
        if remembered is not None:
            monkeypatch.setattr(numbers_module, "_TRIGGER_TEXTS", remembered)
        for text in texts:
            table = TokenTable.from_doc(nlp(text))
            assert _triggers(table) == _triggers_reference(table), text[:60]


def test_first_word_tests():
    assert _first_word_test([{"LOWER": "gon"}, {"LOWER": "na"}]) == (["gon"], [])
    assert _first_word_test([{"lower": {"IN": ["a", "b"]}, "TAG": "DT"}]) == (["a", "b"], [])
    assert _first_word_test([{"LOWER": {"REGEX": "^y'?$"}}]) == ([], ["^y'?$"])
    assert _first_word_test([{"LOWER": "a", "OP": "?"}, {"LOWER": "b"}]) is None
    assert _first_word_test([{"TAG": "NN"}, {"LOWER": "b"}]) is None
    assert _first_word_test([{"LOWER": {"NOT_IN": ["a"]}}]) is None


def test_matcher_runs_only_when_a_first_word_is_there(nlp):
    ruler = nlp.get_pipe("attribute_ruler_compiled")
    assert isinstance(ruler, CompiledRules) and ruler.first_words, "the model's Matcher rules start with words"
    strings = nlp.vocab.strings
    lows = lambda text: [strings.add(w) for w in text.lower().split()]  # noqa: E731
    assert not ruler._could_match(strings, lows("prices rose by ten percent"))
    assert ruler._could_match(strings, lows("we are gon na win"))
    assert ruler._could_match(strings, lows("it was nothin' at all"))  # a regex rule


def test_a_rule_without_a_first_word_turns_the_screen_off(nlp):
    compiled = copy.copy(nlp.get_pipe("attribute_ruler_compiled"))
    compiled.first_words, compiled.first_regexes, compiled._may_start = set(compiled.first_words), [], {}
    compiled._note_first_words([[{"TAG": "NN"}, {"LOWER": "x"}]])
    assert compiled.first_words is None
    assert compiled._could_match(nlp.vocab.strings, [])  # so the Matcher always runs


def _line_breaks_reference(doc):
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc


def test_line_breaks_same_as_the_token_loop(nlp):
    texts = ["Title\n\nBody  text.\n \n Next\tpara\r\nhere", "\n\n\nA\n", "", "a \n b\n\n\n c",
             "Dateline -\nWords here. More words\n\n\"Quote\" he said\n"] + _bodies(30)
    with nlp.select_pipes(enable=["tok2vec", "tagger"]):
        docs = [nlp(text) for text in texts]
    for doc in docs:
        fast, slow = mark_line_breaks(doc.copy()), _line_breaks_reference(doc.copy())
        assert [t.is_sent_start for t in fast] == [t.is_sent_start for t in slow], doc.text[:60]
