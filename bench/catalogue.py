"""A catalogue of N courses, generated from the two seeds, built as an author would build it.

Run from the repository root:  .venv/bin/python bench/catalogue.py [N] [--git] [--runs R]

The mix is most courses short, as in a real catalogue: 70 % the seed's size, 25 % three times
it, 5 % ten times it (pages, questions and transcripts repeated). Courses alternate between the
two seeds at random; every course keeps both languages (en, fr) and all four targets (SCORM 1.2,
SCORM 2004, xAPI, cmi5). Each course's texts carry a word of its own, so no cache or deflate
dictionary is flattered by identical courses. The generator is seeded: the same N gives the
same catalogue, byte for byte.

Measured, whole process (`python -m builder build <catalogue> --out X --jobs 2`): a first
build (an empty XDG_CACHE_HOME), a rebuild of the unchanged catalogue (twice: the first one
after a build may write the unchanged-build stamps), and a rebuild after one course changed.
CPU time (user + system of the build and its workers) is reported beside the wall time: on a
shared machine it is the steadier figure. Peak memory is read inside the build process when it
exits: its own `ru_maxrss` (RUSAGE_SELF) and the largest of its workers' (RUSAGE_CHILDREN:
Linux reports the largest waited-for child there, not a sum), so each figure is one process,
never a total.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SEEDS = [
    REPO / "course_src" / "navigating-social-media",
    REPO / "course_src" / "social-media-at-work",
]
# (scale, share of the catalogue): most real courses are short, a few are long.
MIX = [(1, 0.70), (3, 0.25), (10, 0.05)]
RACY_S = 2.1  # builder/fastpath.py: files younger than 2 s are checked by content
WORDS = [
    "amber",
    "birch",
    "cedar",
    "delta",
    "ember",
    "fjord",
    "garnet",
    "harbor",
    "indigo",
    "juniper",
    "kestrel",
    "lumen",
]
# Runs the command line in this process, then writes its peak memory and its largest worker's.
WRAPPER = """
import atexit, json, resource, sys
REPORT = sys.argv[1]
def _report():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    with open(REPORT, "w") as f:
        main_cpu = own.ru_utime + own.ru_stime
        json.dump({"main_kib": own.ru_maxrss, "worker_kib": kids.ru_maxrss, "cpu": cpu,
                   "main_cpu": main_cpu}, f)
atexit.register(_report)
sys.argv = ["coursebuild", *sys.argv[2:]]
try:
    from builder.launch import main  # the console script's entry point
except ImportError:  # a coursebuild from before it
    from builder.cli import main
main()
"""


# The floor: Python writing the same packages' bytes with zipfile, in `jobs` processes (each
# zips its share of the packages: every `jobs`-th one), as the build spreads its courses.
ZIP_FLOOR = """
import sys, zipfile
from pathlib import Path
root, out, part, parts = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
for package in sorted(root.iterdir())[part::parts]:
    with zipfile.ZipFile(out / f"{package.name}.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(package.rglob("*")):
            if p.is_file():
                z.writestr(p.relative_to(package).as_posix(), p.read_bytes())
"""


class _NoAliases(yaml.SafeDumper):
    """Writes a repeated object out in full: course sources refuse YAML aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump_yaml(data: object) -> str:
    """YAML text for a generated course source, every value written out (no aliases)."""
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False)


def course_word(index: int) -> str:
    """The word that makes course `index`'s texts its own."""
    return f"{WORDS[index % len(WORDS)]}{index:04d}"


def _scale(rng: random.Random) -> int:
    pick, total = rng.random(), 0.0
    for scale, share in MIX:
        total += share
        if pick < total:
            return scale
    return MIX[-1][0]


def _mark(path: Path, word: str) -> None:
    """Append the course's own word to a Markdown page or transcript."""
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nCatalogue course {word}.\n", encoding="utf-8")


def _grow_pages(course: Path, spec: dict[str, Any], scale: int) -> None:
    """Repeat every page `scale` times; each copy of the video page gets its own transcript."""
    modules: list[dict[str, Any]] = []
    for copy in range(scale):
        for module in spec["modules"]:
            if "page" not in module:
                continue
            page = module["page"]
            name = page if copy == 0 else f"{page}-{copy}"
            if copy:
                for lang in spec["languages"]:
                    text = (course / "modules" / f"{page}.{lang}.md").read_text(encoding="utf-8")
                    if f"transcripts/video.{lang}.md" in text:
                        text = text.replace(
                            f"transcripts/video.{lang}.md", f"transcripts/video-{copy}.{lang}.md"
                        )
                        shutil.copy(
                            course / "transcripts" / f"video.{lang}.md",
                            course / "transcripts" / f"video-{copy}.{lang}.md",
                        )
                    (course / "modules" / f"{name}.{lang}.md").write_text(text, encoding="utf-8")
            modules.append(module if copy == 0 else {"page": name})
    spec["modules"] = [*modules, *(m for m in spec["modules"] if "page" not in m)]


def grow_questions(course: Path, scale: int) -> None:
    """The final assessment `scale` times the seed's pool, drawing the seed's count."""
    path = course / "assessments" / "final.yml"
    quiz = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = quiz["questions"]
    # A short fill-in limit keeps a long course's worst-case resume state in budget.
    quiz["questions"] = [
        {
            **q,
            "id": q["id"] if copy == 0 else f"{q['id']}-{copy}",
            **({"max_length": 40} if q["type"] == "fill-in" and scale > 1 else {}),
        }
        for copy in range(scale)
        for q in base
    ]
    quiz["draw"] = len(base)
    path.write_text(dump_yaml(quiz), encoding="utf-8")


def make_course(seed: Path, dest: Path, index: int, scale: int) -> Path:
    """Course `index` of the catalogue: `seed` at `scale`, its texts marked as its own."""
    word = course_word(index)
    course = dest / f"course-{index:04d}"
    shutil.copytree(seed, course)
    spec = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
    spec["id"] = f"https://bench.coursebuild.ca/catalogue/{word}"
    spec["code"] = f"CAT-{index:04d}"
    spec["title"] = {lang: f"{title} ({word})" for lang, title in spec["title"].items()}
    if scale > 1:
        _grow_pages(course, spec, scale)
        grow_questions(course, scale)
    (course / "course.yml").write_text(dump_yaml(spec), encoding="utf-8")
    for page in sorted([*course.glob("modules/*.md"), *course.glob("transcripts/*.md")]):
        _mark(page, word)
    return course


def generate(count: int, dest: Path, seed: int = 16, git: bool = False) -> dict[int, int]:
    """Write `count` courses into `dest` (deterministic for a seed); how many of each scale."""
    rng = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)
    sizes: dict[int, int] = {}
    for index in range(count):
        scale = _scale(rng)
        make_course(SEEDS[rng.randrange(len(SEEDS))], dest, index, scale)
        sizes[scale] = sizes.get(scale, 0) + 1
    if git:
        env = {**os.environ, "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z"}
        env |= {"GIT_COMMITTER_DATE": env["GIT_AUTHOR_DATE"]}
        ident = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        for args in (["init", "-q"], ["add", "-A"], [*ident, "commit", "-q", "-m", "catalogue"]):
            subprocess.run(["git", *args], cwd=dest, check=True, env=env)
    return dict(sorted(sizes.items()))


def run_build(catalogue: Path, out: Path, cache: Path, jobs: int) -> dict[str, float]:
    """One whole-process build: wall seconds, and peak MiB of the main process and a worker."""
    report = out.parent / f"{out.name}-rusage.json"
    args = [sys.executable, "-c", WRAPPER, str(report), "build", str(catalogue)]
    args += ["--out", str(out), "--jobs", str(jobs)]
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{proc.stderr[-4000:]}")
    peaks = json.loads(report.read_text())
    return {
        "seconds": seconds,
        "cpu_seconds": peaks["cpu"],
        "main_cpu_seconds": peaks["main_cpu"],
        "main_mib": peaks["main_kib"] / 1024,
        "worker_mib": peaks["worker_kib"] / 1024,
    }


def zip_floor(out: Path, jobs: int) -> dict[str, float]:
    """The floor of a first build: Python's `zipfile` writing the bytes of every package in
    `out` (unpacked first, untimed) in `jobs` processes at once; wall and CPU seconds."""
    unpacked, zipped = out.parent / f"{out.name}-unpacked", out.parent / f"{out.name}-floor"
    for package in sorted(out.glob("*.zip")):
        with zipfile.ZipFile(package) as archive:
            archive.extractall(unpacked / package.stem)
    zipped.mkdir()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    command = [sys.executable, "-c", ZIP_FLOOR, str(unpacked), str(zipped)]
    procs = [subprocess.Popen([*command, str(n), str(jobs)]) for n in range(jobs)]
    if any(proc.wait() for proc in procs):
        raise SystemExit("the zip floor failed")
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    shutil.rmtree(unpacked)
    shutil.rmtree(zipped)
    return {"seconds": seconds, "cpu_seconds": cpu, "packages": len(list(out.glob("*.zip")))}


def measure(count: int, jobs: int = 2, git: bool = False, runs: int = 3) -> dict[str, Any]:
    """First build, unchanged rebuild, one-course-changed rebuild of `count` courses (medians)."""
    first, same, again, one, floor = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        catalogue = work / "catalogue"
        sizes = generate(count, catalogue, git=git)
        for run in range(runs):
            out, cache = work / f"out-{run}", work / f"cache-{run}"
            first.append(run_build(catalogue, out, cache, jobs))
            floor.append(zip_floor(out, jobs))
            same.append(run_build(catalogue, out, cache, jobs))
            # Past the racy window, the stamps alone decide (outputs just written are checked
            # by content until then): the state an author or CI finds on its next run.
            time.sleep(RACY_S)
            again.append(run_build(catalogue, out, cache, jobs))
            _mark(catalogue / "course-0000" / "modules" / "intro.en.md", f"edit{run}")
            one.append(run_build(catalogue, out, cache, jobs))
            shutil.rmtree(out)
    return {
        "courses": count,
        "jobs": jobs,
        "git": git,
        "sizes": sizes,
        "runs": runs,
        **{
            name: _median(samples)
            for name, samples in (
                ("first", first),
                ("unchanged", same),
                ("unchanged_again", again),
                ("one_changed", one),
                ("floor", floor),
            )
        },
    }


def _median(samples: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


HEADER = [
    "| catalogue | wall time | CPU time, all | CPU time, main process | main process peak | "
    "largest worker peak | goal |",
    "|---|---|---|---|---|---|---|",
]
GOALS = {
    "first": "≤ 15 s, ≤ 100 MiB per process",
    "unchanged": "≤ 3 s",
    "unchanged_again": "≤ 3 s",
    "one_changed": "-",
}
LABELS = {
    "first": "first build",
    "floor": "floor of a first build: Python's `zipfile` writing the same packages' bytes",
    "unchanged": "unchanged (the first time after a build)",
    "unchanged_again": "unchanged, 2 s later (stamps alone decide)",
    "one_changed": "one course changed",
}


def rows(result: dict[str, Any]) -> list[str]:
    """Markdown table rows of a `measure` result: build | wall | CPU (all processes) | CPU
    (main process) | main process peak | largest worker peak | goal; the floor beside the first
    build, and a line with the first build's ratio to it."""
    where = f"{result['courses']} courses, `--jobs {result['jobs']}`"
    where += ", in git" if result["git"] else ""
    lines = []
    for key in ("first", "floor", "unchanged", "unchanged_again", "one_changed"):
        figure = result[key]
        if key == "floor":
            lines.append(
                f"| {where}, {LABELS[key]} | {figure['seconds']:.2f} s | "
                f"{figure['cpu_seconds']:.1f} s | - | - | - | - |"
            )
            continue
        lines.append(
            f"| {where}, {LABELS[key]} | {figure['seconds']:.2f} s | "
            f"{figure['cpu_seconds']:.1f} s | {figure['main_cpu_seconds']:.1f} s | "
            f"{figure['main_mib']:.0f} MiB | {figure['worker_mib']:.0f} MiB | {GOALS[key]} |"
        )
    first, floor = result["first"], result["floor"]
    lines += [
        "",
        f"The first build is {first['seconds'] / floor['seconds']:.1f}x its floor in wall time "
        f"and {first['cpu_seconds'] / floor['cpu_seconds']:.1f}x in CPU time "
        f"({floor['packages']:,} packages).",
    ]
    return lines


def catalogue_rows(count: int, jobs: int = 2, git: bool = False, runs: int = 3) -> list[str]:
    """Markdown table rows for `count` courses built with `jobs` workers (`rows`)."""
    return rows(measure(count, jobs, git, runs))


def main(argv: list[str]) -> None:
    """Print the catalogue table for N courses (default 200)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--git", action="store_true")
    options = parser.parse_args(argv)
    print("\n".join(HEADER))
    for row in catalogue_rows(options.count, options.jobs, options.git, options.runs):
        print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
