"""Quotes: the citation format and the Markdown clippings file."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from index.models import Article
from index.paths import data_dir

CLIPPINGS_FILE = "clippings.md"


def citation(quote: dict, article: Article) -> str:
    """`"…" — Speaker, Source, Date` then the URL on the next line when known."""
    parts = [p for p in (quote.get("speaker"), article.source, article.date) if p]
    text = f"\u201c{quote.get('text', '')}\u201d"
    if parts:
        text += " \u2014 " + ", ".join(parts)
    if article.url:
        text += f"\n{article.url}"
    return text


def clipping_markdown(quote: dict, article: Article, now: datetime | None = None) -> str:
    """One Markdown entry: the quote as a block quote, the attribution, the article."""
    now = now or datetime.now(timezone.utc)
    lines = [f"> {line}" if line else ">" for line in str(quote.get("text", "")).splitlines()]
    attribution = ", ".join(p for p in (quote.get("speaker"), article.source, article.date) if p)
    if attribution:
        lines.append(">")
        lines.append(f"> \u2014 {attribution}")
    title = article.title.replace("]", "\\]").replace("[", "\\[")
    source_line = f"[{title}]({article.url})" if article.url else f"*{title}*"
    lines.append("")
    lines.append(f"{source_line} \u00b7 clipped {now.strftime('%Y-%m-%d %H:%M')} UTC \u00b7 id `{article.id}`")
    return "\n".join(lines) + "\n\n"


def save_clipping(quote: dict, article: Article, path: Path | None = None) -> Path:
    """Append the entry with a single write on an O_APPEND descriptor. Raises OSError."""
    path = path or data_dir() / CLIPPINGS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = clipping_markdown(quote, article)
    if not path.exists():
        entry = "# newsdesk clippings\n\n" + entry
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, entry.encode("utf-8"))
    finally:
        os.close(fd)
    return path
