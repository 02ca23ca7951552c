"""The reader's files and pure helpers: config, read state, clippings, clipboard, labels."""
from __future__ import annotations

import json
import os

import pytest

from index.models import Article
from tui.clipboard import copy_text
from tui.data.clippings import citation, save_clipping
from tui.data.config import ConfigError, load_config
from tui.data.state import ReadState
from textual.content import Content

from tui.render import BodySpans, number_label, quote_label, snippet_content


def test_config_reads_theme_clipboard_and_keys(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\nclipboard = "osc52"\n[keys]\n"article.copy_quote" = "y"\n')
    config = load_config(path)
    assert (config.theme, config.clipboard, config.keys) == ("nord", "osc52", {"article.copy_quote": "y"})


def test_missing_config_gives_defaults(tmp_path):
    config = load_config(tmp_path / "absent.toml")
    assert (config.theme, config.clipboard, config.keys) == (None, "both", {})


@pytest.mark.parametrize(
    "text, reason",
    [
        ("theme = ", "invalid TOML"),
        ('clipboard = "fax"', "'clipboard' must be one of osc52, pyperclip, both"),
        ("colour = 1", "unknown setting 'colour'"),
        ("theme = 3", "'theme' must be a string"),
        ('[keys]\n"app.quit" = 1', "[keys] must map binding ids"),
    ],
)
def test_bad_config_is_one_line_naming_the_file(tmp_path, text, reason):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(str(path)) and reason in message and "\\n" not in message


def test_state_round_trips_and_writes_atomically(tmp_path):
    path = tmp_path / "d" / "state.json"
    state = ReadState.load(path)
    state.mark_read("a")
    state.toggle_star("b")
    state.remember_query("syria")
    state.remember_query("bread")
    state.remember_query("syria")
    state.last_article = "a"
    state.save()
    assert sorted(os.listdir(path.parent)) == ["state.json"]  # no temp file left behind
    again = ReadState.load(path)
    assert again.read == {"a"} and again.starred == {"b"} and again.last_article == "a"
    assert again.history == ["bread", "syria"] and again.last_query == "syria"


def test_unreadable_state_is_set_aside_not_fatal(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json")
    state = ReadState.load(path)
    assert state.read == set() and state.problem.startswith(str(path))


def test_state_write_failure_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    state = ReadState.load(path)
    state.mark_read("a")
    state.save()

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    state.mark_read("b")
    with pytest.raises(OSError):
        state.save()
    assert json.loads(path.read_text())["read"] == ["a"]
    assert sorted(os.listdir(tmp_path)) == ["state.json"]


ARTICLE = Article(title="T", body="b", date="2019-02-21", source="AFP", url="https://x.test/a", id="i")


def test_citation_and_clippings_file(tmp_path):
    quote = {"text": "We will win,", "speaker": "Ann Lee"}
    assert citation(quote, ARTICLE) == "\u201cWe will win,\u201d \u2014 Ann Lee, AFP, 2019-02-21\nhttps://x.test/a"
    no_url = Article(title="T", body="b", source="AFP", id="j")
    assert citation({"text": "x"}, no_url) == "\u201cx\u201d \u2014 AFP"
    path = save_clipping(quote, ARTICLE, tmp_path / "clippings.md")
    save_clipping({"text": "Second", "speaker": None}, ARTICLE, path)
    text = path.read_text()
    assert text.startswith("# newsdesk clippings\n\n> We will win,\n>\n> \u2014 Ann Lee, AFP, 2019-02-21\n")
    assert text.count("[T](https://x.test/a)") == 2 and "> Second\n>\n> \u2014 AFP, 2019-02-21" in text


class FakeApp:
    def __init__(self):
        self.clipboard = None

    def copy_to_clipboard(self, text):
        self.clipboard = text


def test_copy_modes_and_failures(monkeypatch):
    import pyperclip

    copied = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    app = FakeApp()
    assert copy_text(app, "q", "quote", "both") == ("copied quote via OSC 52 (terminal) + system clipboard", True)
    assert app.clipboard == "q" and copied == ["q"]
    app = FakeApp()
    assert copy_text(app, "q", "quote", "pyperclip") == ("copied quote via system clipboard", True)
    assert app.clipboard is None

    def broken(text):
        raise pyperclip.PyperclipException("no clipboard mechanism")

    monkeypatch.setattr(pyperclip, "copy", broken)
    assert copy_text(FakeApp(), "q", "quote", "both") == ("copied quote via OSC 52 (terminal)", True)
    assert copy_text(FakeApp(), "q", "quote", "pyperclip") == ("could not copy quote: no clipboard mechanism", False)


@pytest.mark.parametrize(
    "number, label",
    [
        ({"text": "at least 17 trucks", "value": 17, "unit": None, "qualifier": "at least", "counted": "trucks"}, "\u226517 trucks"),
        ({"text": "$16 a kilo", "value": 16, "unit": "USD/kg", "kind": "money", "counted": "bread"}, "$16/kg bread"),
        ({"text": "more than 2,500 children", "value": 2500, "qualifier": "more than", "counted": "children"}, ">2,500 children"),
        ({"text": "half a square kilometre", "value": 0.5, "unit": "km2", "qualifier": "less than"}, "<0.5 km\u00b2"),
        ({"text": "15", "value": 15, "unit": "years", "kind": "age"}, "15 years old"),
        ({"text": "third child", "value": 3, "kind": "ordinal", "counted": "child"}, "3rd child"),
        ({"text": "a dozen", "value": None}, "a dozen"),
    ],
)
def test_number_labels(number, label):
    assert number_label(number) == label


def test_quote_label_cuts_at_a_word():
    label = quote_label({"speaker": "Ann", "text": "one two three four five six seven"}, width=15)
    assert label == "Ann \u2014 one two three\u2026"
    assert quote_label({"speaker": None, "text": "hi"}) == "unattributed \u2014 hi"


def paragraph_content(body, para, spans):
    return Content(body[para[0]:para[1]], spans.for_range(*para))


def test_spans_are_cut_to_a_range_and_shifted():
    body = "First line here.\n\nSecond [b]line[/b] here."
    paras = [(0, 16), (18, len(body))]
    spans = BodySpans([(6, 28, "red")], [(6, 10)], show_entities=True, selected=(25, 32))
    first = paragraph_content(body, paras[0], spans)
    second = paragraph_content(body, paras[1], spans)
    assert [(first.plain[s.start:s.end], s.style) for s in first.spans] == [
        ("line here.", "red"), ("line", "bold reverse")]
    assert [(second.plain[s.start:s.end], s.style) for s in second.spans] == [
        ("Second [b]", "red"), ("[b]line", "bold underline on $accent 35%")]
    spans.show_entities = False
    assert [s.style for s in paragraph_content(body, paras[0], spans).spans] == ["bold reverse"]
    assert second.plain == "Second [b]line[/b] here."  # markup-like text stays text


def test_snippet_highlights_ignore_bad_offsets():
    content = snippet_content("abc def", [(0, 3), (5, 99), (4, 4)])
    assert [(s.start, s.end) for s in content.spans] == [(0, 3)]


def test_the_reader_never_imports_spacy_or_extraction():
    import subprocess
    import sys

    code = "import sys, tui.main, tui.app, index.search; print(sorted(m for m in sys.modules if m.split('.')[0] == 'spacy' or m.startswith('index.extract')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
