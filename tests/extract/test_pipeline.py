"""The shared spaCy pipeline and the Extractor: sentences, order, determinism, offsets."""
from __future__ import annotations

from index.extract.pipeline import Extractor, load_nlp

BODY = (
    "Flood warnings in Leeds\n\n"
    "Heavy rain fell on Monday across northern England. The Environment Agency said rivers "
    "were rising fast.\n\n"
    "Residents queued for sandbags\n"
    "Council leader Judith Blake said crews would work through the night."
)


def test_load_nlp_is_cached_and_has_only_the_needed_components(nlp):
    assert load_nlp() is nlp
    names = nlp.pipe_names
    assert "parser" not in names and "lemmatizer" not in names
    for needed in ("tok2vec", "tagger", "senter", "ner"):
        assert needed in names
    assert names.index("newsdesk_line_breaks") < names.index("senter")


def test_sentences_never_span_a_line_break(nlp):
    doc = nlp(BODY)
    sents = [s.text.strip() for s in doc.sents]
    for s in sents:
        assert "\n" not in s, s
    assert sents[0] == "Flood warnings in Leeds"
    assert "Residents queued for sandbags" in sents
    # the senter still splits inside a paragraph
    assert "Heavy rain fell on Monday across northern England." in sents


def test_tokens_carry_pos_tags(nlp):
    doc = nlp(BODY)
    assert {t.pos_ for t in doc if not t.is_space} >= {"NOUN", "VERB", "PROPN"}


def test_extract_shape_and_offsets():
    out = Extractor().extract(BODY)
    assert set(out) == {"entities", "numbers", "quotes"}
    assert out["entities"], "expected some entities"
    for e in out["entities"]:
        assert BODY[e["start"]:e["end"]] == e["text"]
        assert set(e) == {"text", "label", "start", "end"}


def test_extract_many_keeps_input_order_and_matches_extract():
    bodies = [
        ("Angela Merkel met Emmanuel Macron in Paris.", []),
        ("The Bank of England raised rates on Thursday.", []),
        ("Shares of Toyota fell in Tokyo.", ["Toyota"]),
    ]
    ex = Extractor(batch_size=2)
    many = list(ex.extract_many(bodies))
    assert len(many) == 3
    for (body, tags), got in zip(bodies, many):
        assert got == ex.extract(body, tags)
    assert list(ex.extract_many(bodies)) == many  # deterministic
    assert many[0]["entities"][0]["text"] == "Angela Merkel"
