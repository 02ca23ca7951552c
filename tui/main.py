"""The `newsdesk` command: the reader by default, subcommands from `index.cli`.

Textual is imported only when the reader opens, so `newsdesk search` stays quick.
"""
from __future__ import annotations

import os
import sys

from index import cli

READER_FPS = 120


def main(argv: list[str] | None = None) -> int:
    parser = cli.build_parser(prog="newsdesk")
    reader = parser.add_argument_group("reader options (when no command is given)")
    reader.add_argument("--theme", help="Textual theme name, e.g. textual-dark, nord, gruvbox")
    reader.add_argument(
        "--no-seed", action="store_true", help="do not index the shipped seeds into an empty index"
    )
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if getattr(args, "command", None):
        return cli.run(args)
    from index.paths import default_index_dir
    from tui import startup
    from tui.opening import EngineOpening

    startup.hold_collections()  # until the first frame is out (see tui.startup)

    # Textual paints at most MAX_FPS frames a second, on a fixed beat: a change waits for the
    # next beat, 8 ms on average at the default 60. Nothing in the reader animates, so a
    # faster beat costs nothing while idle and answers a keystroke sooner.
    os.environ.setdefault("TEXTUAL_FPS", str(READER_FPS))

    # Opened once the first frame is painted (see tui.opening), not while Textual loads.
    opening = EngineOpening(default_index_dir(getattr(args, "index", None)))
    with startup.without_tls():
        from tui.app import run_reader  # deferred: Textual loads only for the reader

    try:
        return run_reader(args, opening)
    finally:
        startup.release_collections()


if __name__ == "__main__":
    sys.exit(main())
