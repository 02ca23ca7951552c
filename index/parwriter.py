"""Text indexing in worker processes: the main process reads files, workers write segments.

`ParallelWriter` has the writer interface the indexer uses (add_document, delete_by_term,
commit, cancel). Documents go in batches over a queue to `procs` forked workers; each analyses
them and writes its own standard Whoosh segments with `FastSegmentWriter` (a new segment when
the one in memory reaches `memory_limit` bytes), then that segment's search files (sidecar,
prefix unions), so the two workers build them in parallel instead of the main process after
the commit. The main process keeps Whoosh's write lock, does the deletions and the merge of small old segments in its own `FastSegmentWriter`, and at
commit writes the table of contents naming every segment, as Whoosh's MpWriter does with
`multisegment=True`. Nothing is visible before that commit: a crash leaves unreferenced
segment and sidecar files, which the next commit deletes (`whoosh.index.clean_files`).

Workers die with the main process (PR_SET_PDEATHSIG on Linux, and they check their parent
while idle), ignore Ctrl-C (the main process cancels them), and report an exception as one
line that the main process raises as a NewsdeskError.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
import sys
import time
from typing import Any

from whoosh.reading import SegmentReader

from index.errors import NewsdeskError
from index.segwriter import FastSegmentWriter

BATCH = 32  # documents per queue message
QUEUE_BATCHES = 32  # batches queued per worker: the main process loads a whole file (1,000+
# articles) before it sends any of them, and the workers must not run dry meanwhile
# Estimated postings bytes per worker segment. 384 MB: 9 segments at 100k articles instead of
# 15 at 192 MB (search pays a fixed cost per segment for every new word); measured at 100k,
# each of the 2 workers then peaks at ~935 MB and the parent at ~220 MB (PERFORMANCE.md, text
# indexing round 3 and search round 8).
MEMORY_LIMIT = 384 * 1024 * 1024
POLL = 0.5  # seconds between liveness checks while waiting


def fork_available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _search_file_writers(pool):
    """The per-segment writers `index.sidecar.write_sidecars` runs after a commit (each skips
    a file that exists), the sidecar's built from the segment's postings still in memory
    (`pool`, freed once it is written); whatever a worker does not write, that later pass
    still writes."""
    from index.prefixunions import write_unions
    from index.sidecar import write_sidecar_from_pool

    def sidecar(reader) -> bool:
        nonlocal pool
        held, pool = pool, None
        return write_sidecar_from_pool(reader, held)

    return (sidecar, write_unions)


def _finish_segment(ix, writer):
    """Write the worker's segment, then its search files (sidecar, prefix unions) here, in
    parallel with the other worker, rather than serially in the main process after the
    commit (which skips files that exist). Nothing references them until the main process
    commits the table of contents; if it never does, the next commit's `clean_files`
    deletes them with the segment (they are named after it)."""
    pool = writer.pool.held()  # closing the segment empties the writer's pool, not this one
    segment = writer._finalize_segment()
    try:
        writers = _search_file_writers(pool)
        del pool  # the sidecar writer holds it until it is done with it
        reader = SegmentReader(ix.storage, ix.schema, segment)
    except Exception as exc:  # noqa: BLE001 - sidecars only speed up searches
        logging.getLogger(__name__).warning("search sidecars of a new segment not written (%s)", exc)
        return segment
    try:
        for write in writers:
            try:
                write(reader)
            except Exception as exc:  # noqa: BLE001
                logging.getLogger(__name__).warning("search sidecar of a new segment not written (%s)", exc)
    finally:
        reader.close()
    return segment


def _work(ix, jobs, results, memory_limit: int, parent: int) -> None:
    """Worker loop: batches of documents in, a list of finished segments out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    segments = []
    writer = None
    try:
        while True:
            try:
                batch = jobs.get(timeout=POLL)
            except queue.Empty:
                if os.getppid() != parent:
                    return
                continue
            if batch is None:
                break
            for fields in batch:
                if writer is None:
                    writer = FastSegmentWriter(ix, _lk=False)
                writer.add_document(**fields)
            if writer is not None and writer.memory_estimate() >= memory_limit:
                segments.append(_finish_segment(ix, writer))
                writer = None
        if writer is not None:
            segments.append(_finish_segment(ix, writer))
        results.put(("ok", segments))
    except BaseException as exc:  # reported to the main process, which raises it
        results.put(("error", f"{type(exc).__name__}: {exc}"))


class ParallelWriter:
    """Whoosh writer facade over a main FastSegmentWriter and `procs` segment workers."""

    def __init__(self, ix, procs: int = 2, *, timeout: float = 0.0, batch: int = BATCH,
                 memory_limit: int = MEMORY_LIMIT) -> None:
        self.main = FastSegmentWriter(ix, timeout=timeout)
        self.batch = batch
        self._buffer: list[dict[str, Any]] = []
        self._added = False
        ctx = multiprocessing.get_context("fork")
        self._jobs = ctx.Queue(maxsize=procs * QUEUE_BATCHES)
        self._results = ctx.Queue()
        self._workers = [
            ctx.Process(target=_work, args=(ix, self._jobs, self._results, memory_limit, os.getpid()),
                        daemon=True)
            for _ in range(procs)
        ]
        try:
            for worker in self._workers:
                worker.start()
        except BaseException:
            self.cancel()
            raise

    # -- the writer interface the indexer uses ----------------------------------------------

    def add_document(self, **fields) -> None:
        self._buffer.append(fields)
        self._added = True
        if len(self._buffer) >= self.batch:
            self._send(self._buffer)
            self._buffer = []

    def delete_by_term(self, fieldname: str, text, searcher=None) -> int:
        return self.main.delete_by_term(fieldname, text, searcher=searcher)

    def commit(self) -> None:
        main = self.main
        try:
            if self._buffer:
                self._send(self._buffer)
                self._buffer = []
            for _ in self._workers:
                self._send(None)
            segments = self._collect()
            for worker in self._workers:
                worker.join()
            final = main._merge_segments(None, None, None)
            if main._added:
                final.append(main._finalize_segment())
            else:
                main._close_segment()
            final.extend(segments)
            main._commit_toc(final)
        except BaseException:
            self.cancel()
            raise
        main._finish()

    def cancel(self) -> None:
        for worker in self._workers:
            if worker.is_alive():
                worker.kill()
        for worker in self._workers:
            if worker.pid is not None:
                worker.join()
        for q in (self._jobs, self._results):
            q.cancel_join_thread()
            q.close()
        if not self.main.is_closed:
            self.main.cancel()

    # -- internals --------------------------------------------------------------------------

    def _check_workers(self) -> None:
        for worker in self._workers:
            if worker.exitcode not in (None, 0):
                raise NewsdeskError(f"an indexing worker process died (exit code {worker.exitcode})")

    def _send(self, item) -> None:
        while True:
            try:
                self._jobs.put(item, timeout=POLL)
                return
            except queue.Full:
                self._check_workers()

    def _collect(self) -> list:
        segments = []
        pending = len(self._workers)
        deadline = None
        while pending:
            try:
                status, payload = self._results.get(timeout=POLL)
            except queue.Empty:
                self._check_workers()
                if all(not w.is_alive() for w in self._workers):
                    # every worker exited; give the queue a moment to deliver what they sent
                    deadline = deadline or time.monotonic() + 5
                    if time.monotonic() > deadline:
                        raise NewsdeskError("indexing worker processes exited without a result") from None
                continue
            if status != "ok":
                raise NewsdeskError(f"an indexing worker failed: {payload}")
            segments.extend(payload)
            pending -= 1
        return segments
