"""`coursebuild --help` replayed: the text Typer printed last time, with the standard library.

Importing Typer costs more than the whole budget of `--help` (60 ms), so the launcher prints
the text Typer printed last time, when everything that shapes it is as it was then: the tool's
version, the Python, the stat signature of the command line's modules and of Typer's files,
the program name, the terminal's width, whether stdout is a terminal, and every environment
variable Typer, click or gettext read for help. Anything else (and any shell completion) runs
Typer, which prints the help and whose text is kept for next time. The entry is a `marshal`
file (built into Python: nothing to import), read only when its key equals the current one.
"""

from __future__ import annotations

import io
import marshal
import os
import sys
from typing import Any

from . import __version__

HELP = ["--help"]
# What Typer, its vendored click and gettext read while printing help: click's width comes
# from shutil.get_terminal_size (COLUMNS, LINES, else the terminal), gettext's language from
# the locale variables, Typer's rich switch and colours from the rest.
_ENV = (
    "COLUMNS",
    "LINES",
    "TERM",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "NO_COLOR",
    "FORCE_COLOR",
    "PY_COLORS",
    "GITHUB_ACTIONS",
    "TERMINAL_WIDTH",
    "TYPER_USE_RICH",
    "_TYPER_FORCE_DISABLE_TERMINAL",
    "_TYPER_STANDARD_TRACEBACK",
    "TYPER_STANDARD_TRACEBACK",
)
_Key = tuple[object, ...]


def entry_path() -> str:
    """The replay's file in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(root, "coursebuild", "help.marshal")


def _tree(root: str) -> list[tuple[str, int, int, int, int]]:
    """The stat signature (path, size, mtime, ctime, inode) of the files under a folder."""
    found = []
    todo = [root]
    while todo:
        with os.scandir(todo.pop()) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        todo.append(entry.path)
                    continue
                seen = entry.stat()
                found.append(
                    (entry.path, seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns, seen.st_ino)
                )
    return sorted(found)


def _typer_dir() -> str | None:
    """Typer's package folder, found on sys.path as the import system would (not imported)."""
    for folder in sys.path:
        candidate = os.path.join(folder or os.getcwd(), "typer")
        if os.path.isfile(os.path.join(candidate, "__init__.py")):
            return candidate
    return None


def _cli_dir() -> str:
    """The tool's package folder: the command line's modules and everything they import."""
    return os.path.dirname(os.path.abspath(__file__))


def _width() -> object:
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else None
    except (AttributeError, ValueError, OSError):
        return None


def key() -> _Key | None:
    """Everything that shapes the help text, or None when a part of it cannot be read."""
    typer = _typer_dir()
    if typer is None:
        return None
    main = sys.modules.get("__main__")
    try:
        files = (*_tree(_cli_dir()), *_tree(typer))
        return (
            __version__,
            sys.version,
            sys.executable,
            sys.argv[0],
            getattr(main, "__package__", None),
            _width(),
            os.isatty(1),
            sys.stdout.encoding if sys.stdout else None,
            tuple(os.environ.get(name) for name in _ENV),
            files,
        )
    except (OSError, ValueError):
        return None


def replay(current: _Key | None) -> str | None:
    """The help text kept for this key, or None."""
    if current is None:
        return None
    try:
        with open(entry_path(), "rb") as stored:
            kept, text = marshal.load(stored)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return text if kept == current and isinstance(text, str) else None


def keep(current: _Key | None, text: str) -> None:
    """Write the entry whole (a temporary file renamed), or not at all: it is only a cache."""
    if current is None:
        return
    path = entry_path()
    partial = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(partial, "wb") as out:
            entry: Any = (current, text)  # tuples of str, int, bool and None: marshal's own
            marshal.dump(entry, out)
        os.replace(partial, path)
    except (OSError, ValueError):
        pass


def run_help() -> None:
    """Print `coursebuild --help`: the replay when its key matches, else Typer's (then kept)."""
    completing = any(name.endswith("_COMPLETE") for name in os.environ)  # shell completion
    current = None if completing else key()
    if (text := replay(current)) is not None:
        sys.stdout.write(text)
        sys.exit(0)
    from contextlib import redirect_stdout

    from .cli import main

    captured = io.StringIO()
    try:
        with redirect_stdout(captured):
            main()
    except SystemExit as stop:
        sys.stdout.write(captured.getvalue())
        if stop.code in (0, None):
            keep(current, captured.getvalue())
        raise
    sys.stdout.write(captured.getvalue())
