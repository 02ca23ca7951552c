"""HTML pages: trafilatura for the main text and metadata, a plain tag stripper as fallback.

trafilatura (`bare_extraction` with metadata) drops navigation, scripts and page chrome
and reads title, date, site name, canonical URL and tags. It is given the text only, so
it never touches the network. When it finds nothing or fails (for instance on pages
nested deeper than lxml accepts, such as a "div bomb"), `strip_tags` takes over: a
linear, non-recursive pass with regular expressions that drops script/style/head blocks,
turns block-level tags into line breaks and unescapes entities.
"""
from __future__ import annotations

import html as html_lib
import logging
import re
import warnings

from index.formats import FormatError, Parsed, Record
from index.formats.dates import normalise_date

# trafilatura and htmldate log their own failures; ours are reported as IngestErrors.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

_DROP_OPEN = re.compile(
    r"<(script|style|noscript|template|head|svg|iframe|object)\b[^>]*>|<!--", re.IGNORECASE
)
_BLOCK_TAGS = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre|"
    r"figure|figcaption|aside|nav|main|dd|dt|dl|hr)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_LINE_SPACES = re.compile(r"[ \t\u00a0]+")


def _drop_blocks(markup: str) -> str:
    """Markup without script/style/head/... blocks and comments, in one linear pass.

    An unclosed block runs to the end of the document, as in a browser.
    """
    lower = markup.lower()
    parts: list[str] = []
    pos = 0
    while True:
        match = _DROP_OPEN.search(markup, pos)
        if not match:
            parts.append(markup[pos:])
            return " ".join(parts)
        parts.append(markup[pos:match.start()])
        closer = "-->" if match.group(1) is None else f"</{match.group(1).lower()}"
        end = lower.find(closer, match.end())
        if end < 0:
            return " ".join(parts)
        pos = lower.find(">", end) + 1 if closer != "-->" else end + 3
        if pos <= 0:
            return " ".join(parts)


def strip_tags(markup: str) -> str:
    """Text of an HTML fragment or page, one line per block element."""
    text = _drop_blocks(markup)
    text = _BLOCK_TAGS.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = html_lib.unescape(text)
    lines = (_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _inline_text(fragment: str) -> str:
    return " ".join(html_lib.unescape(_ANY_TAG.sub(" ", fragment)).split())


def _fallback(markup: str) -> Record | None:
    match = _TITLE.search(markup) or _H1.search(markup)
    title = _inline_text(match.group(1)) if match else ""
    body = strip_tags(markup)
    if not title:
        title, _, body = body.partition("\n")
    elif body.startswith(title):
        body = body[len(title):]
    if not body.strip():
        return None
    return Record(title=title, body=body)


def _trafilatura(markup: str) -> Record | None:
    import trafilatura  # heavy: imported only when an HTML file is read

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True
        )
    if doc is None or not (doc.text or "").strip():
        return None
    title = (doc.title or "").strip()
    body = doc.text
    first, _, rest = body.partition("\n")
    if title and first.strip() == title:
        body = rest  # the headline repeated as the first line of the text
    if not title:
        fallback = _fallback(markup)
        title = fallback.title if fallback else ""
    tags: list[str] = []
    for group in (doc.tags or [], doc.categories or []):
        for item in group:
            tags.extend(t.strip() for t in str(item).split(",") if t.strip())
    return Record(
        title=title,
        body=body,
        date=normalise_date(doc.date),
        source=(doc.sitename or "").strip(),
        url=(doc.url or "").strip(),
        tags=tags,
        extra={"author": doc.author} if doc.author else {},
    )


def parse(text: str) -> Parsed:
    try:
        record = _trafilatura(text)
    except Exception:  # noqa: BLE001 - any extractor failure (RecursionError too): plain stripper
        record = None
    if record is None:
        record = _fallback(text)
    if record is None or not record.title.strip():
        raise FormatError("no article text found in the HTML")
    return Parsed([record])
