"""The pre-test (course.yml `pretest:`): loaded as its own module, never the course's assessment,
its misuses diagnosed with file:line:col (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from test_checks import CHECK, load

from builder.model import Pretest

Edit = Callable[[Path, str, str], None]


def with_pretest(
    course: Path, edit: Edit, text: str = CHECK, before: str = "  - page: intro\n"
) -> None:
    (course / "assessments" / "baseline.yml").write_text(text, encoding="utf-8")
    edit(course / "course.yml", before, "  - pretest: baseline\n" + before)


def test_a_pretest_is_its_own_module_never_the_assessment(course: Path, edit: Edit) -> None:
    with_pretest(course, edit)
    model, shown = load(course)
    assert shown == []
    assert model is not None
    assert isinstance(model.modules[0], Pretest)
    assert model.pretest is not None and model.pretest.id == "baseline"
    assert [q.id for q in model.pretest.questions] == ["sky", "pick"]
    assert model.pretest.attempts == 1 and model.pretest.display == "all"
    assert model.assessment is not None and model.assessment.id == "quiz"
    assert model.mastery_score == model.assessment.pass_mark
    assert model.completion.assessment == "passed"


def test_a_pretest_after_the_assessment_is_refused(course: Path, edit: Edit) -> None:
    (course / "assessments" / "baseline.yml").write_text(CHECK, encoding="utf-8")
    edit(
        course / "course.yml",
        "  - assessment: quiz\n",
        "  - assessment: quiz\n  - pretest: baseline\n",
    )
    _, shown = load(course)
    assert shown == [
        "course/course.yml:11:14: error: pre-test 'baseline' comes after the assessment 'quiz'; "
        "expected it before the assessment (pages may come before it: a welcome page, say) "
        "[pretest-order]"
    ]


def test_a_pretest_after_a_page_is_fine(course: Path, edit: Edit) -> None:
    with_pretest(course, edit, before="  - page: video\n")
    model, shown = load(course)
    assert shown == []
    assert model is not None and [m.id for m in model.modules] == [
        "intro",
        "baseline",
        "video",
        "quiz",
    ]


def test_a_second_pretest_is_refused(course: Path, edit: Edit) -> None:
    with_pretest(course, edit)
    (course / "assessments" / "again.yml").write_text(CHECK.replace("id: sky", "id: sea"))
    edit(course / "course.yml", "  - page: video\n", "  - pretest: again\n  - page: video\n")
    _, shown = load(course)
    assert shown == [
        "course/course.yml:10:5: error: pre-test 'again' is the second pre-test; a course has "
        "at most one (it opens the course) [pretest-count]"
    ]


def test_the_final_assessment_used_as_the_pretest_is_refused(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "  - page: intro\n", "  - pretest: quiz\n  - page: intro\n")
    _, shown = load(course)
    assert shown == [
        "course/course.yml:8:14: error: assessment file 'quiz' is already used (line 11); "
        "expected each assessment file once (its questions' LMS ids must be distinct) "
        "[assessment-reused]"
    ]


def test_pretest_keys_that_mean_nothing_are_warned(course: Path, edit: Edit) -> None:
    with_pretest(
        course, edit, "pass_mark: 50\nattempts: 2\ndisplay: one\nfeedback: immediate\n" + CHECK
    )
    model, shown = load(course)
    assert model is not None and model.pretest is not None
    assert model.pretest.feedback == "attempt"
    expected = [
        f"course/assessments/baseline.yml:{line}:1: warning: {key}: a pre-test is taken once, "
        "all its questions on one page, and its score passes nothing; expected no "
        f"'{key}' (it applies to the course's assessment only) [pretest-key-ignored]"
        for line, key in ((1, "pass_mark"), (2, "attempts"), (3, "display"))
    ]
    expected.append(
        "course/assessments/baseline.yml:4:11: warning: feedback: immediate: a pre-test is "
        "answered as a whole, its verdicts shown with its result; expected feedback: attempt "
        "(the default) or never [pretest-key-ignored]"
    )
    assert shown == expected


def test_a_pretest_with_a_page_is_a_module_kind_error(course: Path, edit: Edit) -> None:
    (course / "assessments" / "baseline.yml").write_text(CHECK, encoding="utf-8")
    edit(course / "course.yml", "  - page: intro\n", "  - page: intro\n    pretest: baseline\n")
    _, shown = load(course)
    assert any("[module-kind]" in ln and "'pretest: <name>'" in ln for ln in shown)


def test_a_pretest_keeps_draw_shuffle_and_a_hashed_key(course: Path, edit: Edit) -> None:
    with_pretest(course, edit, "draw: 1\nshuffle: true\nanswer_key: hashed\n" + CHECK)
    model, shown = load(course)
    assert shown == []
    assert model is not None and model.pretest is not None
    assert (model.pretest.draw, model.pretest.shuffle, model.pretest.answer_key) == (
        1,
        True,
        "hashed",
    )


def test_a_second_assessment_is_refused_at_its_entry(course: Path, edit: Edit) -> None:
    # Listed second, it was thought to be dropped without a word: it is an error at its entry.
    quiz = (course / "assessments" / "quiz.yml").read_text(encoding="utf-8")
    (course / "assessments" / "final.yml").write_text(quiz, encoding="utf-8")
    edit(
        course / "course.yml",
        "  - assessment: quiz\n",
        "  - assessment: quiz\n  - assessment: final\n",
    )
    _, shown = load(course)
    assert shown == [
        "course/course.yml:11:5: error: assessment 'final' is the second assessment; a course "
        "has at most one (it gives the course its score) [assessment-count]"
    ]
