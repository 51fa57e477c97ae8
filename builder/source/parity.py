"""Parity between languages: what one language has and another lacks, and stale translations."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ..diagnostics import Diagnostics, Location, relative_name

Counterpart = tuple[Path, Path]
"""(a translation, its source in the default language)."""


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


def last_commit_times(folder: Path) -> dict[Path, int]:
    """When each file under `folder` was last committed (Unix time); empty outside git.

    One `git log` walk for the whole folder: a long course has a translation per page, and a
    git process per file took seconds.
    """
    top = _git(["rev-parse", "--show-toplevel"], folder)
    # -z: names as they are, never quoted; each commit is \x01<time>\0 then its files.
    log = _git(["log", "-z", "--format=%x01%ct", "--name-only", "--no-renames", "--", "."], folder)
    if not top or not log:
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
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def check_stale_translations(
    course_dir: Path, counterparts: Sequence[Counterpart], diagnostics: Diagnostics
) -> None:
    """Warn about translations last committed before their source (only in a git checkout)."""
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
