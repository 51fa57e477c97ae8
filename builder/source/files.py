"""A course folder: its course file, and a hash of every source file in it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

COURSE_FILE = "course.yml"
CATALOGUE_THEME = "_theme"  # a folder of courses' theme override, beside its courses


def cache_root() -> Path:
    """coursebuild's folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coursebuild"


def source_hash(course_dir: Path) -> str:
    """A content hash of every file of the course (paths and bytes), and of its catalogue's
    theme override folder when there is one, for incremental builds."""
    digest = hashlib.sha256()
    _hash_folder(digest, course_dir, course_dir)
    catalogue = course_dir.parent / CATALOGUE_THEME
    if catalogue.is_dir():
        _hash_folder(digest, catalogue, course_dir)
    return digest.hexdigest()


def _hash_folder(digest: hashlib._Hash, folder: Path, course_dir: Path) -> None:
    """Add every file under `folder` (names relative to the course folder) to `digest`."""
    entries = (p for p in folder.rglob("*") if p.is_symlink() or p.is_file())
    # .coursebuild/ holds the preview's package and learner data, not sources.
    for path in sorted(p for p in entries if p.relative_to(folder).parts[0] != ".coursebuild"):
        # Names as bytes: a name that is not UTF-8 must not stop the build here.
        digest.update(os.fsencode(os.path.relpath(path, course_dir)) + b"\0")
        if path.is_symlink():
            # A link is hashed as where it points and as what it reads: the file it leads to
            # may not be hashed on its own (it may be in .coursebuild/, or out of the course,
            # which loading refuses), and an edit to it must still change the hash.
            digest.update(b"-> " + os.fsencode(os.readlink(path)) + b"\0")
        digest.update(_content(path) + b"\0")


def _content(path: Path) -> bytes:
    """A file's bytes (through links); a folder, a broken link or a loop has none."""
    try:
        return path.read_bytes() if path.is_file() else b""
    except OSError as exc:  # unreadable: loading reports it; the hash only needs to differ
        return f"unreadable: {exc.errno}".encode()
