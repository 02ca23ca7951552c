"""Helpers for the hostile-input suite: the CLI as a user runs it, generated corpora, and a
real terminal (tmux) around the reader.

Everything here drives the product from outside: `python -m tui.main ...` subprocesses with
NEWSDESK_DATA / NEWSDESK_CONFIG / NEWSDESK_INDEX pointing at temporary folders.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

# Payloads an article may carry; none of them may reach the terminal as a live sequence.
CLEAR_SCREEN = "\x1b[2J"
OSC52_CLIPBOARD = "\x1b]52;c;SGVsbG8=\x07"
OSC8_LINK = "\x1b]8;;http://x\x1b\\"
BELL = "\x07"
RLO = "\u202e"
MARKUP_BOLD = "[bold red]x[/]"
MARKUP_LINK = "[link=file:///etc/passwd]click[/]"
MARKUP_CLICK = "[@click=app.quit]x[/]"

def forbidden_hits(captured: bytes) -> list[bytes]:
    """Article payloads found in terminal output. Textual may clear the screen itself, so the
    clear-screen payload is written as CSI 2J directly followed by the marker "ZQX" in the
    articles, and only that combination counts. A payload is dangerous only with its
    introducer (ESC, or the 8-bit C1 OSC): shown as plain text after a stand-in it is inert."""
    payloads = (b"\x1b]52;c;SGVsbG8", b"\xc2\x9d52;c;SGVsbG8", b"\x1b]8;;http://x", b"\xe2\x80\xae")
    found = [p for p in payloads if p in captured]
    if b"\x1b[2JZQX" in captured:
        found.append(b"\x1b[2JZQX")
    # A bell that comes from article text sits right after the marker word.
    if b"BELLMARK\x07" in captured:
        found.append(b"BELLMARK\x07")
    return found


def hostile_records() -> list[dict]:
    """Articles whose titles and bodies carry markup, escape sequences, a bell and bidi
    overrides. Each has a unique searchable word so a test can find it."""
    return [
        {
            "title": f"Markup title {MARKUP_BOLD} {MARKUP_CLICK} {MARKUP_LINK} quuxmarkup",
            "body": (
                f"The body holds markup {MARKUP_BOLD} and {MARKUP_CLICK} and {MARKUP_LINK}.\n\n"
                "A second paragraph about quuxmarkup prices in the market."
            ),
            "source": "[i]Hostile Wire[/i]",
            "date": "2021-03-04",
        },
        {
            "title": f"Escape title {CLEAR_SCREEN}ZQX {OSC52_CLIPBOARD} quuxescape",
            "body": (
                f"Clear {CLEAR_SCREEN}ZQX then clipboard {OSC52_CLIPBOARD} then link "
                f"{OSC8_LINK}linked{OSC8_LINK} then BELLMARK{BELL} then bidi {RLO}desrever.\n\n"
                "More quuxescape text so the article has a body."
            ),
            "source": f"Wire {RLO}evil",
            "date": "2021-03-05",
        },
    ]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def generated_records(n: int, tag: str = "gen", start: int = 0) -> list[dict]:
    """`n` distinct small articles; article k contains the word f"{tag}word{k}"."""
    words = ("harbour", "council", "budget", "railway", "festival", "drought", "vaccine", "election")
    out = []
    for k in range(start, start + n):
        w1, w2 = words[k % len(words)], words[(k // len(words)) % len(words)]
        out.append({
            "title": f"{tag.title()} report {k}: {w1} and {w2}",
            "body": (
                f"Article {k} about the {w1} in the town, written for {tag}word{k}. "
                f"Officials said the {w2} would be discussed on Monday.\n\n"
                f"A second paragraph with more detail on item {k} and the {w1}."
            ),
            "source": f"{tag} wire",
            "date": f"20{10 + k % 12:02d}-{1 + k % 12:02d}-{1 + k % 28:02d}",
        })
    return out


@dataclass
class Env:
    """Private NEWSDESK_* folders for one user of the CLI."""

    root: Path

    @property
    def index(self) -> Path:
        return self.root / "index"

    def vars(self, **extra: str) -> dict[str, str]:
        env = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("NEWSDESK_", "PYTEST_", "TMUX"))
        }
        env.update(
            NEWSDESK_DATA=str(self.root / "data"),
            NEWSDESK_CONFIG=str(self.root / "config"),
            NEWSDESK_INDEX=str(self.index),
            PYTHONPATH=str(REPO),
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update(extra)
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tui.main", *args]

    def run(self, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args), env=self.vars(**extra), cwd=REPO, stdin=subprocess.DEVNULL,
            capture_output=True, timeout=timeout,
        )

    def popen(self, *args: str, **extra: str) -> subprocess.Popen:
        return subprocess.Popen(
            self.command(*args), env=self.vars(**extra), cwd=REPO, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )


def assert_one_line_error(stderr: bytes | str, *must_contain: str) -> str:
    """stderr holds no traceback; returns it decoded. Each `must_contain` is in one line."""
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback" not in text, text
    for needle in must_contain:
        lines = [line for line in text.splitlines() if needle in line]
        assert lines, f"{needle!r} not in stderr:\n{text}"
    return text


def doc_ids_in_whoosh(index_dir: Path) -> set[str]:
    """Ids of the documents committed to the Whoosh index (read directly, no product code)."""
    from whoosh import index as windex

    ix = windex.open_dir(str(index_dir / "whoosh"))
    with ix.searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


# --- tmux ------------------------------------------------------------------------------------


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


class Tmux:
    """One detached tmux session on a private server socket, running one command.

    `raw` collects every byte the program writes to its terminal (pipe-pane), so a test can
    look for escape sequences; `screen()` is what a user sees (capture-pane).
    """

    def __init__(self, workdir: Path, command: list[str], env: dict[str, str],
                 width: int = 120, height: int = 35) -> None:
        self.socket = f"nd-hostile-{uuid.uuid4().hex[:10]}"
        self.raw_path = workdir / f"{self.socket}.raw"
        self.raw_path.write_bytes(b"")
        self.env = env
        script = workdir / f"{self.socket}.sh"
        exports = "".join(f"export {k}={_sh(v)}\n" for k, v in env.items())
        script.write_text(
            "#!/bin/sh\n" + exports + "cd " + _sh(str(REPO)) + "\n"
            + "exec " + " ".join(_sh(c) for c in command) + "\n"
        )
        script.chmod(0o755)
        self._tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width), "-y", str(height),
                   "-s", "main", "sh", str(script))
        self._tmux("set-option", "-t", "main", "remain-on-exit", "on")
        self._tmux("pipe-pane", "-o", "-t", "main", f"cat >> {_sh(str(self.raw_path))}")

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        term = self.env.get("TERM", "xterm-256color")
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check,
            env={**os.environ, "TERM": term}, timeout=30,
        )

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "main", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "main", "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "main").stdout

    def raw(self) -> bytes:
        return self.raw_path.read_bytes()

    def dead(self) -> bool:
        out = self._tmux("display-message", "-p", "-t", "main", "#{pane_dead}", check=False)
        return out.stdout.strip() == "1"

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    def wait_for(self, needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if needle in text:
                return text
            if self.dead():
                break
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared on screen; last screen:\n{text}")

    def wait_raw(self, needle: bytes, timeout: float = 30.0, after: int = 0) -> int:
        """Wait until the terminal has been sent `needle` (at or past byte `after`); returns
        the captured length then."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            raw = self.raw()
            if needle in raw[after:]:
                return len(raw)
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} was never written to the terminal")

    def close(self) -> None:
        self._tmux("kill-server", check=False)


def _sh(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def index_unsanitized(index_dir: Path, records: list[dict]) -> list[str]:
    """Write articles straight into an index, bypassing ingest and its cleaning: what an index
    written by an older or foreign tool could hold. Returns their ids."""
    from index import store
    from index.docstore import DocStore
    from index.models import Article
    from index.schema import to_document

    store.create(index_dir)
    articles = [Article(**rec) for rec in records]
    docs = DocStore(index_dir / store.DOCSTORE_FILE)
    ix = store.open_whoosh(index_dir)
    try:
        docs.put_many(articles)
        writer = ix.writer()
        for article in articles:
            writer.add_document(**to_document(article))
        writer.commit()
    finally:
        docs.close()
        ix.close()
    return [a.id for a in articles]


def quoted_record() -> dict:
    """A clean article with one stored quote (as extraction would store it), for copying."""
    quote = "We will rebuild the harbour wall before winter,"
    body = (
        f"\u201c{quote}\u201d said Mayor Ada Quilt of Port Quoteville on Monday.\n\n"
        "The council approved the quotevillian budget after a long debate."
    )
    start = body.index(quote)
    return {
        "title": "Port Quoteville mayor promises harbour wall",
        "body": body,
        "source": "Quote Wire",
        "date": "2022-01-10",
        "extraction": {
            "entities": [],
            "numbers": [],
            "quotes": [{
                "text": quote, "speaker": "Ada Quilt", "speaker_role": "Mayor", "partial": False,
                "start": start, "end": start + len(quote), "sentence": 0,
            }],
        },
    }
