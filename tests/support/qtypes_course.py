"""A small course with an ordering and a survey (likert) question, for the browser journeys."""

from __future__ import annotations

from pathlib import Path

from .quiz_course import build_quiz_course
from .seed import SeedCourse

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
    return build_quiz_course(src, out, "qtypes", QUIZ, target)
