"""The course's page and assessment files that course.yml's `modules` could not be read to
name: checked each on its own, so that a list in error hides none of their errors."""

from __future__ import annotations

import re
from pathlib import Path

from msgspec.structs import replace

from ..diagnostics import Location
from .assessment import build_assessment
from .context import CourseContext
from .pages import load_page
from .paths import locate_source
from .schema import ModuleRef
from .schema_types import PAGE_FILE_RE

_PAGE_FILE = re.compile(PAGE_FILE_RE)
_ASSESSMENT_FILE = re.compile(r"([a-z0-9][a-z0-9-]{0,62})\.yml")


def check_unlisted(
    refs: list[tuple[ModuleRef | None, bool]], ctx: CourseContext
) -> list[tuple[str, dict[str, Location]]]:
    """With `modules` (or a name in one of its entries) unread, check the page and
    assessment files that no name read names: a page in the languages of its files, each on
    its own (none said to be missing), an assessment file with what does not depend on its use
    (assessment, knowledge check or pre-test). Nothing is said of a file the list leaves out.

    Returns each assessment file's name with where its questions' readable ids are, for the
    clash check across files: whatever the list meant by them, their questions are the course's."""
    read = {
        name
        for ref, _ in refs
        if ref is not None
        for name in (ref.page, ref.assessment, ref.check, ref.pretest)
        if name is not None
    }
    pages: dict[str, list[str]] = {}
    for name, lang in _matches(ctx.course_dir / "modules", _PAGE_FILE):
        if name not in read and lang in ctx.languages:
            pages.setdefault(name, []).append(lang)
    for name, langs in sorted(pages.items()):
        there = tuple(lang for lang in ctx.languages if lang in langs)
        first = ctx.course_dir / "modules" / f"{name}.{there[0]}.md"
        alone = replace(ctx, languages=there, compare=False)
        load_page(name, Location(ctx.name(first), 1, 1), alone)
    assessments: list[tuple[str, dict[str, Location]]] = []
    for name, _ in sorted(_matches(ctx.course_dir / "assessments", _ASSESSMENT_FILE)):
        if name not in read:
            relative = f"assessments/{name}.yml"
            found = locate_source(ctx.course_dir, relative, "assessment file", ctx.diagnostics)
            places: dict[str, Location] = {}
            if found.path is not None:
                build_assessment(name, found.path, ctx, listed=False, places=places)
            assessments.append((name, places))
    return assessments


def _matches(folder: Path, pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    """The groups of each file name in `folder` that `pattern` matches whole (none when the
    folder cannot be listed)."""
    try:  # (a link to nothing is no file: nothing is said of it)
        names = [path.name for path in folder.iterdir() if path.exists()]
    except OSError:
        return []
    return [
        (found.group(1), found.group(found.lastindex or 1))
        for name in names
        if (found := pattern.fullmatch(name))
    ]
