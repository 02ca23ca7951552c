"""Shared fixtures for the extraction tests: one spaCy pipeline per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def nlp():
    from index.extract.pipeline import load_nlp

    return load_nlp()
