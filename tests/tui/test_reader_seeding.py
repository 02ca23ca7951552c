"""An empty index is seeded in subprocesses (searchable first, then enriched); --no-seed explains."""
from __future__ import annotations

import argparse
import functools
import shutil

import pytest

from tests.tui.conftest import SEEDS
from tui.app import NewsdeskApp, run_reader
from tui.data.state import ReadState
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput


@pytest.mark.slow
async def test_empty_index_is_seeded_then_enriched(tmp_path, monkeypatch):
    from index.search import WhooshEngine

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS / "000_ea98eee8af135311.txt", seeds)
    monkeypatch.setattr("tui.app.seeds_dir", lambda: seeds)
    index_dir = tmp_path / "index"
    app = NewsdeskApp(
        None,
        engine_factory=lambda: WhooshEngine(index_dir),
        state=ReadState.load(tmp_path / "state.json"),
        seed=True,
        index_dir=index_dir,
    )
    async with app.run_test(size=(100, 30)) as pilot:
        messages = lambda: [n.message for n in app._notifications]  # noqa: E731
        assert any("indexing the shipped seeds" in m for m in messages())
        await pilot.press(*"baghouz")
        for _ in range(1200):  # both phases, extraction included (spaCy loads in the child)
            await pilot.pause(0.1)
            if any("extraction finished" in m for m in messages()) or any("failed" in m for m in messages()):
                break
        assert not [m for m in messages() if "failed" in m]
        assert any("1 seed articles are searchable" in m for m in messages())
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert app.engine is not None and app.engine.count() == 1
        hits = app.screen.query_one(ResultsList).hits
        assert len(hits) == 1  # the query typed while seeding ran once the index was ready
        assert app.engine.get(hits[0].id).extraction is not None


async def test_no_seed_with_no_index_says_how_to_make_one(tmp_path):
    app = NewsdeskApp(None, state=ReadState.load(tmp_path / "s.json"), seed=False, index_dir=tmp_path / "none")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"anything")
        await pilot.pause(0.3)
        assert app.is_running and app.screen.query_one(SearchInput).value == "anything"
        assert any("newsdesk index PATH" in n.message for n in app._notifications)


def _args(**kw) -> argparse.Namespace:
    return argparse.Namespace(**{"command": None, "index": None, "theme": None, "no_seed": True, **kw})


def test_run_reader_rejects_a_bad_config_in_one_line(tmp_path, monkeypatch, capsys):
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "config.toml").write_text("theme = [")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(config))
    assert run_reader(_args(index=str(tmp_path / "index"))) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"newsdesk: {config / 'config.toml'}: invalid TOML") and err.count("\n") == 1


def test_run_reader_rejects_an_unknown_theme(tmp_path, capsys):
    assert run_reader(_args(index=str(tmp_path / "index"), theme="no-such-theme")) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsdesk: unknown theme 'no-such-theme' (available: ") and "nord" in err
    assert err.count("\n") == 1


def test_run_reader_reports_a_corrupt_index_in_one_line(tmp_path, capsys, seed_index_text, monkeypatch):
    broken = tmp_path / "index"
    shutil.copytree(seed_index_text, broken)
    for toc in broken.rglob("*.toc"):
        toc.write_bytes(b"garbage")
    # The index opens after the first frame, so the app runs (headless here) and then stops.
    monkeypatch.setattr(NewsdeskApp, "run", functools.partialmethod(NewsdeskApp.run, headless=True))
    status = run_reader(_args(index=str(broken)))
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("newsdesk: ") and err.count("\n") == 1
    assert str(broken) in err
