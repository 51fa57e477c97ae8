"""One run reports every error of a question: a schema error in one of its fields hides none
of the others, and causes no second error of its own (no cascade)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.hostile_sources import run, write

from builder.diagnostics import Diagnostics
from builder.source.course import load_course

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "my-course"
QUOTE_FALSE = "    hint: in quotes, 'false' is text; write false without quotes for true/false\n"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The README's bilingual example course, its assessment's pass mark 50."""
    target = tmp_path / "course"
    shutil.copytree(EXAMPLE, target)
    for name, old in (
        ("course.yml", "mastery_score: 80"),
        ("assessments/final.yml", "pass_mark: 80"),
    ):
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, old.replace("80", "50")), encoding="utf-8")
    return target


def _final(course: Path, questions: str) -> None:
    write(
        course / "assessments/final.yml",
        "title: {en: Final assessment, fr: Évaluation finale}\n"
        "pass_mark: 50\nattempts: 1\nquestions:\n" + questions,
    )


def _said(course: Path) -> str:
    verdict = run("validate", course)
    assert verdict.exit_code == 1, verdict.stderr
    return verdict.stderr


def test_the_example_course_validates(example: Path) -> None:
    assert run("validate", example).exit_code == 0


def test_a_bad_weight_hides_neither_a_missing_translation_nor_a_quoted_answer(
    example: Path,
) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q}
    answer: "false"
    weight: 0
  - id: q2
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: true
""",
    )
    assert _said(example) == (
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/assessments/final.yml:8:13: error: question 'q1': answer: expected true or "
        "false, found 'false' [wrong-type]\n" + QUOTE_FALSE + "course/assessments/final.yml:9:13: "
        "error: questions[0].weight: expected a number in 1-100, found '0' [bad-value]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_bad_choice_id_hides_no_missing_translation_of_another_choice(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: single
    prompt: {en: Q, fr: Qf}
    choices:
      - {id: A, text: {en: Right, fr: Juste}, correct: true}
      - {id: b, text: {en: Wrong}}
""",
    )
    assert _said(example) == (
        "course/assessments/final.yml:9:14: error: questions[0].choices[0].id: expected text "
        "matching ^[a-z0-9]$, found 'A' [bad-value]\n"
        "course/assessments/final.yml:10:23: error: question 'q1' choice 'b' has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_choice_with_a_bad_id_still_has_its_text_and_the_count_checked(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: single
    prompt: {en: Q, fr: Qf}
    choices:
      - {id: A, text: {en: Right}}
      - {id: b, text: {en: Wrong, fr: Faux}, correct: 1}
      - {id: c, text: {en: Also, fr: Aussi}}
""",
    )
    assert _said(example) == (
        "course/assessments/final.yml:9:14: error: questions[0].choices[0].id: expected text "
        "matching ^[a-z0-9]$, found 'A' [bad-value]\n"
        "course/assessments/final.yml:9:23: error: question 'q1' choice 1 has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        # A `correct` that cannot be read says nothing of how many choices are right.
        "course/assessments/final.yml:10:55: error: questions[0].choices[1].correct: expected "
        "true or false, found '1' [wrong-type]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_bad_question_id_hides_no_quoted_answer(example: Path) -> None:
    _final(
        example,
        """\
  - id: Q1
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: "false"
""",
    )
    assert _said(example) == (
        "course/assessments/final.yml:5:9: error: questions[0].id: expected a name of up to 63 "
        "lowercase letters, digits and hyphens (such as 'intro'), found 'Q1' [bad-value]\n"
        "course/assessments/final.yml:8:13: error: question 1: answer: expected true or false, "
        "found 'false' [wrong-type]\n" + QUOTE_FALSE + "2 error(s), 0 warning(s)\n"
    )


def test_a_repeated_question_id_hides_no_repeated_choice_id(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: true
  - id: q1
    type: single
    prompt: {en: Q, fr: Qf}
    choices:
      - {id: a, text: {en: A, fr: A}, correct: true}
      - {id: a, text: {en: B, fr: B}}
""",
    )
    assert _said(example) == (
        "course/assessments/final.yml:9:9: error: question id 'q1' is used twice (first at line "
        "5); expected unique ids [duplicate-id]\n"
        "course/assessments/final.yml:14:14: error: question 'q1': choice id 'a' is used twice "
        "[duplicate-id]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_bad_type_still_checks_the_prompt_and_feedback(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: yes-no
    prompt: {en: Q}
    answer: true
    feedback: {correct: {fr: Oui}}
""",
    )
    # No answer check and no key-not-for-type: both need to know the type.
    assert _said(example) == (
        "course/assessments/final.yml:6:11: error: questions[0].type: expected one of "
        "'true-false', 'single', 'multiple', 'fill-in', 'matching', 'numeric', 'ordering' or "
        "'likert', found 'yes-no' [bad-value]\n"
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/assessments/final.yml:9:25: error: question 'q1' feedback (correct) has no 'en' "
        "text; expected 'en: ...' beside fr [missing-translation]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_misspelt_key_is_not_also_a_missing_one(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q}
    answr: true
""",
    )
    # 'answr' is 'answer': no "a true-false question needs 'answer: ...'" on top.
    assert _said(example) == (
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/assessments/final.yml:8:5: error: unknown key 'questions[0].answr' "
        "[unknown-key]\n    hint: did you mean 'answer'?\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_question_with_a_schema_error_is_not_modelled(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: true
    weight: 0
""",
    )
    diagnostics = Diagnostics()
    course = load_course(example, diagnostics)
    assert [d.code for d in diagnostics] == ["bad-value"]
    assert course is not None and course.assessment is not None
    assert course.assessment.questions == ()
