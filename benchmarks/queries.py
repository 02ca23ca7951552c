"""The fixed query mix, written once and rendered for both engines.

Each `BenchQuery` carries the product's query string (what a user types in the reader) and the
equivalent SQLite FTS5 MATCH expression plus the filters/sort FTS5 needs as SQL. Coined words
and names come from the corpus generator's own functions, so rank-0 names are the most frequent
ones in any corpus size.
"""
from __future__ import annotations

from dataclasses import dataclass

from benchmarks.corpus import person_name, place_name, rare_word

KINDS = ("term", "and", "phrase", "title", "prefix", "fuzzy", "date", "person", "sorted")


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    text: str  # the product's query syntax
    match: str  # FTS5 MATCH expression ("" for a fuzzy term, expanded by the FTS5 peer)
    sort: str = "score"  # "score" | "date"
    date_from: str | None = None
    date_to: str | None = None
    fuzzy: str | None = None  # the misspelt word for FTS5's edit-distance expansion


def _fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def query_mix() -> list[BenchQuery]:
    p0, p1, p3 = (person_name(k) for k in (0, 1, 3))
    r0, r40 = rare_word(0), rare_word(40)
    place0 = place_name(0)
    q = BenchQuery
    return [
        q("term", "government", "government"),
        q("term", "police", "police"),
        q("term", r0, r0),
        q("term", r40, r40),
        q("and", "police president", "police AND president"),
        q("and", "market shares", "market AND shares"),
        q("and", f"government {place0.split()[0].lower()}", f"government AND {place0.split()[0].lower()}"),
        q("phrase", '"prime minister"', '"prime minister"'),
        q("phrase", '"stock market"', '"stock market"'),
        q("phrase", '"united states"', '"united states"'),
        q("title", "title:crisis", "title : crisis"),
        q("title", "title:talks", "title : talks"),
        q("title", "title:reports", "title : reports"),
        q("prefix", "gov*", "gov*"),
        q("prefix", "mar*", "mar*"),
        q("prefix", "pro*", "pro*"),
        q("fuzzy", "markat~", "", fuzzy="markat"),
        q("fuzzy", "banc~", "", fuzzy="banc"),
        q("fuzzy", "trada~", "", fuzzy="trada"),
        q("date", "police date:[2010-01 to 2012-12]", "police", date_from="2010-01-01", date_to="2012-12-31"),
        q("date", "government date:2015", "government", date_from="2015-01-01", date_to="2015-12-31"),
        q("date", "market date:2019-03", "market", date_from="2019-03-01", date_to="2019-03-31"),
        q("person", f'person:"{p0}"', f"person : {_fts_phrase(p0)}"),
        q("person", f'person:"{p1}"', f"person : {_fts_phrase(p1)}"),
        q("person", f'person:"{p3}"', f"person : {_fts_phrase(p3)}"),
        q("sorted", "police", "police", sort="date"),
        q("sorted", "election", "election", sort="date"),
        q("sorted", r0, r0, sort="date"),
    ]


# What the reader's search-as-you-type benchmark types, one key at a time.
TYPED_QUERIES = ("government", "stock market", "police")
