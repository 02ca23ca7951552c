"""Entity rules for news from outside the US and UK and for wire copy (round 7): titles such as
Cr / Snr Sgt / Det Insp / Madam, datelines, Irish names and Irish-language bodies, Afrikaans
particles, given names from more countries, institutions named after a person, hospitals as
organisations, platforms and apps, public agencies named for a province, acronyms spelling
"of", slogans and stray party adjectives. The entities are pinned (entity_docs.tagged) so
these test the rule layer, not the statistical model. Every sentence is written for these
tests; none comes from an evaluation set."""
from __future__ import annotations

from entity_docs import names, tagged

def test_australian_and_police_titles_are_not_part_of_the_name(nlp):
    doc = tagged(nlp, "Cr Dana Whitlock said the levee would hold.", ("Cr Dana Whitlock", "PERSON"))
    assert names(doc) == [("Dana Whitlock", "PERSON")]
    doc = tagged(nlp, "Snr Sgt Ravi Osei urged drivers to slow down.", ("Snr Sgt Ravi Osei", "PERSON"))
    assert names(doc) == [("Ravi Osei", "PERSON")]
    doc = tagged(nlp, "The case was led by Det Insp Carol Byrne.", ("Det Insp Carol Byrne", "PERSON"))
    assert names(doc) == [("Carol Byrne", "PERSON")]
    doc = tagged(nlp, "Cr Whitlock voted against it.", ("Cr Whitlock", "ORG"))
    assert names(doc) == [("Whitlock", "PERSON")]


def test_a_dateline_is_a_place_and_is_cut_from_the_name_after_it(nlp):
    doc = tagged(nlp, "REGINA, Saskatchewan (AP) — Farmers said Monday the harvest was late.",
                 ("REGINA", "ORG"), ("Saskatchewan", "GPE"), ("AP", "ORG"))
    assert names(doc) == [("REGINA", "PLACE"), ("Saskatchewan", "PLACE"), ("AP", "ORG")]
    doc = tagged(nlp, "MOORANBAH Tessa Quinlan checked her gauges at dawn.", ("MOORANBAH Tessa Quinlan", "PERSON"))
    assert names(doc) == [("MOORANBAH", "PLACE"), ("Tessa Quinlan", "PERSON")]


def test_irish_names_with_particles_are_people(nlp):
    doc = tagged(nlp, "The motion was tabled by Róisín Ní Fhloinn on Tuesday.", ("Ní Fhloinn", "PERSON"))
    assert names(doc) == [("Róisín Ní Fhloinn", "PERSON")]
    doc = tagged(nlp, "A statement from Tadhg Mac Con Iomaire followed.", ("Tadhg Mac Con Iomaire", "ORG"))
    assert names(doc) == [("Tadhg Mac Con Iomaire", "PERSON")]
    doc = tagged(nlp, "Local TD Niamh Ó Dálaigh objected.", ("Ó Dálaigh", "ORG"))
    assert names(doc) == [("Niamh Ó Dálaigh", "PERSON")]


def test_irish_language_bodies_are_organisations(nlp):
    doc = tagged(nlp, "The council said An Bord Pleanála had the final word.")
    assert ("An Bord Pleanála", "ORG") in names(doc)
    doc = tagged(nlp, "Funding came from Foras na Gaeilge last year.", ("Foras na Gaeilge", "WORK_OF_ART"))
    assert names(doc) == [("Foras na Gaeilge", "ORG")]


def test_afrikaans_particles_stay_in_the_surname(nlp):
    text = "Councillor Pieter van der Walt said the pumps failed. \"It was avoidable,\" Van der Walt said."
    doc = tagged(nlp, text, ("Pieter", "GPE"), ("Walt", "PERSON"), ("Van der Walt", "WORK_OF_ART"))
    assert names(doc) == [("Pieter van der Walt", "PERSON"), ("Van der Walt", "PERSON")]
    doc = tagged(nlp, "The appeal was heard by van Rensburg.", ("Rensburg", "PERSON"))
    assert names(doc) == [("van Rensburg", "PERSON")]


def test_a_given_name_makes_a_person_of_the_name_after_it(nlp):
    doc = tagged(nlp, "Busisiwe Ndlovu runs the creche.")
    assert names(doc) == [("Busisiwe Ndlovu", "PERSON")]
    doc = tagged(nlp, "Teacher Thabo Zulu, who runs a creche, was angry.", ("Zulu", "ORG"))
    assert names(doc) == [("Thabo Zulu", "PERSON")]


def test_institutions_named_after_a_person_are_one_organisation(nlp):
    doc = tagged(nlp, "Patients at the Albert Kessler Memorial Hospital waited.",
                 ("Albert Kessler", "PERSON"), ("Memorial Hospital", "ORG"))
    assert names(doc) == [("Albert Kessler Memorial Hospital", "ORG")]
    doc = tagged(nlp, "Staff at Tan Kah Kee General Hospital and Oon Boon Hwa General Hospital were told.",
                 ("Tan Kah Kee General Hospital", "ORG"), ("Boon Hwa", "PERSON"), ("General Hospital", "ORG", 1))
    assert names(doc) == [("Tan Kah Kee General Hospital", "ORG"), ("Oon Boon Hwa General Hospital", "ORG")]


def test_a_hospital_is_an_organisation(nlp):
    doc = tagged(nlp, "She was taken to Westmead Private Hospital.", ("Westmead Private Hospital", "FAC"))
    assert names(doc) == [("Westmead Private Hospital", "ORG")]


def test_platforms_and_apps_are_organisations(nlp):
    doc = tagged(nlp, "Okafor posted on Threadly that the show was off. Fans shared on Threadly too.",
                 ("Okafor", "PERSON"), ("Threadly", "PERSON"), ("Threadly", "PERSON", 1))
    assert names(doc) == [("Okafor", "PERSON"), ("Threadly", "ORG"), ("Threadly", "ORG")]
    doc = tagged(nlp, "Seats were sold through the Gatewise app.", ("Gatewise", "PERSON"))
    assert names(doc) == [("Gatewise", "ORG")]


def test_an_agency_named_for_its_province_is_an_organisation(nlp):
    doc = tagged(nlp, "Statistics Alberta said rents rose.", ("Statistics Alberta", "PERSON"))
    assert names(doc) == [("Statistics Alberta", "ORG")]


def test_an_acronym_may_spell_the_small_words_of_its_name(nlp):
    doc = tagged(nlp, "The Ministry of Transport (MOT) said MOT inspectors would check.",
                 ("Ministry of Transport", "ORG"))
    assert names(doc) == [("Ministry of Transport", "ORG"), ("MOT", "ORG"), ("MOT", "ORG")]


def test_slogans_and_stray_party_adjectives_are_not_names(nlp):
    doc = tagged(nlp, "Posters carried the slogan Brighter Saskatoon across town.", ("Brighter Saskatoon", "ORG"))
    assert names(doc) == []
    doc = tagged(nlp, "Liberal critics said the budget was thin.", ("Liberal", "ORG"))
    assert names(doc) == []


def test_an_acronym_in_brackets_is_its_own_name(nlp):
    doc = tagged(nlp, "The Insurance Regulatory and Development Authority of India (IRDAI) fined the firm.",
                 ("Insurance Regulatory and Development Authority of India (IRDAI", "ORG"))
    assert names(doc) == [("Insurance Regulatory and Development Authority of India", "ORG"), ("IRDAI", "ORG")]
