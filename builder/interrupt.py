"""SIGINT and SIGTERM end a command as Ctrl-C does; a shield defers them over a step undone.

`install` makes SIGTERM (what CI's `timeout` sends) raise `Terminated`, a KeyboardInterrupt, so
every `finally` and `except KeyboardInterrupt` that cleans up after Ctrl-C also runs for it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived: the command stops as for Ctrl-C, with exit status 128 + 15."""


class _State:
    depth = 0  # shields entered and not left
    pending: int | None = None  # a signal that arrived under a shield
    received: int | None = None  # the last signal that arrived at all
    owner = 0  # the process that installed the handlers


def exit_status(stop: KeyboardInterrupt) -> int:
    """128 + the signal's number, as a shell reports a process a signal ended: 130 or 143."""
    return 128 + (signal.SIGTERM if isinstance(stop, Terminated) else signal.SIGINT)


def received() -> int | None:
    """The number of the last SIGINT or SIGTERM this process received, if any."""
    return _State.received


def check() -> None:
    """Raise for a signal received earlier whose exception was lost.

    A handler runs wherever the main thread is: inside a callback whose exceptions Python only
    prints (a fork hook, a finalizer), its KeyboardInterrupt is swallowed. Checked before a step
    that cannot be taken back, such as the commit of the output folder.
    """
    if _State.received is not None:
        _raise(_State.received)


def _raise(signum: int) -> None:
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _handler(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _State.owner:  # a worker just forked, before start_worker: the parent acts
        return
    _State.received = signum
    if _State.depth:
        _State.pending = signum
        return
    _raise(signum)


def install() -> None:
    """Make SIGINT raise KeyboardInterrupt and SIGTERM Terminated (main thread only)."""
    if threading.current_thread() is threading.main_thread():
        _State.owner = os.getpid()
        signal.signal(signal.SIGINT, _handler)
        signal.signal(signal.SIGTERM, _handler)


@contextmanager
def shielded() -> Iterator[None]:
    """Defer SIGINT and SIGTERM over the block: raised when it ends, unless it raised itself."""
    _State.depth += 1
    try:
        yield
    except BaseException:
        _State.depth -= 1
        if not _State.depth:  # the block's own error outranks the signal, and ends the command
            _State.pending = None
        raise
    _State.depth -= 1
    if not _State.depth and _State.pending is not None:
        signum, _State.pending = _State.pending, None
        _raise(signum)


def start_worker(parent: int) -> None:
    """In a build worker: leave signals to the parent, and exit as soon as the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent acts
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    # A worker whose parent died (SIGKILL, which nothing can catch) is adopted by another
    # process: its parent id changes. It stops at once rather than write for nobody.
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)
