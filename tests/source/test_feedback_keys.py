"""Feedback timing, revealing answers, weights and partial credit (issue 15): "with immediate
feedback that reveals the answer and no `draw`, attempt 2 is trivially passable" and "no
weights or partial credit"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.course_fixtures import validate_quiz
from support.hostile_sources import run

from builder.diagnostics import Diagnostics
from builder.model import Assessment, Course
from builder.render.config import runtime_config
from builder.source.course import load_course
from builder.source.scoring import questions_to_pass

Edit = Callable[[Path, str, str], None]


def _load(folder: Path) -> Course:
    diagnostics = Diagnostics()
    course = load_course(folder, diagnostics)
    assert course is not None and not diagnostics.error_count(), diagnostics
    return course


def _quiz(folder: Path) -> Assessment:
    quiz = _load(folder).assessment
    assert quiz is not None
    return quiz


REVEALING = "reveal: false # every attempt asks the same questions (reveal-trivial)\n"


def test_immediate_reveal_without_draw_and_two_attempts_warns(course: Path) -> None:
    verdict = validate_quiz(course, (REVEALING, ""))
    assert verdict.exit_code == 0, verdict.stderr
    assert (
        "course/assessments/quiz.yml:3:11: warning: 2 attempts, the correct answers revealed "
        "after each question and the same 6 questions at every attempt: attempt 2 can be "
        "passed by copying the answers attempt 1 revealed; expected reveal: false, a draw "
        "smaller than 6, or attempts: 1 [reveal-trivial]"
    ) in verdict.stderr


def test_revealing_after_the_attempt_warns_at_reveal(course: Path) -> None:
    verdict = validate_quiz(course, (REVEALING, "reveal: true\nfeedback: attempt\n"))
    assert "quiz.yml:39:9: warning: 2 attempts, the correct answers revealed after the attempt" in (
        verdict.stderr
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("attempts: 2\n", "attempts: 1\n"),
        ("pass_mark: 80\n", "pass_mark: 80\ndraw: 5\n"),
        (REVEALING, "feedback: never\n"),
        (REVEALING, "reveal: false\n"),
    ],
    ids=["one-attempt", "draw-smaller", "never", "no-reveal"],
)
def test_what_makes_a_second_attempt_fair_says_nothing(
    course: Path, edit: Edit, old: str, new: str
) -> None:
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, REVEALING, "") if old != REVEALING else None
    edit(quiz, old, new)
    assert "[reveal-trivial]" not in run("validate", course).stderr


def test_a_draw_equal_to_the_pool_still_warns(course: Path, edit: Edit) -> None:
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, REVEALING, "")
    edit(quiz, "pass_mark: 80\n", "pass_mark: 80\ndraw: 6\n")
    assert "[reveal-trivial]" in run("validate", course).stderr


def test_immediate_feedback_needs_one_question_at_a_time(course: Path) -> None:
    verdict = validate_quiz(
        course, ("attempts: 2\n", "attempts: 2\ndisplay: all\nfeedback: immediate\n")
    )
    assert verdict.exit_code == 1
    assert (
        "course/assessments/quiz.yml:5:11: error: feedback: immediate needs one question at a "
        "time (display: all checks them all at once); expected display: one, or feedback: "
        "attempt or never [feedback-display]"
    ) in verdict.stderr


def test_questions_in_error_hide_no_feedback_the_display_cannot_give(course: Path) -> None:
    """The display and feedback need no question read: questions in error hid their conflict."""
    said = validate_quiz(
        course,
        ("attempts: 2\n", "attempts: 2\ndisplay: all\nfeedback: immediate\n"),
        ("questions:\n", "questions: 5\nquestion_list:\n"),
    ).stderr
    assert "course/assessments/quiz.yml:6:12: error: questions: expected a list" in said, said
    assert "course/assessments/quiz.yml:5:11: error: feedback: immediate needs one" in said, said


def test_partial_credit_only_where_a_question_has_parts(course: Path) -> None:
    verdict = validate_quiz(course, ("    answer: true\n", "    answer: true\n    partial: true\n"))
    assert verdict.exit_code == 1
    assert (
        "course/assessments/quiz.yml:9:14: error: partial: true on a true-false question, which "
        "is right or wrong as a whole; expected partial only on multiple or matching questions "
        "[partial-type]"
    ) in verdict.stderr


def test_weights_are_whole_numbers_from_one(course: Path) -> None:
    verdict = validate_quiz(course, ("    answer: true\n", "    answer: true\n    weight: 0\n"))
    assert verdict.exit_code == 1
    assert "quiz.yml:9:13: error:" in verdict.stderr
    assert "[bad-value]" in verdict.stderr


def test_a_draw_among_different_weights_is_an_error(course: Path) -> None:
    verdict = validate_quiz(
        course,
        ("pass_mark: 80\n", "pass_mark: 80\ndraw: 5\n"),
        ("    answer: 94\n", "    answer: 94\n    weight: 3\n"),
    )
    assert verdict.exit_code == 1
    assert (
        "error: question 'num' has weight 3 but 'tf' has weight 1, both in the questions drawn "
        "from: the score would depend on the draw; expected the same weight for every question "
        "drawn together [draw-weights]"
    ) in verdict.stderr


def test_a_heavy_question_can_make_a_pass_need_all(course: Path) -> None:
    # 6 questions, one of weight 10: total 15; missing a weight-1 question scores 93 %.
    verdict = validate_quiz(
        course,
        ("pass_mark: 80\n", "pass_mark: 95\n"),
        ("    answer: 94\n", "    answer: 94\n    weight: 10\n"),
    )
    assert (
        "course/assessments/quiz.yml:2:12: warning: with 6 questions of total weight 15 asked, a "
        "pass mark of 95% needs all 6 right (all but the lightest, of weight 1, scores 93%); "
        "expected pass_mark: 93 or less, or more questions [pass-needs-all]"
    ) in verdict.stderr


def test_weights_make_a_pass_reachable_without_all(course: Path, edit: Edit) -> None:
    # Without weights 5 of 6 is 83 %; with 'num' at 10, missing a weight-1 question scores 93 %.
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, "pass_mark: 80\n", "pass_mark: 90\n")
    assert "[pass-needs-all]" in run("validate", course).stderr
    edit(quiz, "    answer: 94\n", "    answer: 94\n    weight: 10\n")
    assert "[pass-needs-all]" not in run("validate", course).stderr


@pytest.mark.parametrize(
    ("weights", "pass_mark", "needed"),
    [([1, 1, 1], 70, 3), ([3, 1, 1], 60, 1), ([3, 1, 1], 61, 2), ([2, 2, 1], 80, 2)],
)
def test_questions_to_pass_takes_the_heaviest_first(
    weights: list[int], pass_mark: int, needed: int
) -> None:
    assert questions_to_pass(weights, pass_mark) == needed


def test_the_runtime_config_carries_the_keys(course: Path, edit: Edit) -> None:
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, REVEALING, "feedback: attempt\nreveal: false\n")
    edit(
        quiz,
        "  - id: many\n    type: multiple\n",
        "  - id: many\n    type: multiple\n    partial: true\n    weight: 2\n",
    )
    config = runtime_config(_load(course), "scorm12")["assessment"]
    assert (config["feedback"], config["reveal"]) == ("attempt", False)
    many = next(q for q in config["questions"] if q["id"] == "many")
    assert (many["weight"], many["partial"]) == (2, True)
    tf = next(q for q in config["questions"] if q["id"] == "tf")
    assert "weight" not in tf and "partial" not in tf  # the defaults go without saying


def test_feedback_defaults_to_what_the_display_did(course: Path, edit: Edit) -> None:
    assert _quiz(course).feedback == "immediate"  # display: one checks as it goes
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, "attempts: 2\n", "attempts: 2\ndisplay: all\n")
    assert _quiz(course).feedback == "attempt"  # display: all reviews after submit


def test_each_pool_keeps_one_weight_but_pools_may_differ(course: Path, edit: Edit) -> None:
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, "attempts: 2\n", "attempts: 2\ndraw: {facts: 2, words: 1}\n")
    pools = {"tf": "facts", "one": "facts", "many": "facts", "fill": "words", "match": "words"}
    for qid, pool in pools.items():
        edit(quiz, f"  - id: {qid}\n", f"  - id: {qid}\n    pool: {pool}\n")
    edit(quiz, "  - id: num\n", "  - id: num\n    pool: words\n")
    for qid in ("fill", "match", "num"):  # the words pool weighs 2 a question
        edit(quiz, f"  - id: {qid}\n", f"  - id: {qid}\n    weight: 2\n")
    verdict = run("validate", course)
    assert "[draw-weights]" not in verdict.stderr, verdict.stderr
    edit(quiz, "  - id: tf\n", "  - id: tf\n    weight: 3\n")
    verdict = run("validate", course)
    assert verdict.exit_code == 1
    assert (
        "error: question 'one' has weight 1 but 'tf' has weight 3, both in pool 'facts': the "
        "score would depend on the draw; expected the same weight for every question drawn "
        "together [draw-weights]"
    ) in verdict.stderr


def test_a_hashed_key_reveals_nothing_and_refuses_what_needs_the_key(
    course: Path, edit: Edit
) -> None:
    # answer_key: hashed leaves the answers out of the package: reveal defaults to false, and
    # an explicit reveal or partial credit (which marks each choice) is refused at its line.
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, REVEALING, "answer_key: hashed\n")
    assert _quiz(course).reveal is False
    edit(quiz, "answer_key: hashed\n", "answer_key: hashed\nreveal: true\n")
    edit(quiz, "    type: matching\n", "    type: matching\n    partial: true\n")
    verdict = run("validate", course)
    assert verdict.exit_code == 1
    found = [line for line in verdict.stderr.splitlines() if "[hashed-key-conflict]" in line]
    assert len(found) == 2, verdict.stderr
    assert "quiz.yml:41:9: error: reveal: true with answer_key: hashed" in found[1]
    assert "error: question 'match': partial credit needs" in found[0]


def test_a_key_another_type_uses_is_a_warning_at_the_key(course: Path) -> None:
    # "distractors: on a question that isn't matching is silently ignored" (issue 15 review):
    # an author who wrote it expects it to do something, so the build says it does not.
    verdict = validate_quiz(
        course,
        ("    prompt: Pick a.\n", "    prompt: Pick a.\n    distractors: [C]\n"),
        ("    answer: true\n", "    answer: true\n    max_length: 5\n"),
    )
    assert verdict.exit_code == 0, verdict.stderr
    assert (
        "course/assessments/quiz.yml:9:5: warning: question 'tf': 'max_length' is for fill-in "
        "questions; a true-false question does not use it [key-not-for-type]"
    ) in verdict.stderr
    assert (
        "course/assessments/quiz.yml:13:5: warning: question 'one': 'distractors' is for "
        "matching questions; a single question does not use it [key-not-for-type]"
    ) in verdict.stderr
