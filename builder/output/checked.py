"""Packages the build has checked before: the same bytes, checked by the same tool, pass again.

A fresh output folder (a CI job that restores the cache but not `dist/`, `rm -rf dist`) rebuilds
packages whose bytes an earlier run checked and found clean; checking them again cost the check's
imports (lxml) and a pass over the zip, a sixth of such a build. An entry per course folder holds
the packages (digest, file name, kind) that passed with no finding, keyed by this tool's code and
the XML library the check parses with; anything not in it is checked.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..diagnostics import Diagnostic
from ..source.cache import entry_name, read_entry, tool_fingerprint, write_entry
from ..user_cache import cache_root


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    from ..versions import installed_versions

    return f"{tool_fingerprint()}\0lxml={installed_versions(['lxml'])['lxml']}"


class CheckedPackages:
    """The clean packages of one course folder: those an earlier run left, those this run adds."""

    def __init__(self, folder: Path | None) -> None:
        """The entry of course `folder`; with None, none: every package is checked."""
        self._path = (
            None if folder is None else cache_root() / "checked" / entry_name(folder.resolve())
        )
        entry = None if self._path is None else read_entry(self._path, _fingerprint(), size=2)
        self._earlier = entry[1] if entry and isinstance(entry[1], frozenset) else frozenset()
        self._now: set[str] = set()
        self._added = False

    def findings(self, package: Path, digest: str, file_name: str, label: str) -> list[Diagnostic]:
        """The build's check of a package (the file, whose SHA-256 is `digest`): none when it
        passed before, else the check's findings, the package remembered when there are none."""
        if self.passed(digest, file_name, label):
            return []
        from ..check.package import self_check_diagnostics

        found = self_check_diagnostics(package, file_name, label)
        if not found:
            self.add(digest, file_name, label)
        return found

    def passed(self, digest: str, file_name: str, label: str) -> bool:
        """Whether a package of these bytes, name and kind was checked clean before."""
        key = f"{digest}\0{file_name}\0{label}"
        if key in self._earlier:
            self._now.add(key)
            return True
        return False

    def add(self, digest: str, file_name: str, label: str) -> None:
        """Remember a package this run checked and found clean."""
        self._now.add(f"{digest}\0{file_name}\0{label}")
        self._added = True

    def keep(self) -> None:
        """Write the entry when this run checked a package: this run's clean packages (a
        course's earlier versions are not kept)."""
        if self._added and self._path is not None:
            write_entry(self._path, (_fingerprint(), frozenset(self._now)))
