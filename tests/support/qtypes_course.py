"""A small course with an ordering and a survey (likert) question, for the browser journeys."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app

from .seed import SeedCourse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ITEMS = ["Think", "Write", "Check", "Post"]  # the correct order
QUIZ = """title: Quiz
pass_mark: 80
attempts: 2
display: all
questions:
  - id: tf
    type: true-false
    prompt: The sky is blue.
    answer: true
  - id: steps
    type: ordering
    prompt: Put the steps in order.
    items: [Think, Write, Check, Post]
  - id: mood
    type: likert
    prompt: I liked this quiz.
    scale: agree5
"""


def build_qtypes_course(src: Path, out: Path, target: str) -> tuple[SeedCourse, Path]:
    """The minimal course with QUIZ as its assessment, built for ``target``: (course, zip)."""
    course = src / "qtypes"
    shutil.copytree(FIXTURES / "minimal", course)
    (course / "assessments" / "quiz.yml").write_text(QUIZ, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(course), "-t", target, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return SeedCourse(course.name, root=src), out / f"qtypes-{target}.zip"
