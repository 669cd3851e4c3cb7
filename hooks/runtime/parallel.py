# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The one parallel map of prefguard: batches of work in worker processes.

``check`` (rules over files) and ``verify`` (module summaries) both hand out
work with :func:`guided_batches` and run it with :func:`map_in_processes`.
"""

from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any, Callable, Iterator, List, Optional, Sequence, Tuple, TypeVar

BATCHES_PER_WORKER = 3
MAX_BATCH_ITEMS = 32

Item = TypeVar("Item")
Result = TypeVar("Result")


def guided_batches(items: Sequence[Item], size: Callable[[Item], int], workers: int) -> List[List[Item]]:
    """Largest items first, in batches that shrink as the work left shrinks.

    Each batch holds about 1/(``BATCHES_PER_WORKER`` x workers) of the size
    still to hand out (guided scheduling): few round trips at the start, and
    small batches at the end, so no worker is left alone with a long tail.
    """
    ordered = sorted(items, key=size, reverse=True)
    remaining = sum(size(item) for item in ordered)
    batches: List[List[Item]] = []
    current: List[Item] = []
    filled = 0
    budget = max(1, remaining // (workers * BATCHES_PER_WORKER))
    for item in ordered:
        current.append(item)
        filled += size(item)
        if filled >= budget or len(current) >= MAX_BATCH_ITEMS:
            batches.append(current)
            remaining -= filled
            current, filled = [], 0
            budget = max(1, remaining // (workers * BATCHES_PER_WORKER))
    if current:
        batches.append(current)
    return batches


def map_in_processes(
    function: Callable[[List[Item]], Result],
    batches: Sequence[List[Item]],
    workers: int,
    initializer: Optional[Callable[..., None]] = None,
    initargs: Tuple[Any, ...] = (),
) -> Iterator[Result]:
    """``function`` over every batch in ``workers`` processes, each result as soon as its batch is done.

    An exception raised in a worker is raised here after the batches not yet
    started are cancelled; stopping the iteration early cancels them too.
    """
    with ProcessPoolExecutor(max_workers=workers, initializer=initializer, initargs=initargs) as pool:
        futures = [pool.submit(function, batch) for batch in batches]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()
