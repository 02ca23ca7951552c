"""Extraction in worker processes, spaCy and rule layers both, streaming in input order.

spaCy's own `nlp.pipe(n_process=2)` parses in the workers but hands every Doc back to the
parent (serialised, then rebuilt), and the rule layers then run in the parent: a third busy
process on a two-core machine, plus the Doc round trip. Here each worker runs the whole
extraction over a chunk of (body, tags) pairs and returns only the result dicts.

Workers are forked from a parent that has already loaded the model, so they share its memory
and start at once (elsewhere they are spawned and load it themselves). They ignore Ctrl-C
(the parent stops handing out work and waits for the chunk in progress) and exit on their
own if the parent dies.
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


def extract_parallel(
    items: Iterable[tuple[str, list[str]]], n_process: int, batch_size: int
) -> Iterator[dict[str, Any]]:
    """One extraction dict per (body, tags) item, in input order, from n_process workers.

    A worker's exception (or its death: BrokenProcessPool) is raised here, at the first
    result it prevents.
    """
    from index.extract.pipeline import load_nlp

    ctx = _context()
    if ctx.get_start_method() == "fork":
        load_nlp()  # once, before forking: the workers share it
    source = iter(items)
    pool = ProcessPoolExecutor(n_process, mp_context=ctx, initializer=_init_worker,
                               initargs=(os.getpid(),))
    queued: deque[Future] = deque()
    try:
        while True:
            while len(queued) < IN_FLIGHT * n_process:
                chunk = list(islice(source, batch_size))
                if not chunk:
                    break
                queued.append(pool.submit(_extract_chunk, chunk, batch_size))
            if not queued:
                return
            yield from queued.popleft().result()
    finally:
        for future in queued:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
