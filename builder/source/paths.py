"""Path safety: every course file is found through `locate`, which keeps it inside the course.

Course files are read, hashed and zipped under the names authors give them, so a name must be
one a file system, a zip and a terminal all take as it is: printable, within the file system's
length limits, and, through any symbolic link, inside the course folder.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import SplitResult, quote, urlsplit

from msgspec import Struct

from ..diagnostics import Diagnostics, Location

# NAME_MAX and PATH_MAX of Linux, in bytes of the file system's encoding [POSIX.1-2017
# <limits.h>]; longer names make every file operation fail with ENAMETOOLONG.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096
# What may stay unencoded in a path segment [RFC 3986 §3.3: pchar = unreserved / sub-delims /
# ":" / "@"], less ":" so that no first segment can be read as a scheme [RFC 3986 §4.2].
_SEGMENT_SAFE = "!$&'()*+,;=@-._~"


class Located(Struct, frozen=True):
    """Where a course-relative path leads: the file, or the diagnostic that says why not."""

    path: Path | None
    code: str = ""
    problem: str = ""

    @property
    def missing(self) -> bool:
        """True when the path is fine but no file is there."""
        return self.code == "file-not-found"


def shown(text: str) -> str:
    """`text` safe to print: control characters as Python escapes (`\\n`, `\\x1b`), as repr
    shows them, so that a name can neither break a diagnostic's line nor drive the terminal."""
    return "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text)


def control_character(text: str) -> str | None:
    """The first control character of `text` (C0, DEL or C1), or None."""
    return next((c for c in text if unicodedata.category(c) == "Cc"), None)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit + 1 else f"{text[:limit]}…"


def _reference(ref: str, what: str) -> tuple[str, str, PurePosixPath]:
    """A path as written (outer spaces off), how messages name it, and as a POSIX path."""
    text = ref.strip()
    return text, f"{what} '{shown(_clip(text, 60))}'", PurePosixPath(text.replace("\\", "/"))


def locate(course_dir: Path, ref: str, what: str) -> Located:
    """Find `ref` (a course-relative path) as a file inside the course, following links only
    while they stay inside it."""
    text, named, pure = _reference(ref, what)
    if (refused := _refuse_text(text, pure, what, named, "a file")) is not None:
        return refused
    candidate = course_dir / pure
    if len(os.fsencode(candidate.absolute())) > MAX_PATH_BYTES:
        return Located(
            None,
            "path-too-long",
            f"{what} '{shown(_clip(text))}' is {len(os.fsencode(text))} bytes long; expected at "
            f"most {MAX_PATH_BYTES} bytes",
        )
    return _resolve(course_dir, candidate, pure, what, named)


def _refuse_text(
    text: str, pure: PurePosixPath, what: str, named: str, expected: str
) -> Located | None:
    """Why a path is refused before the file system is asked, or None when it is not;
    `expected` is what the path should name ("a file", "a folder")."""
    if not text:
        return Located(None, "path-empty", f"{what}: expected a file path, found nothing")
    if (char := control_character(text)) is not None:
        return Located(
            None,
            "path-control-char",
            f"{named} has a control character ('{shown(char)}'); expected a path of printable "
            "characters",
        )
    if pure.is_absolute() or (len(text) > 1 and text[1] == ":"):
        return Located(
            None,
            "path-outside-course",
            f"{named} is an absolute path; expected a path relative to the course folder",
        )
    if ".." in pure.parts:
        return Located(
            None,
            "path-outside-course",
            f"{named} goes up with '..'; expected a path inside the course folder",
        )
    if not pure.parts:  # `.`, `./`, `./.`: no name at all, so the folder itself
        hint = " (such as theme)" if expected == "a folder" else ""
        return Located(
            None,
            "path-course-folder",
            f"{named} names the course folder itself; expected {expected} inside the course "
            f"folder{hint}",
        )
    if (size := max(len(os.fsencode(part)) for part in pure.parts)) > MAX_NAME_BYTES:
        return Located(
            None,
            "path-too-long",
            f"{what} '{shown(_clip(text))}' has a name of {size} bytes; expected at most "
            f"{MAX_NAME_BYTES} bytes per folder or file name",
        )
    return None


def _resolve(
    course_dir: Path, candidate: Path, pure: PurePosixPath, what: str, named: str
) -> Located:
    """Follow `candidate` to a file inside the course, or say why it is not one."""
    try:
        resolved = candidate.resolve()
        is_file = resolved.is_file()
    except RuntimeError:  # Python 3.11 and 3.12 say "Symlink loop" so; 3.13 raises ELOOP.
        return _loop(named)
    except OSError as exc:
        return Located(None, "file-unreadable", f"{named} cannot be read: {exc.strerror}")
    if not resolved.is_relative_to(course_dir.resolve()):
        return Located(
            None,
            "path-outside-course",
            f"{named} leads outside the course folder (through a symbolic link)",
        )
    if not is_file and os.path.islink(resolved):
        return _loop(named)
    if not is_file:
        found = _normalised(course_dir, pure)
        if found is not None:
            return locate(course_dir, found.as_posix(), what)
        return Located(
            None,
            "file-not-found",
            f"{named} does not exist; expected a file at "
            f"{shown(course_dir.name)}/{shown(pure.as_posix())}",
        )
    return Located(candidate)


def _loop(named: str) -> Located:
    return Located(
        None,
        "path-symlink-loop",
        f"{named} is a symbolic link that leads back to itself (a loop); expected a file",
    )


def _normalised(course_dir: Path, pure: PurePosixPath) -> PurePosixPath | None:
    """The course path whose names equal `pure`'s in Unicode NFC, when `pure` is spelt in
    another normal form (an accent typed as a combining character, or the other way round)."""
    folder = course_dir
    for part in pure.parts:
        want = unicodedata.normalize("NFC", part)
        try:
            match = next(
                (e for e in os.listdir(folder) if unicodedata.normalize("NFC", e) == want), None
            )
        except OSError:
            return None
        if match is None:
            return None
        folder = folder / match
    found = PurePosixPath(folder.relative_to(course_dir).as_posix())
    return found if found != pure else None


def locate_folder(base: Path, ref: str, what: str) -> Located:
    """Find `ref` (a path relative to `base`) as a folder inside `base`, following links only
    while they stay inside it."""
    text, named, pure = _reference(ref, what)
    if (refused := _refuse_text(text, pure, what, named, "a folder")) is not None:
        return refused
    try:
        resolved = (base / pure).resolve()
    except (RuntimeError, OSError):
        return _loop(named)
    if not resolved.is_relative_to(base.resolve()):
        return Located(
            None,
            "path-outside-course",
            f"{named} leads outside the folder (through a symbolic link)",
        )
    if not resolved.is_dir():
        return Located(
            None,
            "file-not-found",
            f"{named} does not exist; expected a folder at "
            f"{shown(base.name)}/{shown(pure.as_posix())}",
        )
    return Located(base / pure)


def resolve_inside(
    course_dir: Path, ref: str, location: Location, diagnostics: Diagnostics, what: str
) -> Path | None:
    """Resolve `ref` (a course-relative path) to an existing file inside the course, or report."""
    found = locate(course_dir, ref, what)
    if found.path is None:
        diagnostics.error(location, found.code, found.problem)
    return found.path


def locate_source(course_dir: Path, relative: str, what: str, diagnostics: Diagnostics) -> Located:
    """`locate` a file the course format names (course.yml, modules/<name>.<lang>.md...):
    any problem but its absence is reported at the file itself, line 1."""
    found = locate(course_dir, relative, what)
    if found.path is None and not found.missing:
        where = Location(f"{course_dir.name}/{relative}", 1, 1)
        diagnostics.error(where, found.code, found.problem)
    return found


def package_path(course_dir: Path, path: Path) -> str:
    """The path a course file gets inside a package (relative, forward slashes)."""
    return path.relative_to(course_dir).as_posix()


def package_url(course_dir: Path, path: Path) -> str:
    """The relative URL that links to a course file in a package (see `url_of`)."""
    return url_of(package_path(course_dir, path))


def url_of(name: str) -> str:
    """The relative URL of a file in a package: each name percent-encoded as UTF-8, ':'
    included, so that no browser reads a name such as `javascript:x` as a scheme."""
    return "/".join(quote(part, safe=_SEGMENT_SAFE) for part in name.split("/"))


def split_url(text: str) -> SplitResult | None:
    """`text` split as a URL, or None when it is not one (an unclosed `[`, a port over 65535)."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - reading it is what checks it
    except ValueError:
        return None
    return parts
