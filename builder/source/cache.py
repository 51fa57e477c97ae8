"""Loaded courses kept between runs: a rebuild after a theme, runtime or option change skips
reading, checking and rendering Markdown for every course whose files have not changed.

An entry is the course model, the warnings its loading gave and its translation pairs, keyed
by the course's sources, its folder, this tool's code and the libraries that shape its text.
It is read only when every part of the key matches, so a stale entry is never used; a missing,
unreadable or unwritable cache only means loading the course again.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Diagnostics
from ..model import Course
from ..theme import catalogues
from ..user_cache import cache_root, keep
from .files import source_hash
from .parity import Counterpart, check_stale_translations, head_commit

# Libraries whose output is stored in the model (Markdown's HTML, YAML's values, the records).
_LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "mdurl",
    "PyYAML",
    "msgspec",
)
MAX_ENTRIES = 1000


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """A hash of this tool's code, Python and the libraries whose output the model holds."""
    from ..versions import installed_versions  # importlib.metadata's lookup, without its imports

    digest = hashlib.sha256(sys.version.encode())
    for name, version in installed_versions(_LIBRARIES).items():
        digest.update(f"{name}={version or '?'}\0".encode())
    # The theme's strings (callout labels) are written into the pages the cache holds.
    digest.update(json.dumps(catalogues(), sort_keys=True).encode())
    digest.update(code_stamp(Path(__file__).resolve().parents[1]))
    return digest.hexdigest()


def code_stamp(package: Path) -> bytes:
    """Each module of `package` by name, size and modification time, as Python itself tells a
    stale compiled module [PEP 552: timestamp-based pycs]: a stat each, not a read (reading
    and hashing every module was a twentieth of a first build)."""
    stamp: list[str] = []
    _stamp_folder(str(package), "", stamp)
    return "".join(stamp).encode()


def _stamp_folder(folder: str, where: str, stamp: list[str]) -> None:
    # os.scandir's entries carry their stat; os.walk with os.path.relpath cost three times this.
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir() and entry.name != "__pycache__":
            _stamp_folder(entry.path, f"{where}{entry.name}/", stamp)
        elif entry.name.endswith(".py") and entry.is_file():
            info = entry.stat()
            stamp.append(f"{where}{entry.name}\0{info.st_size}\0{info.st_mtime_ns}\0")


def load_course_cached(
    course_dir: Path, diagnostics: Diagnostics, digest: str | None = None
) -> Course | None:
    """`validate.load_course`, through the cache when the course's files are unchanged."""
    folder = course_dir.resolve()
    # The model holds paths as given (relative ones to the working folder), hence both.
    where = (os.getcwd(), str(course_dir), str(folder))
    key = "\0".join((*where, digest or source_hash(course_dir), tool_fingerprint()))
    entry_path = cache_root() / "courses" / entry_name(folder)
    entry = read_entry(entry_path, key)
    course: Course
    if entry is not None and isinstance(entry[1], Course):
        _, course, warnings, counterparts = entry
        diagnostics.extend(warnings)
    else:
        from .course import read_course

        found = Diagnostics()
        loaded, counterparts = read_course(course_dir, found, digest)
        diagnostics.extend(found.sorted())
        if loaded is None or found.error_count():
            return loaded
        course = loaded
        write_entry(entry_path, (key, course, found.sorted(), counterparts))
    diagnostics.extend(_stale_warnings(course_dir, counterparts, key, entry_path.name))
    return course


def _stale_warnings(
    course_dir: Path, counterparts: list[Counterpart], key: str, name: str
) -> list[Diagnostic]:
    """The stale-translation warnings, kept per course and commit: they follow from the
    course's files and the history HEAD names alone, so an unchanged course at an unchanged
    HEAD starts no git process (a `git log` and a `git blame` per YAML file)."""
    found = Diagnostics()
    head = head_commit(course_dir.resolve())
    if head is None:  # outside git (no process is started), or git decides where HEAD is
        check_stale_translations(course_dir, counterparts, found)
        return found.sorted()
    path = cache_root() / "stale" / name
    stale_key = f"{key}\0{head}"
    entry = read_entry(path, stale_key, size=2)
    if entry is not None:
        return list(entry[1])
    check_stale_translations(course_dir, counterparts, found)
    write_entry(path, (stale_key, found.sorted()))
    return found.sorted()


def entry_name(folder: Path) -> str:
    """The name of a (resolved) course folder's entry in each part of the cache: one entry per
    folder."""
    return hashlib.sha256(str(folder).encode()).hexdigest()


def read_entry(path: Path, key: str, size: int = 4) -> tuple[Any, ...] | None:
    """The entry at `path`, a tuple of `size` items whose first is `key`; None if it is not."""
    try:
        with path.open("rb") as stream:
            entry = pickle.load(stream)
    # Anything wrong with an entry (truncated, written by another version) means "not cached".
    except Exception:
        return None
    if not isinstance(entry, tuple) or len(entry) != size or entry[0] != key:
        return None
    return entry


def write_entry(path: Path, entry: tuple[Any, ...]) -> None:
    """Keep `entry` at `path` (written whole, then renamed), and the newest MAX_ENTRIES of its
    folder: one per course folder ever built would grow forever. A cache that cannot be written
    is only a cache not kept."""
    try:
        data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    keep(path, data, newest=MAX_ENTRIES)
