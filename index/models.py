"""The article record shared by ingest, extraction, the index and the reader."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    """One cleaned article.

    `body` is the cleaned text the reader shows; every offset in `extraction` points into it.
    `extraction` is None until enrichment ran (two-phase indexing: searchable first).
    Its shape is the `newsdesk extract --json` contract without id/title:
    {"entities": [...], "numbers": [...], "quotes": [...]}.
    """

    title: str
    body: str
    date: str | None = None  # ISO 8601, "YYYY-MM-DD" (or a longer ISO timestamp)
    source: str = ""
    url: str = ""
    tags: list[str] = field(default_factory=list)
    path: str = ""  # the file it came from
    boilerplate: list[str] = field(default_factory=list)  # removed lines, kept so nothing is lost
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input fields, kept verbatim
    extraction: dict[str, Any] | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.source, self.title, self.body)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})


_WS = re.compile(r"\s+")


def normalise_title(title: str) -> str:
    """Case-folded, NFC, single-spaced title: the form the id is computed from."""
    return _WS.sub(" ", unicodedata.normalize("NFC", title)).strip().casefold()


def article_id(source: str, title: str, body: str) -> str:
    """Stable id: a hash of source + normalised title + body (16 hex digits)."""
    h = hashlib.sha256()
    for part in (source.strip(), normalise_title(title), body.strip()):
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]
