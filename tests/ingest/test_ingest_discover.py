"""discover(): deterministic recursive walk, hidden and unsupported files skipped, loops broken."""
from __future__ import annotations

import os
from pathlib import Path

from index.errors import IngestError
from index.ingest import discover, load


def touch(path: Path, text: str = "Title\n\nBody text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    for rel in ["b/2.txt", "b/1.md", "a.html", "c/d/e.jsonl", ".hidden.txt", ".git/x.txt",
                "b/.cache/y.txt", "photo.png", "notes"]:
        touch(tmp_path / rel)
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.html", "b/1.md", "b/2.txt", "c/d/e.jsonl", "notes"]
    assert found == [p.relative_to(tmp_path).as_posix() for p in discover([str(tmp_path)])]


def test_explicit_file_is_yielded_whatever_its_name(tmp_path):
    odd = touch(tmp_path / ".draft.dat")
    assert list(discover([odd])) == [odd]


def test_missing_path_is_an_error_and_the_walk_goes_on(tmp_path):
    good = touch(tmp_path / "a.txt")
    out = list(discover([tmp_path / "nope", good]))
    assert isinstance(out[0], IngestError)
    assert str(out[0]) == f"{tmp_path / 'nope'}: no such file or directory"
    assert out[1] == good


def test_symlink_loop_terminates(tmp_path):
    touch(tmp_path / "news" / "a.txt")
    os.symlink(tmp_path / "news", tmp_path / "news" / "again")  # news/again -> news
    os.symlink("self", tmp_path / "self")  # a link to itself
    out = list(discover([tmp_path]))
    paths = [p for p in out if isinstance(p, Path)]
    errors = [e for e in out if isinstance(e, IngestError)]
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == ["news/a.txt"]
    assert [e.reason for e in errors] == ["broken symbolic link or symlink loop"]


def test_same_directory_twice_is_walked_once(tmp_path):
    touch(tmp_path / "a.txt")
    assert len(list(discover([tmp_path, tmp_path]))) == 1


def test_unreadable_directory_is_reported(tmp_path, monkeypatch):
    touch(tmp_path / "ok" / "a.txt")
    locked = tmp_path / "locked"
    touch(locked / "b.txt")
    real_scandir = os.scandir

    def guarded(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    out = list(discover([tmp_path]))
    assert [str(x) for x in out] == [f"{locked}: permission denied", str(tmp_path / "ok" / "a.txt")]


def test_file_vanishing_between_discover_and_load(tmp_path):
    path = touch(tmp_path / "a.txt")
    [found] = list(discover([tmp_path]))
    path.unlink()
    try:
        load(found)
    except IngestError as err:
        assert err.reason == "file not found (deleted or moved while indexing?)"
    else:
        raise AssertionError("load() of a vanished file must raise IngestError")
