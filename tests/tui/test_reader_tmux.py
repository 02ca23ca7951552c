"""The real reader in a real terminal: tmux runs `python -m tui.main`, we type and look.

Copying goes through OSC 52 into tmux's paste buffer (set-clipboard on), exactly the way
it works over SSH.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

REPO = Path(__file__).resolve().parents[2]


class Tmux:
    def __init__(self) -> None:
        self.socket = f"newsdesk-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def __call__(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=20)
        assert done.returncode == 0, f"tmux {args[0]} failed: {done.stderr.strip()}"
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "reader")

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


def test_type_open_select_and_copy_a_quote_in_tmux(seed_index, tmp_path):
    from index.search import WhooshEngine

    with WhooshEngine(seed_index) as engine:
        hit = engine.search("civilians baghouz", limit=1).hits[0]
        article = engine.get(hit.id)
    quotes = sorted(article.extraction["quotes"], key=lambda q: q["start"])
    expected = quotes[1]["text"]  # Tab selects the first quote, j moves to the second

    tmux = Tmux()
    command = f"cd {REPO} && exec {sys.executable} -m tui.main --index {seed_index} --no-seed"
    try:
        tmux("new-session", "-d", "-s", "reader", "-x", "100", "-y", "30",
             "-e", f"NEWSDESK_DATA={tmp_path / 'data'}", "-e", f"NEWSDESK_CONFIG={tmp_path / 'config'}",
             command)
        tmux("set-option", "-s", "set-clipboard", "on")
        tmux.wait_for("type to search")
        tmux("send-keys", "-t", "reader", "-l", "civilians baghouz")
        results = tmux.wait_for("1 hit ·")
        assert hit.title in results
        tmux("send-keys", "-t", "reader", "Enter")
        tmux.wait_for(f"Quotes {len(quotes)}")
        article_screen = tmux.wait_for("esc Back")  # the article screen's footer
        assert hit.title in article_screen
        tmux("send-keys", "-t", "reader", "Tab")
        time.sleep(0.5)
        tmux("send-keys", "-t", "reader", "j")
        time.sleep(0.5)
        tmux("send-keys", "-t", "reader", "c")
        copied = tmux.wait_for("copied quote via OSC 52")
        assert tmux("show-buffer") == expected
        assert expected.split()[0] in copied  # the selected quote is on screen
        tmux("send-keys", "-t", "reader", "q")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if "reader" not in subprocess.run(["tmux", "-L", tmux.socket, "ls"], capture_output=True, text=True).stdout:
                break
            time.sleep(0.2)
        else:
            raise AssertionError("q did not quit the reader")
    finally:
        tmux.kill()
    state = (tmp_path / "data" / "reader-state.json").read_text()
    assert hit.id in state  # the opened article was marked read on disk
