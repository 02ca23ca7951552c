"""Markdown: optional YAML-style front matter, title from it or the first heading.

Front matter is the simple "key: value" subset (no YAML library): title, date, source,
url/link, tags (as "[a, b]", "a, b" or an indented "- a" list); other keys go to `extra`.
Without a front-matter title, the first level-1 heading ("# Title" or "Title\\n=====")
is the title, else the first non-empty line, as in plain text.

The body keeps its words and drops the syntax: heading markers, emphasis, inline code
ticks, link targets (the link text stays), images, reference definitions, HTML tags,
block-quote markers, code fences and rules. List items become "• item".
"""
from __future__ import annotations

import html
import re

from index.formats import FormatError, Parsed, Record
from index.formats.dates import normalise_date
from index.formats.plain import split_title

_FRONT = re.compile(r"^\ufeff?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def front_matter(text: str) -> tuple[dict[str, object], str]:
    """(fields, rest of the text); fields is empty when there is no front matter."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    fields: dict[str, object] = {}
    key = None
    for line in match.group(1).split("\n"):
        item = re.match(r"^\s+-\s+(.*)$", line) or re.match(r"^-\s+(.*)$", line)
        if item and key:
            current = fields.get(key)
            fields[key] = (current if isinstance(current, list) else []) + [_unquote(item.group(1))]
            continue
        kv = _KEY.match(line)
        if not kv:
            continue
        key, value = kv.group(1).lower(), kv.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            fields[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        else:
            fields[key] = _unquote(value)
    return fields, text[match.end():]


def _title_from_heading(text: str) -> tuple[str, str] | None:
    """(title, text without that heading) when the first block is a level-1 heading."""
    lines = text.lstrip("\n").split("\n")
    if not lines:
        return None
    atx = _ATX.match(lines[0])
    if atx and len(atx.group(1)) == 1:
        return atx.group(2), "\n".join(lines[1:])
    if len(lines) > 1 and lines[0].strip() and re.match(r"^=+[ \t]*$", lines[1]):
        return lines[0].strip(), "\n".join(lines[2:])
    return None


_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),                       # images
    (re.compile(r"!\[([^\]]*)\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),         # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),                    # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),             # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),                          # inline HTML tags
    (re.compile(r"(`+)(.+?)\1"), r"\2"),                               # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),             # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),                    # strikethrough
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),              # backslash escapes
)
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")


def strip_markdown(text: str) -> str:
    """Plain text with Markdown syntax removed (see the module docstring)."""
    out: list[str] = []
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        while _QUOTE.match(line):
            line = _QUOTE.sub("", line, count=1)
        if _REF_DEF.match(line) or _RULE.match(line):
            out.append("")
            continue
        if _SETEXT.match(line) and out and out[-1].strip():
            continue  # the underline of a setext heading
        atx = _ATX.match(line)
        if atx:
            line = atx.group(2)
        else:
            item = _LIST.match(line)
            if item:
                line = "\u2022 " + item.group(1)
        for pattern, repl in _INLINE:
            line = pattern.sub(repl, line)
        out.append(html.unescape(line))
    return "\n".join(out)


def parse(text: str) -> Parsed:
    fields, rest = front_matter(text)
    title = str(fields.pop("title", "") or "")
    if not title:
        heading = _title_from_heading(rest)
        if heading:
            title, rest = heading
        else:
            title, rest = split_title(strip_markdown(rest))
            return _record(fields, title, rest)
    return _record(fields, strip_markdown(title), strip_markdown(rest))


def _record(fields: dict[str, object], title: str, body: str) -> Parsed:
    if not title.strip():
        raise FormatError("empty file")
    raw_date = fields.pop("date", None)
    date = normalise_date(raw_date)
    if raw_date and not date:
        fields["raw_date"] = raw_date
    tags = fields.pop("tags", None) or fields.pop("keywords", None) or fields.pop("categories", None) or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    source = fields.pop("source", "") or ""
    url = fields.pop("url", "") or fields.pop("link", "") or ""
    return Parsed([Record(
        title=title.strip(),
        body=body,
        date=date,
        source=str(source),
        url=str(url),
        tags=[str(t) for t in tags],
        extra=fields,
    )])
