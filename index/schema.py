"""The Whoosh schema and the mapping from an Article to a Whoosh document.

Body text is indexed (with character offsets, for pinpoint snippets) but not stored: the
full article lives in the SQLite docstore (`index.docstore`), which keeps the Whoosh index
small. The `person`/`org`/`place` keyword fields are empty until enrichment fills them.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Iterable

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.columns import NumericColumn
from whoosh.fields import BOOLEAN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from index.models import Article
from index.textfield import FastText

# Bump when the schema or the on-disk layout changes; an index with another version is
# refused with a message suggesting `newsdesk index --rebuild`.
FORMAT_VERSION = 1

# Default fields for unqualified query words.
DEFAULT_FIELDS = ("title", "body")
# Extraction labels that fill the keyword fields.
ENTITY_FIELDS = {"PERSON": "person", "ORG": "org", "PLACE": "place"}


def text_analyzer():
    """Stemming, lower-casing, stop-word-removing analyzer for title and body (the one
    `FastText` reproduces when indexing)."""
    return StemmingAnalyzer()


def build_schema() -> Schema:
    return Schema(
        id=ID(unique=True, stored=True),
        title=FastText(stored=True, field_boost=2.0),
        body=FastText(chars=True),
        # Sort column default 0 (the earliest sortable value), so undated articles come last
        # in newest-first order; Whoosh's own default is the largest value.
        date=DATETIME(stored=True, sortable=NumericColumn("Q", default=0)),
        datestr=STORED,  # the article's own ISO string, shown as is
        source=TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        url=STORED,
        path=STORED,
        tags=KEYWORD(commas=True, lowercase=True, stored=True, scorable=True),
        person=KEYWORD(commas=True, lowercase=True, scorable=True),
        org=KEYWORD(commas=True, lowercase=True, scorable=True),
        place=KEYWORD(commas=True, lowercase=True, scorable=True),
        enriched=BOOLEAN(stored=True),
    )


_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y")


def parse_date(value: str | None) -> datetime | None:
    """An ISO 8601 date or timestamp as a naive datetime (None when absent or unreadable)."""
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text[: len(fmt) + 2], fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed.replace(tzinfo=None)


def _keywords(values: Iterable[str]) -> str:
    """Comma-joined keyword values; commas inside a value would split it, so drop them."""
    seen: dict[str, None] = {}
    for value in values:
        clean = re.sub(r"\s+", " ", value.replace(",", " ")).strip()
        if clean:
            seen.setdefault(clean.lower(), None)
    return ",".join(seen)


def entity_keywords(extraction: dict[str, Any] | None) -> dict[str, str]:
    """person/org/place field values from an extraction dict."""
    buckets: dict[str, list[str]] = {name: [] for name in ENTITY_FIELDS.values()}
    for entity in (extraction or {}).get("entities", []):
        field = ENTITY_FIELDS.get(entity.get("label", ""))
        if field and entity.get("text"):
            buckets[field].append(entity["text"])
    return {name: _keywords(values) for name, values in buckets.items()}


def to_document(article: Article) -> dict[str, Any]:
    """The Whoosh document for an article (keyword fields from its extraction, if any)."""
    doc: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "source": article.source or "",
        "url": article.url or "",
        "path": article.path or "",
        "tags": _keywords(article.tags),
        "enriched": article.extraction is not None,
    }
    date = parse_date(article.date)
    if date is not None:
        doc["date"] = date
        doc["datestr"] = article.date
    for name, value in entity_keywords(article.extraction).items():
        if value:
            doc[name] = value
    return doc
