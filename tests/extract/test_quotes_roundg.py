"""Speakers in long business stories (issue #3, round G): quotes with their own attribution
after them or in the sentence before them, role descriptors tied to the person who holds the
role, quotes opened with two apostrophes, and words that belong to a document or a company."""
from __future__ import annotations

import pytest

from index.extract.entities import find_entities
from index.extract.quote_marks import find_quote_spans
from index.extract.quotes import find_quotes


@pytest.fixture()
def speakers(nlp):
    def run(body: str) -> list[str | None]:
        doc = nlp(body)
        found = find_quotes(doc, find_entities(doc))
        for q in found:
            assert body[q["start"]:q["end"]] == q["text"]
        return [q["speaker"] for q in found]
    return run


# -- unusual marks ------------------------------------------------------------------------------

@pytest.mark.parametrize("body,texts", [
    ("''We sold the plant because it lost money,'' he said. ''It was that simple.''",
     ["We sold the plant because it lost money,", "It was that simple."]),
    ("``We sold the plant because it lost money,'' he said.", ["We sold the plant because it lost money,"]),
    ("\u2018\u2018We sold the plant because it lost money,\u2019\u2019 he said.",
     ["We sold the plant because it lost money,"]),
    ("He said: ''I' m sure the market has found its floor now,\" and left.",
     ["I' m sure the market has found its floor now,"]),
])
def test_doubled_marks_stand_for_one_double_mark(body, texts):
    assert [body[q.start:q.end] for q in find_quote_spans(body)] == texts


def test_doubled_apostrophes_leave_single_quotes_and_apostrophes_alone():
    body = "''Our workers' pay will rise,'' she said of the 'new deal' offered on Monday."
    assert [body[q.start:q.end] for q in find_quote_spans(body)] == ["Our workers' pay will rise,", "new deal"]


def test_doubled_apostrophe_quotes_get_their_speakers(speakers):
    body = ("Talks resumed on Monday. ''We left in June because the price was wrong,'' Harlan Mining's "
            "chief executive, Oskar Lindgren, told reporters. ''The price is better now.''")
    assert speakers(body) == ["Oskar Lindgren", "Oskar Lindgren"]


# -- an attribution of its own beats the previous speaker -----------------------------------------

def test_role_then_name_after_the_quote(speakers):
    body = ('"Prices will keep rising this year," said Paul Hart, an economist at Ridley Bank.\n\n'
            '"We have held our rates for as long as we could," Westmoor\'s chief executive, Clare '
            'Benson, said in an interview.')
    assert speakers(body) == ["Paul Hart", "Clare Benson"]


def test_agency_head_named_after_the_quote(speakers):
    body = ('The transport agency said it had not been told of the merger. "We will look at any deal on '
            'its merits when it reaches us," the agency\'s head, Marta Ruiz, said.')
    assert speakers(body) == ["Marta Ruiz"]


def test_one_analyst_then_the_name(speakers):
    body = ('"Demand will hold up for the rest of the year," Jane Doe said.\n\n"The market is '
            'overheating and a correction is coming," said one analyst, Mark Lee of Brightwater.')
    assert speakers(body) == ["Jane Doe", "Mark Lee"]


def test_person_introduced_in_the_sentence_before_the_quote(speakers):
    body = ('"Demand will hold up for the rest of the year," said Tom Hart, the chief executive. Jane '
            'Doe, an analyst at Calder, was less sure. "Investors should be cautious at these prices."')
    assert speakers(body) == ["Tom Hart", "Jane Doe"]


def test_a_sentence_about_no_one_keeps_the_previous_speaker(speakers):
    body = ('"Demand will hold up for the rest of the year," said Tom Hart, the chief executive. '
            'Analysts expect profit to rise. "We will hire another two hundred engineers."')
    assert speakers(body) == ["Tom Hart", "Tom Hart"]


# -- descriptors tied to their person -----------------------------------------------------------

def test_the_company_chief_is_its_chief_executive_not_a_research_head(speakers):
    body = ('Output will fall this year, chief executive Henrik Dahl said on a call. "Every barrel '
            'matters now," said Erik Moen, head of research at Fjord Bank.\n\n"We are building fields '
            'that will produce for thirty years," the Norland chief said.')
    assert speakers(body)[-1] == "Henrik Dahl"


def test_the_minister_named_after_a_comma(speakers):
    body = ('Norway\'s energy minister, Ingrid Vik, spoke on Monday. Analyst Lars Berg said prices '
            'would rise. "The shelf remains a stable supplier of gas to Europe," the minister said.')
    assert speakers(body) == ["Ingrid Vik"]


def test_the_union_leader_over_a_plant_manager(speakers):
    body = ('Linda Ortiz, the president of the union, met managers. Gail Moore, the plant director, '
            'said talks would go on. "We will not go back until they pay us fairly," the union leader '
            'said.')
    assert speakers(body) == ["Linda Ortiz"]


def test_among_equal_roles_the_one_mentioned_last(speakers):
    body = ('Chief executive Susan Marsh wrote to staff. Crestway\'s chief executive, Barbara Quill, '
            'said she was surprised. Marsh said the chain would shrink. "We will come out of this '
            'smaller, but stronger," the chief executive said.')
    assert speakers(body) == ["Susan Marsh"]


@pytest.mark.parametrize("descriptor,speaker", [("the CEO", "Jane Doe"), ("the CFO", "Tom Reid")])
def test_acronym_descriptors(speakers, descriptor, speaker):
    body = (f'Chief executive Jane Doe presented the plan with chief financial officer Tom Reid. '
            f'Analyst Mark Lee praised it. "Our balance sheet has never been stronger," {descriptor} said.')
    assert speakers(body) == [speaker]


# -- organisations and documents ----------------------------------------------------------------

def test_office_descriptor_is_the_office_named_before(speakers):
    body = ('The Office for National Statistics published the figures on Wednesday. "Prices rose by '
            'less than a year ago," the statistics office said in a statement.')
    assert speakers(body) == ["Office for National Statistics"]


def test_the_statement_speaks_for_whoever_issued_it(speakers):
    body = ('Bolt Industries lost the case on Monday and issued a statement. "We are disappointed by the '
            'decision and we will appeal it," the statement said.')
    assert speakers(body) == ["Bolt Industries"]


def test_the_fund_is_the_fund_named_before(speakers):
    body = ('The largest shareholder, Harbour Capital, opposed the plan. In a letter to the board, the '
            'fund said: "The plan destroys value for every shareholder and must be withdrawn."')
    assert speakers(body) == ["Harbour Capital"]


def test_her_office_speaks_for_her(speakers):
    body = ('Governor Ann Whitby urged both sides to settle. In a statement, her office said the '
            'governor was "deeply concerned" about the suppliers.')
    assert speakers(body) == ["Ann Whitby"]


def test_court_documents_are_not_the_person_they_describe(speakers):
    body = ('Prosecutors charged John Smith on Monday. According to court documents, Smith "knowingly '
            'misled investors about the finances of the company".')
    assert speakers(body) == ["court documents"]


def test_according_to_a_role_then_the_name(speakers):
    body = ("According to the ministry's spokesman, John Ames, the talks \"went very well and will "
            "continue next week\".")
    assert speakers(body) == ["John Ames"]


def test_its_role_then_the_name_after_the_quote(speakers):
    body = ('"Demand is strong," said Tom Hart, the chief executive of Acme.\n\nRival Bolt was less '
            'upbeat. "Orders are already slowing across the industry," its chief executive, Sam Reed, said.')
    assert speakers(body) == ["Tom Hart", "Sam Reed"]


def test_relative_clause_between_the_name_and_the_verb(speakers):
    body = ('"Demand is strong," said Tom Hart, the chief executive of Acme.\n\n"It no longer makes sense '
            'at these levels," Jane Doe, who rates the stock a sell, said.')
    assert speakers(body) == ["Tom Hart", "Jane Doe"]


def test_it_after_a_document_from_an_organisation(speakers):
    body = ('An email from Burkhardt & Associates to the minister urged him to publish the figures: "I would '
            'distribute a one page memo saying the cost will not be greater than the last one," it said.')
    assert speakers(body) == ["Burkhardt & Associates"]
