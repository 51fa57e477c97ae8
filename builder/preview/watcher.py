"""A polling watcher (stdlib only): which source files of a course changed since the last look."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..source.files import CATALOGUE_THEME

Snapshot = dict[str, tuple[int, int]]

# Editors' scratch files: a save must not trigger two builds, a swap file none.
SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")


def is_source(name: str) -> bool:
    """False for hidden files and folders (the build folder, .git) and editors' scratch files."""
    return (
        not name.startswith((".", "#")) and not name.endswith(SCRATCH_SUFFIXES) and name != "4913"
    )


def snapshot(folder: Path) -> Snapshot:
    """(modification time, size) of every source file under `folder`, by relative path, and of
    its catalogue's theme override folder (`../_theme/...`), which its packages also use."""
    found: Snapshot = {}
    for root in (folder, folder.parent / CATALOGUE_THEME):
        _walk(root, folder, found)
    return found


def _walk(root: Path, folder: Path, found: Snapshot) -> None:
    for top, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if is_source(d))
        for name in files:
            if not is_source(name):
                continue
            path = os.path.join(top, name)
            try:
                info = os.stat(path)
            except OSError:
                continue  # deleted while we looked: the next look sees it gone
            found[Path(os.path.relpath(path, folder)).as_posix()] = (info.st_mtime_ns, info.st_size)


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


class Watcher:
    """Looks at a course folder every `interval` seconds; `on_change(files)` once it settles."""

    def __init__(
        self, folder: Path, on_change: Callable[[list[str]], None], interval: float = 0.5
    ) -> None:
        self.folder = folder
        self.on_change = on_change
        self.interval = interval
        self._stop = threading.Event()
        self._seen = snapshot(folder)
        self._thread = threading.Thread(target=self._run, name="coursebuild-watcher", daemon=True)

    def start(self) -> None:
        """Start watching in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop watching and wait for the thread."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def poll(self) -> list[str]:
        """Look once; the files changed since the last look (after they stop changing)."""
        now = snapshot(self.folder)
        files = changed(self._seen, now)
        # An editor's save can be several writes: wait until two looks agree (at most 2 s).
        for _ in range(4):
            if not files or self._stop.wait(self.interval / 2):
                break
            later = snapshot(self.folder)
            if later == now:
                break
            files = sorted(set(files) | set(changed(now, later)))
            now = later
        self._seen = now
        return files

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            files = self.poll()
            if files:
                try:
                    self.on_change(files)
                except Exception:
                    continue
