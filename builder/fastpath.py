"""The unchanged build, decided with the standard library alone (no Typer, pydantic, Jinja2).

`coursebuild build` of courses that are as last built prints the same "unchanged" lines as the
full command and stops here. Per course and output folder, a stamp in the user's cache holds the
options, the tool's version and the stat signature (path, type, size, mtime, ctime, inode) of
every file and folder of the course, its catalogue's theme, the theme and its last outputs.
When the signature matches, nothing was touched since the stamp; when it does not, or there is
no stamp, the course is judged by the full command's own test (content hashes of its sources
and theme against its build report, sha256 of its zips) and a fresh stamp is written. Anything
else (an option this parser does not know, a course to build, a SOURCE_DATE_EPOCH that warns)
returns None: the full command then runs and decides as always.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .output.report import inputs_hash, report_file, unchanged
from .source.files import CATALOGUE_THEME, COURSE_FILE, cache_root, source_hash
from .theme import theme_dir, theme_hash

UNCHANGED = "unchanged {slug}: sources, theme and options as last built (--force rebuilds)"
# A file changed within this long of a signature could change again with the same mtime (the
# file system's clock ticks coarsely): such a signature is not trusted, its content is hashed.
RACY_NS = 2_000_000_000
_VALUED = {"--target": "targets", "-t": "targets", "--out": "out", "-o": "out"}
_Entry = tuple[str, int, int, int, int, int]


@dataclass(frozen=True)
class BuildArgs:
    """The options of `coursebuild build` that the fast path understands."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    out: str
    split: bool
    jobs: int | None = None


def parse(args: Sequence[str]) -> BuildArgs | None:
    """`build`'s arguments, or None for anything the full parser should judge."""
    sources: list[str] = []
    values: dict[str, list[str]] = {"targets": [], "out": []}
    split = False
    jobs: int | None = None
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if arg == "--split-languages":
            split = True
        elif name in ("--jobs", "-j"):  # how many at once: the outcome does not depend on it
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
    return BuildArgs(tuple(sources), tuple(values["targets"]), out, split, jobs)


def courses(sources: Sequence[str]) -> list[Path] | None:
    """The course folders as `source.discover` finds them; None where it would report one."""
    found: list[Path] = []
    for source in map(Path, sources):
        if _is_course(source):
            found.append(source)
            continue
        try:
            children = sorted(p for p in source.iterdir() if p.is_dir() and _is_course(p))
        except OSError:
            return None
        if not children:
            return None
        found.extend(children)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _is_course(folder: Path) -> bool:
    course_file = folder / COURSE_FILE
    return course_file.is_symlink() or course_file.is_file()


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


@dataclass(frozen=True)
class Run:
    """What every course of one run shares: its options and the theme's signature."""

    args: BuildArgs
    epoch: str
    theme: list[_Entry]


_Signature = tuple[list[_Entry] | str, ...]


def course_signature(
    folder: Path, out: Path, outputs: Sequence[str], run: Run
) -> _Signature | None:
    """Everything the course's unchanged decision depends on, as stat() sees it (or None)."""
    catalogue = folder.parent / CATALOGUE_THEME
    parts = (
        _files([folder]),
        walk(folder, ".coursebuild"),  # the preview's own folder, not a source
        walk(catalogue) if catalogue.is_dir() else "no catalogue theme",
        run.theme,
        _files([out / name for name in outputs]),
    )
    return None if any(part is None for part in parts) else tuple(p for p in parts if p is not None)


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


def _stamp_path(folder: Path, out: Path) -> Path:
    key = f"{folder.resolve()}\0{out.resolve()}".encode()
    return cache_root() / "stamps" / f"{hashlib.sha256(key).hexdigest()}.json"


def _read_stamp(path: Path) -> tuple[object, list[str], str] | None:
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
        return stamp["key"], [str(n) for n in stamp["outputs"]], str(stamp["signature"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def course_unchanged(folder: Path, run: Run) -> bool:
    """True when the full command would skip this course as unchanged; stamps it if so."""
    out = Path(run.args.out)
    key = [__version__, str(folder), os.getcwd(), list(run.args.targets), run.args.split, run.epoch]
    key = json.loads(json.dumps(key))  # as a stamp holds it
    stamp_path = _stamp_path(folder, out)
    since = time.time_ns()  # before any stat: a change after it shows in the signature
    if (stamp := _read_stamp(stamp_path)) is not None and stamp[0] == key:
        seen = course_signature(folder, out, stamp[1], run)
        if seen is not None and _digest(seen) == stamp[2]:
            return True
    if (outputs := _outputs(out, folder.name)) is None:
        return False
    seen = course_signature(folder, out, outputs, run)
    # The full command's own test: content hashes against the build report, the zips' sha256.
    inputs = inputs_hash(source_hash(folder), run.args.targets, theme_hash(), run.args.split)
    if not unchanged(out, folder.name, inputs):
        return False
    if seen is not None and not _racy(seen, since):
        _write(stamp_path, {"key": key, "outputs": outputs, "signature": _digest(seen)})
    return True


def _write(path: Path, stamp: dict[str, object]) -> None:
    """Write a stamp whole (a temporary file renamed), or not at all: it is only a cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(stamp), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass


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
        if not course_unchanged(folder, run):
            return None
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
