"""Fixtures for the hostile-input suite.

- `earlier_index_template`: an index (built once, --no-extract) of generated articles that a
  bad batch must never damage; `earlier_index` is a private copy of it for one test.
- `cli_env`: private NEWSDESK_* folders for driving `python -m tui.main` as a user does.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile_support import Env, generated_records, write_jsonl

EARLIER_COUNT = 24


@pytest.fixture(scope="session")
def earlier_index_template(tmp_path_factory) -> Path:
    from index.indexer import index_paths

    root = tmp_path_factory.mktemp("hostile_earlier")
    source = write_jsonl(root / "earlier" / "earlier.jsonl", generated_records(EARLIER_COUNT, "earlier"))
    index_dir = root / "index"
    report = index_paths(index_dir, [source], extract=False)
    assert report.new == EARLIER_COUNT and not report.errors, report.to_json()
    return index_dir


@pytest.fixture
def earlier_index(earlier_index_template, tmp_path) -> Path:
    """A private copy of the earlier index (its lock file left behind)."""
    target = tmp_path / "index"
    shutil.copytree(earlier_index_template, target, ignore=shutil.ignore_patterns("newsdesk.lock"))
    return target


@pytest.fixture
def cli_env(tmp_path) -> Env:
    root = tmp_path / "user"
    root.mkdir()
    return Env(root)
