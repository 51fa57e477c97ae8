"""A small course for a browser journey: the minimal fixture with an assessment of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app

from .seed import SeedCourse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def write_quiz_course(src: Path, name: str, quiz: str) -> Path:
    """The minimal course with ``quiz`` as its assessment, under ``src/name`` (kept when written
    already, as for another target)."""
    course = src / name
    if course.exists():
        return course
    shutil.copytree(FIXTURES / "minimal", course)
    (course / "assessments" / "quiz.yml").write_text(quiz, encoding="utf-8")
    return course


def build_quiz_course(
    src: Path, out: Path, name: str, quiz: str, target: str
) -> tuple[SeedCourse, Path]:
    """That course built for ``target``: (course, zip)."""
    course = write_quiz_course(src, name, quiz)
    result = CliRunner().invoke(app, ["build", str(course), "-t", target, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return SeedCourse(name, root=src), out / f"{name}-{target}.zip"
