"""A package written into the staging folder: zipped from its files, checked, hashed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostics, Location, Severity, relative_name
from .archive import PackageFile, SourceChanged, SourceError
from .checked import CheckedPackages
from .folder import write_package

if TYPE_CHECKING:
    from ..model import Course


def zipped(
    files: Sequence[PackageFile],
    path: Path,
    label: str,
    checked: CheckedPackages,
    course: Course,
    diagnostics: Diagnostics,
) -> tuple[int, str] | None:
    """Zip `files` into the new file `path` and check it as a package of kind `label` (unless
    `checked` holds it): its size and sha256, or None with the problems in `diagnostics` (course
    files named from the course's folder) and no file left."""
    root = course.source_dir
    try:
        written = write_package(path, files)
    except SourceError as error:
        diagnostics.error(
            Location(relative_name(error.source, root)),
            "file-unreadable",
            f"cannot read this file to package it ({error.reason}); expected a file "
            "coursebuild can read",
        )
        return None
    except SourceChanged as error:
        diagnostics.error(
            Location(relative_name(error.source, root)),
            "file-changed",
            "this file changed while it was being packaged; expected it left as it is until "
            "the build ends: build again once it is written",
        )
        return None
    found = checked.findings(path, written[1], path.name, label)
    diagnostics.extend(found)
    if any(d.severity is Severity.ERROR for d in found):
        path.unlink()
        return None
    return written
