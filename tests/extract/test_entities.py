"""The entity rule layer, one rule at a time, on small sentences written for these tests.

Most tests pin spaCy's output first (`tagged`), so they check the rule itself whatever the
statistical model would have said; a few run the whole thing end to end.
"""
from __future__ import annotations

import pytest

from entity_docs import tagged
from index.extract.entities import find_entities, ner_entities


def names(entities) -> list[tuple[str, str]]:
    return [(e["text"], e["label"]) for e in entities]


def check_offsets(doc, entities) -> None:
    for e in entities:
        assert doc.text[e["start"]:e["end"]] == e["text"]


def test_surname_alone_inherits_the_full_names_person_label(nlp):
    doc = nlp("Opposition leader Maria Kovacs criticised the budget on Tuesday. "
              "Kovacs said the plan would hurt pensioners. Later, Kovacs met union officials.")
    got = names(find_entities(doc))
    assert ("Maria Kovacs", "PERSON") in got
    assert got.count(("Kovacs", "PERSON")) == 2
    assert not any(label != "PERSON" for text, label in got if "Kovacs" in text)


def test_untagged_surname_and_first_name_mentions_are_found(nlp):
    text = "Teodor Lindqvist won the race. Lindqvist thanked his coach. Teodor smiled."
    doc = tagged(nlp, text, ("Teodor Lindqvist", "PERSON"))
    got = find_entities(doc)
    assert names(got) == [("Teodor Lindqvist", "PERSON"), ("Lindqvist", "PERSON"), ("Teodor", "PERSON")]
    check_offsets(doc, got)


def test_acronym_defined_in_the_text_takes_the_long_forms_label_everywhere(nlp):
    text = ("The Northern Grain Board (NGB) cut its forecast. Farmers doubt the NGB figures, "
            "and the NGB has not replied.")
    doc = tagged(nlp, text, ("Northern Grain Board", "ORG"))
    got = names(find_entities(doc))
    assert got.count(("NGB", "ORG")) == 3
    assert ("Northern Grain Board", "ORG") in got


def test_acronym_definition_found_even_when_ner_missed_the_long_form(nlp):
    text = "Fighters of the Coastal Defence Units (CDU) held the port. CDU commanders said so."
    doc = tagged(nlp, text)
    got = names(find_entities(doc))
    assert ("Coastal Defence Units", "ORG") in got
    assert got.count(("CDU", "ORG")) == 2


def test_acronym_spelling_a_name_of_the_article_gets_its_label(nlp):
    text = "Rebels of the Eastern Liberation Front attacked a convoy. ELF fighters withdrew at dawn."
    doc = tagged(nlp, text, ("Eastern Liberation Front", "ORG"))
    assert names(find_entities(doc)) == [("Eastern Liberation Front", "ORG"), ("ELF", "ORG")]


def test_acronym_of_a_place_is_a_place(nlp):
    text = "Exports from the United Kingdom fell. UK officials blamed the weather."
    doc = tagged(nlp, text, ("United Kingdom", "GPE"), ("UK", "ORG"))
    assert names(find_entities(doc)) == [("United Kingdom", "PLACE"), ("UK", "PLACE")]


def test_organisation_role_person_is_split(nlp):
    text = "NLA spokesman Farid Haddad said the talks had failed."
    doc = tagged(nlp, text, ("NLA spokesman Farid Haddad", "ORG"))
    got = find_entities(doc)
    assert names(got) == [("NLA", "ORG"), ("Farid Haddad", "PERSON")]
    check_offsets(doc, got)


@pytest.mark.parametrize("span, expected", [
    ("President Helena Ruiz", "Helena Ruiz"),
    ("Prime Minister Helena Ruiz", "Helena Ruiz"),
    ("Dr. Helena Ruiz", "Helena Ruiz"),
])
def test_titles_are_stripped_from_people(nlp, span, expected):
    text = f"On Friday {span} opened the bridge."
    doc = tagged(nlp, text, (span, "PERSON"))
    got = find_entities(doc)
    assert names(got)[-1] == (expected, "PERSON")
    check_offsets(doc, got)


def test_trailing_role_words_are_cut_from_organisations(nlp):
    text = "Ana Pires, the Harbour Authority Spokesperson, declined to comment."
    doc = tagged(nlp, text, ("Ana Pires", "PERSON"), ("the Harbour Authority Spokesperson", "ORG"))
    assert ("Harbour Authority", "ORG") in names(find_entities(doc))


def test_leading_the_and_possessive_are_stripped(nlp):
    text = "Critics of the Bavarian State Police's tactics gathered in Munich."
    doc = tagged(nlp, text, ("the Bavarian State Police's", "ORG"), ("Munich", "GPE"))
    got = find_entities(doc)
    assert names(got) == [("Bavarian State Police", "ORG"), ("Munich", "PLACE")]
    check_offsets(doc, got)


def test_one_name_gets_one_label_by_majority(nlp):
    text = "Trade with Ostravia grew. Ostravia exports steel, and Ostravia imports grain."
    doc = nlp(text)
    spans = [doc.char_span(i, i + 8, label=lab) for i, lab in
             zip([k for k in range(len(text)) if text.startswith("Ostravia", k)], ["GPE", "ORG", "GPE"])]
    doc.set_ents(spans, default="outside")
    assert [e["label"] for e in find_entities(doc)] == ["PLACE", "PLACE", "PLACE"]


def test_head_words_decide_between_organisation_and_place(nlp):
    text = "An editor at the Lakeside Gazette walked to the Marlow Towers."
    doc = tagged(nlp, text, ("Lakeside Gazette", "FAC"), ("Marlow Towers", "ORG"))
    assert names(find_entities(doc)) == [("Lakeside Gazette", "ORG"), ("Marlow Towers", "PLACE")]


def test_well_known_services_are_organisations(nlp):
    text = "The mayor said on Twitter that the road would reopen."
    doc = tagged(nlp, text, ("Twitter", "PERSON"))
    assert names(find_entities(doc)) == [("Twitter", "ORG")]


def test_tags_found_in_the_text_become_entities(nlp):
    text = ("The ceasefire was welcomed by the Northern Alliance of Farmers. The Northern Alliance "
            "of Farmers said aid could reach Karsa soon.")
    doc = tagged(nlp, text, ("Karsa", "GPE"))
    got = names(find_entities(doc, tags=["Northern Alliance of Farmers", "Karsa", "Not In Text"]))
    assert got.count(("Northern Alliance of Farmers", "ORG")) == 2
    assert ("Karsa", "PLACE") in got
    assert not any("Not In Text" in t for t, _ in got)


def test_tag_naming_a_person_part_is_a_person(nlp):
    text = "Ines Moreau resigned. Colleagues of Ines Moreau praised her. Moreau declined to speak."
    doc = tagged(nlp, text, ("Moreau", "PERSON"))
    doc.set_ents([doc.char_span(text.rindex("Moreau"), len(text) - len(" declined to speak."), label="PERSON")],
                 default="outside")
    got = names(find_entities(doc, tags=["Ines Moreau"]))
    assert got.count(("Ines Moreau", "PERSON")) == 2


@pytest.mark.parametrize("text, span, label", [
    ("The panel was led by Harold Finch, QC, in London.", "QC", "GPE"),
    ("Results were due on Friday at the latest.", "Friday", "PERSON"),
    ("Prices rose 2024 times, the report said.", "2024", "ORG"),
    ("Some said the harbour board was to blame.", "harbour board", "ORG"),
    ("Critics say Xenophobia drives the policy.", "Xenophobia", "ORG"),
    ("He was praised by Emeritus colleagues.", "Emeritus", "ORG"),
])
def test_junk_is_removed(nlp, text, span, label):
    doc = tagged(nlp, text, (span, label))
    assert [e for e in find_entities(doc) if span in e["text"]] == []  # other names may be found


def test_time_zone_is_a_time_not_an_organisation(nlp):
    doc = tagged(nlp, "The site was back at 15:11 GMT on Monday.", ("GMT", "ORG"))
    assert names(find_entities(doc)) == [("GMT", "TIME")]


def test_capitalised_common_word_opening_a_sentence_is_dropped(nlp):
    text = "Some patients chose acupuncture.\n\nAcupuncture is an old practice, its critics say."
    doc = tagged(nlp, text, ("Acupuncture", "PERSON"))
    assert find_entities(doc) == []


def test_role_of_portfolio_is_not_an_organisation(nlp):
    text = "Secretary of State Mike Pompeo spoke to reporters."
    doc = tagged(nlp, text, ("State", "ORG"), ("Mike Pompeo", "PERSON"))
    assert names(find_entities(doc)) == [("Mike Pompeo", "PERSON")]


def test_entity_never_spans_a_line_break(nlp):
    text = "Flood defences\n\nHarbour Trust engineers inspected the wall."
    doc = tagged(nlp, text, ("Flood defences\n\nHarbour Trust", "ORG"))
    got = find_entities(doc)
    assert all("\n" not in e["text"] for e in got)
    assert ("Harbour Trust", "ORG") in names(got)


def test_non_name_labels_pass_through(nlp):
    text = "The fund raised $5 million, about 12 percent more than in March."
    doc = nlp(text)
    labels = {e["label"] for e in find_entities(doc)}
    assert {"MONEY", "PERCENT", "DATE"} <= labels


def test_every_mention_is_kept_in_order_with_exact_offsets(nlp):
    text = ("Ambassador Rosa Delgado arrived in Lisbon on Monday. Delgado met officials of the "
            "European Maritime Agency (EMA) in Lisbon. The EMA's chief, Paulo Reis, joined them.")
    doc = nlp(text)
    got = find_entities(doc)
    check_offsets(doc, got)
    assert [e["start"] for e in got] == sorted(e["start"] for e in got)
    assert names(got).count(("Lisbon", "PLACE")) == 2
    assert ("Rosa Delgado", "PERSON") in names(got) and ("Delgado", "PERSON") in names(got)
    assert names(got).count(("EMA", "ORG")) == 2


def test_ner_entities_is_the_untouched_baseline(nlp):
    doc = tagged(nlp, "President Helena Ruiz spoke.", ("President Helena Ruiz", "PERSON"))
    assert names(ner_entities(doc)) == [("President Helena Ruiz", "PERSON")]
