"""Extraction in worker processes, spaCy and rule layers both, streaming in input order.

spaCy's own `nlp.pipe(n_process=2)` parses in the workers but hands every Doc back to the
parent (serialised, then rebuilt), and the rule layers then run in the parent: a third busy
process on a two-core machine, plus the Doc round trip. Here each worker runs the whole
extraction over a chunk of (body, tags) pairs and returns only the result dicts.

`extract_parallel` forks its workers from a parent that has already loaded the model, so they
share its memory and start at once (elsewhere they are spawned and load it themselves).
A `WorkerPool` made before the parent has the model loads it in each worker, in parallel
with whatever the parent does meanwhile (`newsdesk index`: its text phase). Workers ignore
Ctrl-C (the parent terminates them when it abandons their work) and exit on their own if
the parent dies.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, Iterable, Iterator

PARALLEL_MIN = 48  # articles from which a second process pays for its start
IN_FLIGHT = 2  # chunks queued per worker: enough to keep each busy, little to buffer


def cpus_available() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def processes_for(n_articles: int, wanted: int = 2) -> int:
    """How many processes to extract n_articles with: 1 for small jobs or a single CPU."""
    if n_articles < PARALLEL_MIN:
        return 1
    return max(1, min(wanted, cpus_available()))


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    from index.extract.pipeline import load_nlp

    load_nlp()  # already there when forked


def _extract_chunk(chunk: list[tuple[str, list[str]]], batch_size: int) -> list[dict[str, Any]]:
    from index.extract.pipeline import analyse, load_nlp

    nlp = load_nlp()
    docs = nlp.pipe((body for body, _ in chunk), batch_size=batch_size)
    return [analyse(doc, tags) for doc, (_, tags) in zip(docs, chunk)]


class WorkerPool:
    """n_process extraction workers, started at once: each loads the model in its initializer
    (or finds it loaded, when forked from a parent that has it), so a caller can start them
    before it has work for them and do something else meanwhile (`newsdesk index` runs its
    text phase while they load).

    One `extract_many` per pool. `close()` lets idle workers exit; workers that never got
    work, or whose work was abandoned (an error, Ctrl-C, a consumer that stopped reading),
    are terminated instead of waited for: they hold nothing but their own memory.
    """

    def __init__(self, n_process: int, batch_size: int = 16) -> None:
        self.n_process = max(1, n_process)
        self.batch_size = batch_size
        self._finished = False  # extract_many ran to its end
        self._pool = ProcessPoolExecutor(self.n_process, mp_context=_context(),
                                         initializer=_init_worker, initargs=(os.getpid(),))
        # The executor starts its processes on the first submissions: make them now.
        for _ in range(self.n_process):
            self._pool.submit(_ready)

    def extract_many(self, items: Iterable[tuple[str, list[str]]]) -> Iterator[dict[str, Any]]:
        """One extraction dict per (body, tags) item, in input order.

        A worker's exception (or its death: BrokenProcessPool) is raised here, at the first
        result it prevents.
        """
        source = iter(items)
        size = self.batch_size
        queued: deque[Future] = deque()
        try:
            while True:
                while len(queued) < IN_FLIGHT * self.n_process:
                    chunk = [(body, list(tags)) for body, tags in islice(source, size)]
                    if not chunk:
                        break
                    queued.append(self._pool.submit(_extract_chunk, chunk, size))
                if not queued:
                    self._finished = True
                    return
                yield from queued.popleft().result()
        finally:
            for future in queued:
                future.cancel()

    def close(self, abort: bool = False) -> None:
        if abort or not self._finished:
            # No public way to stop a worker mid-task before Python 3.14 (terminate_workers).
            processes = list((getattr(self._pool, "_processes", None) or {}).values())
            for process in processes:
                if process.is_alive():
                    process.terminate()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close(abort=exc_type is not None)


def _ready() -> int:
    return os.getpid()


def extract_parallel(
    items: Iterable[tuple[str, list[str]]], n_process: int, batch_size: int
) -> Iterator[dict[str, Any]]:
    """One extraction dict per (body, tags) item, in input order, from n_process workers
    started now (forked after loading the model here, where fork is available)."""
    from index.extract.pipeline import load_nlp

    if _context().get_start_method() == "fork":
        load_nlp()  # once, before forking: the workers share it
    with WorkerPool(n_process, batch_size) as pool:
        yield from pool.extract_many(items)
