"""Speakers in long multi-speaker stories (issue #3, round 5): roles with an appositive name,
descriptors standing for an earlier person, organisations owning a statement, pronouns after
an appositive subject, and quote paragraphs that follow a paragraph of reported speech."""
from __future__ import annotations

import pytest

from index.extract.entities import find_entities
from index.extract.quotes import find_quotes


@pytest.fixture()
def speakers(nlp):
    def run(body: str) -> list[tuple[str, str | None]]:
        doc = nlp(body)
        return [(q["text"][:24], q["speaker"]) for q in find_quotes(doc, find_entities(doc))]
    return run


def test_role_with_a_conjunction_then_the_name(speakers):
    body = ('"This is a proud day for everyone who worked on the programme," said Northwind '
            'President and Chief Executive Officer, Gordon Hale.')
    assert [s for _, s in speakers(body)] == ["Gordon Hale"]


def test_role_of_an_organisation_then_the_name(speakers):
    body = ('"Investors simply cannot stomach any more risk in their portfolios," said the senior '
            'market strategist for Larchmont Funds, Derek Vaughan.')
    assert [s for _, s in speakers(body)] == ["Derek Vaughan"]


def test_role_comma_name_comma_verb_by_saying(speakers):
    body = ('Harbour Air announced an order for ten jets. Harbour Air CEO, Liam Doherty, defended the '
            'purchase by saying, "These aircraft give us the lowest operating cost of any airline in '
            'the region."')
    assert [s for _, s in speakers(body)] == ["Liam Doherty"]


def test_the_company_is_the_one_whose_statement_it_is(speakers):
    body = ('Coastal Rail says it will be compensated by Meridian Works for the late trains. In a '
            'statement on the Meridian Works website, the company said that "the cause of the delay '
            'was a shortage of qualified welders at the main plant".')
    assert [s for _, s in speakers(body)] == ["Meridian Works"]


def test_the_company_without_a_statement_owner_is_the_last_company(speakers):
    body = ('Coastal Rail said on Monday that it had ordered new trains from Meridian Works. After '
            'talks in London, the company said "we expect the first trains to run next spring".')
    assert [s for _, s in speakers(body)] != ["Meridian Works"]


def test_he_after_an_appositive_subject(speakers):
    body = ('"For more than a decade, Orion has kept prices high for consumers," said Astrid Berg, the '
            'competition commissioner.\n\nThe complaint came from Tunewave. Tunewave\'s chief executive, '
            'Oscar Lindqvist, welcomed the ruling. "This is a victory for every developer," he said.')
    assert [s for _, s in speakers(body)] == ["Astrid Berg", "Oscar Lindqvist"]


def test_role_descriptor_introduced_after_the_name(speakers):
    body = ('"That ends today," said Astrid Berg, the competition commissioner. Orion said it would '
            'appeal, and its lawyer Paul Dean called the fine unfair.\n\n"The amount reflects the '
            'gravity of the infringement," the commissioner said.')
    assert [s for _, s in speakers(body)] == ["Astrid Berg", "Astrid Berg"]


def test_quote_paragraph_after_a_paragraph_of_reported_speech(speakers):
    body = ('Chief executive Rachel Adeyemi said trading had been hard. "December was tough," Adeyemi '
            'said.\n\nSome investors said the warning was overdue. Julia Kent, who manages a fund at '
            'Ashcombe Investors, said the retailer had been slow to respond.\n\n"They have too many big '
            'stores in the wrong places, and that is still true now."')
    assert [s for _, s in speakers(body)] == ["Rachel Adeyemi", "Julia Kent"]


def test_no_speaker_from_a_paragraph_without_reported_speech(speakers):
    body = ('Shares fell 11% to 212 pence, their lowest level since 2009.\n\n"They have too many big '
            'stores in the wrong places, and that is still true now."')
    assert [s for _, s in speakers(body)] == [None]


def test_pronoun_after_the_verb_gives_the_gender(speakers):
    body = ('Talia Brook, a second-year student, admitted she nearly skipped the opening. For Kevin '
            'Moss, a lecturer in English, the show was a revelation. He said, "The painter was the '
            'centre of the century and everything since."')
    assert [s for _, s in speakers(body)] == ["Kevin Moss"]


def test_known_speaker_still_beats_a_man_named_in_passing(speakers):
    body = ('Art instructor Kevin Allton said the show was a triumph. The gallery was opened by '
            'Mayor Tom Reed last year. "It changed how we see everyday objects," Allton said. '
            '"He would have loved it," he said.')
    assert [s for _, s in speakers(body)][0] == "Kevin Allton"
