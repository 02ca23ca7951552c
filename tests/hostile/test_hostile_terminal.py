"""The reader in a real terminal (tmux) under hostile conditions: TERM=dumb and NO_COLOR, the
window shrunk to 40x12 and grown back, and no clipboard mechanism at all (no pyperclip
backend on this headless machine, tmux with set-clipboard off so OSC 52 goes nowhere)."""
from __future__ import annotations

import time

import pytest

from hostile_support import Env, Tmux, generated_records, have_tmux, index_unsanitized, quoted_record

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(not have_tmux(), reason="tmux is not installed"),
]


@pytest.fixture(scope="module")
def term_index(tmp_path_factory):
    """A small clean index (one article with a stored quote) shared by the tests here."""
    root = tmp_path_factory.mktemp("hostile_terminal")
    index_dir = root / "index"
    index_unsanitized(index_dir, [quoted_record(), *generated_records(8, "term")])
    return index_dir


def _env(tmp_path, term_index, config: str | None = None) -> Env:
    env = Env(tmp_path / "user")
    env.root.mkdir(parents=True, exist_ok=True)
    (env.root / "index").symlink_to(term_index, target_is_directory=True)
    if config is not None:
        (env.root / "config").mkdir()
        (env.root / "config" / "config.toml").write_text(config)
    return env


def _start(tmp_path, env: Env, **extra: str) -> Tmux:
    variables = env.vars(**{"TERM": "xterm-256color", **extra})
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):  # no system clipboard, whatever the host has
        variables.pop(name, None)
    term = Tmux(tmp_path, env.command("--no-seed"), variables)
    term._tmux("set-option", "-g", "set-clipboard", "off")
    return term


def test_term_dumb_and_no_color_still_usable(tmp_path, term_index):
    env = _env(tmp_path, term_index)
    term = _start(tmp_path, env, TERM="dumb", NO_COLOR="1")
    try:
        term.wait_for("articles", timeout=60)
        term.type("termword5")
        term.wait_for("Term report 5", timeout=30)
        term.send("Enter")
        term.wait_for("written for termword5", timeout=30)  # the article body is shown
        assert not term.dead()
    finally:
        term.close()


def test_resize_to_40x12_and_back(tmp_path, term_index):
    env = _env(tmp_path, term_index)
    term = _start(tmp_path, env)
    try:
        term.wait_for("articles", timeout=60)
        term.type("termword3")
        term.wait_for("Term report 3", timeout=30)
        term.resize(40, 12)
        time.sleep(1.0)
        small = term.screen()
        assert not term.dead(), small
        assert max(len(line) for line in small.splitlines()) <= 40
        term.send("Enter")  # open the article while tiny
        time.sleep(1.0)
        assert not term.dead()
        term.resize(120, 35)
        screen = term.wait_for("written for termword3", timeout=30)
        assert not term.dead()
        # the layout uses the full width again: the footer row reaches the right edge
        assert any(len(line.rstrip()) > 100 for line in screen.splitlines()), screen
        term.send("Escape")
        screen = term.wait_for("1 hit ·", timeout=30)  # back on the search screen
        assert "Term report 3" in screen
    finally:
        term.close()


@pytest.mark.parametrize("mode", ["pyperclip", "both"])
def test_copy_without_any_clipboard(tmp_path, term_index, mode):
    env = _env(tmp_path, term_index, config=f'clipboard = "{mode}"\n')
    term = _start(tmp_path, env)
    try:
        term.wait_for("articles", timeout=60)
        term.type("quotevillian")
        term.wait_for("Port Quoteville mayor", timeout=30)
        term.send("Enter")
        term.wait_for("We will rebuild the harbour wall", timeout=30)
        term.send("c")
        expected = "could not copy quote" if mode == "pyperclip" else "copied quote via OSC 52"
        screen = term.wait_for(expected, timeout=15)
        assert "Traceback" not in screen
        time.sleep(0.5)
        assert not term.dead()
        term.send("C")  # the citation too
        time.sleep(0.5)
        assert not term.dead()
        assert "We will rebuild the harbour wall" in term.screen()
    finally:
        term.close()
