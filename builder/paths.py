"""Path safety: no path in a course source may reach outside the course folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostics, Location


def resolve_inside(
    course_dir: Path, ref: str, location: Location, diagnostics: Diagnostics, what: str
) -> Path | None:
    """Resolve `ref` (a course-relative path) to an existing file inside the course, or report."""
    text = ref.strip()
    pure = PurePosixPath(text.replace("\\", "/"))
    if not text:
        diagnostics.error(location, "path-empty", f"{what}: expected a file path, found nothing")
        return None
    if pure.is_absolute() or (len(text) > 1 and text[1] == ":"):
        diagnostics.error(
            location,
            "path-outside-course",
            f"{what} '{ref}' is an absolute path; expected a path relative to the course folder",
        )
        return None
    if ".." in pure.parts:
        diagnostics.error(
            location,
            "path-outside-course",
            f"{what} '{ref}' goes up with '..'; expected a path inside the course folder",
        )
        return None
    root = course_dir.resolve()
    candidate = course_dir / pure
    resolved = candidate.resolve()
    if not resolved.is_relative_to(root):
        diagnostics.error(
            location,
            "path-outside-course",
            f"{what} '{ref}' leads outside the course folder (through a symbolic link)",
        )
        return None
    if not resolved.is_file():
        diagnostics.error(
            location,
            "file-not-found",
            f"{what} '{ref}' does not exist; expected a file at "
            f"{course_dir.name}/{pure.as_posix()}",
        )
        return None
    return candidate


def package_path(course_dir: Path, path: Path) -> str:
    """The path a course file gets inside a package (relative, forward slashes)."""
    return path.relative_to(course_dir).as_posix()
