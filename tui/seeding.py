"""Filling an empty index with the shipped seeds, in subprocesses.

Never in-process: forking from a threaded app is unsafe, and the reader must not import
spaCy. Two phases, like `newsdesk index --no-extract` + `newsdesk enrich`: the seeds are
searchable within seconds, entities/numbers/quotes follow when extraction finishes.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def seed_commands(seeds: Path) -> list[tuple[str, list[str]]]:
    cli = [sys.executable, "-m", "tui.main"]
    return [
        ("index", [*cli, "index", str(seeds), "--no-extract"]),
        ("enrich", [*cli, "enrich"]),
    ]


def run_step(index_dir: Path, command: list[str], timeout: float = 1800) -> str | None:
    """Run one CLI step against `index_dir`; None on success, else a one-line reason."""
    env = {**os.environ, "NEWSDESK_INDEX": str(index_dir)}
    try:
        done = subprocess.run(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"`{' '.join(command[3:])}` failed: {exc}"
    if done.returncode != 0:
        lines = [line for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        return lines[-1] if lines else f"`{' '.join(command[3:])}` failed (exit {done.returncode})"
    return None
