"""Readers for each input format. Each turns a file's content into raw `Record`s.

A reader never cleans: `index.ingest` applies `index.cleaning` to every record, whatever
its format, and builds the `Article`. Readers report a bad record as a `RecordError`
(location suffix such as ":12" for a line, and a reason) and a wholly unreadable file by
raising `FormatError(reason)`; `index.ingest` adds the file name.

Formats: plain (plain.py), markdown (markdown.py), html (html.py), feed (feed.py, RSS/Atom),
jsonl and json (jsonl.py). `detect.py` picks one; `decode.py` turns bytes into text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class FormatError(ValueError):
    """The whole file cannot be read in its format; str() is the one-line reason."""


@dataclass
class RecordError:
    where: str  # appended to the file name: ":12" (line 12), or ""
    reason: str


@dataclass
class Record:
    """One article as a reader found it, before cleaning."""

    title: str
    body: str
    date: str | None = None  # already normalised to ISO by the reader (see dates.py)
    source: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
