"""Course fixtures for every test folder: scratch copies of the minimal and bilingual courses."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from .hostile_sources import Run, run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXAMPLE = Path(__file__).resolve().parents[2] / "docs/examples/my-course"
# An assessment file "final-code" whose question "24-7" clashes with the example's "final" +
# "code-24-7": both are "finalCode247" in the LMS.
CLASHING = """title: {en: Codes, fr: Codes}
questions:
  - id: ready
    type: true-false
    prompt: {en: Ready?, fr: Prêt?}
    answer: true
  - id: 24-7
    type: true-false
    prompt: {en: Always?, fr: Toujours?}
    answer: true
"""
PASS_MARK_120 = (
    "my-course/assessments/final.yml:2:12: error: pass_mark: expected a number in 0-100, found "
    "'120' [bad-value]"
)
"""What `validate` says of the README's course once its pass mark is 120 (`pass_mark_120`)."""


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A fresh, editable copy of tests/fixtures/minimal named `course`."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    """A fresh, editable copy of tests/fixtures/bilingual (English and French) named `course`."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "bilingual", target)
    return target


def example_course(parent: Path) -> Path:
    """A fresh, editable copy of the README's bilingual course, as `parent/my-course`."""
    target = parent / "my-course"
    shutil.copytree(EXAMPLE, target)
    return target


def pass_mark_120(course: Path) -> None:
    """Give the README's course a second, unrelated error: its pass mark 120 (`PASS_MARK_120`)."""
    replace(course / "assessments/final.yml", "pass_mark: 80", "pass_mark: 120")


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` by `new` in `path`, failing loudly when `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate_quiz(course: Path, *changes: tuple[str, str]) -> Run:
    """``coursebuild validate`` on ``course`` once each (old, new) of ``changes`` is made, in
    order, in its assessments/quiz.yml."""
    for old, new in changes:
        replace(course / "assessments" / "quiz.yml", old, new)
    return run("validate", course)


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace text in a file, failing loudly when the text is not there."""
    return replace


def add_questions(quiz: Path, questions: str) -> None:
    """Add YAML list items to an assessment's `questions:`, before any key that follows it."""
    lines = quiz.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("questions:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "-", "\n", "#")),
        len(lines),
    )
    lines.insert(end, questions if questions.endswith("\n") else questions + "\n")
    quiz.write_text("".join(lines), encoding="utf-8")
