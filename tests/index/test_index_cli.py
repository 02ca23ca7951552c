"""The `newsdesk` subcommands: output formats and exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.main import main

REPO = Path(__file__).resolve().parents[2]
SEED_ID = "c34ff80395b4e172"


def newsdesk(*args: str, env_index: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    if env_index is not None:
        env["NEWSDESK_INDEX"] = str(env_index)
    return subprocess.run(
        [sys.executable, "-m", "tui.main", *args], capture_output=True, text=True, cwd=REPO, env=env,
        timeout=300,
    )


def test_acceptance_index_search_reindex(tmp_path):
    index_dir = tmp_path / "ix"
    first = newsdesk("index", "seeds/", "--no-extract", env_index=index_dir)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("indexed 145 new, 0 updated, 0 unchanged, 0 errors")
    found = newsdesk("search", "baghouz", "--json", env_index=index_dir)
    assert found.returncode == 0
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows[0]["id"] == SEED_ID
    assert {"id", "title", "date", "source", "score", "snippet"} <= rows[0].keys()
    again = newsdesk("index", "seeds/", "--no-extract", env_index=index_dir)
    assert again.returncode == 0
    assert again.stdout.startswith("indexed 0 new, 0 updated, 145 unchanged")


@pytest.fixture
def cli_index(seed_index_text, tmp_path) -> Path:
    return seed_index_text


def test_search_text_output_and_suggestion(cli_index, capsys):
    assert main(["search", "title:robotics", "--index", str(cli_index)]) == 0
    out = capsys.readouterr()
    assert "robotics" in out.out and "1 of 1 matches" in out.err
    assert main(["--index", str(cli_index), "search", "syira"]) == 1
    assert "did you mean: syria" in capsys.readouterr().err


def test_search_json_lines_sorted_by_date(cli_index, capsys):
    assert main(["search", "date:2015", "--sort", "date", "--json", "--limit", "50", "--index", str(cli_index)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 7
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)


def test_search_bad_query_reports_error_not_traceback(cli_index, capsys):
    code = main(["search", "date:[foo to bar] asylum", "--index", str(cli_index)])
    err = capsys.readouterr().err
    assert code == 0 and "could not read the query" in err and "Traceback" not in err


def test_show(cli_index, capsys):
    assert main(["show", SEED_ID, "--index", str(cli_index)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Syria forces try to free last civilians")
    assert "Baghouz" in out
    assert main(["show", SEED_ID, "--json", "--index", str(cli_index)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == SEED_ID and "body" in record
    assert main(["show", "nope", "--index", str(cli_index)]) == 1
    assert "no article with id" in capsys.readouterr().err


def test_missing_index_and_usage_errors(tmp_path, capsys):
    missing = tmp_path / "none"
    assert main(["search", "x", "--index", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no index yet" in err
    assert main(["index", "--index", str(missing)]) == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "x", "--limit", "0"])
    assert exit_info.value.code == 2


def test_index_exit_codes(tmp_path, capsys):
    ix = tmp_path / "ix"
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    assert main(["index", str(bad), "--index", str(ix), "--no-extract"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: empty file" in err
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"title": "Harbour", "body": "The harbour reopened."}) + "\n")
    assert main(["index", str(good), str(bad), "--index", str(ix), "--no-extract", "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["new"] == 1
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "x").write_text("x")
    assert main(["index", str(good), "--index", str(foreign)]) == 1
    assert "not a newsdesk index" in capsys.readouterr().err


def test_terminal_output_strips_escape_sequences(tmp_path, capsys):
    ix = tmp_path / "ix"
    src = tmp_path / "evil.jsonl"
    src.write_text(json.dumps({"title": "Evil [bold]markup[/bold] \x1b[31mred", "body": "Harbour \x1b]0;pwned\x07 news"}) + "\n")
    assert main(["index", str(src), "--index", str(ix), "--no-extract"]) == 0
    capsys.readouterr()
    assert main(["search", "harbour", "--index", str(ix)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]markup[/bold]" in out  # printed literally, not interpreted


def test_help_shows_examples(capsys):
    for argv in (["--help"], ["index", "--help"], ["search", "--help"], ["extract", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        assert "example" in capsys.readouterr().out


def test_extract_json_needs_no_index(tmp_path, capsys):
    seed = REPO / "seeds" / "000_ea98eee8af135311.txt"
    assert main(["extract", str(seed), "--json", "--index", str(tmp_path / "never")]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == SEED_ID
    assert {"entities", "numbers", "quotes"} <= record.keys()
    assert any(e["text"] == "Paul Bradley" for e in record["entities"])
    assert not (tmp_path / "never").exists()


def test_search_path_never_imports_spacy_or_textual(seed_index_text):
    code = (
        "import sys\n"
        "from tui.main import main\n"
        f"rc = main(['search', 'baghouz', '--index', {str(seed_index_text)!r}])\n"
        "bad = [m for m in ('spacy', 'textual', 'index.extract.pipeline') if m in sys.modules]\n"
        "print('LOADED', bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "LOADED []" in out.stdout, out.stdout + out.stderr
