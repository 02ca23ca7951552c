"""Terminal and markup injection: article text carrying Rich/Textual markup, ANSI/OSC escape
sequences, a bell and bidi overrides must be inert (or stripped on ingest) in the reader, in
`newsdesk show` and in `newsdesk search` (plain and --json).

The reader runs in a real terminal (tmux): every byte it writes is captured with
`pipe-pane`, and the article payloads are searched for in those bytes; `capture-pane` shows
what the user sees.
"""
from __future__ import annotations

import json
import re
import time

import pytest

from hostile_support import (
    MARKUP_BOLD,
    MARKUP_CLICK,
    MARKUP_LINK,
    Env,
    Tmux,
    forbidden_hits,
    generated_records,
    have_tmux,
    hostile_records,
    index_unsanitized,
    write_jsonl,
)

# Control characters that must never come out of article text on the CLI.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
_OSC8_PAYLOAD = re.compile(rb"\x1b\]8;[^\x07\x1b]*;(?:file:|http://x)")


@pytest.fixture(scope="module")
def hostile_env(tmp_path_factory) -> Env:
    """An index (built with the real CLI) holding the hostile articles and a few ordinary ones."""
    root = tmp_path_factory.mktemp("hostile_injection")
    env = Env(root)
    source = root / "articles"
    write_jsonl(source / "hostile.jsonl", hostile_records())
    write_jsonl(source / "plain.jsonl", generated_records(6, "plain"))
    done = env.run("index", str(source), "--no-extract")
    assert done.returncode == 0, done.stderr.decode()
    return env


def _ids(env: Env, query: str) -> list[str]:
    done = env.run("search", query, "--json")
    assert done.returncode == 0, done.stderr.decode()
    return [json.loads(line)["id"] for line in done.stdout.decode().splitlines()]


# --- CLI ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["quuxmarkup", "quuxescape"])
def test_search_output_is_inert(hostile_env, query):
    plain = hostile_env.run("search", query)
    as_json = hostile_env.run("search", query, "--json")
    for done in (plain, as_json):
        assert done.returncode == 0, done.stderr.decode()
        assert not _CONTROL_BYTES.search(done.stdout.replace(b"\n", b"").replace(b"\t", b"")), done.stdout
        assert not _CONTROL_BYTES.search(done.stderr.replace(b"\n", b"")), done.stderr
        assert forbidden_hits(done.stdout) == []
    if query == "quuxmarkup":  # markup is shown as the literal text it is
        assert MARKUP_BOLD.encode() in plain.stdout and MARKUP_CLICK.encode() in plain.stdout
    hits = [json.loads(line) for line in as_json.stdout.decode().splitlines()]
    assert len(hits) == 1
    assert "\x1b" not in hits[0]["title"] and "\u202e" not in hits[0]["source"]


@pytest.mark.parametrize("query", ["quuxmarkup", "quuxescape"])
def test_show_output_is_inert(hostile_env, query):
    (article_id,) = _ids(hostile_env, query)
    plain = hostile_env.run("show", article_id)
    as_json = hostile_env.run("show", article_id, "--json")
    for done in (plain, as_json):
        assert done.returncode == 0, done.stderr.decode()
        assert not _CONTROL_BYTES.search(done.stdout.replace(b"\n", b"").replace(b"\t", b"")), done.stdout
        assert forbidden_hits(done.stdout) == []
    record = json.loads(as_json.stdout)
    for text in (record["title"], record["body"], record["source"]):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text), text
    if query == "quuxmarkup":
        for literal in (MARKUP_BOLD, MARKUP_CLICK, MARKUP_LINK):
            assert literal in record["body"] and literal.encode() in plain.stdout
    else:  # the escape sequences went whole, the words around them stayed
        assert "Clear ZQX then clipboard  then link linked then BELLMARK then bidi desrever" in record["body"]


# --- the reader in a real terminal -------------------------------------------------------------


def _sgr_click(x: int, y: int) -> str:
    """An SGR mouse press + release at 0-based cell (x, y), as a terminal sends it."""
    return f"\x1b[<0;{x + 1};{y + 1}M\x1b[<0;{x + 1};{y + 1}m"


def _open(term: Tmux, query: str, title: str, expect: str) -> str:
    term.send("/")  # back to the search screen, focus in the query box
    term.wait_for(" ms", timeout=30)  # the result count line: "N hit(s) · T ms"
    term.send("C-u")
    term.wait_for("type to search", timeout=30)  # the box is empty now
    term.type(query)
    term.wait_for(title, timeout=30)  # this query's hit, not the previous one's
    term.send("Enter")
    return term.wait_for(expect, timeout=30)


@pytest.mark.tmux
@pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")
def test_reader_shows_markup_literally_and_emits_no_payload(hostile_env, tmp_path):
    term = Tmux(tmp_path, hostile_env.command("--no-seed"), hostile_env.vars(TERM="xterm-256color"))
    try:
        term.wait_for("articles", timeout=60)
        # search results: the title's markup is literal text
        term.type("quuxmarkup")
        screen = term.wait_for("1 hit ·", timeout=30)
        assert MARKUP_BOLD in screen, screen
        # the article, opened with a mouse click on the hit (which proves clicks get through)
        y = next(n for n, line in enumerate(screen.splitlines()) if "Markup title" in line)
        term.type(_sgr_click(10, y))
        screen = term.wait_for("The body holds markup", timeout=30)
        flat = screen.replace("\n", "")
        for literal in (MARKUP_BOLD, MARKUP_CLICK, "[link=file:///etc/passwd]"):
            assert literal in flat, screen
        # click right on the [@click=app.quit] text: nothing happens, the app stays up
        for y, line in enumerate(screen.splitlines()):
            x = line.find("[@click=app.quit]")
            if x >= 0:
                term.type(_sgr_click(x + 3, y))
                break
        time.sleep(1.0)
        assert not term.dead(), "the reader quit after a click on article markup"
        assert "The body holds markup" in term.screen()
        # the escape-laden article: its words show, its sequences do not run
        screen = _open(term, "quuxescape", "Escape title", "BELLMARK")
        assert "ZQX" in screen and "desrever" in screen
        time.sleep(0.5)
        assert not term.dead()
        term.send("q")
        deadline = time.monotonic() + 15
        while not term.dead() and time.monotonic() < deadline:
            time.sleep(0.2)
        raw = term.raw()
    finally:
        term.close()
    assert raw, "pipe-pane captured nothing"
    assert forbidden_hits(raw) == []
    assert b"\x1b]52;" not in raw, "something wrote the clipboard"
    assert not _OSC8_PAYLOAD.search(raw), "an article link reached the terminal"


@pytest.mark.tmux
@pytest.mark.skipif(not have_tmux(), reason="tmux is not installed")
def test_reader_is_inert_even_for_an_index_that_skipped_cleaning(tmp_path):
    """Defence in depth: an index written without ingest's cleaning (an older or foreign
    writer) still must not let article bytes drive the terminal. The CLI's output is already
    filtered (`index.cli.plain`); the reader must filter what it draws as well."""
    env = Env(tmp_path / "user")
    index_unsanitized(env.index, hostile_records() + generated_records(3, "plain"))
    done = env.run("search", "quuxescape")
    assert done.returncode == 0 and not _CONTROL_BYTES.search(done.stdout.replace(b"\n", b""))
    term = Tmux(tmp_path, env.command("--no-seed"), env.vars(TERM="xterm-256color"))
    try:
        term.wait_for("articles", timeout=60)
        term.type("quuxescape")
        seen = term.wait_raw(b"Escape title", timeout=30)  # the hit is drawn
        time.sleep(0.5)
        term.send("Enter")
        term.wait_raw(b"BELLMARK", timeout=30, after=seen)  # the article is drawn
        time.sleep(0.5)
        term.send("q")
        deadline = time.monotonic() + 15
        while not term.dead() and time.monotonic() < deadline:
            time.sleep(0.2)
        raw = term.raw()
    finally:
        term.close()
    assert forbidden_hits(raw) == [], "article escape sequences reached the terminal"
    assert b"\x1b]52;" not in raw
