"""coursebuild's folder in the user's cache: compiled templates, loaded courses, stamps, hashes."""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path


def cache_root() -> Path:
    """coursebuild's folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coursebuild"


def keep(path: Path, data: bytes, newest: int | None = None) -> None:
    """Keep `data` at `path`, written whole (a hidden file of this process, then renamed), and
    then only the `newest` entries of its folder when given; a cache that cannot be written is
    only a cache not kept, and leaves nothing half-written."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
        if newest is not None:
            _prune(path.parent, newest)
    except OSError:
        with suppress(OSError):  # a folder that cannot be made has no file to remove either
            partial.unlink(missing_ok=True)


def _prune(folder: Path, newest: int) -> None:
    """Remove all but the `newest` entries of `folder` (by modification time; hidden files, being
    written, are not entries)."""
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    if len(entries) > newest:
        entries.sort(key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[newest:]:
            old.unlink(missing_ok=True)
