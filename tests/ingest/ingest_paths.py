"""Paths the ingest tests read: the real seed files and the shared data beside the repo."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_ea98eee8af135311.txt"
SEED_JSONL = REPO / "seeds" / "wikinews.jsonl"
SHARED = REPO / ".." / "shared"
