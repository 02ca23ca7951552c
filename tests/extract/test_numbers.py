"""Numbers layer: spans, values, units, qualifiers, kinds and counted nouns on written sentences."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest


SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def one(found: list[dict], needle: str) -> dict:
    hits = [n for n in found if needle in n["text"]]
    assert len(hits) == 1, (needle, [n["text"] for n in found])
    return hits[0]


def test_offsets_index_the_body_and_order_is_by_start(numbers):
    text = "Officials said 12 boats carried at least 340 people, and 5% of them were children."
    found = numbers(text)
    assert [n["start"] for n in found] == sorted(n["start"] for n in found)
    for n in found:
        assert text[n["start"]:n["end"]] == n["text"]
        assert n["sentence"] == text
    assert [n["value"] for n in found] == [12, 340, 5]


@pytest.mark.parametrize("phrase, qualifier, value", [
    ("at least 23 ferries", "at least", 23), ("nearly 9,000 workers", "nearly", 9000),
    ("more than 1,200 farmers", "more than", 1200), ("fewer than 80 pupils", "fewer than", 80),
    ("about 45 miners", "about", 45), ("almost 300 homes", "almost", 300),
    ("up to 60 trucks", "up to", 60), ("some 400 guests", "some", 400),
    ("roughly 70 villages", "roughly", 70), ("just over 24 hours", "just over", 24),
])
def test_qualifiers_are_in_the_span_and_normalised(numbers, phrase, qualifier, value):
    n = one(numbers(f"The agency reported {phrase} on Monday."), phrase.split()[-1])
    assert n["text"] == phrase
    assert (n["qualifier"], n["value"]) == (qualifier, value)


def test_trailing_qualifier(numbers):
    n = one(numbers("The blast killed 41 or more and injured dozens."), "41")
    assert (n["text"], n["qualifier"], n["value"]) == ("41 or more", "or more", 41)


def test_counted_noun_skips_adjectives(numbers):
    n = one(numbers("Volunteers rescued 2,300 stranded foreign tourists from the island."), "2,300")
    assert n["counted"] == "tourists" and n["kind"] == "count" and n["value"] == 2300
    assert n["text"] == "2,300 stranded foreign tourists"


@pytest.mark.parametrize("text, needle, value, unit", [
    ("The mayor approved a $4.5 million budget.", "$4.5 million", 4_500_000, "USD"),
    ("The club paid £12m for the striker.", "£12m", 12_000_000, "GBP"),
    ("Bail was set at US$ 15,000 on Friday.", "US$ 15,000", 15_000, "USD"),
    ("The scheme costs NZ $ 40 million.", "NZ $ 40 million", 40_000_000, "NZD"),
    ("Farmers were paid 300 euros each.", "300 euros", 300, "EUR"),
    ("The fine was 2.5 billion yuan.", "2.5 billion yuan", 2_500_000_000, "CNY"),
    ("The deal is worth GB #3.2 billion.", "GB #3.2 billion", 3_200_000_000, "GBP"),
    ("Each ticket cost 75 cents.", "75 cents", 0.75, "USD"),
])
def test_money(numbers, text, needle, value, unit):
    n = one(numbers(text), needle)
    assert (n["text"], n["value"], n["unit"], n["kind"]) == (needle, value, unit, "money")


def test_money_per_unit_takes_the_priced_thing(numbers):
    found = numbers("The flour is now selling for $3 a kilo in the market.")
    n = one(found, "$3")
    assert (n["text"], n["unit"], n["value"], n["counted"]) == ("$3 a kilo", "USD/kg", 3, "flour")
    n = one(numbers("Shares closed at $1.14 per share."), "$1.14")
    assert (n["unit"], n["counted"]) == ("USD/share", None)
    n = one(numbers("The scheme costs NZ $ 40 million a year."), "40")
    assert (n["text"], n["unit"]) == ("NZ $ 40 million a year", "NZD/year")


@pytest.mark.parametrize("text, needle, value", [
    ("Turnout rose to 3.5% this year.", "3.5%", 3.5),
    ("Turnout rose by 3.5 percent.", "3.5 percent", 3.5),
    ("Unemployment is 7 per cent.", "7 per cent", 7),
    ("Nearly forty percent backed the plan.", "forty percent", 40),
])
def test_percent(numbers, text, needle, value):
    n = one(numbers(text), needle)
    assert (n["value"], n["unit"], n["kind"]) == (value, "%", "percent")


@pytest.mark.parametrize("text, needle, value, unit, kind", [
    ("The crew waited two weeks for parts.", "two weeks", 2, "weeks", "duration"),
    ("Talks lasted seventeen hours.", "seventeen hours", 17, "hours", "duration"),
    ("It happened an hour later.", "an hour", 1, "hours", "duration"),
    ("The fire burned 250 hectares of forest.", "250 hectares", 250, "ha", "measure"),
    ("The road is 40 km long.", "40 km", 40, "km", "measure"),
    ("The lake covers 12 square miles.", "12 square miles", 12, "mi2", "measure"),
    ("They marched twenty-five miles.", "twenty-five miles", 25, "mi", "measure"),
    ("Sales reached 1.5 million units.", "1.5 million units", 1_500_000, None, "count"),
    ("Growth was three times higher.", "three times", 3, "times", "multiplier"),
    ("Traffic rose 12-fold.", "12-fold", 12, "fold", "multiplier"),
])
def test_units_and_number_words(numbers, text, needle, value, unit, kind):
    n = one(numbers(text), needle.split()[0])
    assert n["text"].startswith(needle)
    assert (n["value"], n["unit"], n["kind"]) == (value, unit, kind)


@pytest.mark.parametrize("text, needle, value, unit", [
    ("The rebels hold less than half a square kilometre of land.", "half a square kilometre", 0.5, "km2"),
    ("The camp covers a fifth of a square mile.", "a fifth of a square mile", 0.2, "mi2"),
    ("A quarter of voters stayed home.", "A quarter of voters", 0.25, None),
    ("Two-thirds of the staff quit.", "Two-thirds", 0.667, None),
    ("One in four adults smoke.", "One in four adults", 0.25, None),
])
def test_fractions(numbers, text, needle, value, unit):
    n = one(numbers(text), needle.split()[0])
    assert needle.split(" of ")[0] in n["text"]
    assert (n["value"], n["unit"]) == (value, unit)


def test_hundreds_of_is_a_lower_bound(numbers):
    n = one(numbers("Hundreds of residents gathered outside."), "Hundreds")
    assert (n["value"], n["qualifier"], n["counted"]) == (100, "at least", "residents")
    n = one(numbers("Tens of thousands of people marched."), "Tens")
    assert n["value"] == 10_000


@pytest.mark.parametrize("text, needle, value", [
    ("Maria Lopez, 34, was arrested at the border.", "34", 34),
    ("The suspect, John Harris, 52, denies the charge.", "52", 52),
    ("She joined the army aged 17.", "17", 17),
    ("At age nineteen, he moved abroad.", "nineteen", 19),
    ("A 16-year-old girl was hurt.", "16-year-old", 16),
    ("He left home when he was just 14 and never returned.", "14", 14),
])
def test_ages(numbers, text, needle, value):
    n = one(numbers(text), needle)
    assert (n["text"], n["value"], n["kind"]) == (needle, value, "age")


def test_age_in_months(numbers):
    n = one(numbers("Their eight-month-old son was treated in hospital."), "eight")
    assert (n["text"], n["value"], n["unit"], n["kind"]) == ("eight-month-old", 8, "months", "age")


@pytest.mark.parametrize("text, needle, low, high", [
    ("Between 40 and 60 people were inside.", "40", 40, 60),
    ("Each team fields 11-15 players.", "11-15", 11, 15),
    ("They expect two or three more votes.", "two or three", 2, 3),
    ("The report runs to 10 to 20 pages.", "10 to 20", 10, 20),
])
def test_ranges_take_the_lower_bound(numbers, text, needle, low, high):
    n = one(numbers(text), needle)
    assert (n["value"], n["value_high"]) == (low, high)


def test_change_is_two_numbers_not_a_range(numbers):
    found = numbers("Seats rose from 9 to 12 after the vote.")
    assert [(n["value"], "value_high" in n) for n in found] == [(9, False), (12, False)]


def test_compound_adjective(numbers):
    n = one(numbers("A five-member panel will review the case."), "five")
    assert (n["text"], n["value"], n["unit"], n["counted"]) == ("five-member", 5, "member", "panel")


@pytest.mark.parametrize("text", [
    "The treaty was signed in 2014 and renewed in 2019.",
    "Since 2011 the town has grown.",
    "The hearing is set for March 3.",
    "The meeting began at 10:30 and ended at 4 p.m.",
    "Details are at www.example.org/report-2020/page-12 online.",
    "Call 555-0134-2234 for tickets.",
    "The Boeing 787 entered service late.",
    "Users of iOS 5 reported bugs.",
    "The current one is older.",
])
def test_not_quantities(numbers, text):
    assert numbers(text) == []


def test_one_counts_only_before_a_noun(numbers):
    found = numbers("Each member has one vote, and one of them abstained.")
    assert [(n["text"], n["counted"]) for n in found] == [("one vote", "vote")]


def test_ordinals(numbers):
    found = numbers("She gave birth to her second child, the 33rd in the village.")
    assert [(n["text"], n["value"], n["kind"]) for n in found] == [
        ("second child", 2, "ordinal"), ("33rd", 33, "ordinal")]
    n = one(numbers("The song climbed to number 4 in the charts."), "4")
    assert (n["text"], n["value"], n["unit"]) == ("number 4", 4, "rank")


def test_durations_inside_date_phrases_count(numbers):
    n = one(numbers("Twelve years ago this was impossible."), "Twelve")
    assert (n["text"], n["value"], n["unit"], n["kind"]) == ("Twelve years", 12, "years", "duration")


def test_article_strings_never_break_offsets(numbers):
    text = "Prices [rose] 4% (about $2) – \u201cnearly 3,000\u201d said *the* report\u2026 at #2."
    for n in numbers(text):
        assert text[n["start"]:n["end"]] == n["text"]


def _gold_bodies():
    corpus = SHARED / "corpus" / "wikinews.jsonl"
    gold_dir = SHARED / "gold"
    if not corpus.exists() or not gold_dir.exists():
        pytest.skip(f"shared data not found at {SHARED} (corpus/wikinews.jsonl and gold/)")
    bodies = {json.loads(line)["title"]: json.loads(line)["body"]
              for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()}
    for f in sorted(gold_dir.glob("wikinews-*.json")):
        gold = json.loads(f.read_text(encoding="utf-8"))
        if gold["title"] in bodies:
            yield gold, bodies[gold["title"]]


def test_reference_articles_recall_and_values(numbers):
    """Every required gold quantity of the Wikinews references is found with its value."""
    missed, wrong, total = [], [], 0
    for gold, body in _gold_bodies():
        found = numbers(body)
        for g in gold["numbers"]:
            if g.get("optional"):
                continue
            total += 1
            core = re.findall(r"\d[\d,]*(?:\.\d+)?", g["text"])
            hits = [n for n in found if (g["text"].lower() in n["text"].lower() or n["text"].lower() in g["text"].lower())
                    and (not core or set(c.replace(",", "") for c in core)
                         & set(c.replace(",", "") for c in re.findall(r"\d[\d,]*(?:\.\d+)?", n["text"])))]
            if not hits:
                missed.append(g["text"])
            elif not any(abs(n["value"] - g["value"]) <= 1e-6 * max(1, abs(g["value"])) for n in hits):
                wrong.append(g["text"])
    assert total > 40
    assert len(missed) <= total * 0.05, missed
    assert len(wrong) <= total * 0.05, wrong
