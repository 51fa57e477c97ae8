"""The pass mark's reach and a draw's equal weights are judged on the question weights as read:
a weight in error (or a question that is not a mapping) is no ground for either, and a question
left unmodelled by an error elsewhere in it still counts with the weight it was read with (it
was taken as weight 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import example_course, replace
from support.hostile_sources import refusal

FINAL = "my-course/assessments/final.yml"
TYPES = (
    "expected one of 'true-false', 'single', 'multiple', 'fill-in', 'matching', 'numeric', "
    "'ordering' or 'likert'"
)


@pytest.fixture
def pass_90(tmp_path: Path) -> Path:
    """The README's course at pass mark 90: its five questions of weight 1 need all five right,
    which the build warns of (pass-needs-all) once the weights are known."""
    target = example_course(tmp_path)
    replace(target / "assessments/final.yml", "pass_mark: 80", "pass_mark: 90")
    replace(target / "course.yml", "mastery_score: 80", "mastery_score: 90")
    return target


def _last_question(course: Path, key: str) -> None:
    """Give the last question (line 33 on) one more key."""
    replace(
        course / "assessments/final.yml", "  - id: when-unsure\n", f"  - id: when-unsure\n{key}"
    )


WEIGHT_ERRORS = [
    (
        "    weight: heavy\n",
        f"{FINAL}:33:13: error: questions[4].weight: expected a whole number, found 'heavy' "
        "[wrong-type]\n",
    ),
    (
        "    weight: 0\n",
        f"{FINAL}:33:13: error: questions[4].weight: expected a number in 1-100, found '0' "
        "[bad-value]\n",
    ),
    (
        "    weight: yes\n",
        f"{FINAL}:33:13: error: questions[4].weight: expected a whole number, found 'true' "
        "[wrong-type]\n",
    ),
    (
        "    wieght: 9\n",
        f"{FINAL}:33:5: error: unknown key 'questions[4].wieght' [unknown-key]\n"
        "    hint: did you mean 'weight'?\n",
    ),
]
WEIGHT_IDS = ["word", "zero", "yes", "misspelt"]


def test_the_weights_read_still_warn_that_all_are_needed(pass_90: Path) -> None:
    """The question is not modelled (its answer in error), but its weight, 1, was read."""
    replace(
        pass_90 / "assessments/final.yml", "answer: true\n  - id: when", "answer: 'x'\n  - id: when"
    )
    said = refusal(pass_90, built_too=False)
    assert f"{FINAL}:2:12: warning: with 5 questions asked, a pass mark of 90% needs all 5" in said
    assert said.endswith("1 error(s), 1 warning(s)\n"), said


@pytest.mark.parametrize(("key", "error"), WEIGHT_ERRORS, ids=WEIGHT_IDS)
def test_a_weight_in_error_is_no_ground_for_the_pass_mark_s_reach(
    pass_90: Path, key: str, error: str
) -> None:
    """Weight 1 stood in for it: with weight 9 meant, 4 of the 5 questions would pass."""
    _last_question(pass_90, key)
    assert refusal(pass_90, built_too=False) == error + "1 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(("key", "error"), WEIGHT_ERRORS, ids=WEIGHT_IDS)
def test_a_weight_in_error_is_no_ground_for_a_draw_s_reach(
    pass_90: Path, key: str, error: str
) -> None:
    _last_question(pass_90, key)
    replace(pass_90 / "assessments/final.yml", "shuffle: true", "draw: 4")
    assert refusal(pass_90, built_too=False) == error + "1 error(s), 0 warning(s)\n"


def test_an_unmodelled_question_counts_with_its_weight(pass_90: Path) -> None:
    """Weights 1, 1, 1, 1 and 9: 12 of 13 scores 92%, which passes; it was taken as 5 of weight
    1, and warned that all five were needed."""
    _last_question(pass_90, "    weight: 9\n")
    replace(pass_90 / "assessments/final.yml", "type: single ", "type: singel")
    assert refusal(pass_90, built_too=False) == (
        f"{FINAL}:9:11: error: questions[0].type: {TYPES}, found 'singel' [bad-value]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_an_unmodelled_question_s_weight_is_compared_in_a_draw(pass_90: Path) -> None:
    """Its weight 2 was read: the draw's weights differ (it was left out, and a reach warning
    said instead, as if all five weighed 1)."""
    _last_question(pass_90, "    weight: 2\n")
    replace(pass_90 / "assessments/final.yml", "shuffle: true", "draw: 4")
    replace(
        pass_90 / "assessments/final.yml",
        'type: true-false\n    prompt: {en: "When',
        'type: truefalse\n    prompt: {en: "When',
    )
    assert refusal(pass_90, built_too=False) == (
        f"{FINAL}:33:13: error: question 'when-unsure' has weight 2 but 'permission' has weight "
        "1, both in the questions drawn from: the score would depend on the draw; expected the "
        "same weight for every question drawn together [draw-weights]\n"
        f"{FINAL}:34:11: error: questions[4].type: {TYPES}, found 'truefalse' [bad-value]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_question_that_is_not_a_mapping_is_no_ground_for_the_reach(pass_90: Path) -> None:
    replace(pass_90 / "assessments/final.yml", "questions:\n", "questions:\n  - just text\n")
    assert refusal(pass_90, built_too=False) == (
        f"{FINAL}:8:5: error: questions[0]: expected a mapping, found 'just text' [wrong-type]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_an_unmodelled_heavy_question_is_warned_of_with_its_weight(pass_90: Path) -> None:
    """Weights 3, 1, 1, 1 and 1: the warning names their total (it said five of weight 1)."""
    replace(
        pass_90 / "assessments/final.yml",
        "  - id: permission\n",
        "  - id: permission\n    weight: 3\n",
    )
    replace(
        pass_90 / "assessments/final.yml",
        'type: true-false\n    prompt: {en: "When',
        'type: [true-false]\n    prompt: {en: "When',
    )
    said = refusal(pass_90, built_too=False)
    assert (
        f"{FINAL}:2:12: warning: with 5 questions of total weight 7 asked, a pass mark of 90% "
        "needs all 5 right (all but the lightest, of weight 1, scores 85%)"
    ) in said, said
    assert said.endswith("1 error(s), 1 warning(s)\n"), said
