"""Diagnostics: every problem in a course source, with its file, line and column."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from msgspec import Struct
from msgspec.structs import replace

from .codes import Severity, lookup

__all__ = ["Diagnostic", "Diagnostics", "Location", "Severity", "count", "one_line", "summary"]

# Escaped in what is printed: control characters and line breaks (one diagnostic stays one
# line, a terminal runs no escape sequence), format characters (a bidi override would reorder
# what is shown: Unicode TR #9 §2) and lone surrogates. Printable non-ASCII text stays as it is.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def _shown(char: str) -> str:
    if unicodedata.category(char) in _HIDDEN:
        return char.encode("unicode_escape").decode("ascii")
    return char


def one_line(text: str) -> str:
    """`text` with control, format and line-break characters escaped (`\\n`, `\\u202e`)."""
    if text.isprintable():
        return text
    return "".join(_shown(char) for char in text)


class Location(Struct, frozen=True, order=True):
    """A place in a source file; line and column count from 1 (0 = unknown)."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        if self.col <= 0:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.col}"


class Diagnostic(Struct, frozen=True, order=True):
    """One problem: where, how bad, a stable code, what was expected and found. Two reports
    of one problem are one diagnostic, whatever hint each carries (`Diagnostics.sorted`)."""

    location: Location
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def __post_init__(self) -> None:
        lookup(self.code)  # an undeclared code (a typo) fails here, not in someone's LMS

    def format(self, within: str = "") -> str:
        """Render as `file:line:col: error: message [code]` (mypy style).

        `within` names what holds the file, e.g. the zip `check` read it from:
        `package.zip:imsmanifest.xml:12: error: ...`.
        """
        where = str(self.location)
        if within:
            where = f"{within}:{where}" if self.location.file else within + where
        # One diagnostic is one line (and its hint one more), whatever the source's values hold.
        text = one_line(f"{where}: {self.severity.value}: {self.message} [{self.code}]")
        if self.hint:
            text += f"\n    hint: {one_line(self.hint)}"
        return text


class Diagnostics:
    """A collector that each pipeline stage appends to; sorted on the way out."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []
        self._traps: dict[Location, str] = {}

    def error(self, location: Location, code: str, message: str, hint: str = "") -> None:
        """Record an error."""
        self._items.append(Diagnostic(location, Severity.ERROR, code, message, hint))

    def warning(self, location: Location, code: str, message: str, hint: str = "") -> None:
        """Record a warning."""
        self._items.append(Diagnostic(location, Severity.WARNING, code, message, hint))

    def trap(self, location: Location, hint: str) -> None:
        """Note a value that YAML read other than authors expect: an error there gets `hint`."""
        self._traps.setdefault(location, hint)

    def extend(self, items: Iterable[Diagnostic]) -> None:
        """Add diagnostics gathered elsewhere."""
        self._items.extend(items)

    def has_errors(self, strict: bool = False) -> bool:
        """True when the build must stop (any error; any warning too when strict)."""
        return any(d.severity is Severity.ERROR or strict for d in self._items)

    def error_count(self) -> int:
        """How many errors have been recorded so far."""
        return sum(1 for d in self._items if d.severity is Severity.ERROR)

    def sorted(self) -> list[Diagnostic]:
        """All diagnostics, by file, line, column, deduplicated: one problem reported twice is
        shown once, with the first report's hint."""
        unique: dict[tuple[Location, Severity, str, str], Diagnostic] = {}
        for found in map(self._hinted, self._items):
            unique.setdefault((found.location, found.severity, found.code, found.message), found)
        return sorted(unique.values())

    def _hinted(self, diagnostic: Diagnostic) -> Diagnostic:
        hint = self._traps.get(diagnostic.location)
        if hint is None or diagnostic.hint or diagnostic.severity is not Severity.ERROR:
            return diagnostic
        return replace(diagnostic, hint=hint)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._items)


def count(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    """How many errors and how many warnings."""
    severities = [d.severity for d in diagnostics]
    errors = severities.count(Severity.ERROR)
    return errors, len(severities) - errors


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """'N error(s), M warning(s)': the last line of every command's report."""
    errors, warnings = count(diagnostics)
    return f"{errors} error(s), {warnings} warning(s)"


def relative_name(path: Path, root: Path) -> str:
    """A file name as authors see it: relative to the course's parent when possible."""
    try:
        return path.relative_to(root.parent).as_posix()
    except ValueError:
        return path.as_posix()


def from_here(items: Iterable[Diagnostic], folder: Path) -> list[Diagnostic]:
    """The diagnostics of the course in `folder`, their files named from the current folder.

    Inside a course, files are named from the course's parent (`my-course/course.yml`, and its
    catalogue's `_theme/brand.html.j2`); the command line shows them as the author typed the
    course's folder (`course_src/my-course/...`). Names are kept as they are on disk, whatever
    characters they hold: `format` escapes them when it prints.
    """
    from .source.files import CATALOGUE_THEME

    prefixes = (f"{folder.name}/", f"{CATALOGUE_THEME}/")
    base = _from_cwd(folder.parent)
    if not folder.name or base == ".":
        return list(items)
    return [
        replace(d, location=replace(d.location, file=_joined(base, d.location.file)))
        if d.location.file.startswith(prefixes)
        else d
        for d in items
    ]


def _joined(base: str, file: str) -> str:
    """`base/file`, by the shortest way from the current folder when `base` goes up: `build .`
    in a course names its course `../my-course`, and its files `course.yml`, not
    `../my-course/course.yml`."""
    joined = f"{base}/{file}"
    return os.path.relpath(joined).replace(os.sep, "/") if base.startswith("..") else joined


def _from_cwd(folder: Path) -> str:
    if folder.is_absolute():
        try:
            folder = folder.relative_to(Path.cwd())
        except ValueError:
            return folder.as_posix()
    return os.path.normpath(folder).replace(os.sep, "/")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice a misspelt `word` most likely meant, or None."""
    import difflib  # only a source with a misspelt key needs it: not loaded on every build

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
