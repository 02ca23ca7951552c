"""Which reader a file needs: by content when the content is unmistakable, else by extension.

Strong content signals win over the extension (an HTML page saved as .txt is HTML, an RSS
feed saved as .xml is a feed); weak or no signals fall back to the extension, and finally
to plain text.
"""
from __future__ import annotations

import re
from pathlib import Path

PLAIN, MARKDOWN, HTML, FEED, JSONL, JSON = "plain", "markdown", "html", "feed", "jsonl", "json"

EXTENSIONS: dict[str, str] = {
    ".txt": PLAIN, ".text": PLAIN,
    ".md": MARKDOWN, ".markdown": MARKDOWN, ".mdown": MARKDOWN, ".mkd": MARKDOWN,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".rss": FEED, ".atom": FEED, ".rdf": FEED, ".xml": FEED,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".json": JSON,
}
# Files a directory walk picks up: the extensions above and files without one.
SUPPORTED_SUFFIXES = frozenset(EXTENSIONS) | {""}

_HEAD = 4096
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(r"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)
_XML_PROLOG = re.compile(r"^<\?xml\b", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"^---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S")
_SETEXT_HEADING = re.compile(r"^[^\n]+\n=+[ \t]*(?:\n|$)")


def sniff(text: str) -> str | None:
    """A format the content itself declares, or None."""
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    if _XML_PROLOG.match(head) or head.startswith("<"):
        if _FEED_ROOT.search(head):
            return FEED
        if _HTML_ROOT.match(head) or (_XML_PROLOG.match(head) and "<html" in head.lower()):
            return HTML
    if head.startswith("{"):
        first = head.split("\n", 1)[0].rstrip()
        return JSONL if first.endswith("}") and "\n{" in text[:_HEAD * 4] else None
    return None


def looks_markdown(text: str) -> bool:
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    return bool(_FRONT_MATTER.match(head) or _ATX_HEADING.match(head) or _SETEXT_HEADING.match(head))


def detect(path: Path, text: str) -> str:
    """The reader for `path` holding `text`."""
    by_ext = EXTENSIONS.get(path.suffix.lower())
    by_content = sniff(text)
    if by_content == FEED or by_content == HTML:
        return by_content
    if by_ext in (JSON, JSONL, MARKDOWN, HTML, FEED):
        return by_ext
    if by_content == JSONL:
        return JSONL
    if text.lstrip().startswith(("{", "[")) and by_ext is None:
        return JSON
    if looks_markdown(text):
        return MARKDOWN
    return PLAIN
