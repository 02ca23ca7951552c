"""The reader (tui.app) driven by Pilot over the real engine: a few hundred random keys, a
terminal shrunk to 40x12 and back, and articles committed by an indexer while it is open."""
from __future__ import annotations

import random
import subprocess

import pytest
from textual.widgets import Input

from hostile_support import Env, generated_records, write_jsonl
from tui.app import NewsdeskApp
from tui.data.config import ReaderConfig
from tui.data.state import ReadState
from tui.screens.article import ArticleScreen
from tui.screens.search import SearchScreen

# Every key a user might mash, quitting keys (q, ctrl+q, ctrl+c) and the palette left out:
# the point is that the app survives them, not that it obeys "quit".
KEYS = (
    list("abcdefghijklmnoprstuvwxyzN0123456789 -\"*:~()[]")
    + ["slash", "escape", "enter", "tab", "shift+tab", "up", "down", "left", "right",
       "pageup", "pagedown", "home", "end", "backspace", "delete", "question_mark", "f1",
       "left_square_bracket", "right_square_bracket", "G", "C", "ctrl+u", "ctrl+w"]
)


@pytest.fixture(autouse=True)
def _no_blink_no_clipboard(monkeypatch):
    import pyperclip

    monkeypatch.setattr(Input, "cursor_blink", False)

    def no_clipboard(text):
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)


def _app(index_dir, tmp_path) -> NewsdeskApp:
    from index.search import WhooshEngine

    return NewsdeskApp(
        WhooshEngine(index_dir), state=ReadState.load(tmp_path / "state.json"),
        config=ReaderConfig(clipboard="both"), seed=False, index_dir=index_dir,
    )


def _assert_sane(app: NewsdeskApp, step: int, key: str) -> None:
    assert app.is_running, f"the app stopped after key {step} ({key!r})"
    assert app._exception is None, f"key {step} ({key!r}) raised {app._exception!r}"
    stack = app.screen_stack
    assert isinstance(stack[1], SearchScreen), f"key {step}: stack {stack}"
    assert sum(isinstance(s, ArticleScreen) for s in stack) <= 1, f"key {step}: stack {stack}"
    assert len(stack) <= 5, f"key {step}: stack grows: {stack}"


@pytest.mark.parametrize("seed", [2026])
async def test_random_keys_keep_the_reader_alive(seed, seed_index_text, tmp_path):
    rng = random.Random(seed)
    app = _app(seed_index_text, tmp_path)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.press(*"syria")
        await pilot.pause(0.3)
        for step in range(300):
            key = rng.choice(KEYS)
            await pilot.press(key)
            if step % 25 == 0:
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
            _assert_sane(app, step, key)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        _assert_sane(app, 300, "-")
        # and it still works: a fresh search finds something
        app.search_for("syria")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen) and screen.result is not None
        assert screen.result.hits, screen.result
    app.engine.close()


async def test_resize_to_40x12_and_back(seed_index_text, tmp_path):
    from tui.widgets.article_view import ArticleView

    app = _app(seed_index_text, tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.search_for("syria")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ArticleScreen)
        wide = app.screen.query_one(ArticleView).region
        await pilot.resize_terminal(40, 12)
        await pilot.pause(0.2)
        for key in ("j", "space", "G", "e", "right_square_bracket"):
            await pilot.press(key)
        await pilot.pause(0.2)
        assert app.is_running and app._exception is None
        assert app.screen.query_one(ArticleView).region.right <= 40
        await pilot.resize_terminal(120, 36)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(ArticleView).region
        assert view.width >= wide.width - 1 and view.height >= wide.height - 1, (wide, view)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.region.width == 120
    app.engine.close()


async def test_open_reader_sees_articles_indexed_meanwhile(tmp_path):
    env = Env(tmp_path / "user")
    write_jsonl(tmp_path / "first" / "a.jsonl", generated_records(10, "early"))
    assert env.run("index", str(tmp_path / "first"), "--no-extract").returncode == 0
    app = _app(env.index, tmp_path)
    async with app.run_test(size=(110, 32)) as pilot:
        app.search_for("earlyword1")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        assert app.screen.result.total == 1
        write_jsonl(tmp_path / "second" / "b.jsonl", generated_records(10, "late"))
        done = subprocess.run(env.command("index", str(tmp_path / "second"), "--no-extract"),
                              env=env.vars(), capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode()
        app.search_for("lateword4")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = app.screen.result
        assert result is not None and result.total == 1, "the open reader does not see new articles"
        assert app.article_count == 20
    app.engine.close()
