"""A pass mark that only a perfect score can reach is said at once (issue 15: `draw: 3` with a
70 % pass mark needs 3 right out of 3, so the pass mark the author wrote is in fact 100 %)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.course_fixtures import validate_quiz
from support.hostile_sources import run

from builder.source.scoring import questions_to_pass

Edit = Callable[[Path, str, str], None]


@pytest.mark.parametrize(
    ("asked", "pass_mark", "needed"),
    [
        (3, 70, 3),
        (3, 66, 2),
        (3, 67, 3),
        (8, 80, 7),
        (10, 80, 8),
        (4, 80, 4),
        (1, 50, 1),
        (5, 0, 0),
    ],
)
def test_questions_to_pass_follows_the_runtime_s_rounding(
    asked: int, pass_mark: int, needed: int
) -> None:
    # The runtime scores floor(100 * right / asked) and passes at score >= pass_mark.
    assert questions_to_pass([1] * asked, pass_mark) == needed
    assert (100 * needed) // asked >= pass_mark
    assert needed == 0 or (100 * (needed - 1)) // asked < pass_mark


def test_draw_3_with_a_70_pass_mark_is_a_warning_at_draw(course: Path) -> None:
    verdict = validate_quiz(course, ("pass_mark: 80\n", "pass_mark: 70\ndraw: 3\n"))
    assert verdict.exit_code == 0, verdict.stderr
    assert (
        "course/assessments/quiz.yml:3:7: warning: with 3 questions asked, a pass mark of 70% "
        "needs all 3 right (2 of 3 scores 66%); expected draw: 4 or more, or pass_mark: 66 or "
        "less [pass-needs-all]"
    ) in verdict.stderr


def test_a_pool_without_draw_is_judged_by_its_size(course: Path) -> None:
    # 6 questions: 5 of 6 is 83 %
    verdict = validate_quiz(course, ("pass_mark: 80\n", "pass_mark: 90\n"))
    assert (
        "course/assessments/quiz.yml:2:12: warning: with 6 questions asked, a pass mark of 90% "
        "needs all 6 right (5 of 6 scores 83%); expected 10 questions or more, or pass_mark: 83 "
        "or less [pass-needs-all]"
    ) in verdict.stderr
    assert "[pass-needs-all]" in verdict.stderr


def test_a_reachable_pass_mark_or_a_100_pass_mark_says_nothing(course: Path, edit: Edit) -> None:
    quiz = course / "assessments" / "quiz.yml"
    assert "[pass-needs-all]" not in run("validate", course).stderr  # 80 %: 5 of 6 suffice
    edit(quiz, "pass_mark: 80\n", "pass_mark: 100\n")
    assert "[pass-needs-all]" not in run("validate", course).stderr  # meant: all right
