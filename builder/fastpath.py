"""The unchanged build, decided with the standard library alone (no Typer, pydantic, Jinja2).

`coursebuild build` of courses that are as last built prints the same "unchanged" lines as the
full command and stops here. Per course and output folder, a stamp in the user's cache holds the
options, the tool's version and the stat signature (path, type, size, mtime, ctime, inode) of
every file and folder of the course, its catalogue's theme, the theme and its last outputs.
When the signature matches, nothing was touched since the stamp; when it does not, or there is
no stamp, the course is judged by the full command's own test (content hashes of its sources
and theme against its build report, sha256 of its zips) and a fresh stamp is written. Anything
else (an option this parser does not know, a course to build, a SOURCE_DATE_EPOCH that warns,
a course whose last build warned: its warnings are said again) returns None: the full command
then runs and decides as always.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from . import __version__
from .output.report import inputs_hash, packages_intact, report_file, unchanged, warned
from .output.upload_limit import DEFAULT_LIMIT, OPTION, given_limit
from .source.files import (
    CATALOGUE_THEME,
    named_courses,
    source_hash,
    unique_folders,
)
from .theme import RACY_NS, theme_dir, theme_hash
from .user_cache import cache_root, keep

UNCHANGED = "unchanged {slug}: sources, theme and options as last built (--force rebuilds)"
_VALUED = {"--target": "targets", "-t": "targets", "--out": "out", "-o": "out", OPTION: "limit"}
_JOBS = ("--jobs", "-j")
_SPLIT = "--split-languages"
# The options of `build` this parser reads; a test holds them to Typer's reading of the same.
OPTIONS = (*_VALUED, *_JOBS, _SPLIT, OPTION)
_Entry = tuple[str, int, int, int, int, int]


class BuildArgs(NamedTuple):
    """The options of `coursebuild build` that the fast path understands."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    out: str
    split: bool
    jobs: int | None = None
    upload_limit: int = DEFAULT_LIMIT


def parse(args: Sequence[str]) -> BuildArgs | None:
    """`build`'s arguments, or None for anything the full parser should judge."""
    sources: list[str] = []
    values: dict[str, list[str]] = {"targets": [], "out": [], "limit": []}
    split = False
    jobs: int | None = None
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if arg == _SPLIT:
            split = True
        elif name in _JOBS:  # how many at once: the outcome does not depend on it
            value = value if eq else (rest.pop(0) if rest else "")
            if (name == "-j" and eq) or not (value.isascii() and value.isdigit() and int(value)):
                return None
            jobs = int(value)
        elif name in _VALUED and not (eq and not name.startswith("--")):
            value = value if eq else (rest.pop(0) if rest else "")
            if not value or value.startswith("-"):
                return None
            values[_VALUED[name]].append(value)
        elif arg.startswith("-") or not arg:  # --force, --strict, --help, --: the full path
            return None
        else:
            sources.append(arg)
    if not sources or len(values["out"]) > 1 or not all(map(os.path.isdir, sources)):
        return None
    out = values["out"][0] if values["out"] else "dist"
    limit = given_limit(values["limit"])
    if limit is None:
        return None
    return BuildArgs(tuple(sources), tuple(values["targets"]), out, split, jobs, limit)


def courses(sources: Sequence[str]) -> list[Path] | None:
    """The course folders as `source.discover` finds them; None where it would report one."""
    found: list[Path] = []
    for source in map(Path, sources):
        named = named_courses(source)
        if not named:
            return None
        found.extend(named)
    return unique_folders(found)


def walk(root: Path, skip: str = "") -> list[_Entry] | None:
    """The stat signature of a folder and everything under it; None when one cannot be taken
    (a folder linked in, an unreadable folder)."""
    entries: list[_Entry] = []
    todo = [(root, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            with os.scandir(folder) as listing:
                found = sorted(listing, key=lambda e: e.name)
        except OSError:
            return None
        for entry in found:
            name = prefix + entry.name
            if name == skip:
                continue
            try:
                seen = entry.stat(follow_symlinks=False)
                if entry.is_symlink():  # where it points, and what it leads to
                    if entry.is_dir():
                        return None
                    entries.append(_signature(name + " ->", os.stat(entry.path)))
            except OSError:
                return None
            entries.append(_signature(name, seen))
            if entry.is_dir(follow_symlinks=False):
                todo.append((Path(entry.path), name + "/"))
    return entries


def _signature(name: str, seen: os.stat_result) -> _Entry:
    return (name, seen.st_mode, seen.st_size, seen.st_mtime_ns, seen.st_ctime_ns, seen.st_ino)


def _files(paths: Sequence[Path]) -> list[_Entry] | None:
    try:
        return [_signature(p.as_posix(), p.stat()) for p in paths]
    except OSError:
        return None


class Run(NamedTuple):
    """What every course of one run shares: its options and the theme's signature."""

    args: BuildArgs
    epoch: str
    theme: list[_Entry]


_Signature = tuple[list[_Entry] | str, ...]


def source_signature(folder: Path, theme: list[_Entry]) -> _Signature | None:
    """The stat signature of a course's sources, its catalogue's theme and the theme (or None)."""
    catalogue = folder.parent / CATALOGUE_THEME
    parts = (
        _files([folder]),
        walk(folder, ".coursebuild"),  # the preview's own folder, not a source
        walk(catalogue) if catalogue.is_dir() else "no catalogue theme",
        theme,
    )
    return None if any(part is None for part in parts) else tuple(p for p in parts if p is not None)


def _with_outputs(sources: _Signature, out: Path, outputs: Sequence[str]) -> _Signature | None:
    files = _files([out / name for name in outputs])
    return None if files is None else (*sources, files)


def _digest(signature: _Signature) -> str:
    return hashlib.sha256(json.dumps(signature).encode()).hexdigest()


def _racy(signature: _Signature, since: int) -> bool:
    """True when an entry changed so recently that a change to come could keep its stat."""
    return any(
        max(entry[3], entry[4]) >= since - RACY_NS
        for part in signature
        if isinstance(part, list)
        for entry in part
    )


def _outputs(out: Path, slug: str) -> list[str] | None:
    """The files the course's last build wrote, as its build report lists them."""
    try:
        report = json.loads((out / report_file(slug)).read_text(encoding="utf-8"))
        files = [str(p["file"]) for p in report["packages"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return [report_file(slug), f"{slug}-xapi-activities.json", *files]


def stamp_key(
    folder: Path, targets: Sequence[str], split: bool, epoch: str, limit: int = DEFAULT_LIMIT
) -> object:
    """What a stamp is valid for: the tool's version, the course as named, the options."""
    key = [__version__, str(folder), os.getcwd(), list(targets), split, epoch, limit]
    return json.loads(json.dumps(key))  # as a stamp holds it


def _stamp_path(folder: Path, out: Path) -> Path:
    key = f"{folder.resolve()}\0{out.resolve()}".encode()
    return cache_root() / "stamps" / f"{hashlib.sha256(key).hexdigest()}.json"


class _Stamp(NamedTuple):
    key: object
    outputs: list[str]
    signature: str
    verify: str | None  # the build report's sha256, when the outputs were racy when stamped


def _read_stamp(path: Path) -> _Stamp | None:
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
        verify = stamp.get("verify")
        outputs = [str(n) for n in stamp["outputs"]]
        return _Stamp(stamp["key"], outputs, str(stamp["signature"]), verify and str(verify))
    except (OSError, RuntimeError, ValueError, KeyError, TypeError, AttributeError):
        return None


def stamp_matches(folder: Path, out: Path, key: object, sources: _Signature, since: int) -> bool:
    """True when the course's stamp holds `key` and the stat signature of its sources (taken
    after `since`) and of its outputs; outputs stamped racy have their content checked once."""
    stamp = _read_stamp(path := _stamp_path(folder, out))
    if stamp is None or stamp.key != key:
        return False
    seen = _with_outputs(sources, out, stamp.outputs)
    if seen is None or _digest(seen) != stamp.signature:
        return False
    if stamp.verify is None:
        return True
    if not packages_intact(out, folder.name, stamp.verify):
        return False
    if not _racy(seen, since):  # checked once, and now settled: the stat alone decides
        _write(path, {"key": key, "outputs": stamp.outputs, "signature": stamp.signature})
    return True


def write_stamp(folder: Path, out: Path, key: object, sources: _Signature, since: int) -> None:
    """Stamp a course that is as its outputs say (built, or judged unchanged): its `sources`
    signature must have been taken after `since` and before they were read. A source changed
    within RACY_NS of `since` is not stamped; outputs just written are, with the build report's
    sha256, and their content is checked once more before the stat alone decides."""
    outputs = _outputs(out, folder.name)
    if outputs is None or _racy(sources, since):
        return
    seen = _with_outputs(sources, out, outputs)
    if seen is None:
        return
    stamp: dict[str, object] = {"key": key, "outputs": outputs, "signature": _digest(seen)}
    if _racy(seen, since):
        try:
            report = (out / report_file(folder.name)).read_bytes()
        except OSError:
            return
        stamp["verify"] = hashlib.sha256(report).hexdigest()
    _write(_stamp_path(folder, out), stamp)


def course_unchanged(folder: Path, run: Run) -> bool:
    """True when the full command would skip this course as unchanged; stamps it if so."""
    out = Path(run.args.out)
    args = run.args
    key = stamp_key(folder, args.targets, args.split, run.epoch, args.upload_limit)
    since = time.time_ns()  # before any stat: a change after it shows in the signature
    sources = source_signature(folder, run.theme)
    if sources is not None and stamp_matches(folder, out, key, sources, since):
        return True
    if _outputs(out, folder.name) is None:
        return False
    # The full command's own test: content hashes against the build report, the zips' sha256.
    digest = source_hash(folder)
    inputs = inputs_hash(digest, args.targets, theme_hash(), args.split, limit=args.upload_limit)
    if not unchanged(out, folder.name, inputs):
        return False
    if sources is not None:
        write_stamp(folder, out, key, sources, since)
    return True


def _write(path: Path, stamp: dict[str, object]) -> None:
    """Write a stamp whole, or not at all: it is only a cache."""
    keep(path, json.dumps(stamp).encode("utf-8"))


class Stamps(NamedTuple):
    """The full command's use of the stamps: its courses' source signatures, taken at its start
    (before any course is read), to trust a matching stamp and to stamp what it committed."""

    out: Path
    key: tuple[tuple[str, ...], bool, str, int]
    since: int
    sources: dict[Path, _Signature]

    @classmethod
    def take(
        cls,
        folders: Sequence[Path],
        out: Path,
        targets: Sequence[str],
        split: bool,
        limit: int = DEFAULT_LIMIT,
    ) -> Stamps:
        """The signatures of `folders` now; none for two courses of one name (they share
        their outputs, and the full command says which one wins)."""
        since = time.time_ns()
        key = (tuple(targets), split, os.environ.get("SOURCE_DATE_EPOCH", ""), limit)
        try:
            theme = walk(theme_dir())
        except OSError:
            theme = None
        if theme is None:
            return cls(out, key, since, {})
        names = Counter(f.name for f in folders)
        found = [(f, source_signature(f, theme)) for f in folders if names[f.name] == 1]
        return cls(out, key, since, {f: seen for f, seen in found if seen is not None})

    def _key(self, folder: Path) -> object:
        targets, split, epoch, limit = self.key
        return stamp_key(folder, targets, split, epoch, limit)

    def matches(self, folder: Path) -> bool:
        """True when the course's stamp says it is as last built (its files need no hashing)."""
        seen = self.sources.get(folder)
        try:
            return seen is not None and stamp_matches(
                folder, self.out, self._key(folder), seen, self.since
            )
        except (OSError, RuntimeError):
            return False

    def write(self, folders: Sequence[Path]) -> None:
        """Stamp these courses, built or judged unchanged; a cache problem is silent."""
        for folder in folders:
            if (seen := self.sources.get(folder)) is not None:
                try:
                    write_stamp(folder, self.out, self._key(folder), seen, self.since)
                except (OSError, RuntimeError):
                    return


def replay(args: Sequence[str]) -> list[str] | None:
    """The lines `coursebuild build ARGS` prints when every course is unchanged, else None."""
    parsed = parse(args)
    if parsed is None or not epoch_is_quiet():
        return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    folders = courses(parsed.sources)
    # Two courses of one name share their outputs: the full command says which one wins.
    if not folders or len({f.name for f in folders}) != len(folders):
        return None
    theme = walk(theme_dir())
    if theme is None:
        return None
    run = Run(parsed, epoch, theme)
    lines = []
    for folder in folders:
        if not course_unchanged(folder, run) or warned(Path(parsed.out), folder.name):
            return None  # the full command says a skipped course's warnings again
        lines.append(UNCHANGED.format(slug=folder.name))
    return lines


def epoch_is_quiet() -> bool:
    """True when SOURCE_DATE_EPOCH is unset, or valid and the full command prints no warning."""
    if not os.environ.get("SOURCE_DATE_EPOCH", ""):
        return True
    from .output.archive import EpochError, source_date_epoch

    try:
        return source_date_epoch().warning is None
    except EpochError:
        return False
