"""Finding article files and reading them into cleaned `Article`s.

- `discover(paths)` walks files and directories (recursively, sorted, hidden entries and
  unsupported extensions skipped inside directories, symlink loops broken) and yields each
  file's Path, or an `IngestError` for a path it cannot use.
- `load(path)` reads one file in whatever format it holds (see `index.formats.detect`) and
  returns a `LoadResult`: the articles, plus errors for single bad records (a broken JSON
  line, a truncated feed). It raises `IngestError` when the whole file fails. Every error
  is one line naming the file (and line) and the reason; no traceback reaches the user.

Every title and body goes through `index.cleaning`, whatever the format.
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from index.cleaning import clean_body, clean_title, merge_tags, sanitize
from index.errors import IngestError
from index.formats import FormatError, Parsed, Record
from index.formats import detect as detect_mod
from index.formats.decode import NotText, decode
from index.models import Article

MAX_BYTES = 20 * 1024 * 1024  # default per-file size limit (20 MB)


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


# --- discover -------------------------------------------------------------------------------


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc.__class__.__name__})"


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestError]:
    """Files to load under `paths`, in a deterministic order, or errors for bad paths.

    A path named explicitly is yielded whatever its name; inside directories, hidden
    entries (".name") and files whose extension no reader supports are skipped. Symlinks
    are followed, but a directory already visited (same st_dev, st_ino) is not entered
    twice, so loops end.
    """
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError as exc:
            if path.is_symlink():
                yield IngestError(str(path), "broken symbolic link or symlink loop")
            else:
                yield IngestError(str(path), _os_reason(exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(path, st, seen_dirs)
        elif stat.S_ISREG(st.st_mode):
            yield path
        else:
            yield IngestError(str(path), "not a regular file")


def _walk(directory: Path, st: os.stat_result, seen: set[tuple[int, int]]) -> Iterator[Path | IngestError]:
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return
    seen.add(key)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield IngestError(str(directory), _os_reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            child = path.stat()  # follows symlinks
        except OSError:
            if entry.is_symlink():
                yield IngestError(str(path), "broken symbolic link or symlink loop")
            continue  # vanished while walking: nothing to index
        if stat.S_ISDIR(child.st_mode):
            yield from _walk(path, child, seen)
        elif stat.S_ISREG(child.st_mode) and path.suffix.lower() in detect_mod.SUPPORTED_SUFFIXES:
            yield path


# --- load -----------------------------------------------------------------------------------


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if n >= 1024:
        return f"{n / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{n} bytes"


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's bytes; IngestError for missing, unreadable, special or too large files."""
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IngestError(str(path), "is a directory")
            if not stat.S_ISREG(st.st_mode):
                raise IngestError(str(path), "not a regular file")
            if st.st_size > max_bytes:
                raise IngestError(str(path), f"too large ({_size(st.st_size)} > {_size(max_bytes)} limit)")
            data = fh.read(max_bytes + 1)  # the file may have grown since fstat
    except FileNotFoundError:
        raise IngestError(str(path), "file not found (deleted or moved while indexing?)") from None
    except IsADirectoryError:
        raise IngestError(str(path), "is a directory") from None
    except OSError as exc:
        raise IngestError(str(path), _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise IngestError(str(path), f"too large (over the {_size(max_bytes)} limit)")
    return data


def _parse(kind: str, data: bytes, text: str, path: Path) -> Parsed:
    if kind == detect_mod.PLAIN:
        from index.formats import plain

        return plain.parse(text)
    if kind == detect_mod.MARKDOWN:
        from index.formats import markdown

        return markdown.parse(text)
    if kind == detect_mod.HTML:
        from index.formats import html

        return html.parse(text)
    if kind == detect_mod.FEED:
        from index.formats import feed

        return feed.parse(data)
    from index.formats import jsonl

    return jsonl.parse_lines(text) if kind == detect_mod.JSONL else jsonl.parse_json(text)


def default_source(path: Path) -> str:
    """The folder holding the file, or "file" for a file at the root."""
    name = path.resolve().parent.name if path.parent.name in ("", ".", "..") else path.parent.name
    return sanitize(name).strip() or "file"


def to_article(record: Record, path: Path, source: str) -> Article:
    """A cleaned Article from a reader's Record; ValueError if nothing is left of it."""
    title = clean_title(record.title)
    cleaned = clean_body(record.body)
    if not title:
        raise ValueError("no title")
    if not cleaned.body:
        raise ValueError("no article text")
    return Article(
        title=title,
        body=cleaned.body,
        date=record.date,
        source=clean_title(record.source) or source,
        url=clean_title(record.url),
        tags=merge_tags(record.tags, cleaned.tags),
        path=str(path),
        boilerplate=cleaned.boilerplate,
        extra=record.extra,
    )


def load(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> LoadResult:
    """The articles in one file; raises IngestError if the file as a whole cannot be read."""
    path = Path(path)
    data = read_bytes(path, max_bytes)
    if not data.strip():
        raise IngestError(str(path), "empty file")
    try:
        text = decode(data)
    except NotText as exc:
        raise IngestError(str(path), str(exc)) from None
    if not text.strip():
        raise IngestError(str(path), "empty file")
    kind = detect_mod.detect(path, text)
    try:
        parsed = _parse(kind, data, text, path)
    except FormatError as exc:
        raise IngestError(str(path), str(exc)) from None
    except RecursionError:
        raise IngestError(str(path), f"cannot read as {kind}: nested too deeply") from None
    result = LoadResult(errors=[IngestError(f"{path}{e.where}", e.reason) for e in parsed.errors])
    source = default_source(path)
    record_errors: list[str] = []
    for record in parsed.records:
        try:
            result.articles.append(to_article(record, path, source))
        except ValueError as exc:
            record_errors.append(str(exc))
    if record_errors:
        if len(parsed.records) == 1 and not result.errors:
            raise IngestError(str(path), record_errors[0])
        for reason in record_errors:
            result.errors.append(IngestError(str(path), f"skipped a record: {reason}"))
    return result
