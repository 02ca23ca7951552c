"""The `newsdesk` subcommands: index, search, show, extract, enrich.

`build_parser(prog)` builds the argparse tree (tui.main adds the reader's own options);
`run(args)` executes a parsed command and returns the exit code: 0 success, 1 failure,
2 usage. Every error is one line on stderr; article text is printed as plain text with
control characters removed, never as markup.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any, Callable

from index.errors import NewsdeskError
from index.paths import default_index_dir

EPILOG = """\
examples:
  newsdesk                                open the reader (indexes the shipped seeds if empty)
  newsdesk index ~/news/                  index every article file under a folder
  newsdesk search 'baghouz'               search from the shell
  newsdesk search 'person:"Paul Bradley" date:2019' --json
  newsdesk show 1a2b3c4d5e6f7a8b          print one article
  newsdesk extract article.txt --json     entities, numbers and quotes, no index needed

The index lives in the user data dir; --index DIR or NEWSDESK_INDEX=DIR selects another.
"""

QUERY_HELP = """\
query syntax:
  syria baghouz            both words (AND is the default)
  syria OR iraq            either word;  syria NOT iraq  excludes
  "asylum seekers"         a phrase
  title:robotics  source:afp  tag:syria  person:"Paul Bradley"  org:sdf  place:baghouz
  date:2015  date:2019-03  date:[2019-01 to 2019-03]
  syr*                     prefix (3+ letters before *);  baghous~  fuzzy (~2: two edits)
"""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain(text: Any) -> str:
    """Article text made safe for a terminal: no escape or control characters."""
    return _CONTROL.sub("", "" if text is None else str(text))


def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.RawDescriptionHelpFormatter(prog, max_help_position=32)


def build_parser(prog: str = "newsdesk") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A keyboard-driven terminal reader for news articles.",
        epilog=EPILOG,
        formatter_class=_formatter,
    )
    parser.add_argument("--index", metavar="DIR", help="index directory (default: $NEWSDESK_INDEX or the user data dir)")
    # SUPPRESS: a subcommand's --index only overrides the global one when given.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index", metavar="DIR", default=argparse.SUPPRESS, help="index directory")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "index", parents=[common], formatter_class=_formatter,
        help="add files and folders to the index",
        description="Index article files (text, Markdown, HTML, JSON, JSON Lines, RSS/Atom). "
        "Unchanged files are skipped; entities, numbers and quotes are extracted after the "
        "text is searchable.",
        epilog="examples:\n  newsdesk index seeds/\n  newsdesk index ~/news/ --no-extract\n"
        "  newsdesk index --rebuild            re-index every file recorded in the index\n",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (searched recursively)")
    p.add_argument("--no-extract", action="store_true", help="skip extraction (run `newsdesk enrich` later)")
    p.add_argument("--rebuild", action="store_true", help="wipe the index and index the paths again")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser(
        "search", parents=[common], formatter_class=_formatter,
        help="search the index", description="Search the index and print the best matches.",
        epilog=QUERY_HELP + "\nexamples:\n  newsdesk search baghouz\n"
        "  newsdesk search 'date:2015 asylum' --sort date --json\n",
    )
    p.add_argument("query", nargs="+", help="the query (several words are joined)")
    p.add_argument("--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)")
    p.add_argument("--sort", choices=("score", "date"), default="score", help="order (default score)")
    p.add_argument("--json", action="store_true", help="JSON Lines, one hit per line")

    p = sub.add_parser(
        "show", parents=[common], formatter_class=_formatter,
        help="print one article", description="Print an article by id (ids come from search).",
        epilog="examples:\n  newsdesk show 1a2b3c4d5e6f7a8b\n  newsdesk show 1a2b3c4d5e6f7a8b --json\n",
    )
    p.add_argument("id", help="article id")
    p.add_argument("--json", action="store_true", help="the whole record, with extraction")

    p = sub.add_parser(
        "extract", parents=[common], formatter_class=_formatter,
        help="extract entities, numbers and quotes (no index)",
        description="Read files and print what extraction finds in each article; the index "
        "is not used.",
        epilog="examples:\n  newsdesk extract article.txt\n  newsdesk extract news.jsonl --json\n",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--json", action="store_true", help="one JSON object per article")

    p = sub.add_parser(
        "enrich", parents=[common], formatter_class=_formatter,
        help="run extraction for articles indexed with --no-extract",
        description="Extract entities, numbers and quotes for every article that lacks them.",
        epilog="example:\n  newsdesk enrich\n",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run(args: argparse.Namespace) -> int:
    commands: dict[str, Callable[[argparse.Namespace], int]] = {
        "index": cmd_index,
        "search": cmd_search,
        "show": cmd_show,
        "extract": cmd_extract,
        "enrich": cmd_enrich,
    }
    try:
        return commands[args.command](args)
    except NewsdeskError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # `newsdesk search x | head`
        sys.stderr.close()
        return 0


def _error(message: str) -> None:
    print(f"newsdesk: {plain(message)}", file=sys.stderr)


def _index_dir(args: argparse.Namespace):
    return default_index_dir(getattr(args, "index", None))


def _emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


# -- index / enrich -------------------------------------------------------------------------


REFRESH_PER_SECOND = 3  # Rich's default, 10, costs the indexing process CPU for nothing


class _Progress:
    """A Rich progress bar on a terminal's stderr; nothing otherwise."""

    def __init__(self) -> None:
        self.bar = None
        self.tasks: dict[str, Any] = {}
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(),
                TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                refresh_per_second=REFRESH_PER_SECOND,
            )

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.bar is None:
            return
        if phase not in self.tasks:
            self.tasks[phase] = self.bar.add_task(phase, total=total)
        self.bar.update(self.tasks[phase], completed=done, total=total)

    def __enter__(self) -> "_Progress":
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _report(report, as_json: bool) -> int:
    for err in report.errors:
        print(plain(err), file=sys.stderr)
    if report.enrich_error:
        _error(report.enrich_error)
    if as_json:
        _emit_json(report.to_json())
    else:
        print(report.summary())
    return 0 if report.ok else 1


def cmd_index(args: argparse.Namespace) -> int:
    from index.indexer import index_paths

    if not args.paths and not args.rebuild:
        _error("index: give files or folders to index, e.g. `newsdesk index seeds/`")
        return 2
    with _Progress() as progress:
        report = index_paths(
            _index_dir(args), args.paths, extract=not args.no_extract, rebuild=args.rebuild,
            progress=progress,
        )
    return _report(report, args.json)


def cmd_enrich(args: argparse.Namespace) -> int:
    from index.indexer import enrich

    with _Progress() as progress:
        report = enrich(_index_dir(args), progress=progress)
    _report(report, args.json)
    return 1 if report.enrich_error else 0


# -- search / show --------------------------------------------------------------------------


def _engine(args: argparse.Namespace):
    from index.search import WhooshEngine

    return WhooshEngine(_index_dir(args))


def cmd_search(args: argparse.Namespace) -> int:
    text = " ".join(args.query)
    with _engine(args) as engine:
        result = engine.search(text, limit=args.limit, sort=args.sort)
    if result.error:
        _error(result.error)
    if args.json:
        for hit in result.hits:
            _emit_json(hit.to_json())
    else:
        for hit in result.hits:
            meta = "  ".join(x for x in (hit.date or "undated", plain(hit.source)) if x)
            print(f"{hit.id}  {plain(hit.title)}")
            print(f"    {meta}")
            if hit.snippet:
                print(f"    {plain(hit.snippet)}")
    # The summary goes to stderr in both modes (JSON stdout stays one hit per line).
    total = f"about {result.total:,}" if result.total_is_estimate else f"{result.total}"
    print(f"{len(result.hits)} of {total} matches ({result.elapsed_ms:.0f} ms)", file=sys.stderr)
    if not result.hits and result.suggestion:
        print(f"did you mean: {plain(result.suggestion)}", file=sys.stderr)
    return 0 if result.hits else 1


def cmd_show(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        article = engine.get(args.id)
    if article is None:
        _error(f"no article with id {args.id!r} (ids come from `newsdesk search`)")
        return 1
    if args.json:
        _emit_json(article.to_dict())
        return 0
    print(plain(article.title))
    meta = [article.date or "undated", article.source, article.url, article.path]
    print("  ".join(plain(m) for m in meta if m))
    if article.tags:
        print("tags: " + ", ".join(plain(t) for t in article.tags))
    print()
    print(plain(article.body))
    return 0


# -- extract --------------------------------------------------------------------------------


def cmd_extract(args: argparse.Namespace) -> int:
    from index.errors import IngestError
    from index.ingest import discover, load

    articles = []
    errors = 0
    for item in discover(args.paths):
        if isinstance(item, IngestError):
            print(plain(item), file=sys.stderr)
            errors += 1
            continue
        try:
            result = load(item)
        except IngestError as exc:
            print(plain(exc), file=sys.stderr)
            errors += 1
            continue
        for err in result.errors:
            print(plain(err), file=sys.stderr)
        articles.extend(result.articles)
    if not articles:
        _error("extract: no articles found" + (f" ({errors} errors)" if errors else ""))
        return 1
    from index.extract.pipeline import Extractor

    extractor = Extractor.for_articles(len(articles))
    pairs = ((a.body, list(a.tags)) for a in articles)
    for article, extraction in zip(articles, extractor.extract_many(pairs)):
        record = {"id": article.id, "title": article.title, **extraction}
        if args.json:
            _emit_json(record)
        else:
            _print_extraction(record)
    return 0


def _print_extraction(record: dict) -> None:
    print(f"{record['id']}  {plain(record['title'])}")
    by_label: dict[str, list[str]] = {}
    for ent in record.get("entities", []):
        names = by_label.setdefault(ent.get("label", "?"), [])
        if ent.get("text") not in names:
            names.append(ent.get("text"))
    for label, names in sorted(by_label.items()):
        print(f"  {label.lower():>9}: " + "; ".join(plain(n) for n in names))
    for num in record.get("numbers", []):
        what = " ".join(plain(x) for x in (num.get("text"), num.get("counted") or "") if x)
        print(f"     number: {what}")
    for quote in record.get("quotes", []):
        speaker = plain(quote.get("speaker") or "unattributed")
        print(f"      quote: {speaker}: \u201c{plain(quote.get('text'))}\u201d")
    print()
