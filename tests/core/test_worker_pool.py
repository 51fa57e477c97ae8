"""The build's process pool when the build is interrupted: nothing of it outlives the block."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future

import pytest

from builder.workers import worker_pool


def _pool_threads() -> list[threading.Thread]:
    """The live manager threads of process pools (concurrent.futures' own class)."""
    return [
        t
        for t in threading.enumerate()
        if type(t).__name__ == "_ExecutorManagerThread" and t.is_alive()
    ]


def test_an_interrupted_pool_leaves_no_manager_thread_behind() -> None:
    # Seen in CI, rarely: after Ctrl-C, "interrupted" then "Exception ignored in: <module
    # 'threading'>" and a traceback. `shutdown(wait=False)` drops the pool's reference to its
    # manager thread, so the later `shutdown(wait=True)` did not wait for it; still running at
    # exit, it closed its wake-up pipe while the interpreter's exit hook for process pools wrote
    # to it. The pool must be wholly stopped when the block has raised.
    assert _pool_threads() == []
    futures: list[Future[None]] = []
    with pytest.raises(KeyboardInterrupt), worker_pool(2) as pool:
        futures = [pool.submit(time.sleep, 5) for _ in range(4)]
        time.sleep(0.3)  # both workers busy
        raise KeyboardInterrupt
    assert _pool_threads() == []
    assert all(f.done() for f in futures)
