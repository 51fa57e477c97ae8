"""Knowledge checks (course.yml `check:` beside a page): loaded under their page, never the
course's assessment, their misuses diagnosed with file:line:col (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.model import Course
from builder.source.course import load_course

Edit = Callable[[Path, str, str], None]

CHECK = """title: Check the introduction
questions:
  - id: sky
    type: true-false
    prompt: The sky is blue.
    answer: true
  - id: pick
    type: single
    prompt: Pick a.
    choices:
      - {id: a, text: A, correct: true}
      - {id: b, text: B}
"""


def with_check(course: Path, edit: Edit, text: str = CHECK, entry: str = "intro-check") -> None:
    (course / "assessments" / "intro-check.yml").write_text(text, encoding="utf-8")
    edit(course / "course.yml", "  - page: intro\n", f"  - page: intro\n    check: {entry}\n")


def load(course: Path) -> tuple[Course | None, list[str]]:
    diagnostics = Diagnostics()
    model = load_course(course, diagnostics)
    shown = [d.format().replace(str(course.parent) + "/", "") for d in diagnostics]
    return model, shown


def test_a_check_belongs_to_its_page_not_to_the_score(course: Path, edit: Edit) -> None:
    with_check(course, edit)
    model, shown = load(course)
    assert shown == []
    assert model is not None
    ((page, check),) = model.checks
    assert page.id == "intro"
    assert [q.id for q in check.questions] == ["sky", "pick"]
    assert model.assessment is not None and model.assessment.id == "quiz"
    assert model.mastery_score == model.assessment.pass_mark


def test_check_keys_that_mean_nothing_are_warned(course: Path, edit: Edit) -> None:
    with_check(course, edit, "pass_mark: 50\nattempts: 1\n" + CHECK)
    model, shown = load(course)
    assert model is not None and model.checks
    assert shown == [
        f"course/assessments/intro-check.yml:{line}:1: warning: {key}: a knowledge check is "
        "never scored and shows every question, each checked at once and retried freely; "
        f"expected no '{key}' (it applies to the course's assessment only) [check-key-ignored]"
        for line, key in ((1, "pass_mark"), (2, "attempts"))
    ]


def test_a_check_without_a_page_is_a_module_kind_error(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "  - assessment: quiz", "  - assessment: quiz\n    check: quiz")
    _, shown = load(course)
    assert any("[module-kind]" in ln and "'check: <name>' goes with a page" in ln for ln in shown)


def test_a_missing_check_file_is_named(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "  - page: intro\n", "  - page: intro\n    check: nowhere\n")
    _, shown = load(course)
    assert (
        "course/course.yml:9:12: error: assessment 'nowhere' has no file; expected "
        "course/assessments/nowhere.yml [file-not-found]"
    ) in shown


def test_the_final_assessment_used_as_a_check_is_refused(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "  - page: intro\n", "  - page: intro\n    check: quiz\n")
    _, shown = load(course)
    assert shown == [
        "course/course.yml:9:12: error: assessment file 'quiz' is already used (line 11); "
        "expected each assessment file once (its questions' LMS ids must be distinct) "
        "[assessment-reused]"
    ]


def test_one_check_on_two_pages_is_refused(course: Path, edit: Edit) -> None:
    with_check(course, edit)
    edit(course / "course.yml", "  - page: video\n", "  - page: video\n    check: intro-check\n")
    _, shown = load(course)
    assert [line for line in shown if "[assessment-reused]" in line] == [
        "course/course.yml:11:12: error: assessment file 'intro-check' is already used "
        "(line 8); expected each assessment file once (its questions' LMS ids must be "
        "distinct) [assessment-reused]"
    ]


def test_interaction_ids_clashing_across_files_are_refused(course: Path, edit: Edit) -> None:
    # "quiz-tf" + "x" and "quiz" + "tf-x" would both be "quizTfX" in the LMS.
    (course / "assessments" / "quiz-tf.yml").write_text(CHECK.replace("id: sky", "id: x"))
    edit(course / "course.yml", "  - page: intro\n", "  - page: intro\n    check: quiz-tf\n")
    edit(course / "assessments" / "quiz.yml", "  - id: tf\n", "  - id: tf-x\n")
    _, shown = load(course)
    assert shown == [
        "course/course.yml:11:17: error: question 'tf-x' of 'quiz' and question 'x' of "
        "'quiz-tf' are both 'quizTfX' in the LMS; expected assessment or question ids that "
        "differ by more than their hyphens [interaction-id-clash]"
    ]
