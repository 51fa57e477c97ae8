"""course.yml `languages` as far as it can be read; when it cannot, the languages the course's
files use, so that every file is still checked (docs/course-format.md, "`course.yml`")."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..theme import catalogues
from .load import SourceDoc
from .schema import CourseSpec
from .spec_places import Broken

_PAGE_FILE = re.compile(r"[a-z0-9][a-z0-9-]{0,62}\.([a-z]{2,3}(?:-[A-Z]{2})?)\.md")


def course_languages(
    read: CourseSpec, broken: Broken, doc: SourceDoc, course_dir: Path, diagnostics: Diagnostics
) -> tuple[tuple[str, ...], bool]:
    """The languages to check the course in, and whether they are the list as declared (read
    whole, each with the player's strings): only then are languages compared with each other.

    Otherwise they are the list's entries that could be read and are supported, then those of
    the course's title and description maps, then those of its page files (English when none
    says): each is checked on its own.
    """
    supported = sorted(catalogues())
    entries = read.languages if broken.usable(("languages",)) and read.languages else []
    readable = [(i, lang) for i, lang in enumerate(entries) if broken.usable(("languages", i))]
    for i, lang in readable:
        if lang not in supported:
            diagnostics.error(
                doc.at(("languages", i)),
                "unsupported-language",
                f"languages: '{lang}' is not supported; expected one of: {', '.join(supported)}",
            )
    if len({lang for _, lang in readable}) != len(readable):
        diagnostics.error(
            doc.at(("languages",)),
            "duplicate-language",
            "languages: each language may be declared once",
        )
    listed = tuple(lang for _, lang in readable if lang in supported)
    if broken.intact(("languages",)) and len(listed) == len(entries):
        return listed, True
    found = [*listed, *_map_keys(doc.data, "title"), *_map_keys(doc.data, "description")]
    found += sorted(_page_languages(course_dir))
    known = tuple(lang for lang in dict.fromkeys(found) if lang in supported)
    return known or ("en",), False


def _map_keys(data: Any, key: str) -> list[str]:
    """The keys of course.yml's language map at `key` (none when it is not a map)."""
    value = data.get(key) if isinstance(data, dict) else None
    return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []


def _page_languages(course_dir: Path) -> set[str]:
    """The languages of the page files in `modules/` (`<name>.<lang>.md`)."""
    try:
        names = [path.name for path in (course_dir / "modules").iterdir()]
    except OSError:
        return set()
    return {found.group(1) for name in names if (found := _PAGE_FILE.fullmatch(name))}
