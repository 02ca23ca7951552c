"""Indexing: files -> docstore + Whoosh, in two phases.

Phase 1 (text) makes every new article searchable and commits once. Phase 2 (enrichment)
runs extraction in worker processes and re-adds each enriched article to Whoosh (with the
person/org/place fields) and the docstore, committing every 20 seconds, so a kill -9 loses
at most that much work; the next `newsdesk index` (or `newsdesk enrich`) picks up whatever
is still pending.

Incremental: a file whose size and mtime are unchanged is not read again. A changed file's
articles are compared by id (a content hash): same id, no change; ids it no longer has are
deleted unless another file still holds them.
"""
from __future__ import annotations

import os
from collections import deque
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from index import store
from index.docstore import DocStore, FileRecord
from index.enrichwriter import EnrichWriter
from index.errors import IngestError, NewsdeskError
from index.models import Article
from index.parwriter import ParallelWriter, fork_available
from index.paths import seeds_dir
from index.schema import to_document
from index.segwriter import FastSegmentWriter
from index.sidecar import write_sidecars_quietly

if TYPE_CHECKING:  # pragma: no cover
    from index.extract.parallel import WorkerPool

# progress(phase, done, total): phase is "reading" or "enriching"
Progress = Callable[[str, int, int], None]

WRITER_TIMEOUT = 10.0  # seconds to wait for Whoosh's own write lock
PROGRESS_EVERY = 16  # articles between progress reports while enriching
PARALLEL_WRITE_MIN_BYTES = 8 * 1024 * 1024  # input size from which segments are written by workers
PARALLEL_WRITE_MIN_FILES = 2000
WRITE_PROCS = 2  # segment-writing worker processes for large jobs


@dataclass
class IndexReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    enriched: int = 0
    pending: int = 0  # articles still waiting for extraction
    errors: list[IngestError] = field(default_factory=list)
    enrich_error: str | None = None

    @property
    def ok(self) -> bool:
        """Anything indexed, or everything already up to date."""
        return bool(self.new or self.updated or self.unchanged or self.removed or self.enriched)

    def summary(self) -> str:
        text = (
            f"indexed {self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.errors)} errors"
        )
        if self.removed:
            text += f", {self.removed} removed"
        if self.enriched:
            text += f"; enriched {self.enriched}"
        if self.pending:
            text += f"; {self.pending} awaiting extraction (run `newsdesk enrich`)"
        return text

    def to_json(self) -> dict:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "enriched": self.enriched,
            "pending": self.pending,
            "errors": [str(e) for e in self.errors],
            "enrich_error": self.enrich_error,
        }


@dataclass
class _Planned:
    path: Path
    key: str
    record: FileRecord
    known: bool


def _key(path: Path) -> str:
    return str(Path(os.path.abspath(path)))


def _no_progress(phase: str, done: int, total: int) -> None:
    pass


def index_paths(
    index_dir: str | os.PathLike[str],
    paths: Iterable[str | os.PathLike[str]] = (),
    *,
    extract: bool = True,
    rebuild: bool = False,
    progress: Progress | None = None,
    lock_wait: float = 5.0,
) -> IndexReport:
    """Index files and folders into `index_dir` (created if missing). Raises NewsdeskError
    for index-level problems (locked, foreign directory, damaged); per-file problems are
    collected in the report."""
    index_dir = Path(index_dir)
    progress = progress or _no_progress
    paths = [Path(p) for p in paths]
    if rebuild and store.has_marker(index_dir):
        existed = True  # ours, whatever its version or state: --rebuild is the repair
    else:
        existed = store.check_usable(index_dir)  # refuses a foreign directory before touching it
    with store.IndexLock(index_dir, wait=lock_wait):
        if rebuild and existed:
            if not paths:
                paths = _recorded_paths(index_dir)
            store.wipe(index_dir)
        if not paths:
            raise NewsdeskError("nothing to index: give files or folders, e.g. `newsdesk index seeds/`")
        store.create(index_dir)
        ix = store.open_whoosh(index_dir)
        docs = store.open_docstore(index_dir)
        try:
            report = IndexReport()
            planned, seen_keys = _plan(docs, paths, report)
            # Extraction workers load spaCy while this process runs the text phase.
            with _early_workers(docs, planned) if extract else nullcontext() as workers:
                _phase_text(ix, docs, paths, planned, seen_keys, report, progress)
                write_sidecars_quietly(index_dir)  # the text is searchable (and fast) from here on
                if extract:
                    _phase_enrich(ix, docs, report, progress, workers)
                    write_sidecars_quietly(index_dir)
            report.pending = len(docs.pending_ids())
            return report
        finally:
            docs.close()


def _recorded_paths(index_dir: Path) -> list[Path]:
    try:
        docs = store.open_docstore(index_dir)
        try:
            return [Path(r.path) for r in docs.files()]
        finally:
            docs.close()
    except Exception as exc:
        raise NewsdeskError(
            f"{index_dir}: cannot read which files were indexed ({exc}); "
            "give them again: `newsdesk index --rebuild PATH...`"
        ) from None


def enrich(
    index_dir: str | os.PathLike[str], *, progress: Progress | None = None, lock_wait: float = 5.0
) -> IndexReport:
    """Run extraction over every article indexed without it (`--no-extract`, interrupted runs)."""
    index_dir = Path(index_dir)
    if not store.check_usable(index_dir):
        raise store.NoIndexError(f"{index_dir}: no index yet; create one with `newsdesk index PATH`")
    with store.IndexLock(index_dir, wait=lock_wait):
        ix = store.open_whoosh(index_dir)
        docs = store.open_docstore(index_dir)
        try:
            report = IndexReport()
            _phase_enrich(ix, docs, report, progress or _no_progress)
            write_sidecars_quietly(index_dir)
            report.pending = len(docs.pending_ids())
            return report
        finally:
            docs.close()


def ensure_seeded(index_dir: str | os.PathLike[str], *, extract: bool = True) -> bool:
    """Index the shipped seeds if the index is missing or empty; True if it did."""
    index_dir = Path(index_dir)
    if store.check_usable(index_dir):
        ix = store.open_whoosh(index_dir)
        try:
            if ix.doc_count() > 0:
                return False
        finally:
            ix.close()
    report = index_paths(index_dir, [seeds_dir()], extract=extract)
    return report.new > 0


# -- phase 1 ----------------------------------------------------------------------------------


def _plan(docs: DocStore, paths: list[Path], report: IndexReport) -> tuple[list[_Planned], set[str]]:
    """Which files need reading; counts the unchanged ones. Also returns every key seen."""
    from index.ingest import discover

    planned: list[_Planned] = []
    seen_keys: set[str] = set()
    for item in discover(paths):
        if isinstance(item, IngestError):
            report.errors.append(item)
            continue
        key = _key(item)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        try:
            st = item.stat()
        except OSError as exc:
            report.errors.append(IngestError(str(item), exc.strerror or str(exc)))
            continue
        record = FileRecord(key, st.st_size, st.st_mtime_ns)
        old = docs.file_record(key)
        if old == record:
            report.unchanged += len(docs.file_ids(key))
            continue
        planned.append(_Planned(item, key, record, known=old is not None))
    return planned, seen_keys


def _vanished(docs: DocStore, paths: list[Path], seen_keys: set[str]) -> list[str]:
    """Recorded files under the given folders that no longer exist."""
    roots = [_key(p) + os.sep for p in paths if p.is_dir()]
    return [
        r.path
        for r in docs.files()
        if r.path not in seen_keys
        and any(r.path.startswith(root) for root in roots)
        and not os.path.exists(r.path)
    ]


def _early_workers(docs: DocStore, planned: list[_Planned]) -> "WorkerPool | nullcontext":
    """Extraction workers started now, before the text phase, when the job looks big enough
    for them (the same threshold as later: PARALLEL_MIN articles pending); a null context
    otherwise. An underestimate only means they start after the text phase, as in `enrich`."""
    from index.extract.parallel import PARALLEL_MIN, WorkerPool, processes_for

    expected = len(docs.pending_ids())
    for item in planned:
        if expected >= PARALLEL_MIN:
            break
        expected += _articles_in(item.path, PARALLEL_MIN - expected)
    n_process = processes_for(expected)
    return WorkerPool(n_process) if n_process > 1 else nullcontext()


def _articles_in(path: Path, enough: int) -> int:
    """About how many articles a file holds (its lines for JSON Lines, else one), counting
    no further than `enough`."""
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        return 1
    lines = 0
    try:
        with open(path, "rb") as fh:
            while lines < enough and (block := fh.read(1 << 20)):
                lines += block.count(b"\n")
    except OSError:
        return 0  # the text phase reports it
    return max(1, lines)


def _phase_text(ix, docs: DocStore, paths, planned: list[_Planned], seen_keys: set[str],
                report: IndexReport, progress: Progress) -> None:
    from index.ingest import load

    gone = _vanished(docs, paths, seen_keys)
    if not planned and not gone:
        return
    total_bytes = sum(p.record.size for p in planned)
    big = total_bytes >= PARALLEL_WRITE_MIN_BYTES or len(planned) >= PARALLEL_WRITE_MIN_FILES
    fresh = ix.doc_count_all() == 0
    lookup = None if fresh else ix.searcher()
    if big and fork_available():
        writer = ParallelWriter(ix, procs=WRITE_PROCS, timeout=WRITER_TIMEOUT)
    else:
        writer = FastSegmentWriter(ix, timeout=WRITER_TIMEOUT)
    added: set[str] = set()  # ids added in this run
    updates: list[tuple[FileRecord, list[str]]] = []
    dropped: set[str] = set()  # ids some changed file no longer has
    try:
        for n, item in enumerate(planned, 1):
            progress("reading", n - 1, len(planned))
            try:
                result = load(item.path)
            except IngestError as exc:
                report.errors.append(exc)
                continue
            except OSError as exc:
                report.errors.append(IngestError(str(item.path), exc.strerror or str(exc)))
                continue
            report.errors.extend(result.errors)
            old_ids = set(docs.file_ids(item.key)) if item.known else set()
            ids: dict[str, None] = {}  # this file's ids, in order
            new_articles: list[Article] = []
            for article in result.articles:
                if article.id in ids:
                    continue
                ids[article.id] = None
                already = article.id in added or article.id in old_ids or (
                    lookup is not None and lookup.document_number(id=article.id) is not None
                )
                if already:
                    report.unchanged += 1
                    continue
                added.add(article.id)
                new_articles.append(article)
            docs.put_many(new_articles)
            for article in new_articles:
                writer.add_document(**to_document(article))
            if item.known:
                report.updated += len(new_articles)
            else:
                report.new += len(new_articles)
            dropped |= old_ids - set(ids)
            updates.append((item.record, list(ids)))
        progress("reading", len(planned), len(planned))
        kept = {i for _, ids in updates for i in ids}
        changed_keys = {record.path for record, _ in updates} | set(gone)
        gone_ids = {i for path in gone for i in docs.file_ids(path)}
        for article_id in (dropped | gone_ids) - kept:
            if not docs.referenced_outside(article_id, changed_keys):
                writer.delete_by_term("id", article_id)
    except BaseException:
        writer.cancel()
        raise
    finally:
        if lookup is not None:
            lookup.close()
    writer.commit()
    # Only now, with the text committed, record the files: a crash before this point makes
    # the next run read them again instead of trusting an index that lacks them.
    for record, ids in updates:
        docs.set_file(record, ids)
    for path in gone:
        docs.forget_file(path)
    report.removed = len(docs.delete_unreferenced((dropped | gone_ids)))


# -- phase 2 ----------------------------------------------------------------------------------


def _phase_enrich(ix, docs: DocStore, report: IndexReport, progress: Progress,
                  workers: "WorkerPool | None" = None) -> None:
    """Extraction in worker processes (`workers` if already started, else made now for large
    jobs); this process only feeds them and re-adds each enriched article to Whoosh (title
    and body again, plus the person/org/place fields)."""
    pending = docs.pending_ids()
    if not pending:
        return
    if workers is not None:
        extractor = workers  # already loading or loaded: cheaper than loading spaCy here
    else:
        from index.extract.pipeline import Extractor  # spaCy loads only when there is work

        extractor = Extractor.for_articles(len(pending))  # two worker processes for large jobs
    in_flight: deque[Article] = deque()  # handed to the extractor, result not back yet

    def items() -> Iterator[tuple[str, list[str]]]:
        for article_id in pending:
            article = docs.get(article_id)
            if article is None:  # deleted meanwhile
                continue
            in_flight.append(article)
            yield article.body, list(article.tags)

    sink = EnrichWriter(ix, docs)
    seen = 0
    progress("enriching", 0, len(pending))
    try:
        for extraction in extractor.extract_many(items()):
            sink.add(in_flight.popleft(), extraction)
            seen += 1
            if sink.due():
                report.enriched += sink.commit()
            if seen % PROGRESS_EVERY == 0:
                progress("enriching", seen, len(pending))
        report.enriched += sink.commit()
    except Exception as exc:
        try:
            report.enriched += sink.commit()  # keep what was extracted before the failure
        except Exception:
            sink.cancel()
        if isinstance(exc, NewsdeskError):
            raise
        # an extraction bug must not lose what is already indexed
        report.enrich_error = f"extraction stopped after {report.enriched} articles: {type(exc).__name__}: {exc}"
    except BaseException:
        sink.cancel()
        raise
    progress("enriching", report.enriched, len(pending))
