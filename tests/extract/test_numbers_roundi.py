"""Numbers layer, round I: the error kinds of the fourth unseen set, on sentences written here.

South Asian scales (lakh, crore), currency prefixes glued to the amount ("R2.5 million",
"NZ$45 million"), temperatures ("28 deg C", "28degC"), odds ("1-in-100"), compound durations
("four hours and 12 minutes") and bowling figures ("three for 24").
"""
from __future__ import annotations

import pytest


def values(found: list[dict]) -> list[tuple[str, float, str | None]]:
    return [(n["text"], n["value"], n["unit"]) for n in found]


@pytest.mark.parametrize("text, expected", [
    ("The state government approved a ₹2,400 crore plan for new metro lines on Tuesday.",
     ("₹2,400 crore", 24_000_000_000, "INR")),
    ("The ministry has set aside Rs 300 crore for flood relief.", ("Rs 300 crore", 3_000_000_000, "INR")),
    ("The contract is worth Rs. 1.85 crore, officials said.", ("Rs. 1.85 crore", 18_500_000, "INR")),
    ("The road project will cost Rs1,200 crore over five years.", ("Rs1,200 crore", 12_000_000_000, "INR")),
    ("The scheme's outlay is ₹1.5 lakh crore this year.", ("₹1.5 lakh crore", 1_500_000_000_000, "INR")),
])
def test_crore_and_lakh_amounts_take_their_full_value(numbers, text, expected):
    assert values(numbers(text))[0] == expected


def test_lakh_counts_people_and_shares(numbers):
    found = numbers("The promoters sold 95 lakh shares, and about 12 lakh people joined the rally.")
    assert [(n["text"], n["value"]) for n in found] == [
        ("95 lakh shares", 9_500_000), ("about 12 lakh people", 1_200_000)]


@pytest.mark.parametrize("text, expected", [
    ("The mine's owner paid R2.5 million in fines, the court heard.", ("R2.5 million", 2_500_000, "ZAR")),
    ("A loaf of bread now costs R120 in some townships.", ("R120", 120, "ZAR")),
    ("The airline reported a profit of A$1.2 billion for the year.", ("A$1.2 billion", 1_200_000_000, "AUD")),
    ("The council spent NZ$45 million on the stadium.", ("NZ$45 million", 45_000_000, "NZD")),
    ("Shares closed at HK$52.30 on Monday.", ("HK$52.30", 52.3, "HKD")),
    ("The government will spend S$3 billion on housing.", ("S$3 billion", 3_000_000_000, "SGD")),
    ("The company raised C$400 million from investors.", ("C$400 million", 400_000_000, "CAD")),
    ("Fuel now sells for Rp 10,000 a litre in Jakarta.", ("Rp 10,000 a litre", 10_000, "IDR/L")),
    ("The agency fined the shop 5,000 kr for the breach.", ("5,000 kr", 5_000, "SEK")),
])
def test_currency_prefixes_of_a_world_news_corpus(numbers, text, expected):
    assert values(numbers(text))[0] == expected


def test_a_road_named_r_and_digits_is_not_money(numbers):
    assert numbers("Traffic was diverted onto the R120 road near the village.") == []


@pytest.mark.parametrize("text, expected", [
    ("Temperatures are expected to reach 28 deg C on Friday.", ("28 deg C", 28, "degC")),
    ("The thermometer hit 28degC by noon.", ("28degC", 28, "degC")),
    ("Forecasters expect highs of 28 degrees Celsius on the coast.", ("28 degrees Celsius", 28, "degC")),
    ("The weather service warned of temperatures above 35C this weekend.", ("above 35C", 35, "degC")),
    ("Water boils at 212°F at sea level.", ("212°F", 212, "degF")),
])
def test_temperatures(numbers, text, expected):
    assert values(numbers(text))[0] == expected


def test_a_glued_capital_c_without_a_temperature_cue_is_not_a_temperature(numbers):
    assert all(n["unit"] != "degC" for n in numbers("Passengers in row 28C were moved to another seat."))


@pytest.mark.parametrize("text, expected", [
    ("Engineers designed the levee to withstand a one-in-100-year flood.", 100),
    ("The chance of such a storm is about 1-in-100 each year.", 100),
    ("Experts called it a one-in-a-million event.", 1_000_000),
])
def test_hyphenated_odds_take_the_denominator(numbers, text, expected):
    found = numbers(text)
    assert len(found) == 1 and found[0]["value"] == expected


def test_spaced_one_in_five_stays_a_fraction(numbers):
    found = numbers("One in five adults said they had skipped meals.")
    assert [(n["text"], n["value"]) for n in found] == [("One in five adults", 0.2)]


@pytest.mark.parametrize("text, expected", [
    ("The operation lasted four hours and 12 minutes, surgeons said.", ("four hours and 12 minutes", 4.2, "hours")),
    ("He was jailed for three years and four months for the fraud.", ("three years and four months", 40, "months")),
    ("The strike lasted two days and six hours.", ("two days and six hours", 2.25, "days")),
    ("She finished the marathon in 2 hours 45 minutes.", ("2 hours 45 minutes", 2.75, "hours")),
    ("The hearing was adjourned after an hour and 20 minutes.", ("an hour and 20 minutes", 80, "minutes")),
])
def test_compound_durations_are_one_quantity(numbers, text, expected):
    assert values(numbers(text)) == [expected]


def test_two_durations_of_the_same_unit_stay_apart(numbers):
    found = numbers("The first shift lasted six hours and the second lasted eight hours.")
    assert [n["value"] for n in found] == [6, 8]


@pytest.mark.parametrize("text, expected", [
    ("Smith took three for 24 as the visitors were bowled out for 180.", ("three for 24", 3)),
    ("Ali finished with figures of 5 for 31 from ten overs.", ("5 for 31", 5)),
])
def test_bowling_figures_are_valued_by_the_wickets(numbers, text, expected):
    found = numbers(text)
    assert (found[0]["text"], found[0]["value"]) == expected


def test_for_between_numbers_outside_cricket_is_not_a_bowling_figure(numbers):
    found = numbers("The club sold three for $24 at the market on Sunday.")
    assert [n["text"] for n in found] == ["three", "$24"]


def test_an_hour_and_a_half(numbers):
    found = numbers("The meeting lasted an hour and a half.")
    assert values(found) == [("an hour and a half", 1.5, "hours")]


@pytest.mark.parametrize("text", [
    "He drove an Audi R8 to the launch and later watched R2-D2 on screen.",
    "The R5 road was closed after the crash.",
])
def test_r_and_digits_naming_a_car_a_robot_or_a_road_are_not_rand(numbers, text):
    assert numbers(text) == []


@pytest.mark.parametrize("text", [
    "The senators voted 7 for 2 against the measure.",
    "He shot 5 for 12 from the field in the second half.",
])
def test_number_for_number_without_cricket_stays_two_counts(numbers, text):
    assert [n["kind"] for n in numbers(text)] == ["count", "count"]


def test_large_spaced_odds_take_the_denominator(numbers):
    found = numbers("The chance of a match is one in 1,500 births, and the jackpot odds are 1 in 300 million.")
    assert [(n["text"], n["value"]) for n in found] == [
        ("one in 1,500 births", 1500), ("1 in 300 million", 300_000_000)]


@pytest.mark.parametrize("text, expected", [
    ("The firm paid USD 20 million for the site.", ("USD 20 million", 20_000_000, "USD")),
    ("Petronas earned RM2.5 billion in the quarter.", ("RM2.5 billion", 2_500_000_000, "MYR")),
    ("The contract is worth Dh5 million, the developer said.", ("Dh5 million", 5_000_000, "AED")),
    ("Bangladesh set aside Tk 500 crore for the bridge.", ("Tk 500 crore", 5_000_000_000, "BDT")),
])
def test_iso_codes_and_regional_signs_before_the_amount(numbers, text, expected):
    assert values(numbers(text)) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The government announced a Rs 300-crore project for schools.", ("Rs 300-crore", 3_000_000_000, "INR")),
    ("The scholarship is worth Rs 1,50,000 a year.", ("Rs 1,50,000 a year", 150_000, "INR/year")),
    ("Police seized Rs1,50,000 in cash.", ("Rs1,50,000", 150_000, "INR")),
])
def test_hyphenated_scales_and_south_asian_digit_grouping(numbers, text, expected):
    assert values(numbers(text)) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Overnight temperatures fell to -5C in the hills.", ("-5C", -5, "degC")),
    ("Overnight temperatures fell to minus 5C in the hills.", ("minus 5C", -5, "degC")),
])
def test_temperatures_below_zero(numbers, text, expected):
    assert values(numbers(text)) == [expected]


def test_bowling_figures_with_runs_spelt_out(numbers):
    found = numbers("The spinner took two for 18 runs in his first spell.")
    assert (found[0]["text"], found[0]["value"], found[0]["kind"]) == ("two for 18 runs", 2, "score")
