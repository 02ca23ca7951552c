"""Name-shape and context rules of the entity layer (shapes.py, context.py, gazetteer.py), on
small sentences written for these tests. spaCy's entities are pinned with `tagged` so each test
checks the rule, whatever the statistical model would have said."""
from __future__ import annotations

from entity_docs import names as every_name
from entity_docs import tagged


def names(doc) -> list[tuple[str, str]]:
    return every_name(doc, labels=None)


def test_hyphenated_given_name_stays_whole_and_a_cut_one_is_completed(nlp):
    text = "Voters backed Cheng Chung-tai in the west, while Wong Yeung-tat lost his seat."
    doc = tagged(nlp, text, ("Cheng Chung-tai", "PERSON"), ("Wong Yeung", "PERSON"))
    got = names(doc)
    assert ("Cheng Chung-tai", "PERSON") in got and ("Wong Yeung-tat", "PERSON") in got


def test_hyphenated_verb_form_is_still_cut_from_a_place(nlp):
    doc = tagged(nlp, "The US-backed militia advanced on Tuesday.", ("US-backed", "GPE"))
    assert names(doc) == [("US", "PLACE")]


def test_leading_modifiers_are_not_part_of_the_name(nlp):
    text = "The seat went to nonpartisan Paul Tse and to the pro-Beijing New People Party in March."
    doc = tagged(nlp, text, ("nonpartisan Paul Tse", "PERSON"), ("pro-Beijing New People Party", "ORG"))
    got = names(doc)
    assert ("Paul Tse", "PERSON") in got and ("New People Party", "ORG") in got


def test_romanised_given_name_makes_a_person_of_an_org_label(nlp):
    text = "The newcomer Lam Cheuk-ting won easily."
    doc = tagged(nlp, text, ("Lam Cheuk-ting", "ORG"))
    assert names(doc) == [("Lam Cheuk-ting", "PERSON")]


def test_given_name_tips_an_unclued_org_to_person(nlp):
    text = "The prize was presented by inventor Dean Kamen at the gala."
    doc = tagged(nlp, text, ("Dean Kamen", "ORG"))
    assert names(doc) == [("Dean Kamen", "PERSON")]


def test_given_name_does_not_override_an_organisation_head(nlp):
    text = "Shares in Thomas Cook Group fell sharply."
    doc = tagged(nlp, text, ("Thomas Cook Group", "ORG"))
    assert names(doc) == [("Thomas Cook Group", "ORG")]


def test_person_glued_to_the_end_of_an_organisation_is_split(nlp):
    text = "The Council on Fair Housing Maria Lopez said the rules were unfair."
    doc = tagged(nlp, text, ("Council on Fair Housing Maria Lopez", "ORG"))
    got = names(doc)
    assert ("Council on Fair Housing", "ORG") in got and ("Maria Lopez", "PERSON") in got


def test_organisation_split_by_a_connector_is_joined(nlp):
    text = "An order came from the Federal Service for the Financial Markets on Monday."
    doc = tagged(nlp, text, ("Federal Service", "ORG"), ("the Financial Markets", "ORG"))
    assert names(doc) == [("Federal Service for the Financial Markets", "ORG")]


def test_craft_named_like_a_person_is_a_product_and_so_is_its_short_name(nlp):
    text = "Space Shuttle Columbia lifted off in 1981. Columbia flew 28 missions."
    doc = tagged(nlp, text, ("Space Shuttle Columbia", "PERSON"), ("Columbia flew", "PERSON"))
    got = names(doc)
    assert ("Space Shuttle Columbia", "PRODUCT") in got
    assert not any(lab in ("PERSON", "ORG", "PLACE") for _, lab in got)


def test_mission_code_is_not_a_place(nlp):
    doc = tagged(nlp, "The crew flew on STS-1 that spring.", ("STS-1", "GPE"))
    assert names(doc) == [("STS-1", "PRODUCT")]


def test_web_domain_is_an_organisation(nlp):
    doc = tagged(nlp, "The report was first published by GovExec.com last week.")
    assert names(doc) == [("GovExec.com", "ORG")]


def test_acronym_after_a_person_of_or_before_a_possessive_is_an_organisation(nlp):
    text = "Veteran Frederick Fung of ADPL was defeated, and DAB's Ben Chan won."
    doc = tagged(nlp, text, ("Frederick Fung", "PERSON"), ("Ben Chan", "PERSON"))
    got = names(doc)
    assert ("ADPL", "ORG") in got and ("DAB", "ORG") in got


def test_name_in_an_org_slot_gets_an_org_vote(nlp):
    text = "Cheng Chung-tai of Civic Passion spoke first."
    doc = tagged(nlp, text, ("Cheng Chung-tai", "PERSON"), ("Civic Passion", "PERSON"))
    assert ("Civic Passion", "ORG") in names(doc)


def test_alias_in_brackets_takes_the_names_label(nlp):
    text = "A hotel near the Masjid Al-Haram (Grand Mosque) collapsed."
    doc = tagged(nlp, text, ("Masjid Al-Haram", "FAC"))
    got = names(doc)
    assert ("Grand Mosque", "PLACE") in got


def test_unlabelled_run_ending_in_a_head_word_is_found_with_its_nationality(nlp):
    text = "According to the Saudi Interior Ministry, pilgrims crossed Jamarat Bridge at noon."
    doc = tagged(nlp, text, ("Saudi", "NORP"))
    got = names(doc)
    assert ("Saudi Interior Ministry", "ORG") in got and ("Jamarat Bridge", "PLACE") in got


def test_lone_country_labelled_org_is_a_place(nlp):
    text = "Aid arrived in Afghanistan on Friday."
    doc = tagged(nlp, text, ("Afghanistan", "ORG"))
    assert names(doc) == [("Afghanistan", "PLACE")]


def test_portfolio_before_a_title_is_a_role_not_a_name(nlp):
    text = "Deputy Defense Secretary Wolfowitz wrote the memo."
    doc = tagged(nlp, text, ("Defense", "ORG"), ("Wolfowitz", "PERSON"))
    assert names(doc) == [("Wolfowitz", "PERSON")]


def test_title_word_opening_a_company_name_is_kept(nlp):
    text = "Sales at General Motors fell in May."
    doc = tagged(nlp, text, ("General Motors", "ORG"))
    assert names(doc) == [("General Motors", "ORG")]


def test_a_compass_word_alone_is_not_a_place(nlp):
    doc = tagged(nlp, "Storms moved across the North overnight.", ("North", "LOC"))
    assert names(doc) == []
