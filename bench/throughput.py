"""The per-course cost of a FIRST build, by stage, in one process.

Run from the repository root:  .venv/bin/python bench/throughput.py [N] [RUNS]
Builds N copies of the larger seed course (each its own id and folder, and a per-course word
in every text, so that nothing one course computes can be reused by the next as if it were
the same text) with `--target all --jobs 1` from an empty cache, once in a plain folder and
once in a git repository (authors keep courses in git: the stale-translation check asks git).
Reports the median over RUNS of the milliseconds per course of each stage, the git processes
started per course, and the top cProfile entries (tottime) of one run.
"""

from __future__ import annotations

import cProfile
import io
import itertools
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SEED = REPO / "course_src" / "social-media-at-work"
# A word after which the per-course word goes: common in both languages' prose and questions.
_PROSE = re.compile(r"(?<= )(the|les|des|la)(?= )")
_ID = re.compile(r"^id: .*$", re.M)
_MEASUREMENTS = itertools.count()
STAGES = ("load", "render", "zip", "self-check", "write")
_GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def make_catalogue(root: Path, count: int, tag: str) -> list[Path]:
    """`count` copies of the seed under `root`, each with its own id, folder and words."""
    folders = []
    for n in range(count):
        word = f"{tag}{n:04d}"
        folder = root / f"course-{word}"
        shutil.copytree(SEED, folder)
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".md", ".yml"):
                continue
            text = _PROSE.sub(rf"\1 {word}", path.read_text(encoding="utf-8"))
            if path.name == "course.yml":
                text = _ID.sub(f"id: https://bench.coursebuild.ca/courses/{word}", text, 1)
            path.write_text(text, encoding="utf-8")
        folders.append(folder)
    return folders


def commit_all(root: Path) -> None:
    """Make `root` a git repository with every file committed."""
    env = {**os.environ, **_GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "catalogue"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@contextmanager
def _timed(stages: dict[str, float], git_calls: list[int]) -> Iterator[None]:
    """Wrap each stage's function so that its time adds up in `stages`; count git processes."""
    from builder import pipeline
    from builder.check import package as check_package
    from builder.output import zipped
    from builder.source import cache

    def wrap(owner: Any, name: str, stage: str) -> tuple[Any, str, Any]:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                stages[stage] += time.perf_counter() - start

        setattr(owner, name, timed)
        return owner, name, original

    original_run = subprocess.run

    def counting_run(args: Any, *rest: Any, **kwargs: Any) -> Any:
        if isinstance(args, list) and args and str(args[0]).endswith("git"):
            git_calls[0] += 1
        return original_run(args, *rest, **kwargs)

    patches = [
        wrap(cache, "load_course_cached", "load"),
        # A package is zipped straight into its staging file (and hashed there): "zip" holds
        # that writing, "write" the build reports.
        wrap(zipped, "write_package", "zip"),
        wrap(check_package, "self_check_diagnostics", "self-check"),
        wrap(pipeline, "write_file", "write"),
        wrap(pipeline, "build_course", "total"),
    ]
    # parity imports subprocess when it asks git: the module's own run is the one it calls.
    subprocess.run = counting_run
    try:
        yield
    finally:
        subprocess.run = original_run
        for owner, name, original in reversed(patches):
            setattr(owner, name, original)


def _build(folders: list[Path], out: Path) -> None:
    from builder.pipeline import build

    outcome = build(folders, ["all"], out, jobs=1, force=True)
    if outcome.failed:
        raise SystemExit("\n".join(str(d) for d in outcome.diagnostics[:10]))


def measure(count: int, git: bool, profile: bool = False) -> tuple[dict[str, float], str]:
    """Build `count` fresh courses from an empty cache: ms per course of each stage, and the
    top cProfile entries when `profile`."""
    stages: dict[str, float] = defaultdict(float)
    git_calls = [0]
    report = ""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        # The first course of a process pays for imports and the theme; build one first.
        warm = make_catalogue(work / "warm", 1, "warm")
        _build(warm, work / "warm-out")
        # A word of its own for each measurement: a later one must not reuse an earlier one's
        # output (the packages' deflated files are kept for the process).
        folders = make_catalogue(work / "catalogue", count, f"w{next(_MEASUREMENTS)}x")
        if git:
            commit_all(work / "catalogue")
        profiler = cProfile.Profile() if profile else None
        before = os.times()
        with _timed(stages, git_calls):
            if profiler:
                profiler.enable()
            _build(folders, work / "dist")
            if profiler:
                profiler.disable()
        after = os.times()
        # CPU of this process and of the git processes it waited for: less noisy than wall time
        # on a shared machine.
        stages["cpu"] = sum(after[:4]) - sum(before[:4])
        if profiler:
            stream = io.StringIO()
            stats = pstats.Stats(profiler, stream=stream)
            stats.sort_stats("tottime").print_stats(15)
            report = stream.getvalue()
    per_course = {name: seconds * 1000 / count for name, seconds in stages.items()}
    # Render is what the course build spends outside the other measured stages.
    per_course["render"] = per_course["total"] - sum(per_course[s] for s in STAGES if s != "render")
    per_course["git calls"] = git_calls[0] / count
    return per_course, report


def throughput(count: int = 20, runs: int = 3) -> dict[str, dict[str, float]]:
    """Median ms per course of each stage (and git processes per course), plain and in git."""
    result = {}
    for label, git in (("plain folder", False), ("git repository", True)):
        samples = [measure(count, git)[0] for _ in range(runs)]
        keys = [*STAGES, "total", "cpu", "git calls"]
        result[label] = {k: statistics.median(s[k] for s in samples) for k in keys}
    return result


def throughput_rows(count: int = 20, runs: int = 3) -> list[str]:
    """Markdown table rows: ms per course of each stage of a first build, plain and in git."""
    header = (
        "| catalogue | "
        + " | ".join(STAGES)
        + " | total ms/course | CPU ms/course | git calls/course |"
    )
    rows = [header, "|---|" + "--:|" * (len(STAGES) + 3)]
    for label, stages in throughput(count, runs).items():
        cells = " | ".join(f"{stages[s]:.1f}" for s in STAGES)
        rows.append(
            f"| {label} ({count} courses, 4 targets) | {cells} | {stages['total']:.1f} "
            f"| {stages['cpu']:.1f} | {stages['git calls']:.0f} |"
        )
    return rows


def _main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 20
    runs = int(argv[1]) if len(argv) > 1 else 3
    print("\n".join(throughput_rows(count, runs)))
    for label, git in (("plain folder", False), ("git repository", True)):
        _, report = measure(count, git, profile=True)
        print(f"\n### cProfile, {label}, {count} courses (top 15 by tottime)\n")
        print("\n".join(line for line in report.splitlines() if line.strip())[-2400:])


if __name__ == "__main__":
    main: Callable[[list[str]], None] = _main
    main(sys.argv[1:])
