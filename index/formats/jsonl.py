"""JSON Lines (one article object per line) and JSON (one object, or a list of them).

Known fields: title, body, date, source, url, tags. Also accepted as aliases: text/content
for body, headline for title, published/pubDate for date, link for url, keywords/categories
for tags. Every other field is kept verbatim in `extra`.

A record's own `id` is kept as `extra["source_id"]`: the article id stays the stable hash
of source + title + body (`index.models.article_id`), so the same text gets the same id
whichever file or format it came from, and ids from different feeds can never collide.

A line that is not valid JSON, not an object, or lacks a body is one error naming
`file:line` and the reason; the other lines still load. A record without a title takes
the first line of its body, as plain text does.
"""
from __future__ import annotations

import html
import json
import re
from typing import Any

from index.formats import FormatError, Parsed, Record, RecordError
from index.formats.dates import normalise_date

_ALIASES = {
    "title": ("title", "headline"),
    "body": ("body", "text", "content"),
    "date": ("date", "published", "pubDate", "pub_date", "datetime"),
    "source": ("source", "publisher", "site"),
    "url": ("url", "link"),
    "tags": ("tags", "keywords", "categories"),
}
_KNOWN = {alias for names in _ALIASES.values() for alias in names}


def _pick(obj: dict[str, Any], field: str) -> Any:
    for name in _ALIASES[field]:
        if obj.get(name) not in (None, ""):
            return obj[name]
    return None


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [t.strip() for t in value.split(",") if t.strip()]
    if isinstance(value, list):
        return [str(t) for t in value if isinstance(t, str | int | float) and str(t).strip()]
    raise ValueError("field 'tags' must be a list of strings or a comma-separated string")


# Scraped JSON often carries HTML character references ("S&amp;P 500") in plain-text fields.
_CHAR_REF = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _text(value: Any, field: str) -> str:
    """A plain-text field, with HTML character references decoded."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"field '{field}' must be a string, not {type(value).__name__}")
    return html.unescape(value) if _CHAR_REF.search(value) else value


def record_from_object(obj: Any) -> Record:
    """A Record from one decoded JSON value; ValueError says what is wrong with it."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    body = _text(_pick(obj, "body"), "body")
    title = _text(_pick(obj, "title"), "title")
    if not body.strip():
        raise ValueError("no 'body' text")
    if not title.strip():
        title, _, rest = body.strip().partition("\n")
        body = rest if rest.strip() else body
    extra = {k: v for k, v in obj.items() if k not in _KNOWN and k != "id"}
    if obj.get("id") not in (None, ""):
        extra["source_id"] = obj["id"]
    raw_date = _pick(obj, "date")
    date = normalise_date(raw_date)
    if raw_date is not None and date is None:
        extra["raw_date"] = raw_date
    source = _pick(obj, "source")
    url = _pick(obj, "url")
    return Record(
        title=title,
        body=body,
        date=date,
        source=source if isinstance(source, str) else "",
        url=url if isinstance(url, str) else "",
        tags=_tags(_pick(obj, "tags")),
        extra=extra,
    )


def json_reason(exc: json.JSONDecodeError, with_line: bool = False) -> str:
    """"invalid JSON at column 30: unterminated string" from a JSONDecodeError."""
    message = exc.msg.removesuffix(" at").removesuffix(" starting")
    where = f"line {exc.lineno} column {exc.colno}" if with_line else f"column {exc.colno}"
    return f"invalid JSON at {where}: {message[:1].lower()}{message[1:]}"


def parse_lines(text: str) -> Parsed:
    """JSON Lines; blank lines are skipped."""
    out = Parsed()
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            out.records.append(record_from_object(json.loads(line)))
        except json.JSONDecodeError as exc:
            out.errors.append(RecordError(f":{lineno}", json_reason(exc)))
        except (ValueError, RecursionError) as exc:
            out.errors.append(RecordError(f":{lineno}", str(exc) or "invalid record"))
    if not out.records and not out.errors:
        raise FormatError("empty file")
    return out


def parse_json(text: str) -> Parsed:
    """A .json file: one article object, or a list of them."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            return parse_lines(text)  # JSON Lines saved as .json
        raise FormatError(json_reason(exc, with_line=True)) from None
    except RecursionError:
        raise FormatError("invalid JSON: nested too deeply") from None
    items = value if isinstance(value, list) else [value]
    if not items:
        raise FormatError("empty JSON list")
    out = Parsed()
    for number, item in enumerate(items, start=1):
        try:
            out.records.append(record_from_object(item))
        except ValueError as exc:
            if not isinstance(value, list):
                raise FormatError(str(exc)) from None
            out.errors.append(RecordError("", f"item {number}: {exc}"))
    return out
