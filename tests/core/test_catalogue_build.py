"""A catalogue's parallel build: largest courses first, results in a fixed order, all-or-nothing,
nothing kept per course."""

from __future__ import annotations

import gc
import shutil
import tracemalloc
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder import pipeline, workers
from builder.cli import app
from builder.model import Course
from builder.source.files import source_hash

REPO = Path(__file__).resolve().parents[2]
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
Edit = Callable[[Path, str, str], None]


def catalogue_of(root: Path, sizes: dict[str, int]) -> Path:
    """Copies of the minimal course named as given, each page padded with `size` paragraphs."""
    for name, size in sizes.items():
        course = root / name
        shutil.copytree(MINIMAL, course)
        intro = course / "modules" / "intro.en.md"
        padding = "".join(f"\nParagraph {n} of {name}.\n" for n in range(size))
        intro.write_text(intro.read_text(encoding="utf-8") + padding, encoding="utf-8")
    return root


@contextmanager
def one_thread(workers_asked: int) -> Iterator[ThreadPoolExecutor]:
    """A pool that runs its tasks one at a time in the order they were submitted."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool


def test_largest_first_orders_by_weight_then_as_given() -> None:
    assert workers.largest_first([5, 50, 10, 50, 0]) == [1, 3, 2, 0, 4]


def test_a_course_weighs_its_files(tmp_path: Path) -> None:
    (tmp_path / "modules").mkdir()
    (tmp_path / "course.yml").write_bytes(b"x" * 10)
    (tmp_path / "modules" / "a.md").write_bytes(b"y" * 32)
    assert workers.folder_weight(tmp_path) == 42


def test_the_largest_course_starts_first_and_results_keep_the_sources_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Discovered in name order (a, b, c, d); by size d, b, c, a. Before, the pool took them as
    # discovered, so a long course found last ran alone at the end while a core idled.
    root = catalogue_of(tmp_path / "src", {"a": 0, "b": 400, "c": 40, "d": 4000})
    started: list[str] = []
    real = pipeline.build_course

    def recorded(folder: Path, *args: object) -> pipeline.CourseBuild:
        started.append(folder.name)
        return real(folder, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(workers, "worker_pool", one_thread)
    monkeypatch.setattr(pipeline, "build_course", recorded)
    outcome = pipeline.build([root], ["scorm12"], tmp_path / "dist", jobs=2)
    assert not outcome.failed, outcome.diagnostics
    assert started == ["d", "b", "c", "a"]
    assert [p.slug for p in outcome.packages] == ["a", "b", "c", "d"]
    assert [p.name for p in outcome.written] == [
        f"{slug}{suffix}"
        for slug in "abcd"
        for suffix in ("-scorm12.zip", "-xapi-activities.json", ".build.json")
    ]


def test_the_progress_callback_counts_every_course_built(tmp_path: Path) -> None:
    root = catalogue_of(tmp_path / "src", {"a": 0, "b": 1, "c": 2})
    seen: list[tuple[str, int, int]] = []
    outcome = pipeline.build(
        [root],
        ["scorm12"],
        tmp_path / "dist",
        jobs=2,
        progress=lambda course, built, total: seen.append((course, built, total)),
    )
    assert not outcome.failed
    assert seen[0] == ("", 0, 3)  # before any course is built
    assert sorted(course for course, _, _ in seen[1:]) == ["a", "b", "c"]
    assert [(built, total) for _, built, total in seen] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    again: list[tuple[str, int, int]] = []
    pipeline.build(
        [root], ["scorm12"], tmp_path / "dist", jobs=2, progress=lambda *a: again.append(a)
    )
    assert again == []  # an unchanged catalogue builds nothing, so shows nothing


def test_failing_courses_among_many_report_every_error_and_write_nothing(
    tmp_path: Path, edit: Edit
) -> None:
    root = catalogue_of(tmp_path / "src", {f"course-{n}": n for n in range(8)})
    edit(root / "course-2" / "assessments" / "quiz.yml", "pass_mark: 80", "pass_mark: 101")
    edit(root / "course-5" / "course.yml", "page: intro", "page: missing")
    edit(root / "course-7" / "assessments" / "quiz.yml", "pass_mark: 80", "pass_mark: -1")
    out = tmp_path / "dist"
    out.mkdir()
    (out / "notes.txt").write_text("the author's own file")
    result = CliRunner().invoke(app, ["build", str(root), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 1 and result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    courses = [Path(line.split(":")[0]).relative_to(root).parts[0] for line in errors]
    assert courses == ["course-2", "course-5", "course-7"]
    assert "build failed: nothing written" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def _live_courses() -> int:
    gc.collect()
    return sum(isinstance(o, Course) for o in gc.get_objects())


def test_a_worker_keeps_nothing_of_the_courses_it_built(tmp_path: Path) -> None:
    # A worker builds course after course: what it holds once a course is done must not grow
    # with the number of courses (no course model, no package bytes left behind).
    root = catalogue_of(tmp_path / "src", {f"course-{n:02d}": n for n in range(12)})
    folders = sorted(root.iterdir())

    def build_some(names: list[Path], into: str) -> None:
        (tmp_path / into).mkdir()
        for n, folder in enumerate(names):
            result = pipeline.build_course(folder, ["all"], "inputs", tmp_path / into / str(n))
            assert result.packages and not result.diagnostics

    build_some(folders[:2], "warm")  # templates, runtime and caches loaded once
    before = _live_courses()
    tracemalloc.start()
    try:
        build_some(folders[2:4], "few")
        gc.collect()
        few = tracemalloc.get_traced_memory()[0]
        build_some(folders[4:], "many")
        gc.collect()
        many = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert _live_courses() == before
    assert many - few < 64 * 1024, f"held after 2 courses: {few:,} B; after 10: {many:,} B"


def test_jobs_beyond_the_courses_start_no_idle_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    real = workers.worker_pool

    @contextmanager
    def counted(count: int) -> Iterator[object]:
        asked.append(count)
        with real(count) as pool:
            yield pool

    monkeypatch.setattr(workers, "worker_pool", counted)
    root = catalogue_of(tmp_path / "src", {"a": 0, "b": 0})
    assert not pipeline.build([root], ["scorm12"], tmp_path / "dist", jobs=8).failed
    assert asked == [2]


def test_a_first_build_hashes_each_course_in_its_worker_not_in_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before, the parent read every course's files for their hash before the pool started:
    # for a catalogue's first build, seconds of one core's work while the workers waited.
    root = catalogue_of(tmp_path / "src", {"a": 0, "b": 1, "c": 2})
    hashed: list[str] = []  # the parent's list: a forked worker appends to its own copy

    def recorded(folder: Path) -> str:
        hashed.append(folder.name)
        return source_hash(folder)

    monkeypatch.setattr(pipeline, "source_hash", recorded)
    out = tmp_path / "dist"
    assert not pipeline.build([root], ["scorm12"], out, jobs=2).failed
    assert hashed == []
    (root / "b" / "modules" / "intro.en.md").write_text("---\ntitle: B\n---\n\nChanged.\n")
    again = pipeline.build([root], ["scorm12"], out, jobs=2)
    assert hashed == ["a", "b", "c"]  # judged against their build reports, once each
    assert again.skipped == ["a", "c"] and [p.slug for p in again.packages] == ["b"]
    forced = pipeline.build([root], ["scorm12"], out, jobs=2, force=True)
    assert hashed == ["a", "b", "c"] and len(forced.packages) == 3
