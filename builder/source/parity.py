"""Parity between languages: what one language has and another lacks, and stale translations."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from msgspec import Struct

from ..diagnostics import Diagnostics, Location, relative_name


class TextLines(Struct, frozen=True):
    """A language map in a YAML file: where each language's text starts (its key's line and
    column), the default language first."""

    file: Path
    what: str
    starts: tuple[tuple[str, int, int], ...]


Counterpart = tuple[Path, Path] | TextLines
"""(a translation file, its source in the default language), or a YAML language map."""


def check_transcripts(
    page: str,
    declared: dict[str, Location],
    files: dict[str, Path],
    modules: dict[str, str],
    diagnostics: Diagnostics,
) -> None:
    """Every language of a page has its own transcript when one language has one.

    `declared`: where each language's page says `transcript:`; `files`: the transcript files
    found; `modules`: each language's module file as diagnostics name it (in course order).
    """
    if not declared:
        return
    have = next(lang for lang in modules if lang in declared)
    for lang in modules:
        if lang not in declared:
            diagnostics.error(
                declared[have],
                "missing-translation",
                f"module '{page}' has a transcript in '{have}' but not in '{lang}'; expected "
                f"'transcript:' in {modules[lang]}",
            )
        elif lang != have and same_file(files.get(lang), files.get(have)):
            diagnostics.error(
                declared[lang],
                "missing-translation",
                f"module '{page}' uses its '{have}' transcript in '{lang}' too; expected a "
                f"transcript written in '{lang}'",
            )


def same_file(a: Path | None, b: Path | None) -> bool:
    """True when two course paths are the same file (a language reusing another's text)."""
    return a is not None and b is not None and a.resolve() == b.resolve()


def _git(args: Sequence[str], cwd: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    import subprocess  # only when git is there to ask: most builds never load it

    try:
        proc = subprocess.run(
            [git, *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


# These change where git looks for a repository; with none set, it looks upward for `.git`.
_DISCOVERY_ENV = ("GIT_DIR", "GIT_WORK_TREE", "GIT_CEILING_DIRECTORIES", "GIT_COMMON_DIR")
_tops: dict[tuple[Path, int, int], str | None] = {}


def repository_top(folder: Path) -> str | None:
    """The top folder of the git work tree `folder` is in; None outside git, without a process.

    Git finds a repository by looking for `.git` in the folder and then in each parent
    [gitrepository-layout(5), git(1) "GIT_CEILING_DIRECTORIES"]: where there is none, nothing
    is asked, and courses beside each other ask once, not once each (a git process per course
    was a tenth of a first build).
    """
    if any(name in os.environ for name in _DISCOVERY_ENV):
        return _git(["rev-parse", "--show-toplevel"], folder)
    for at in (folder, *folder.parents):
        try:
            found = (at / ".git").lstat()
        except OSError:
            continue
        # The entry's identity: a repository created or replaced there is asked anew.
        key = (at, found.st_ino, found.st_mtime_ns)
        if key not in _tops:
            _tops[key] = _git(["rev-parse", "--show-toplevel"], folder)
        return _tops[key]
    return None


_OID = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256 object names


def head_commit(folder: Path) -> str | None:
    """What HEAD names in the repository `folder` is in (its ref and commit), read from the
    repository's files without a process [gitrepository-layout(5)]; None outside git, when git
    is steered by its discovery variables, or for any layout but the plain one (a symbolic ref
    to a ref, an unreadable file): the caller then asks git itself.
    """
    if any(name in os.environ for name in _DISCOVERY_ENV):
        return None
    for at in (folder, *folder.parents):
        dot = at / ".git"
        if not os.path.lexists(dot):
            continue
        try:
            return _head_of(dot)
        except (OSError, UnicodeDecodeError):
            return None
    return None


def _head_of(dot: Path) -> str | None:
    gitdir = dot
    if dot.is_file():  # a linked work tree or a submodule: `gitdir: <path>`
        text = dot.read_text("utf-8").strip()
        if not text.startswith("gitdir: "):
            return None
        gitdir = (dot.parent / text.removeprefix("gitdir: ")).resolve()
    common = gitdir
    if (gitdir / "commondir").is_file():
        common = (gitdir / (gitdir / "commondir").read_text("utf-8").strip()).resolve()
    head = (gitdir / "HEAD").read_text("utf-8").strip()
    if _OID.fullmatch(head):
        return f"detached {head}"
    ref = head.removeprefix("ref: ")
    if ref == head:
        return None
    for base in (gitdir, common):
        if (base / ref).is_file():
            oid = (base / ref).read_text("utf-8").strip()
            return f"{ref} {oid}" if _OID.fullmatch(oid) else None
    packed = common / "packed-refs"
    if packed.is_file():
        for line in packed.read_text("utf-8").splitlines():
            oid, _, name = line.partition(" ")
            if name == ref:
                return f"{ref} {oid}" if _OID.fullmatch(oid) else None
    return f"{ref} unborn"  # no commit yet


def last_commit_times(folder: Path) -> dict[Path, int]:
    """When each file under `folder` was last committed (Unix time); empty outside git.

    One `git log` walk for the whole folder: a long course has a translation per page, and a
    git process per file took seconds.
    """
    top = repository_top(folder)
    if not top:
        return {}
    # -z: names as they are, never quoted; each commit is \x01<time>\0 then its files.
    log = _git(["log", "-z", "--format=%x01%ct", "--name-only", "--no-renames", "--", "."], folder)
    if not log:
        return {}
    root = Path(top)
    times: dict[Path, int] = {}
    for commit in log.split("\x01")[1:]:
        stamp, _, names = commit.partition("\0")
        if not stamp.isdigit():
            continue
        for name in names.lstrip("\n").split("\0"):
            if name:
                times.setdefault(root / name, int(stamp))
    return times


def _date(timestamp: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def check_stale_translations(
    course_dir: Path, counterparts: Sequence[Counterpart], diagnostics: Diagnostics
) -> None:
    """Warn about translations last committed before their source (only in a git checkout)."""
    files = [pair for pair in counterparts if isinstance(pair, tuple)]
    texts = [text for text in counterparts if isinstance(text, TextLines)]
    _check_stale_files(course_dir, files, diagnostics)
    if texts:
        check_stale_texts(course_dir, texts, diagnostics)


def _check_stale_files(
    course_dir: Path, counterparts: Sequence[tuple[Path, Path]], diagnostics: Diagnostics
) -> None:
    times = last_commit_times(course_dir.resolve()) if counterparts else {}

    def name(path: Path) -> str:
        return relative_name(path, course_dir)

    for translation, source in dict.fromkeys(counterparts):
        translated, written = times.get(translation.resolve()), times.get(source.resolve())
        if translated is None or written is None or translated >= written:
            continue
        diagnostics.warning(
            Location(name(translation), 1, 1),
            "translation-stale",
            f"translation {name(translation)} was last committed {_date(translated)}, before "
            f"its source {name(source)} ({_date(written)}); expected the translation brought "
            "up to date (then committed)",
        )


_BLAME_HEADER = re.compile(r"^([0-9a-f]{40}) \d+ (\d+)(?: \d+)?$")
_NOT_COMMITTED = "0" * 40

Blamed = dict[int, tuple[str, int, str]]
"""Line number -> (commit, committer time, the line's text) of one file."""


def blame_lines(file: Path) -> Blamed:
    """Which commit last changed each line of a file; empty when untracked or outside git.

    `git blame --porcelain` names each commit's details once, at its first line [git-blame(1),
    "The Porcelain Format"]; a line not yet committed has the all-zero commit and is left out.
    """
    out = _git(["blame", "--porcelain", "--", file.name], file.parent)
    if not out:
        return {}
    times: dict[str, int] = {}
    result: Blamed = {}
    sha, line = "", 0
    for row in out.split("\n"):
        header = _BLAME_HEADER.match(row)
        if header:
            sha, line = header.group(1), int(header.group(2))
        elif row.startswith("committer-time "):
            times[sha] = int(row.split(" ", 1)[1])
        elif row.startswith("\t") and sha != _NOT_COMMITTED and sha in times:
            result[line] = (sha, times[sha], row[1:])
    return result


def _span(start: int, col: int, others: set[int], blamed: Blamed) -> list[int]:
    """The lines of a text whose key is at (start, col): its own, then the lines indented past
    the key (a `>-` or plain multi-line scalar continues there [YAML 1.2 §8.1.1.1])."""
    lines = [start]
    line = start + 1
    while line in blamed and line not in others:
        text = blamed[line][2]
        if text.strip() and len(text) - len(text.lstrip(" ")) < col:
            break
        lines.append(line)
        line += 1
    while len(lines) > 1 and not blamed[lines[-1]][2].strip():
        lines.pop()
    return lines


def _last_change(lines: list[int], blamed: Blamed) -> tuple[str, int] | None:
    """The latest commit among a text's lines; None when one of them is not committed."""
    if any(line not in blamed for line in lines):
        return None
    sha, time, _ = max((blamed[line] for line in lines), key=lambda entry: entry[1])
    return sha, time


def check_stale_texts(
    course_dir: Path, texts: Sequence[TextLines], diagnostics: Diagnostics
) -> None:
    """Warn about a YAML language map whose translation's lines were last committed before its
    source's; `git blame` runs once per file, not per text."""
    if not repository_top(course_dir.resolve()):
        return
    by_file: dict[Path, list[TextLines]] = {}
    for text in texts:
        by_file.setdefault(text.file, []).append(text)
    for file, found in by_file.items():
        blamed = blame_lines(file)
        if blamed:
            for text in found:
                _check_text(text, blamed, relative_name(file, course_dir), diagnostics)


def _check_text(text: TextLines, blamed: Blamed, name: str, diagnostics: Diagnostics) -> None:
    starts = {line for _, line, _ in text.starts}
    changes = [
        _last_change(_span(line, col, starts - {line}, blamed), blamed)
        for _, line, col in text.starts
    ]
    (source, source_line, _), written = text.starts[0], changes[0]
    if written is None:
        return
    for (lang, line, col), translated in zip(text.starts[1:], changes[1:], strict=True):
        if translated is None or translated[1] >= written[1]:
            continue
        diagnostics.warning(
            Location(name, line, col),
            "translation-stale",
            f"{text.what} in '{lang}' (line {line}) was last committed {_date(translated[1])} "
            f"({translated[0][:7]}), before its '{source}' text (line {source_line}, "
            f"{_date(written[1])}, {written[0][:7]}); expected the '{lang}' text brought up to "
            "date (then committed)",
        )
