"""A path of `.` (or `./`, `%2e`) names the course folder itself, never a file in it: each is a
diagnostic at the path's line and column, and every other error of the course is still
reported (it crashed the course with an internal error that hid them all)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import PASS_MARK_120, example_course, pass_mark_120, replace
from typer.testing import CliRunner

from builder.cli import app


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course, with a second error (pass_mark: 120) to be reported."""
    target = example_course(tmp_path)
    pass_mark_120(target)
    return target


def build(course: Path) -> tuple[int, str, Path]:
    """Build into a `dist/` holding a file already: its exit code, stderr, the output folder."""
    out = course.parent / "dist"
    out.mkdir()
    (out / "kept.txt").write_text("before\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.replace(str(course.parent) + "/", ""), out


INTRO = "my-course/modules/intro.en.md"
VIDEO = "my-course/modules/video.en.md"
IN_PAGE = "names the course folder itself; expected a file inside the course folder"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("See [here](.).", f"{INTRO}:7:5: error: link '.' {IN_PAGE} [path-course-folder]"),
        ("See ![x](.).", f"{INTRO}:7:5: error: image '.' {IN_PAGE} [path-course-folder]"),
        ("See [x](./).", f"{INTRO}:7:5: error: link './' {IN_PAGE} [path-course-folder]"),
        ("See [x](%2e).", f"{INTRO}:7:5: error: link '.' {IN_PAGE} [path-course-folder]"),
        ("See [x](./#top).", f"{INTRO}:7:5: error: link './' {IN_PAGE} [path-course-folder]"),
    ],
)
def test_a_dot_in_a_page_is_a_diagnostic(my_course: Path, markdown: str, expected: str) -> None:
    replace(
        my_course / "modules/intro.en.md",
        "This course shows what to do before you post about work.",
        markdown,
    )
    code, stderr, out = build(my_course)
    assert code == 1, stderr
    assert expected in stderr.splitlines(), stderr
    assert PASS_MARK_120 in stderr.splitlines(), stderr
    assert "internal-error" not in stderr, stderr
    assert sorted(p.name for p in out.iterdir()) == ["kept.txt"]


def test_a_dot_transcript_is_a_diagnostic(my_course: Path) -> None:
    replace(
        my_course / "modules/video.en.md", "transcript: transcripts/video.en.md", "transcript: ."
    )
    code, stderr, _ = build(my_course)
    assert code == 1, stderr
    assert (
        f"{VIDEO}:6:13: error: transcript '.' {IN_PAGE} [path-course-folder]" in stderr.splitlines()
    ), stderr
    assert PASS_MARK_120 in stderr.splitlines(), stderr
    assert "internal-error" not in stderr, stderr


def test_a_dot_attachment_is_a_diagnostic(my_course: Path) -> None:
    replace(
        my_course / "modules/video.en.md",
        "transcript: transcripts/video.en.md",
        "transcript: transcripts/video.en.md\nattachments:\n"
        "  - file: .\n    title: Job aid\n    language: en",
    )
    code, stderr, _ = build(my_course)
    assert code == 1, stderr
    assert (
        f"{VIDEO}:8:11: error: attachment '.' {IN_PAGE} [path-course-folder]" in stderr.splitlines()
    ), stderr
    assert PASS_MARK_120 in stderr.splitlines(), stderr
    assert "internal-error" not in stderr, stderr


@pytest.mark.parametrize("folder", [".", "./", "./."])
def test_a_dot_theme_folder_is_a_diagnostic(my_course: Path, folder: str) -> None:
    replace(
        my_course / "course.yml",
        "targets: [scorm12]",
        f"targets: [scorm12]\ntheme: {{custom_dir: '{folder}'}}",
    )
    code, stderr, _ = build(my_course)
    assert code == 1, stderr
    assert (
        f"my-course/course.yml:14:21: error: theme.custom_dir '{folder}' names the course folder "
        "itself; expected a folder inside the course folder (such as theme) [path-course-folder]"
    ) in stderr.splitlines(), stderr
    assert PASS_MARK_120 in stderr.splitlines(), stderr
    assert "internal-error" not in stderr, stderr
