"""Discover stage: the course folders that SOURCE arguments name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Diagnostics, Location
from .files import COURSE_FILE, named_courses, unique_folders
from .paths import shown


def discover(sources: Sequence[Path], diagnostics: Diagnostics) -> list[Path]:
    """Course folders named by SOURCE arguments: a course, or a folder of courses."""
    found: list[Path] = []
    for source in sources:
        courses = named_courses(source)
        if not courses:
            named = shown(source.as_posix())
            diagnostics.error(
                Location(named),
                "no-course",
                f"'{named}' has no {COURSE_FILE} and no course folders; expected a "
                f"course folder or a folder of courses (such as course_src/)",
            )
        found.extend(courses)
    return unique_folders(found)
