"""Fixtures shared by every test folder.

- `seed_index`: a session-wide index of the shipped seeds, with extraction (read-only use!)
- `seed_index_text`: the same without extraction (fast; person/org/place fields empty)
- `empty_index_dir`: a fresh, not yet existing index directory for one test
- every test runs with NEWSDESK_DATA / NEWSDESK_CONFIG in temporary folders and without
  NEWSDESK_INDEX, so no test touches the real user directories.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO / ".." / "shared"


@pytest.fixture(scope="session", autouse=True)
def _isolated_user_dirs(tmp_path_factory):
    base = tmp_path_factory.mktemp("userdirs")
    saved = {k: os.environ.get(k) for k in ("NEWSDESK_DATA", "NEWSDESK_CONFIG", "NEWSDESK_INDEX")}
    os.environ["NEWSDESK_DATA"] = str(base / "data")
    os.environ["NEWSDESK_CONFIG"] = str(base / "config")
    os.environ.pop("NEWSDESK_INDEX", None)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(autouse=True)
def _user_dirs_per_test(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_DATA", str(tmp_path / "_data"))
    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "_config"))
    monkeypatch.delenv("NEWSDESK_INDEX", raising=False)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """Index dir with the shipped seeds indexed and enriched. Do not write to it."""
    from index.indexer import index_paths

    index_dir = tmp_path_factory.mktemp("seed_index") / "index"
    report = index_paths(index_dir, [SEEDS], extract=True)
    assert report.new > 0 and not report.errors and not report.enrich_error, report.to_json()
    return index_dir


@pytest.fixture(scope="session")
def seed_index_text(tmp_path_factory) -> Path:
    """Index dir with the shipped seeds indexed as text only (--no-extract). Do not write to it."""
    from index.indexer import index_paths

    index_dir = tmp_path_factory.mktemp("seed_index_text") / "index"
    report = index_paths(index_dir, [SEEDS], extract=False)
    assert report.new > 0 and not report.errors, report.to_json()
    return index_dir


@pytest.fixture
def empty_index_dir(tmp_path) -> Path:
    """A path where an index may be created (does not exist yet)."""
    return tmp_path / "index"
