"""Start-up: whole `coursebuild` processes against the floor (starting Python, zipping the bytes).

Run from the repository root:  .venv/bin/python bench/startup.py
`startup_rows()` returns Markdown table rows for bench/run.py; each figure is the median of
several runs, wall time and CPU time (user + system: steadier on a shared machine), with its
ratios to the floor (wall and CPU). `importtime_rows()` lists the heaviest imports of a first
build. The processes write their bytecode (under the scratch folder), as an installed wheel's
modules have theirs: PYTHONDONTWRITEBYTECODE would make every run compile the tool afresh.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "course_src" / "social-media-at-work"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
CATALOGUE = int(os.environ.get("BENCH_CATALOGUE", "200"))
PYTHON = sys.executable
COURSEBUILD = str(Path(PYTHON).parent / "coursebuild")
# The racy window of builder/fastpath.py: files younger than this are judged by content.
SETTLE_S = 2.1

ZIP_FLOOR = """
import sys, zipfile
from pathlib import Path
root = Path(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    for p in sorted(root.rglob("*")):
        if p.is_file():
            z.writestr(p.relative_to(root).as_posix(), p.read_bytes())
"""


def timed(command: list[str], env: dict[str, str], before: list[str] | None = None) -> list[float]:
    """Wall and CPU seconds of one process (after an untimed `before` command)."""
    if before:
        subprocess.run(before, env=env, check=True, capture_output=True)
    start_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    end_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (end_cpu.ru_utime - start_cpu.ru_utime) + (end_cpu.ru_stime - start_cpu.ru_stime)
    return [wall, cpu]


def median(command: list[str], env: dict[str, str], before: list[str] | None = None) -> list[float]:
    """Median wall and CPU seconds over RUNS runs (one untimed warm-up first)."""
    timed(command, env, before)
    runs = [timed(command, env, before) for _ in range(RUNS)]
    return [statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)]


def _row(name: str, figure: list[float], floor: list[float], goal: str) -> str:
    return (
        f"| {name} | {figure[0] * 1000:.0f} ms | {figure[1] * 1000:.0f} ms | "
        f"{figure[0] / floor[0]:.1f}x | {figure[1] / floor[1]:.1f}x | {goal} |"
    )


def bench_env(work: Path) -> dict[str, str]:
    """The processes' environment: a scratch user cache, bytecode written under the scratch."""
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def _catalogue(work: Path, env: dict[str, str], count: int) -> list[float]:
    """Unchanged build of `count` copies of the seed, stamped."""
    folder = work / "catalogue"
    for n in range(count):
        shutil.copytree(SEED, folder / f"course-{n:04d}")
    build = [COURSEBUILD, "build", str(folder), "--out", str(work / "cat-dist"), "-t", "scorm12"]
    subprocess.run(build, env=env, check=True, capture_output=True)
    time.sleep(SETTLE_S)
    return median(build, env)


# An author's rebuild after an edit: the course is read and checked again (YAML, the schema,
# Markdown); the templates stay compiled in the user cache.
_REREAD = "build, course re-read (an author's edit; templates cached)"


def _forget_course(work: Path, out: Path) -> list[str]:
    """The command that makes the next build read the course again, as an edit would."""
    return ["rm", "-rf", str(out), str(work / "cache" / "coursebuild" / "courses")]


def _prepared(work: Path) -> tuple[dict[str, str], Path, list[str], list[str]]:
    """The scratch environment, output folder and build command, the seed built once, and the
    floor's command (zipping that package's files)."""
    env = bench_env(work)
    out = work / "dist"
    build = [COURSEBUILD, "build", str(SEED), "--target", "scorm12", "--out", str(out)]
    subprocess.run(build, env=env, check=True, capture_output=True)
    with zipfile.ZipFile(out / "social-media-at-work-scorm12.zip") as package:
        package.extractall(work / "package")
    floor_zip = [PYTHON, "-c", ZIP_FLOOR, str(work / "package"), str(work / "floor.zip")]
    return env, out, build, floor_zip


def startup_rows(catalogue: int = CATALOGUE) -> list[str]:
    """Markdown rows: each start-up figure, its floor and the ratio (medians, wall and CPU);
    with `catalogue`, also that many unchanged copies of the seed."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        env, out, build, floor_zip = _prepared(work)
        python = median([PYTHON, "-c", "pass"], env)
        floor = median(floor_zip, env)
        time.sleep(SETTLE_S)
        unchanged = median(build, env)
        by_content = median(
            build, env, ["rm", "-rf", str(work / "cache" / "coursebuild" / "stamps")]
        )
        first = median(build, env, ["rm", "-rf", str(out)])
        reread = median(build, env, _forget_course(work, out))
        cold = median(build, env, ["rm", "-rf", str(out), str(work / "cache")])
        validate = median([COURSEBUILD, "validate", str(SEED)], env)
        rows = [
            f"| Start-up (1x seed, scorm12; floor {floor[0] * 1000:.0f} ms wall, "
            f"{floor[1] * 1000:.0f} ms CPU) | wall | CPU | x floor (wall) | x floor (CPU) | goal |",
            "|---|---|---|---|---|---|",
            _row("`python -c pass`", python, python, "—"),
            _row("floor: Python + zip the same bytes", floor, floor, "—"),
            _row(
                "`coursebuild --version`", median([COURSEBUILD, "--version"], env), floor, "≤ 60 ms"
            ),
            _row("`coursebuild --help`", median([COURSEBUILD, "--help"], env), floor, "≤ 60 ms"),
            _row(
                "`coursebuild build --help` (Typer's own)",
                median([COURSEBUILD, "build", "--help"], env),
                floor,
                "—",
            ),
            _row("`coursebuild validate` (through Typer)", validate, floor, "—"),
            _row("build, unchanged (stamp)", unchanged, floor, "≤ 3x"),
            _row("build, unchanged (no stamp: content hashes)", by_content, floor, "≤ 3x"),
            _row("build, fresh output folder (warm cache)", first, floor, "≤ 4x"),
            _row(_REREAD, reread, floor, "—"),
            _row("build, fresh output folder, cold cache", cold, floor, "≤ 4x"),
        ]
        if catalogue:
            figure = _catalogue(work, env, catalogue)
            rows.append(_row(f"build, {catalogue} courses unchanged", figure, floor, "1,000 ≤ 3 s"))
        return rows


def instructions(command: list[str], env: dict[str, str], before: list[str] | None = None) -> int:
    """Instructions one process executes (valgrind callgrind's Ir), after an untimed warm-up
    and an untimed `before` command: a count that a busy machine does not change."""
    valgrind = shutil.which("valgrind")
    assert valgrind is not None
    subprocess.run(command, env=env, check=True, capture_output=True)
    if before:
        subprocess.run(before, env=env, check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as scratch:
        done = subprocess.run(
            [valgrind, "--tool=callgrind", f"--callgrind-out-file={scratch}/out", *command],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    assert found is not None, done.stderr[-500:]
    return int(found.group(1))


def instruction_rows() -> list[str]:
    """Markdown rows: instructions of the start-up figures against the floor's (valgrind's
    callgrind, when installed: `apt-get install valgrind`), or a line saying it is missing."""
    if shutil.which("valgrind") is None:
        return ["Instruction counts: valgrind is not installed (`apt-get install valgrind`)."]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        env, out, build, floor_zip = _prepared(work)
        floor = instructions(floor_zip, env)
        time.sleep(SETTLE_S)
        figures = [
            ("build, unchanged (stamp)", instructions(build, env), "≤ 3x"),
            (
                "build, fresh output folder (warm cache)",
                instructions(build, env, ["rm", "-rf", str(out)]),
                "≤ 4x",
            ),
            (_REREAD, instructions(build, env, _forget_course(work, out)), "—"),
            (
                "`coursebuild build --help`",
                instructions([COURSEBUILD, "build", "--help"], env),
                "—",
            ),
            (
                "`coursebuild validate` (through Typer)",
                instructions([COURSEBUILD, "validate", str(SEED)], env),
                "—",
            ),
            (
                "build, fresh output folder, cold cache",
                instructions(build, env, ["rm", "-rf", str(out), str(work / "cache")]),
                "≤ 4x",
            ),
        ]
    rows = [
        f"| Instructions (valgrind callgrind; floor {floor / 1e6:.0f} M) "
        "| instructions | x floor | goal |",
        "|---|---|---|---|",
        f"| floor: Python + zip the same bytes | {floor / 1e6:.0f} M | 1.0x | — |",
    ]
    rows += [
        f"| {name} | {n / 1e6:.0f} M | {n / floor:.1f}x | {goal} |" for name, n, goal in figures
    ]
    return rows


def importtime_rows(top: int = 10) -> list[str]:
    """Markdown rows: the heaviest top-level imports of a first build into a fresh output
    folder, the user's cache warm (`-X importtime`)."""
    with tempfile.TemporaryDirectory() as scratch:
        env = bench_env(Path(scratch))
        out = str(Path(scratch) / "dist")
        build = ["-m", "builder", "build", str(SEED), "-t", "scorm12", "--out", out]
        subprocess.run([PYTHON, *build], env=env, capture_output=True, check=True)
        shutil.rmtree(out)
        done = subprocess.run(
            [PYTHON, "-X", "importtime", *build],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    found = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            found.append((int(parts[1]), parts[2].strip()))
    rows = ["| Import (first build, cumulative) | ms |", "|---|---|"]
    rows += [f"| `{name}` | {us / 1000:.1f} |" for us, name in sorted(found, reverse=True)[:top]]
    return rows


if __name__ == "__main__":
    print("\n".join(startup_rows()))
    print()
    print("\n".join(instruction_rows()))
    print()
    print("\n".join(importtime_rows()))
