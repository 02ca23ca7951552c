"""Numbers layer, second rule pass: the error kinds found on held-out Wikinews articles.

Each test uses sentences written for it (not copied from the gold or held-out articles).
"""
from __future__ import annotations

import pytest



def texts(found: list[dict]) -> list[str]:
    return [n["text"] for n in found]


def test_football_scores_are_one_quantity_valued_by_the_first_side(numbers):
    found = numbers("On Saturday, Portugal defeated Morocco 2 – 1, and Spain drew with Iran 0 – 0.")
    scores = [(n["text"], n["value"], n["kind"]) for n in found]
    assert scores == [("2 – 1", 2, "score"), ("0 – 0", 0, "score")]


def test_hyphenated_score_after_a_match_verb(numbers):
    found = numbers("Leeds beat Hull 3-1 in a rainy match at Elland Road.")
    assert [(n["text"], n["value"], n["kind"]) for n in found] == [("3-1", 3, "score")]


def test_dash_between_numbers_with_a_unit_stays_a_range(numbers):
    found = numbers("After the match, the coach said the injury would keep him out for 3-4 weeks.")
    assert [(n["text"], n["value"], n.get("value_high")) for n in found] == [("3-4 weeks", 3, 4)]


def test_score_in_a_verbless_heading_line_is_not_emitted(numbers):
    found = numbers("Group B — Portugal 2 – 1 Morocco\n\nPortugal won the match with a late goal.")
    assert texts(found) == []


def test_number_after_an_index_name_with_an_html_entity_is_a_name(numbers):
    found = numbers("The S&amp;P 500 lost 12 points while the FTSE 100 gained 0.4%.")
    assert texts(found) == ["12 points", "0.4%"]


def test_number_in_a_possessive_index_name_is_a_name(numbers):
    found = numbers("The Standard & Poor's 500 index slipped 1.1% on Monday.")
    assert texts(found) == ["1.1%"]


def test_a_model_number_used_as_a_noun_is_not_a_count(numbers):
    text = ("Engineers say the 747 will stay in service for years. "
            "Airlines have ordered 30 of them, and the 747 remains popular with freight firms.")
    assert texts(numbers(text)) == ["30"]


def test_a_number_before_a_plural_noun_after_the_is_still_a_count(numbers):
    found = numbers("The 350 workers at the plant voted to strike.")
    assert [(n["text"], n["value"]) for n in found] == [("350 workers", 350)]


@pytest.mark.parametrize("text", [
    "Dealers cleared out the remaining 2009 models at a discount.",
    "Unrest grew after the 2011 protests in the capital.",
    "Exports recovered to 2006 levels by the end of the year.",
    "Banks had not recovered from the 1997 financial crisis.",
])
def test_years_modifying_nouns_are_dates_not_counts(numbers, text):
    assert numbers(text) == []


def test_a_four_digit_count_of_people_is_kept(numbers):
    found = numbers("Officials said 1850 schoolchildren were tested for the disease.")
    assert [(n["text"], n["value"]) for n in found] == [("1850 schoolchildren", 1850)]


@pytest.mark.parametrize("text", [
    "On day three of the trial, the judge heard from the defence.",
    "Troops fired at guard posts 112 and 113 near the border.",
    "The result was announced before Game 7 started.",
])
def test_numbers_labelling_a_sequence_are_not_counts(numbers, text):
    assert numbers(text) == []


def test_glued_m_is_million_when_nothing_measures_a_length(numbers):
    found = numbers("The carrier expects annual traffic to climb to 45m over the coming decade.")
    assert [(n["text"], n["value"], n["unit"]) for n in found] == [("45m", 45_000_000, None)]


def test_glued_m_before_a_plural_noun_is_million(numbers):
    found = numbers("The service now has 12m subscribers.")
    assert [(n["value"], n["counted"]) for n in found] == [(12_000_000, "subscribers")]


@pytest.mark.parametrize("text, value", [
    ("The new tower will be 85m tall.", 85),
    ("She won the 200m sprint in record time.", 200),
    ("A 40m wall protects the harbour.", 40),
])
def test_glued_m_is_metres_with_a_length_cue(numbers, text, value):
    found = numbers(text)
    assert [(n["value"], n["unit"]) for n in found] == [(value, "m")]


def test_abbreviated_rank_is_an_ordinal(numbers):
    found = numbers("The chain became the No. 2 toy retailer in Canada.")
    assert [(n["text"], n["value"], n["kind"], n["unit"]) for n in found] == [("No. 2", 2, "ordinal", "rank")]


def test_money_range_with_a_bare_upper_end(numbers):
    found = numbers("The grant offers US$ 2,000 to 4,500 to each family.")
    assert [(n["text"], n["value"], n["value_high"], n["unit"]) for n in found] == [
        ("US$ 2,000 to 4,500", 2000, 4500, "USD")]


def test_money_range_carries_the_scale_to_the_lower_end(numbers):
    found = numbers("Outsourcing contracts are worth $200 to 250 million a year.")
    assert (found[0]["value"], found[0]["value_high"]) == (200_000_000, 250_000_000)


def test_between_money_and_money_is_a_range(numbers):
    found = numbers("The firm will pay between $4 million and $6 million for the site.")
    assert [(n["value"], n["value_high"]) for n in found] == [(4_000_000, 6_000_000)]


@pytest.mark.parametrize("text", [
    "Brent crude was down $1.40 to $81.20 in London.",
    "The tablet price will be cut by $100 to $299.",
])
def test_money_change_is_two_amounts_not_a_range(numbers, text):
    found = numbers(text)
    assert len(found) == 2 and all("value_high" not in n for n in found)


def test_count_range_carries_the_scale(numbers):
    found = numbers("Between 2 and 4 million people watched the final.")
    assert (found[0]["value"], found[0]["value_high"]) == (2_000_000, 4_000_000)


def test_a_fraction_after_than_stands_alone(numbers):
    found = numbers("The party won slightly larger than a third of the vote.")
    assert [(n["value"], n["kind"]) for n in found] == [(0.333, "fraction")]
    found = numbers("Opposition parties hold more than a third, enough to block reforms.")
    assert [(n["value"], n["qualifier"]) for n in found] == [(0.333, "more than")]


def test_possessive_month_before_a_number_is_not_a_name(numbers):
    found = numbers("Sales fell below October's 7.4 million.")
    assert [n["value"] for n in found] == [7_400_000]
