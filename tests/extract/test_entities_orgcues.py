"""Round 4 entity rules: one-word organisations spaCy reads as people or places (company cues
around them), companies it misses in a company's slot, "U.S. Government" as the place, acronyms
defined as "..., or ABC,", and the shared token table (find_entities(doc, tokens=...)).
spaCy's entities are pinned (entity_docs.tagged), so these test the rule layer."""
from __future__ import annotations

import json
from pathlib import Path

from entity_docs import tagged
from index.extract.entities import find_entities
from index.extract.tokens import TokenTable

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "wikinews.jsonl"


def labels(ents):
    return {e["text"]: e["label"] for e in ents}


def test_a_bank_named_by_its_shape_is_an_organisation_not_a_person(nlp):
    text = "Commerzbank cut its forecast on Monday. Analysts said Commerzbank would recover."
    doc = tagged(nlp, text, ("Commerzbank", "PERSON"), ("Commerzbank", "PERSON", 1))
    assert labels(find_entities(doc)) == {"Commerzbank": "ORG"}


def test_possessive_shares_make_a_lone_name_a_company(nlp):
    text = "Opel's shares fell by 4% after the announcement. Opel plans to close a plant."
    doc = tagged(nlp, text, ("Opel", "PERSON"), ("Opel", "PERSON", 1))
    assert labels(find_entities(doc)) == {"Opel": "ORG"}


def test_a_surname_with_a_first_name_stays_a_person_despite_cues(nlp):
    text = "Adam Opel founded the firm. Shares of Opel rose after Opel said in a statement it would grow."
    doc = tagged(nlp, text, ("Adam Opel", "PERSON"), ("Opel", "PERSON", 1), ("Opel", "PERSON", 2))
    got = labels(find_entities(doc))
    assert got == {"Adam Opel": "PERSON", "Opel": "PERSON"}


def test_a_title_before_the_name_keeps_it_a_person(nlp):
    text = "Mr Hargreaves said in a statement that he would resign."
    doc = tagged(nlp, text, ("Hargreaves", "PERSON"))
    assert labels(find_entities(doc)) == {"Hargreaves": "PERSON"}


def test_the_band_and_a_plural_name_with_an_article_are_organisations(nlp):
    text = "The crowd cheered as the Beatles took the stage. Tickets for the band Muse sold out."
    doc = tagged(nlp, text, ("Beatles", "PERSON"), ("Muse", "PERSON"))
    assert labels(find_entities(doc)) == {"Beatles": "ORG", "Muse": "ORG"}


def test_an_unknown_place_before_a_company_noun_is_the_company(nlp):
    text = "The charity had savings in the collapsed Kaupthing bank, and an analyst from Cazenove agreed."
    doc = tagged(nlp, text, ("Kaupthing", "GPE"), ("Cazenove", "GPE"))
    assert labels(find_entities(doc)) == {"Kaupthing": "ORG", "Cazenove": "ORG"}


def test_a_known_place_before_a_company_noun_stays_a_place(nlp):
    text = "Savings held in a Paris bank were frozen."
    doc = tagged(nlp, text, ("Paris", "GPE"))
    assert labels(find_entities(doc)) == {"Paris": "PLACE"}


def test_companies_spacy_missed_in_a_company_slot_are_found(nlp):
    text = ("The best performer was the Old Mutual insurance company. Fellow retailer Target posted a loss, "
            "and the trade union Unite called a strike.")
    doc = tagged(nlp, text)
    got = labels(find_entities(doc))
    assert got == {"Old Mutual": "ORG", "Target": "ORG", "Unite": "ORG"}


def test_a_country_government_is_the_country(nlp):
    text = "The U.S. Government said it would act. The British Government declined."
    doc = tagged(nlp, text, ("The U.S. Government", "ORG"), ("The British Government", "ORG"))
    got = labels(find_entities(doc))
    assert got["U.S."] == "PLACE"
    assert "U.S. Government" not in got
    assert got["British Government"] == "ORG"  # a nationality, not a place: the name stays


def test_acronym_defined_after_comma_or_takes_the_long_forms_label(nlp):
    text = "Members of the Transport Salaried Staffs Association, or TSSA, voted. TSSA leaders met."
    doc = tagged(nlp, text, ("Transport Salaried Staffs Association", "ORG"), ("TSSA", "PERSON"))
    got = find_entities(doc)
    assert labels(got) == {"Transport Salaried Staffs Association": "ORG", "TSSA": "ORG"}
    assert [e["text"] for e in got].count("TSSA") == 2


def test_a_shared_token_table_gives_the_same_entities(nlp):
    bodies = [json.loads(line)["body"] for line in SEEDS.read_text(encoding="utf-8").splitlines()[:25]]
    for doc in nlp.pipe(bodies):
        assert find_entities(doc, tokens=TokenTable.from_doc(doc)) == find_entities(doc)
