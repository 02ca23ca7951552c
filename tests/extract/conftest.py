"""Shared fixtures for the extraction tests: one spaCy pipeline per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def nlp():
    from index.extract.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def numbers(nlp):
    """find_numbers over a sentence, with the entity layer's output as the real pipeline does."""
    from index.extract.entities import find_entities
    from index.extract.numbers import find_numbers

    def run(text: str) -> list[dict]:
        doc = nlp(text)
        return find_numbers(doc, find_entities(doc))

    return run
