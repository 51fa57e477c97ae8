"""How a fill-in answer is compared reaches the player (issue 15: accents, an author option)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.render.config import runtime_config
from builder.source.course import load_course

Edit = Callable[[Path, str, str], None]


def _fill_in(course: Path) -> dict[str, object]:
    model = load_course(course, Diagnostics())
    assert model is not None
    questions = runtime_config(model, "scorm12")["assessment"]["questions"]
    return next(q for q in questions if q["type"] == "fill-in")


def test_accents_are_ignored_unless_the_author_says_they_count(course: Path, edit: Edit) -> None:
    assert _fill_in(course)["accents"] == "ignore"
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, "    type: fill-in\n", "    type: fill-in\n    accents: match\n")
    assert _fill_in(course)["accents"] == "match"
