"""A course folder: its course file, the size limits of its sources, and a hash of every source
file in it (a file refused for its size is hashed by size and time, unread)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from ..theme import folder_files

COURSE_FILE = "course.yml"
CATALOGUE_THEME = "_theme"  # a folder of courses' theme override, beside its courses
MAX_SOURCE_BYTES = 2_000_000
"""The largest course source read (docs/course-format.md, "Limits"): 100 times a long page."""
MAX_THEME_FILE_BYTES = 2_000_000
"""The largest static file of a theme override (docs/theming.md): a logo, a font or a stylesheet
is at most a few hundred kB, and each is copied into every package the course makes."""
MAX_THEME_BYTES = 10_000_000
"""The most the static files of a course's override folders (its custom_dir and its catalogue's
_theme/, a name in both counted once) weigh in all (docs/theming.md): five files at the
limit above, 24 times the built-in theme's own static files (with their minified copies) and
ten times a brand theme of a logo, a font family and a stylesheet; every package holds them."""
_STATIC = "static/"
# A static file's name in its folder (static/...): its size, and its real path.
_Sizes = dict[str, tuple[int, str]]


def source_hash(course_dir: Path) -> str:
    """A content hash of every file of the course (paths and bytes), and of its catalogue's
    theme override folder when there is one, for incremental builds. Files that loading
    refuses for their size (the course file, or a theme's static files) are taken by size and
    time, unread: the course is refused, and the hash changes when they do."""
    digest = hashlib.sha256()
    whole, unread = refused_unread(course_dir)
    _hash_folder(digest, course_dir, course_dir, whole, unread)
    catalogue = course_dir.parent / CATALOGUE_THEME
    if catalogue.is_dir():
        _hash_folder(digest, catalogue, course_dir, whole, unread)
    return digest.hexdigest()


def _hash_folder(
    digest: hashlib._Hash,
    folder: Path,
    course_dir: Path,
    whole: bool = False,
    unread: frozenset[str] = frozenset(),
) -> None:
    """Add every file under `folder` (names relative to the course folder) to `digest`: its
    bytes, or its size and time when `whole` or when its real path is in `unread`."""
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
        if whole or (unread and os.path.realpath(path) in unread):
            _add_stat(digest, path)
        else:
            _add_content(digest, path)
        digest.update(b"\0")


def _add_stat(digest: hashlib._Hash, path: Path) -> None:
    """Add a file's size and modification time (through links) to `digest`, for a file that
    is refused unread."""
    try:
        seen = path.stat()
        digest.update(f"size {seen.st_size} time {seen.st_mtime_ns}".encode())
    except OSError as exc:
        digest.update(f"unreadable: {exc.errno}".encode())


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


def refused_unread(course_dir: Path) -> tuple[bool, frozenset[str]]:
    """(True, nothing) when loading refuses the whole course for its course file's size; else
    False and the real paths of its theme folders' static files when loading refuses them for
    their sizes (one over its own limit, or all of them over their total), else none."""
    try:
        if os.stat(course_dir / COURSE_FILE).st_size > MAX_SOURCE_BYTES:
            return True, frozenset()
    except OSError:
        pass
    catalogue = course_dir.parent / CATALOGUE_THEME
    shared = _static(catalogue) if catalogue.is_dir() else {}
    if not _may_be_over(course_dir, shared):  # no YAML read for a course whose theme is light
        return False, frozenset()
    known, custom = _custom_dir(course_dir)
    own = _static(custom) if custom is not None else {}
    every = [*own.values(), *shared.values()]
    carried = {**shared, **own}  # the course's own file of a name wins, as in its packages
    over_one = any(size > MAX_THEME_FILE_BYTES for size, _ in every)
    # The total is known only when the course's own folder is: it may replace shared files.
    if over_one or (known and sum(size for size, _ in carried.values()) > MAX_THEME_BYTES):
        return False, frozenset(path for _, path in every)
    return False, frozenset()


def _static(folder: Path) -> _Sizes:
    """An override folder's static files (as loading finds them) by name: size and real path."""
    found: _Sizes = {}
    for name in folder_files(folder):
        if name.startswith(_STATIC):
            path = os.path.join(folder, name)
            try:
                found[name] = (os.stat(path).st_size, os.path.realpath(path))
            except OSError:  # loading says why, at the file
                continue
    return found


def _may_be_over(course_dir: Path, shared: _Sizes) -> bool:
    """False when no theme the course can have is over its limits: the catalogue's static
    files and every static/ folder of the course together are within them."""
    sizes = [size for size, _ in shared.values()]
    for top, dirs, _ in os.walk(course_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        if "static" in dirs:
            sizes += [size for size, _ in _static(Path(top)).values()]
    return any(size > MAX_THEME_FILE_BYTES for size in sizes) or sum(sizes) > MAX_THEME_BYTES


def _custom_dir(course_dir: Path) -> tuple[bool, Path | None]:
    """Whether the course's theme.custom_dir is known, and its folder (None: it has none). A
    course file that is not plain YAML, or a folder not plainly inside the course, is not known:
    loading decides (the course's own folder may replace the catalogue's files)."""
    import yaml

    try:
        text = (course_dir / COURSE_FILE).read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError):
        return False, None
    theme = data.get("theme") if isinstance(data, dict) else None
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom is None:
        return True, None
    if not isinstance(custom, str) or not custom or os.path.isabs(custom):
        return False, None
    try:
        folder = (course_dir / custom).resolve()
    except (OSError, RuntimeError):
        return False, None
    inside = folder.is_relative_to(course_dir.resolve()) and folder.is_dir()
    return (True, folder) if inside else (False, None)


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
