"""Bad files in a batch: each gives one clear line naming the file and the reason, the batch
goes on (a good file after it is indexed) and an index built earlier keeps every article.

Per case, `index_paths` runs in-process on a copy of an earlier index (so faults can be
injected with monkeypatch); one test runs the whole bad batch through the real CLI.
"""
from __future__ import annotations

import builtins
import codecs
import json
import os
import time
from pathlib import Path
from typing import Callable

import pytest

from conftest import EARLIER_COUNT
from hostile_support import assert_one_line_error, doc_ids_in_whoosh, generated_records, write_jsonl

GOOD_BODY = "The harbour council met on Tuesday to discuss the budget for the new ferry terminal.\n"


def good_file(folder: Path, word: str, name: str | None = None) -> Path:
    path = folder / (name or f"zz_good_{word}.txt")
    path.write_text(f"Good article {word}\n\n{GOOD_BODY}Mentions {word} once.\n", encoding="utf-8")
    return path


# Each maker writes its bad file into the folder and returns (path, reason substring or None).
# None means the file is readable after all and must be indexed (search word = the stem).


def make_binary(folder: Path):
    path = folder / "binary.txt"
    path.write_bytes(bytes(range(256)) * 64 + b"\x00" * 1024)
    return path, "not text"


def make_elf_binary(folder: Path):
    path = folder / "program.txt"
    path.write_bytes(b"\x7fELF\x02\x01\x01" + os.urandom(4096))
    return path, "executable"


def make_latin1(folder: Path):
    # Invalid UTF-8 (a lone 0xE9) that is valid Windows-1252: decoded, "é" kept.
    path = folder / "latin1.txt"
    path.write_bytes("Caf\xe9 latinword opens\n\nThe caf\xe9 in Z\xfcrich serves cr\xe8me br\xfbl\xe9e to latinword fans.\n".encode("latin-1"))
    return path, None


def make_invalid_utf8(folder: Path):
    # Truncated multibyte sequences everywhere: no encoding reads this as sensible text.
    path = folder / "invalid_utf8.txt"
    path.write_bytes(b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xe2\x82\x28\xf0\x28\x8c\xbc\xf0\x90\x28\xbc\xf8\xa1\xa1\xa1\xa1" * 300)
    return path, ""  # an error naming the file; any reason


def make_utf16(folder: Path):
    path = folder / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Sixteen bits utfsixteenword\n\nA body in UTF-16 with utfsixteenword and \u00e9.\n".encode("utf-16-le"))
    return path, None


def make_empty(folder: Path):
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path, "empty"


def make_blank(folder: Path):
    path = folder / "blank.txt"
    path.write_bytes(b"   \n\t\n \r\n\n   ")
    return path, "empty"


def make_huge(folder: Path):
    path = folder / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 50 MB on paper, almost nothing on disk
        fh.write(b"Huge title\n\nhugeword ")
        fh.truncate(50 * 1024 * 1024)
    return path, "too large"


def make_jsonl_broken_line(folder: Path):
    path = folder / "mixed.jsonl"
    lines = [json.dumps(r) for r in generated_records(4, "mixed")]
    lines.insert(2, '{"title": "broken", "body": "never closed')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, ":3"  # the error names file:line


def make_truncated_feed(folder: Path):
    items = "".join(
        f"<item><title>Feed item {k} feedword{k}</title><link>http://example.org/{k}</link>"
        f"<description>Item {k} of the feed talks about feedword{k} and the harbour.</description></item>"
        for k in range(3)
    )
    doc = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed</title>'
           + items + "<item><title>Cut off")
    path = folder / "truncated.rss"
    path.write_text(doc, encoding="utf-8")
    return path, "feed"


def make_nested_html(folder: Path):
    depth = 10 * 1024 * 1024 // len("<div></div>")
    path = folder / "nested.html"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("<html><head><title>Nested htmlnestword</title>"
                 "<script>document.write('scriptpayload')</script></head><body>")
        fh.write("<p>Opening paragraph with htmlnestword about the harbour.</p>")
        fh.write("<div>" * depth)
        fh.write("<script>alert('scriptpayload')</script>deep text")
        fh.write("</div>" * depth)
        fh.write("</body></html>")
    return path, "either"


CASES: dict[str, Callable] = {
    "binary_named_txt": make_binary,
    "elf_named_txt": make_elf_binary,
    "latin1_not_utf8": make_latin1,
    "invalid_utf8": make_invalid_utf8,
    "utf16_with_bom": make_utf16,
    "empty_file": make_empty,
    "whitespace_only": make_blank,
    "fifty_megabytes": make_huge,
    "jsonl_one_broken_line": make_jsonl_broken_line,
    "rss_truncated": make_truncated_feed,
    "html_scripts_10mb_nested_divs": make_nested_html,
}


def _index(index_dir: Path, paths: list[Path]):
    from index.indexer import index_paths

    return index_paths(index_dir, paths, extract=False)


def _assert_earlier_kept(index_dir: Path) -> set[str]:
    from index.search import WhooshEngine

    ids = doc_ids_in_whoosh(index_dir)
    with WhooshEngine(index_dir) as engine:
        for k in (0, EARLIER_COUNT - 1):
            result = engine.search(f"earlierword{k}")
            assert result.total == 1, f"earlier article {k} lost"
        assert engine.count() >= EARLIER_COUNT
    return ids


def _errors_for(report, path: Path) -> list[str]:
    return [str(e) for e in report.errors if str(path) in str(e)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_in_a_batch(case, tmp_path, earlier_index):
    folder = tmp_path / "batch"
    folder.mkdir()
    before = good_file(folder, "beforeword", "aa_good.txt")
    bad, reason = CASES[case](folder)
    after = good_file(folder, "afterword")
    started = time.monotonic()
    report = _index(earlier_index, [before, bad, after])
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"{case} took {elapsed:.0f} s"
    errors = _errors_for(report, bad)
    for line in (str(e) for e in report.errors):
        assert "\n" not in line and "Traceback" not in line
    if reason is None:
        assert not errors, errors
        word = bad.stem
    elif reason == "either":
        word = None
    else:
        assert errors, f"no error naming {bad}: {[str(e) for e in report.errors]}"
        assert any(reason in e for e in errors), errors
    from index.search import WhooshEngine

    with WhooshEngine(earlier_index) as engine:
        # the batch went on: the good files on both sides are searchable
        assert engine.search("beforeword").total == 1
        assert engine.search("afterword").total == 1
        if case == "latin1_not_utf8":
            hit = engine.search("latinword").hits[0]
            assert "Caf\u00e9" in engine.get(hit.id).title
        if case == "utf16_with_bom":
            assert engine.search("utfsixteenword").total == 1
        if case == "jsonl_one_broken_line":
            for k in range(4):
                assert engine.search(f"mixedword{k}").total == 1, f"good JSONL line {k} lost"
        if case == "rss_truncated":
            assert engine.search("feedword0").total == 1, "items before the cut are kept"
        if case == "html_scripts_10mb_nested_divs":
            assert engine.search("scriptpayload").total == 0, "script text was indexed"
            assert errors or engine.search("htmlnestword").total == 1, "neither indexed nor an error"
    _assert_earlier_kept(earlier_index)


def test_symlink_loops_end_with_one_line(tmp_path, earlier_index):
    folder = tmp_path / "loops"
    (folder / "sub").mkdir(parents=True)
    good_file(folder / "sub", "loopword")
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)  # dir loop
    (folder / "self").symlink_to(folder / "self")  # a link to itself
    report = _index(earlier_index, [folder])
    assert any(str(folder / "self") in str(e) for e in report.errors), [str(e) for e in report.errors]
    assert report.new == 1  # the one good file, read once despite the loop
    _assert_earlier_kept(earlier_index)


def test_file_removed_while_indexing(tmp_path, earlier_index, monkeypatch):
    """Discovered, then deleted before it is read (the race is forced in-process)."""
    import index.ingest as ingest

    folder = tmp_path / "race"
    folder.mkdir()
    doomed = good_file(folder, "doomedword", "mm_doomed.txt")
    good_file(folder, "aliveword")
    real_load = ingest.load

    def load_after_delete(path, *args, **kwargs):
        if Path(path) == doomed:
            doomed.unlink()
        return real_load(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "load", load_after_delete)
    report = _index(earlier_index, [folder])
    errors = _errors_for(report, doomed)
    assert errors and "not found" in errors[0], [str(e) for e in report.errors]
    from index.search import WhooshEngine

    with WhooshEngine(earlier_index) as engine:
        assert engine.search("aliveword").total == 1
        assert engine.search("doomedword").total == 0
    _assert_earlier_kept(earlier_index)


def test_unreadable_file_and_folder(tmp_path, earlier_index, monkeypatch):
    """We run as root, so permissions cannot refuse us: PermissionError is injected."""
    import index.ingest as ingest

    folder = tmp_path / "perm"
    (folder / "locked_dir").mkdir(parents=True)
    good_file(folder / "locked_dir", "hiddenword")
    secret = good_file(folder, "secretword", "secret.txt")
    good_file(folder, "openword")
    real_open, real_scandir = builtins.open, os.scandir

    def guarded_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def guarded_scandir(path="."):
        if Path(path) == folder / "locked_dir":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(ingest, "open", guarded_open, raising=False)
    monkeypatch.setattr(os, "scandir", guarded_scandir)
    report = _index(earlier_index, [folder])
    lines = [str(e) for e in report.errors]
    assert any(str(secret) in e and "permission denied" in e.lower() for e in lines), lines
    assert any(str(folder / "locked_dir") in e and "permission denied" in e.lower() for e in lines), lines
    from index.search import WhooshEngine

    with WhooshEngine(earlier_index) as engine:
        assert engine.search("openword").total == 1
        assert engine.search("secretword").total == 0
    _assert_earlier_kept(earlier_index)


def test_bad_batch_through_the_cli(tmp_path, cli_env, earlier_index_template):
    """The whole bad batch at once, as a user runs it: every bad file is one stderr line
    naming it, no traceback, exit 0 (good files were indexed), nothing earlier lost."""
    import shutil

    shutil.copytree(earlier_index_template, cli_env.index, ignore=shutil.ignore_patterns("newsdesk.lock"))
    before = doc_ids_in_whoosh(cli_env.index)
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = {}
    for name, maker in CASES.items():
        if name == "html_scripts_10mb_nested_divs":
            continue  # covered above; 10 MB twice would only slow the suite
        path, reason = maker(folder)
        bad[path] = reason
    good_file(folder, "cligoodword")
    done = cli_env.run("index", str(folder), "--no-extract")
    stderr = assert_one_line_error(done.stderr)
    assert done.returncode == 0, stderr
    for path, reason in bad.items():
        if reason in (None, "either"):
            continue
        if not reason:
            reason = path.name
        lines = [line for line in stderr.splitlines() if path.name in line]
        assert lines, f"no line for {path.name}:\n{stderr}"
        assert any(reason in line for line in lines), lines
    after = doc_ids_in_whoosh(cli_env.index)
    assert before <= after and len(before) == EARLIER_COUNT
    search = cli_env.run("search", "cligoodword")
    assert search.returncode == 0 and b"Good article cligoodword" in search.stdout
