"""Entity rules meant to generalise to unseen articles: surnames that are also places or
companies, "X of PLACE" and "University ... at PLACE" names, organisation head words, charities
the model never tags, short company names, roles glued to names, flights. The entities are
pinned (entity_docs.tagged), so these test the rule layer, not the statistical model."""
from __future__ import annotations

import pytest

from entity_docs import tagged
from index.extract.entities import find_entities


def names(ents):
    return [(e["text"], e["label"]) for e in ents]


def check_offsets(doc, ents):
    for e in ents:
        assert doc.text[e["start"]:e["end"]] == e["text"]


def test_surname_that_is_a_place_stays_a_place_where_the_context_says_so(nlp):
    text = ("Coach Phil Jackson praised the team. Jackson said they worked hard. "
            "The team flew home to Jackson, Mississippi, on Sunday.")
    doc = tagged(nlp, text, ("Phil Jackson", "PERSON"), ("Jackson", "GPE", 1), ("Jackson", "GPE", 2),
                 ("Mississippi", "GPE"))
    got = find_entities(doc)
    assert names(got) == [("Phil Jackson", "PERSON"), ("Jackson", "PERSON"), ("Jackson", "PLACE"),
                          ("Mississippi", "PLACE")]
    check_offsets(doc, got)


def test_surname_after_in_is_the_place_and_elsewhere_the_person(nlp):
    text = "Author Sarah Paris wrote a novel. Paris said she wrote it while living in Paris last year."
    doc = tagged(nlp, text, ("Sarah Paris", "PERSON"), ("Paris", "GPE", 1), ("Paris", "GPE", 2))
    got = names(find_entities(doc))
    assert got == [("Sarah Paris", "PERSON"), ("Paris", "PERSON"), ("Paris", "PLACE")]


def test_possessive_after_in_is_still_the_person(nlp):
    text = "Critic Anna Houston spoke. There was anger in Houston's remarks."
    doc = tagged(nlp, text, ("Anna Houston", "PERSON"), ("Houston's", "GPE"))
    assert names(find_entities(doc)) == [("Anna Houston", "PERSON"), ("Houston", "PERSON")]


def test_full_name_with_a_place_surname_tagged_as_a_place_is_a_person(nlp):
    text = "The report was written by Kevin Paris, a historian, over three years."
    doc = tagged(nlp, text, ("Kevin Paris", "GPE"))
    assert names(find_entities(doc)) == [("Kevin Paris", "PERSON")]


def test_surname_that_names_a_company_is_the_company_where_ner_reads_it_so(nlp):
    text = ("Bill Ford spoke to investors. Ford said the company would cut jobs at Ford Motor Company "
            "plants. Ford will retire next year, Ford said in a note.")
    doc = tagged(nlp, text, ("Bill Ford", "PERSON"), ("Ford", "ORG", 1),
                 ("Ford Motor Company", "ORG"), ("Ford", "PERSON", 3))
    got = names(find_entities(doc))
    assert got[:4] == [("Bill Ford", "PERSON"), ("Ford", "ORG"), ("Ford Motor Company", "ORG"),
                       ("Ford", "PERSON")]


def test_company_rule_needs_a_company_named_after_the_person(nlp):
    text = "Jimmy Carter visited the Carter Center in Atlanta. Carter spoke for an hour."
    doc = tagged(nlp, text, ("Jimmy Carter", "PERSON"), ("Carter Center", "ORG"), ("Atlanta", "GPE"),
                 ("Carter", "ORG", 2))
    assert ("Carter", "PERSON") in names(find_entities(doc))


def test_school_at_a_place_is_one_organisation(nlp):
    text = "Students at the University of North Carolina at Greensboro protested."
    doc = tagged(nlp, text, ("the University of North Carolina", "ORG"), ("Greensboro", "GPE"))
    got = find_entities(doc)
    assert names(got) == [("University of North Carolina at Greensboro", "ORG")]
    check_offsets(doc, got)


def test_at_a_place_does_not_join_other_organisations(nlp):
    text = "Analysts at Goldman Sachs at London said little."
    doc = tagged(nlp, text, ("Goldman Sachs", "ORG"), ("London", "GPE"))
    assert names(find_entities(doc)) == [("Goldman Sachs", "ORG"), ("London", "PLACE")]


@pytest.mark.parametrize("spans, expected", [
    ((("Bank", "ORG"), ("America", "GPE")), [("Bank of America", "ORG")]),
    ((("America", "GPE"),), [("Bank of America", "ORG")]),
])
def test_organisation_head_of_a_place_is_one_organisation(nlp, spans, expected):
    text = "Shares of the Bank of America fell on Monday."
    doc = tagged(nlp, text, *spans)
    got = find_entities(doc)
    assert names(got) == expected
    check_offsets(doc, got)


def test_generic_modifier_before_the_head_is_kept(nlp):
    text = "Officials of the Reserve Bank of India met."
    doc = tagged(nlp, text, ("India", "GPE"))
    assert names(find_entities(doc)) == [("Reserve Bank of India", "ORG")]


def test_named_organisation_of_a_country_stays_two_names(nlp):
    text = "Yesterday Deutsche Bank of Germany lost money."
    doc = tagged(nlp, text, ("Deutsche Bank", "ORG"), ("Germany", "GPE"))
    assert names(find_entities(doc)) == [("Deutsche Bank", "ORG"), ("Germany", "PLACE")]


@pytest.mark.parametrize("name", ["Sea Org", "Tata Motors", "Delta Airways", "Marine Corps", "Vanguard Fund"])
def test_organisation_head_words_beat_a_wrong_ner_label(nlp, name):
    text = f"Members of the {name} left early."
    doc = tagged(nlp, text, (name, "LOC"))
    assert names(find_entities(doc)) == [(name, "ORG")]


def test_charity_named_like_a_phrase_is_an_organisation(nlp):
    text = "The charity Save the Children said aid had arrived, as did Doctors Without Borders."
    doc = tagged(nlp, text)
    got = find_entities(doc)
    assert names(got) == [("Save the Children", "ORG"), ("Doctors Without Borders", "ORG")]
    check_offsets(doc, got)


def test_short_name_of_a_company_is_the_company(nlp):
    text = "The exchange will delist New Century. New Century Financial Corporation failed last week."
    doc = tagged(nlp, text, ("New Century", "EVENT"), ("New Century Financial Corporation", "ORG"))
    got = names(find_entities(doc))
    assert got == [("New Century", "ORG"), ("New Century Financial Corporation", "ORG")]


def test_short_name_is_never_a_single_word(nlp):
    text = "General Motors Corp. said the General would not attend."
    doc = tagged(nlp, text, ("General Motors Corp.", "ORG"))
    got = names(find_entities(doc))
    assert ("General Motors", "ORG") not in got and not any(t == "General" for t, _ in got)


def test_roles_before_a_name_are_stripped_but_not_from_organisations(nlp):
    text = "Chief Executive Thomas Enders spoke to the Executive Council yesterday."
    doc = tagged(nlp, text, ("Chief Executive Thomas Enders", "PERSON"), ("Executive Council", "ORG"))
    assert names(find_entities(doc)) == [("Thomas Enders", "PERSON"), ("Executive Council", "ORG")]


def test_flight_is_not_the_airline(nlp):
    text = "Wreckage of Air France Flight 447 was found. Air France paid."
    doc = tagged(nlp, text, ("Air France Flight", "ORG"), ("Air France", "ORG", 1))
    got = [(t, lab) for t, lab in names(find_entities(doc)) if lab in ("PERSON", "ORG", "PLACE")]
    assert got == [("Air France", "ORG")]
