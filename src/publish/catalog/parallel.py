"""Process parallelism for per-article work (``--jobs N``).

Every article's template and every (article, language) merge is independent,
so work is cut into chunks of articles, mapped over a process pool and the
results are put back in input order: the output is the same for any N.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from ..fsio import settle_writes

T = TypeVar("T")
R = TypeVar("R")

MIN_PER_CHUNK = 4  # below this, a process costs more than it saves
# At most this many items per chunk: the results of a chunk are held together (by
# the worker, then by the parent), so their memory stays that of a few items.
MAX_PER_CHUNK = 8


def chunks(items: Sequence[T], jobs: int) -> list[Sequence[T]]:
    """``items`` cut into contiguous chunks, a few per job (for load balance); one
    item each for a single process."""
    if not items:
        return []
    if jobs <= 1:
        size = 1
    else:
        count = max(1, min(len(items) // MIN_PER_CHUNK, jobs * 4))
        size = min(-(-len(items) // count), MAX_PER_CHUNK)
    return [items[start : start + size] for start in range(0, len(items), size)]


def run_chunks(
    func: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    jobs: int,
    *,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``func`` applied to chunks of ``items``; results in input order.

    With ``jobs`` 1 (or too little work) everything runs in this process, so
    the single-process path is the reference the parallel one must equal. On
    platforms with ``fork``, ``initargs`` reach the workers without pickling.
    """
    parts = chunks(items, jobs)
    if jobs <= 1 or len(parts) <= 1:
        if initializer is not None:
            initializer(*initargs)
        for part in parts:
            yield from func(part)
        return
    # No thread of ours may run while the workers are forked (it could hold a lock
    # they need): the renames a write batch left to its thread are made first.
    settle_writes()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(parts)),
        mp_context=context,
        initializer=_worker_start,
        initargs=(initializer, initargs),
    ) as pool:
        try:
            for results in pool.map(func, parts):
                yield from results
        finally:
            # After Ctrl-C or an error: no chunk starts any more; the workers end quietly.
            pool.shutdown(wait=True, cancel_futures=True)


def _worker_start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """In a worker process: Ctrl-C is the parent's to handle (no worker tracebacks)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
