"""Round 5 entity rules: names joined across a missed sentence break (after "Jr." / "Inc.",
a dotted country, list bullets), buildings that seat a government, role titles led by a
portfolio, companies spaCy reads as people or products (a name it also cuts into a company,
"<company> President", a list after "retailers, including", a company's short name), a town
read as a person, "X of PLACE" geography, and a works named with its town.
spaCy's entities are pinned (entity_docs.tagged), so these test the rule layer."""
from __future__ import annotations

from entity_docs import tagged
from index.extract.entities import find_entities


def labels(ents):
    return {e["text"]: e["label"] for e in ents}


def test_a_name_ending_in_jr_stops_before_the_next_sentence(nlp):
    text = "The deal was approved by John Smith Jr. Microsoft later said it would appeal."
    doc = tagged(nlp, text, ("John Smith Jr. Microsoft", "PERSON"))
    got = labels(find_entities(doc))
    assert got.get("Microsoft") == "ORG"
    assert not any("Microsoft" in k and k != "Microsoft" for k in got)
    assert any(k.startswith("John Smith") and v == "PERSON" for k, v in got.items())


def test_a_company_ending_in_inc_stops_before_the_next_name(nlp):
    text = "Apple Inc. Microsoft and Google all rose on Monday."
    doc = tagged(nlp, text, ("Apple Inc. Microsoft", "ORG"), ("Google", "ORG"))
    assert labels(find_entities(doc)) == {"Apple Inc.": "ORG", "Microsoft": "ORG", "Google": "ORG"}


def test_inline_list_bullets_split_names(nlp):
    text = "Plants hit: * Chicago, Illinois * Wixom Assembly Plant of Wixom, Michigan."
    doc = tagged(nlp, text, ("Chicago", "GPE"), ("Illinois * Wixom Assembly Plant of Wixom", "ORG"),
                 ("Michigan", "GPE"))
    got = labels(find_entities(doc))
    assert got["Illinois"] == "PLACE"
    assert got["Wixom"] == "PLACE" and got["Michigan"] == "PLACE"
    assert not any("*" in k for k in got)


def test_a_works_and_the_town_it_stands_in_are_two_places(nlp):
    text = "Ford will close the Norfolk Assembly of Norfolk, Virginia next year."
    doc = tagged(nlp, text, ("Ford", "ORG"), ("Norfolk Assembly of Norfolk", "ORG"), ("Virginia", "GPE"))
    got = labels(find_entities(doc))
    assert got == {"Ford": "ORG", "Norfolk Assembly": "PLACE", "Norfolk": "PLACE", "Virginia": "PLACE"}


def test_a_dotted_country_joined_to_the_next_sentence_subject_is_split(nlp):
    text = "Apple shares rose in the U.S. Apple said on Monday that sales were strong."
    doc = tagged(nlp, text, ("Apple", "ORG"), ("U.S. Apple", "ORG"))
    got = find_entities(doc)
    assert [(e["text"], e["label"]) for e in got] == [("Apple", "ORG"), ("U.S.", "PLACE"), ("Apple", "ORG")]


def test_a_dotted_country_opening_an_institution_stays_one_name(nlp):
    text = "Yesterday the U.S. Federal Reserve cut rates. The Federal Reserve said more may follow."
    doc = tagged(nlp, text, ("U.S. Federal Reserve", "ORG"), ("Federal Reserve", "ORG", 1))
    assert "U.S. Federal Reserve" in labels(find_entities(doc))
    text = "Sailors serve in the U.S. Navy for years. The Navy has 300 ships."
    doc = tagged(nlp, text, ("U.S. Navy", "ORG"), ("Navy", "ORG", 1))
    assert "U.S. Navy" in labels(find_entities(doc))


def test_the_white_house_is_a_place_the_pentagon_an_organisation(nlp):
    text = "Want to bring it to the White House? The Pentagon declined to comment."
    doc = tagged(nlp, text, ("White House", "ORG"), ("Pentagon", "ORG"))
    assert labels(find_entities(doc)) == {"White House": "PLACE", "Pentagon": "ORG"}


def test_a_portfolio_before_a_title_is_part_of_the_role(nlp):
    text = "European Competition Commissioner Neelie Kroes said Federal Reserve Chairman Ben Bernanke agreed."
    doc = tagged(nlp, text, ("European Competition", "ORG"), ("Neelie Kroes", "PERSON"),
                 ("Federal Reserve", "ORG"), ("Ben Bernanke", "PERSON"))
    assert labels(find_entities(doc)) == {"Neelie Kroes": "PERSON", "Federal Reserve": "ORG",
                                          "Ben Bernanke": "PERSON"}


def test_a_companys_one_word_short_name_is_the_company_not_its_product(nlp):
    text = "GM sold Saturn Corporation to Penske. Saturn has 350 dealers and sells the Saturn Vue."
    doc = tagged(nlp, text, ("GM", "ORG"), ("Saturn Corporation", "ORG"), ("Penske", "ORG"),
                 ("Saturn", "PRODUCT", 1), ("Saturn", "PRODUCT", 2))
    assert labels(find_entities(doc))["Saturn"] == "ORG"


def test_a_name_spacy_also_cuts_into_a_company_is_the_company(nlp):
    text = "Boeing had papers from Lockheed Martin, its rival. Lockheed Martin's Atlas V is a rocket."
    doc = tagged(nlp, text, ("Boeing", "ORG"), ("Lockheed", "ORG"), ("Martin", "PRODUCT"),
                 ("Lockheed Martin", "PERSON", 1))
    got = find_entities(doc)
    assert [(e["text"], e["label"]) for e in got if e["text"] != "Boeing"] == [
        ("Lockheed Martin", "ORG"), ("Lockheed Martin", "ORG")]


def test_a_person_with_a_first_name_stays_a_person(nlp):
    text = "Documents came from Martin Lockheed, a lawyer. Martin Lockheed said he would appeal."
    doc = tagged(nlp, text, ("Martin Lockheed", "PERSON"), ("Martin Lockheed", "PERSON", 1))
    assert labels(find_entities(doc)) == {"Martin Lockheed": "PERSON"}


def test_a_company_before_a_role_is_the_company_even_after_former(nlp):
    text = "Penske wants Tom LaSorda, former Chrysler President, to run the company."
    doc = tagged(nlp, text, ("Penske", "ORG"), ("Tom LaSorda", "PERSON"), ("Chrysler", "ORG"))
    assert labels(find_entities(doc))["Chrysler"] == "ORG"
    doc = tagged(nlp, text, ("Penske", "ORG"), ("Tom LaSorda", "PERSON"), ("Chrysler", "PERSON"))
    assert labels(find_entities(doc))["Chrysler"] == "ORG"


def test_a_town_read_as_a_person_is_a_place_beside_its_country(nlp):
    text = "The jet took off from Toulouse in France. Crowds filled the centre of Toulouse."
    doc = tagged(nlp, text, ("Toulouse", "PERSON"), ("France", "GPE"), ("Toulouse", "PERSON", 1))
    assert labels(find_entities(doc)) == {"Toulouse": "PLACE", "France": "PLACE"}


def test_a_person_in_a_country_keeps_a_title(nlp):
    text = "The deal was signed by Mr Lagarde in France. Lagarde later resigned."
    doc = tagged(nlp, text, ("Lagarde", "PERSON"), ("France", "GPE"), ("Lagarde", "PERSON", 1))
    assert labels(find_entities(doc))["Lagarde"] == "PERSON"


def test_geographic_names_with_of_are_one_place(nlp):
    text = "The jet circled the Bay of Biscay. Pilgrims prayed on the Plains of Arafat."
    doc = tagged(nlp, text, ("the Bay of", "LOC"), ("Biscay", "GPE"), ("Arafat", "PERSON"))
    assert labels(find_entities(doc)) == {"Bay of Biscay": "PLACE", "Plains of Arafat": "PLACE"}


def test_names_listed_after_retailers_including_are_companies(nlp):
    text = "Other retailers, including Best Buy and Radio Shack, had no problems."
    doc = tagged(nlp, text, ("Best Buy", "PERSON"), ("Radio Shack", "ORG"))
    assert labels(find_entities(doc)) == {"Best Buy": "ORG", "Radio Shack": "ORG"}
    text = "Other guests, including Jane Doe and Radio Shack, had no problems."
    doc = tagged(nlp, text, ("Jane Doe", "PERSON"), ("Radio Shack", "ORG"))
    assert labels(find_entities(doc))["Jane Doe"] == "PERSON"


def test_a_shop_named_in_the_possessive_is_a_company(nlp):
    text = "Officials of Lowe's and Macy's met. Lowe said nothing, but Apple's shares fell."
    doc = tagged(nlp, text, ("Lowe", "PERSON"), ("Macy", "ORG"), ("Lowe", "PERSON", 1), ("Apple", "ORG"))
    got = labels(find_entities(doc))
    assert got == {"Lowe": "ORG", "Macy": "ORG", "Apple": "ORG"}


def test_a_sheriffs_office_is_one_organisation(nlp):
    text = "A spokesman for the Los Angeles Sheriff's office said the man fled."
    doc = tagged(nlp, text, ("Los Angeles Sheriff's", "ORG"))
    assert labels(find_entities(doc)) == {"Los Angeles Sheriff's office": "ORG"}
    text = "A Los Angeles County Sheriff's Department spokesman said so."
    doc = tagged(nlp, text, ("Los Angeles County", "GPE"), ("Department", "ORG"))
    assert labels(find_entities(doc)) == {"Los Angeles County Sheriff's Department": "ORG"}


def test_a_person_after_a_long_title_is_found(nlp):
    text = "Nokia Chief Executive Olli-Pekka Kallasvuo said the firm would cut jobs."
    doc = tagged(nlp, text, ("Nokia", "ORG"))
    assert labels(find_entities(doc)) == {"Nokia": "ORG", "Olli-Pekka Kallasvuo": "PERSON"}


def test_a_name_before_an_analysts_name_is_the_employer(nlp):
    text = "The panel heard from Cazenove analyst Darren Winder on Friday."
    doc = tagged(nlp, text, ("Cazenove", "GPE"), ("Darren Winder", "PERSON"))
    assert labels(find_entities(doc)) == {"Cazenove": "ORG", "Darren Winder": "PERSON"}


def test_a_caption_run_into_a_company_name_is_split(nlp):
    text = "File photo of Bill Gates Microsoft Corporation said on Tuesday that profits rose."
    doc = tagged(nlp, text, ("Bill Gates Microsoft Corporation", "ORG"))
    assert labels(find_entities(doc)) == {"Bill Gates": "PERSON", "Microsoft Corporation": "ORG"}
    text = "Toyota Prius Toyota Motor Corporation recalled cars."
    doc = tagged(nlp, text, ("Toyota Prius Toyota Motor Corporation", "ORG"))
    assert "Toyota Motor Corporation" in labels(find_entities(doc))
    text = "Steve Jobs at Macworld 2007 Apple Inc. today announced a phone."
    doc = tagged(nlp, text, ("Steve Jobs", "PERSON"), ("Macworld 2007 Apple Inc.", "ORG"))
    assert labels(find_entities(doc))["Apple Inc."] == "ORG"


def test_a_company_named_for_its_founder_stays_whole(nlp):
    text = "Shares of the Charles Schwab Corporation rose, and Walt Disney Company fell."
    doc = tagged(nlp, text, ("Charles Schwab Corporation", "ORG"), ("Walt Disney Company", "ORG"))
    assert labels(find_entities(doc)) == {"Charles Schwab Corporation": "ORG", "Walt Disney Company": "ORG"}
