"""The build's worker processes: they never outlive the build, however it ends."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from .interrupt import check, shielded, start_worker


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers are stopped when the block raises (Ctrl-C, SIGTERM, …)."""
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
    # Python 3.14 has pool.terminate_workers(); before it, the processes are only in _processes.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    # SIGKILL, not SIGTERM: a worker holds nothing to clean up (the parent removes the staging
    # folder), and one not yet in start_worker would run the parent's handler for SIGTERM.
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)
    # Wait for the pool's manager thread too: left running, it closes its wake-up pipe while
    # the interpreter's exit hook for process pools writes to it ("Exception ignored … Bad file
    # descriptor", a traceback on the terminal after "interrupted").
    pool.shutdown(wait=True)
