"""Direct quotes with speakers: marks, attribution, pronouns, continuations, roles, rejects."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.extract.entities import find_entities
from index.extract.quote_marks import find_quote_spans, paragraphs
from index.extract.quotes import find_quotes

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture()
def quotes(nlp):
    def run(body: str) -> list[dict]:
        doc = nlp(body)
        found = find_quotes(doc, find_entities(doc))
        for q in found:  # offsets always point at the text, marks excluded
            assert body[q["start"]:q["end"]] == q["text"]
            assert q["text"][:1] not in "\"“”«»" and q["text"][-1:] not in "\"“”«»"
        assert [q["start"] for q in found] == sorted(q["start"] for q in found)
        return found
    return run


def by_text(found: list[dict], prefix: str) -> dict:
    hits = [q for q in found if q["text"].startswith(prefix)]
    assert hits, f"no quote starting {prefix!r} in {[q['text'] for q in found]}"
    return hits[0]


# -- quotation marks (no model) ---------------------------------------------------------------

def test_marks_straight_curly_guillemets():
    body = ('He said "one two three". She said “four five six”. They said « seven eight nine ».')
    texts = [body[q.start:q.end] for q in find_quote_spans(body)]
    assert texts == ["one two three", "four five six", "seven eight nine"]


def test_marks_apostrophes_are_not_quotes():
    body = "The mayor's plan isn't new, and the residents' group won't back it."
    assert find_quote_spans(body) == []


def test_marks_single_quotes_nested_inside_double_stay_in_the_text():
    body = 'She wrote: "They called me the \'villain\' of the town."'
    spans = find_quote_spans(body)
    assert [body[q.start:q.end] for q in spans] == ["They called me the 'villain' of the town."]


def test_marks_inch_sign_is_not_a_quote():
    body = 'The laptop has a 13.3" screen and weighs little.'
    assert find_quote_spans(body) == []


def test_marks_lost_opening_mark_starts_at_the_paragraph():
    body = 'First paragraph.\n\nThe bridge will reopen in May," city engineer Ana Ruiz said.'
    (q,) = find_quote_spans(body)
    assert q.missing_open and body[q.start:q.end] == "The bridge will reopen in May,"


def test_marks_run_on_paragraphs():
    body = '"We waited all night for the water to drop.\n\n"Then the roof gave way," she said.'
    first, second = find_quote_spans(body)
    assert first.runs_on and first.close_at is None
    assert second.continues and body[second.start:second.end] == "Then the roof gave way,"
    assert paragraphs(body) == [(0, 43), (45, len(body))]


# -- attribution ------------------------------------------------------------------------------

def test_speaker_after_the_quote_with_role(quotes):
    (q,) = quotes('"The harbour will stay closed until the storm passes," port authority '
                  'spokesman Daniel Okafor told Reuters.')
    assert q["speaker"] == "Daniel Okafor"
    assert q["speaker_role"] == "port authority spokesman"
    assert q["partial"] is False


def test_inverted_said_with_title(quotes):
    found = quotes('Maria Lindqvist is the Swedish envoy to Kenya.\n\n'
                   '"Nobody expected the talks to last a week," said Ambassador Lindqvist.')
    (q,) = found
    assert q["speaker"] == "Maria Lindqvist"
    assert q["speaker_role"] == "Ambassador"


def test_speaker_before_the_quote_and_appositive(quotes):
    (q,) = quotes('Tom Hughes, a farmer from the valley, said, "The river has never been this high '
                  'in my lifetime."')
    assert q["speaker"] == "Tom Hughes"


def test_role_before_a_name_with_country(quotes):
    (q,) = quotes('French President Emmanuel Macron said, "We will not give in to threats from anyone."')
    assert q["speaker"] == "Emmanuel Macron"
    assert q["speaker_role"] == "French President"


def test_lost_opening_mark_is_attributed(quotes):
    (q,) = quotes('Rescue teams worked through the night.\n\nThe bridge will reopen in May once the '
                  'repairs are finished," city engineer Ana Ruiz said.')
    assert q["text"].startswith("The bridge will reopen in May")
    assert q["speaker"] == "Ana Ruiz"


def test_split_quote_both_halves(quotes):
    found = quotes('"We will stay in the town," Mayor Helen Brandt said, "until every family has a roof."')
    assert [q["text"] for q in found] == ["We will stay in the town,", "until every family has a roof."]
    assert {q["speaker"] for q in found} == {"Helen Brandt"}
    assert found[1]["partial"] is False


def test_partial_quotes_with_attribution(quotes):
    found = quotes('The ministry said the storm had caused "severe damage" across the north. '
                   'Prime Minister Jacinta Reyes said she had "ordered" the army to help.')
    damage = by_text(found, "severe damage")
    ordered = by_text(found, "ordered")
    assert damage["partial"] and ordered["partial"]
    assert ordered["speaker"] == "Jacinta Reyes"


def test_written_words_statement_and_tweet(quotes):
    found = quotes('Senator Paula Grant wrote on Twitter: "The vote tonight was a disgrace to this chamber."'
                   '\n\nThe Red Cross said in a statement, "Our teams reached the village on Monday morning."')
    assert by_text(found, "The vote tonight")["speaker"] == "Paula Grant"
    assert by_text(found, "Our teams")["speaker"] == "Red Cross"


def test_quote_introduced_by_previous_paragraph(quotes):
    found = quotes('Council leader Sam Whitfield posted a message on his account:\n\n'
                   '"Thank you to every volunteer who filled sandbags this weekend."')
    assert found[0]["speaker"] == "Sam Whitfield"


def test_according_to_after_the_quote(quotes):
    (q,) = quotes('By noon, "the shelters were full and people were sleeping in cars", according to '
                  'the Daily Courier.')
    assert q["speaker"] == "Daily Courier"


# -- pronouns and continuations ---------------------------------------------------------------

def test_pronoun_he_resolves_to_previous_person(quotes):
    found = quotes('Greg Naidoo, from the Coastal Rescue volunteer group, said fishermen had seen the boat '
                   'capsize.\n\n"The waves were taller than the houses," he said.')
    assert found[0]["speaker"] == "Greg Naidoo"


def test_pronoun_it_and_the_charity_resolve_to_organisation(quotes):
    found = quotes('Oxfam said on Monday that food prices had doubled in the region.\n\n'
                   'It said there were "signs of famine" in two districts.\n\n'
                   '"Families are skipping meals to survive," the charity said.')
    assert [q["speaker"] for q in found] == ["Oxfam", "Oxfam"]


def test_continuation_paragraph_inherits_speaker(quotes):
    found = quotes('"We lost everything in the fire," said farmer Owen Price.\n\n'
                   '"The barn, the tractors and the animals are gone. We will have to start again."')
    assert len(found) == 2
    assert found[1]["speaker"] == "Owen Price"
    assert found[1]["partial"] is False


def test_run_on_quote_across_paragraphs_keeps_speaker(quotes):
    found = quotes('Lena Fischer, who runs the shelter, said: "We have taken in forty dogs this month.\n\n'
                   '"Most of them were abandoned when their owners moved away."')
    assert [q["speaker"] for q in found] == ["Lena Fischer", "Lena Fischer"]


def test_second_quote_in_same_paragraph_inherits(quotes):
    found = quotes('"It was chaos at the station," Karim Haddad, a commuter, said. "Nobody told us '
                   'anything for two hours."')
    assert [q["speaker"] for q in found] == ["Karim Haddad", "Karim Haddad"]


# -- what is not a quote ----------------------------------------------------------------------

def test_scare_quotes_titles_and_names_are_rejected(quotes):
    found = quotes('The group declared a "caliphate" in 2014. The team named its robot "Rusty". '
                   'The film "Night Train" opens on Friday. Critics called it a "masterpiece".')
    assert found == []


def test_quoted_term_inside_later_clause_is_not_attributed(quotes):
    found = quotes('The agency said on Tuesday that thousands of families who fled the so-called '
                   '"caliphate" over the past year now live in tents near the border.')
    assert found == []


def test_long_unattributed_quote_kept_without_speaker(quotes):
    (q,) = quotes('A sign at the gate read only this:\n\n"No visitors are allowed beyond this point '
                  'after dark."')
    assert q["speaker"] is None
    assert q["text"].startswith("No visitors")


def test_output_fields_and_sentence(quotes):
    body = 'Rain fell all day. "The roads are closed," police chief Marta Silva said. Traffic stopped.'
    (q,) = quotes(body)
    assert set(q) == {"text", "speaker", "speaker_role", "partial", "start", "end", "sentence"}
    assert q["sentence"] == '"The roads are closed," police chief Marta Silva said.'


def test_empty_and_quote_free_bodies(quotes):
    assert quotes("") == []
    assert quotes("A quiet day in the city with no statements at all.") == []


# -- reference set ----------------------------------------------------------------------------

def _gold_body(title: str, rows: dict, seed: Path) -> str:
    if title in rows:
        return rows[title]["body"]
    lines = seed.read_text(encoding="utf-8").split("\n")[1:]
    lines = [ln for ln in lines if not ln.startswith("SEE ALSO") and not ln.startswith("For the latest news")]
    body = "\n".join(lines).strip()
    return body[:body.rfind("\n")].strip()  # the run-together tag line


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/gold (reference annotations) is absent")
def test_reference_set_scores(nlp, tmp_path):
    rows = {}
    for line in (SHARED / "corpus" / "wikinews.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        rows[r["title"]] = r
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_ea98eee8af135311.txt"
    preds = tmp_path / "pred.jsonl"
    with preds.open("w", encoding="utf-8") as out:
        for f in sorted((SHARED / "gold").glob("*.json")):
            title = json.loads(f.read_text(encoding="utf-8"))["title"]
            doc = nlp(_gold_body(title, rows, seed))
            out.write(json.dumps({"title": title, "quotes": find_quotes(doc, find_entities(doc))}) + "\n")
    res = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score_extraction.py"), str(SHARED / "gold"), str(preds), "--json"],
        capture_output=True, text=True, check=True).stdout)
    assert res["quotes_span"]["f1"] >= 0.90
    assert res["quotes_end_to_end"]["f1"] >= 0.85
    assert res["speaker_accuracy"] >= 0.92
