"""A course folder: its course file, and a hash of every source file in it."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
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
        _add_content(digest, path)
        digest.update(b"\0")


def _add_content(digest: hashlib._Hash, path: Path) -> None:
    """Add a file's bytes (through links) to `digest`, a piece at a time; a folder, a broken
    link or a loop has none."""
    # In pieces: a file over a limit (a 300 MB theme logo) is hashed before it is refused.
    try:
        if not path.is_file():
            return
        with path.open("rb") as file:
            while piece := file.read(1 << 20):
                digest.update(piece)
    except OSError as exc:  # unreadable: loading reports it; the hash only needs to differ
        digest.update(f"unreadable: {exc.errno}".encode())


def named_folder(source: Path) -> Path:
    """`source` as a path whose last name is the folder's own: `.` and `..` (which have none,
    or the name '..') become `../<name>` and `../../<name>`, relative as they were written."""
    if source.name not in ("", ".."):
        return source
    # The course's name makes its packages' names and its parent is its catalogue: `build .`
    # must give what `build <name>` gives from the parent folder.
    real = Path(os.path.realpath(source))
    if real.parent == real:  # the root folder has no name to give
        return source
    return Path(os.path.relpath(real.parent)) / real.name if not source.is_absolute() else real


def named_courses(source: Path) -> list[Path]:
    """The course folders one SOURCE argument names: itself when it holds a course file, else
    its subfolders that do (sorted); none for a folder without courses or one not readable."""
    source = named_folder(source)
    if _has_course_file(source):
        return [source]
    try:
        subfolders = [p for p in source.iterdir() if p.is_dir()]
    except OSError:
        return []
    return sorted(p for p in subfolders if _has_course_file(p))


def unique_folders(found: Sequence[Path]) -> list[Path]:
    """`found` without a folder named twice (the first name of each kept), in order."""
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _has_course_file(folder: Path) -> bool:
    # A course.yml that is a broken link or a loop still makes a course: loading it then says
    # what is wrong with the link, at the file, rather than "no course here".
    course_file = folder / COURSE_FILE
    return course_file.is_symlink() or course_file.is_file()
