"""RSS and Atom feeds: one article per entry, via feedparser on the file's bytes.

The bytes go in as a stream: feedparser never sees a URL or a file name, so it cannot
fetch anything. Entry HTML (content, else summary) becomes text with the tag stripper of
`index.formats.html`. The feed's title is the default source; an entry's guid is kept
as `extra["source_id"]`, its author as `extra["author"]`.

A broken feed ("bozo") with no entries fails as a whole: "malformed feed: <reason>".
A broken feed with entries (a truncated download) yields them plus one error.
An entry without any text is reported and skipped.
"""
from __future__ import annotations

import io
import warnings

from index.formats import FormatError, Parsed, Record, RecordError
from index.formats.dates import normalise_date
from index.formats.html import strip_tags


def _reason(exc: object) -> str:
    if hasattr(exc, "getMessage") and hasattr(exc, "getLineNumber"):  # xml.sax errors
        return f"{exc.getMessage()} at line {exc.getLineNumber()}"
    text = " ".join(str(exc).split()) if exc else ""
    return text or exc.__class__.__name__


def _as_text(value: str, kind: str | None) -> str:
    if kind and ("html" in kind or "xml" in kind):
        return strip_tags(value)
    return value


def _entry_body(entry: dict) -> str:
    candidates = []
    for content in entry.get("content") or []:
        candidates.append(_as_text(content.get("value", ""), content.get("type")))
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append(_as_text(entry["summary"], detail.get("type", "text/html")))
    return max(candidates, key=len, default="")


def _entry_record(entry: dict, feed_title: str) -> Record:
    body = _entry_body(entry)
    title_detail = entry.get("title_detail") or {}
    title = _as_text(entry.get("title", ""), title_detail.get("type"))
    if not title.strip():
        title, _, rest = body.strip().partition("\n")
        body = rest if rest.strip() else body
    if not body.strip():
        raise ValueError("entry has no text")
    date = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            date = normalise_date(entry[key])
            break
    extra = {}
    if entry.get("id"):
        extra["source_id"] = entry["id"]
    if entry.get("author"):
        extra["author"] = entry["author"]
    return Record(
        title=title,
        body=body,
        date=date,
        source=feed_title,
        url=entry.get("link", "") or "",
        tags=[t.get("term") or t.get("label") for t in entry.get("tags") or [] if t.get("term") or t.get("label")],
        extra=extra,
    )


def parse(data: bytes) -> Parsed:
    import feedparser  # imported only when a feed is read

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise FormatError(f"malformed feed: {_reason(parsed.get('bozo_exception'))}")
        raise FormatError("feed has no entries")
    feed_title = strip_tags((parsed.get("feed") or {}).get("title", "") or "")
    out = Parsed()
    for number, entry in enumerate(entries, start=1):
        try:
            out.records.append(_entry_record(entry, feed_title))
        except ValueError as exc:
            out.errors.append(RecordError("", f"entry {number}: {exc}"))
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # Encoding overrides are harmless (feedparser decoded it anyway); report the rest.
    if exc is not None and exc.__class__.__name__ not in ("CharacterEncodingOverride", "NonXMLContentType"):
        if not out.records:
            raise FormatError(f"malformed feed: {_reason(exc)}")
        out.errors.append(RecordError(
            "", f"malformed feed: {_reason(exc)} ({len(out.records)} entries read)"))
    elif not out.records:
        raise FormatError("feed has no entries with text")
    return out
