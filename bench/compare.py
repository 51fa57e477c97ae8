"""The build at two commits, side by side: did a change make `coursebuild build` slower?

Run from the repository root after `make setup`:
    .venv/bin/python bench/compare.py BASE [HEAD]
BASE and HEAD are git revisions (HEAD defaults to the working tree). Each is checked out into a
temporary worktree and run with this virtualenv's Python and libraries, so only the code differs.
Runs alternate between the two so that a busy machine slows both alike; each figure is the
median of `BENCH_RUNS` whole processes. Cases: the two seed courses to all four targets, and
synthetic courses of `BENCH_SCALES` (1x, 10x and 100x), each built from nothing (an empty
cache and output folder) and again when nothing changed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import REPO, synthesize

RUNS = int(os.environ.get("BENCH_RUNS", "7"))
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(",")]
TARGETS = ("scorm12", "scorm2004", "xapi", "cmi5")


def checkout(revision: str, into: Path) -> Path:
    """A detached worktree of `revision` (the working tree itself for "")."""
    if not revision:
        return REPO
    subprocess.run(
        ["git", "worktree", "add", "--detach", "-q", str(into), revision], cwd=REPO, check=True
    )
    return into


def timed_build(tree: Path, course: Path, out: Path, cache: Path, *, fresh: bool) -> float:
    """Wall time of one whole `coursebuild build` process with `tree`'s code."""
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_CACHE_HOME": str(cache)}
    targets = [arg for target in TARGETS for arg in ("-t", target)]
    args = [sys.executable, "-m", "builder", "build", str(course), "-o", str(out), *targets]
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=tree, check=True, capture_output=True)
    return time.perf_counter() - start


def compare(trees: dict[str, Path], cases: dict[str, Path], work: Path) -> list[str]:
    """One Markdown row per case and state: the median seconds at each revision, and the ratio."""
    rows = []
    for case, course in cases.items():
        for fresh in (True, False):
            times: dict[str, list[float]] = {name: [] for name in trees}
            for _ in range(RUNS):
                for name, tree in trees.items():
                    out, cache = work / f"out-{name}-{case}", work / f"cache-{name}"
                    if not fresh and not out.exists():
                        timed_build(tree, course, out, cache, fresh=True)
                    times[name].append(timed_build(tree, course, out, cache, fresh=fresh))
            base, head = (statistics.median(t) for t in times.values())
            state = "first build" if fresh else "unchanged"
            rows.append(f"| {case}, {state} | {base:.3f} | {head:.3f} | {head / base:.2f} |")
    return rows


def main() -> None:
    """Print the side-by-side table for BASE and HEAD."""
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    base, head = sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else ""
    with tempfile.TemporaryDirectory(prefix="coursebuild-compare-") as tmp:
        work = Path(tmp)
        trees = {"base": checkout(base, work / "base"), "head": checkout(head, work / "head")}
        try:
            cases = {"seeds": REPO / "course_src"}
            for scale in SCALES:
                cases[f"{scale}x"] = synthesize(scale, work / "courses", f"bench-{scale}x")
            rows = compare(trees, cases, work)
        finally:
            for tree in trees.values():
                if tree != REPO:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO)
    print(
        f"| Build (all four targets), median of {RUNS} | {base} (s) | {head or 'working tree'}"
        " (s) | ratio |"
    )
    print("| --- | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
