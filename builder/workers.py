"""The build's worker processes: they never outlive the build, however it ends."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .interrupt import check, shielded, start_worker

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers are stopped when the block raises (Ctrl-C, SIGTERM, …)."""
    # Imported here: concurrent.futures' process pool is a tenth of a one-course build's start.
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=start_worker, initargs=(os.getpid(),)
    )
    try:
        yield pool
    except BaseException:
        with shielded():
            _stop(pool)
        raise
    pool.shutdown(wait=True)
    check()  # a signal whose exception a fork hook swallowed still stops the build


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill every worker now, not after the courses already queued."""
    # Python 3.14 has pool.terminate_workers(); before it, the processes are only in _processes,
    # and the manager thread in _executor_manager_thread, which shutdown() forgets even when it
    # does not wait for it: both are taken first.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    # SIGKILL, not SIGTERM: a worker holds nothing to clean up (the parent removes the staging
    # folder), and one not yet in start_worker would run the parent's handler for SIGTERM.
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)
    # Wait for the pool's manager thread too: left running, it closes its wake-up pipe while
    # the interpreter's exit hook for process pools writes to it ("Exception ignored in: <module
    # 'threading'>" and a traceback on the terminal after "interrupted"). A later
    # shutdown(wait=True) would not wait: shutdown(wait=False) has dropped the pool's reference.
    if manager is not None:
        manager.join(timeout=5)


def folder_weight(folder: Path) -> int:
    """The bytes of a course's files: how long it takes to build, near enough to order by."""
    total = 0
    for root, _, names in os.walk(folder):
        for name in names:
            with suppress(OSError):  # gone or unreadable: loading the course reports it
                total += os.stat(os.path.join(root, name)).st_size
    return total


def largest_first(weights: Sequence[int]) -> list[int]:
    """The order to start tasks in: heaviest first (ties in given order), so the last ones
    to finish are short and no worker idles while another ends a long course."""
    return sorted(range(len(weights)), key=lambda n: -weights[n])


def run_all(
    function: Callable[..., T],
    tasks: Sequence[tuple[Any, ...]],
    workers: int,
    weights: Sequence[int] = (),
    done: Callable[[int], None] | None = None,
) -> list[T]:
    """`function(*task)` for every task, `workers` processes at a time; results in the tasks'
    order whatever order they finish in. `done(n)` is called in the parent as task n ends."""
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for n, task in enumerate(tasks):
            results.append(function(*task))
            if done is not None:
                done(n)
        return results
    from concurrent.futures import as_completed

    order = largest_first(weights) if weights else list(range(len(tasks)))
    slots: list[T | None] = [None] * len(tasks)
    with worker_pool(min(workers, len(tasks))) as pool:
        # Every task is queued at once (a course's arguments are a few paths and strings); the
        # pool hands the next to whichever worker is free, one course at a time, so that a long
        # course never holds a batch of short ones behind it.
        pending: dict[Future[T], int] = {pool.submit(function, *tasks[n]): n for n in order}
        # as_completed waits on every future once (wait() in a loop would walk all the
        # pending ones for each course that ends: quadratic in the catalogue, in the parent).
        for future in as_completed(pending):
            n = pending.pop(future)
            slots[n] = future.result()
            if done is not None:
                done(n)
    return [cast(T, result) for result in slots]
