"""Errors that carry a one-line, user-facing message."""
from __future__ import annotations


class NewsdeskError(Exception):
    """Base class: str(error) is a complete one-line message for the user."""


class IngestError(NewsdeskError):
    """A file (or one record of it) could not be read. Names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IndexLockedError(NewsdeskError):
    """Another process holds the index write lock."""


class IndexCorruptError(NewsdeskError):
    """The index on disk cannot be opened; `newsdesk index --rebuild` fixes it."""


class QuerySyntaxError(NewsdeskError):
    """A query could not be parsed even after falling back to plain terms."""
