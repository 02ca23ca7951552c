"""Plain text: the first non-empty line is the title, the rest is the body; no date."""
from __future__ import annotations

from index.formats import FormatError, Parsed, Record


def split_title(text: str) -> tuple[str, str]:
    """(first non-empty line, everything after it)."""
    stripped = text.lstrip()
    title, _, body = stripped.partition("\n")
    return title.strip(), body


def parse(text: str) -> Parsed:
    title, body = split_title(text)
    if not title:
        raise FormatError("empty file")
    return Parsed([Record(title=title, body=body)])
