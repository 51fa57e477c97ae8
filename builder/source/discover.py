"""Discover stage: the course folders that SOURCE arguments name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from .files import COURSE_FILE
from .paths import shown


def discover(sources: Sequence[Path], diagnostics: Diagnostics) -> list[Path]:
    """Course folders named by SOURCE arguments: a course, or a folder of courses."""
    found: list[Path] = []
    for source in sources:
        if _has_course_file(source):
            found.append(source)
            continue
        children = sorted(p for p in _subfolders(source) if _has_course_file(p))
        if not children:
            named = shown(source.as_posix())
            diagnostics.error(
                Location(named),
                "no-course",
                f"'{named}' has no {COURSE_FILE} and no course folders; expected a "
                f"course folder or a folder of courses (such as course_src/)",
            )
        found.extend(children)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _has_course_file(folder: Path) -> bool:
    # A course.yml that is a broken link or a loop still makes a course: loading it then says
    # what is wrong with the link, at the file, rather than "no course here".
    course_file = folder / COURSE_FILE
    return course_file.is_symlink() or course_file.is_file()


def _subfolders(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir()]
    except OSError:
        return []
