"""Shared fixtures for the ingest tests."""
from __future__ import annotations

import pytest

from ingest_paths import SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
