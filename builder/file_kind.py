"""What a path given on the command line is, when it is not the regular file a command reads:
"no such file" was said of folders, devices and pipes too, which exist."""

from __future__ import annotations

import stat
from pathlib import Path


def is_stream(path: Path) -> bool:
    """Whether ``path`` is a pipe (bash's ``<(…)``, a named pipe) or a character device (a
    terminal, /dev/stdin): something read once from start to end, as stdin is."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def not_a_file(path: Path, expected: str, pipe: str = "") -> str | None:
    """Why ``path`` is not a regular file, in one line ending with ``expected`` (and, for a
    pipe, ``pipe``: why one cannot be read); None for a regular file."""
    shown = path.as_posix()
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return f"{shown}: no such file; expected {expected}"
    except OSError as error:
        return f"{shown}: cannot be read ({error.strerror}); expected {expected}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        kind = "a folder"
    elif stat.S_ISFIFO(mode):
        kind, expected = "a pipe", expected + pipe
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not a file"
    return f"{shown} is {kind}; expected {expected}"
