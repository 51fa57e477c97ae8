"""Pools by topic (issue 15): `draw: {topic: n}` asks n questions of each pool per attempt."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support.hostile_sources import run

from builder.diagnostics import Diagnostics
from builder.render.config import runtime_config
from builder.source.course import load_course

Edit = Callable[[Path, str, str], None]
POOLS = {"tf": "facts", "one": "facts", "many": "facts", "fill": "words", "match": "words"}


def _pooled(course: Path, edit: Edit, draw: str, pools: dict[str, str] = POOLS) -> Path:
    quiz = course / "assessments" / "quiz.yml"
    edit(quiz, "attempts: 2\n", f"attempts: 2\ndraw: {draw}\n")
    for qid, pool in pools.items():
        edit(quiz, f"  - id: {qid}\n", f"  - id: {qid}\n    pool: {pool}\n")
    return quiz


def test_the_runtime_gets_each_pool_s_count_and_each_question_s_pool(
    course: Path, edit: Edit
) -> None:
    _pooled(course, edit, "{facts: 2, words: 1, numbers: 1}", {**POOLS, "num": "numbers"})
    model = load_course(course, Diagnostics())
    assert model is not None and model.assessment is not None
    quiz = runtime_config(model, "scorm12")["assessment"]
    assert quiz["draw"] == 4 and quiz["pools"] == {"facts": 2, "numbers": 1, "words": 1}
    assert [q["pool"] for q in quiz["questions"]] == [*POOLS.values(), "numbers"]


def test_a_plain_draw_has_no_pools(course: Path) -> None:
    model = load_course(course, Diagnostics())
    assert model is not None
    quiz = runtime_config(model, "scorm12")["assessment"]
    assert "pools" not in quiz and all("pool" not in q for q in quiz["questions"])


def test_every_pool_problem_is_said_where_it_is(course: Path, edit: Edit) -> None:
    _pooled(course, edit, "{facts: 4, words: 1, rules: 1}")  # num has no pool; rules none
    verdict = run("validate", course)
    assert verdict.exit_code == 1
    lines = verdict.stderr.splitlines()
    assert (
        "course/assessments/quiz.yml:4:15: error: draw: 4 questions asked from pool 'facts', "
        "which has 3; expected at most 3 [draw-too-many]"
    ) in lines
    assert (
        "course/assessments/quiz.yml:4:28: error: draw names pool 'rules', which no question is "
        "in; expected one of: facts, words [pool-unknown]"
    ) in lines
    assert any(
        line.startswith("course/assessments/quiz.yml:")
        and "question 'num' is in no pool drawn from; expected pool: facts or words" in line
        and line.endswith("[pool-undrawn]")
        for line in lines
    ), lines


def test_a_pooled_draw_when_no_question_has_a_pool_is_one_error(course: Path, edit: Edit) -> None:
    """One mistake (pools drawn, none given) was 'expected one of: none' and one pool-undrawn
    per question."""
    _pooled(course, edit, "{easy: 2}", {})
    verdict = run("validate", course)
    assert verdict.exit_code == 1
    assert verdict.stderr.splitlines() == [
        "course/assessments/quiz.yml:4:8: error: draw names pool 'easy', but no question has a "
        "pool: key; expected 'pool: easy' on each question drawn from it, or a number to draw "
        "from every question (draw: 2) [pool-unknown]",
        "1 error(s), 0 warning(s)",
    ]
