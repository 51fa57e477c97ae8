"""Journeys in SAP SuccessFactors Learning (the ``successfactors`` profile around scorm-again, in
Chromium), SCORM 1.2 and 2004: SuccessFactors copies the score it holds to the grade when the
first passed or completed status reaches it, and never updates the grade (SAP KBA 2413378).

Every journey checks, on the result screen, that what the learner is told is what the LMS holds:
the score shown is the score the LMS holds, and when the grade the LMS keeps differs from it
(the course was complete before that score), the record line says the grade it keeps."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner_brisk import BriskLearner
from support.lms import Scorm12LMS
from support.lms2004 import Scorm2004LMS
from support.lms_session import LMSSession
from support.seed import SeedCourse
from typer.testing import CliRunner

from builder.cli import app

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
VIDEO_HOST = ("www.youtube-nocookie.com",)  # the minimal course's video page embeds one
QUIZ = """title: Quiz
pass_mark: 80
attempts: 3
questions:
  - id: q1
    type: true-false
    prompt: The sky is blue.
    answer: true
  - id: q2
    type: true-false
    prompt: Grass is red.
    answer: false
reveal: false
"""
RULES = {  # completion rules: the pass needed, an attempt needed, no assessment needed
    "passed": "assessment: passed",
    "attempted": "assessment: attempted",
    "none": "assessment: none",
}
TARGETS = ("scorm12", "scorm2004")
RAW = {"scorm12": ("core", "score", "raw"), "scorm2004": ("score", "raw")}
LMSMakers = tuple[Callable[[Path], Scorm12LMS], Callable[[Path], Scorm2004LMS]]
Courses = dict[tuple[str, str], tuple[SeedCourse, Path]]


@pytest.fixture(scope="module")
def courses(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[SeedCourse, Path]]:
    """The minimal course with a two-question quiz, under each rule, built for each target."""
    src, out = tmp_path_factory.mktemp("sf-src"), tmp_path_factory.mktemp("sf-dist")
    built = {}
    for rule, line in RULES.items():
        name = f"sf-{rule}"
        course = src / name
        shutil.copytree(FIXTURES / "minimal", course)
        (course / "assessments" / "quiz.yml").write_text(QUIZ, encoding="utf-8")
        yml = course / "course.yml"
        yml.write_text(
            yml.read_text(encoding="utf-8").replace("assessment: passed", line), encoding="utf-8"
        )
        for target in TARGETS:
            dist = out / target  # a build keeps only its own target's package in its folder
            result = CliRunner().invoke(app, ["build", str(course), "-t", target, "-o", str(dist)])
            assert result.exit_code == 0, result.output
            built[(rule, target)] = (SeedCourse(name, root=src), dist / f"{name}-{target}.zip")
    return built


def launch(
    target: str,
    rule: str,
    courses: dict[tuple[str, str], tuple[SeedCourse, Path]],
    makers: LMSMakers,
) -> tuple[LMSSession, BriskLearner]:
    course, package = courses[(rule, target)]
    lms = makers[0](package) if target == "scorm12" else makers[1](package)
    session = lms.launch(profile="successfactors")
    return session, BriskLearner.started(session, course)


def held_score(session: LMSSession, target: str) -> str:
    node = session.cmi()
    for key in RAW[target]:
        node = node.get(key) or {}
    return str(node) if node != {} else ""


def told_what_the_lms_holds(session: LMSSession, me: BriskLearner, target: str) -> list[str]:
    """What the result screen says against what the LMS holds: [] when they agree."""
    wrong = []
    held, state = held_score(session, target), session.profile_state()
    panel = me.quiz.locator("[data-cb-result]")
    record = " ".join((panel.locator("[data-cb-result-record]").text_content() or "").split())
    score = panel.locator("[data-cb-result-score]").text_content() or ""
    if held and me.t("result_score", score=held) not in score:
        wrong.append(f"the LMS holds the score {held}, the learner is told {score!r}")
    grade = state.get("grade")
    if state.get("graded") and grade != held:
        try:
            said = me.t("record_grade_kept", score=grade) if grade else me.t("record_grade_none")
        except KeyError:
            said = f"(a sentence saying the grade the LMS keeps: {grade or 'no score'})"
        if said not in record:
            wrong.append(
                f"the LMS keeps the grade {grade!r} (score {held}), the learner is told {record!r}"
            )
    elif "grade" in record.lower():
        wrong.append(
            f"the LMS's grade is its score ({held}), the learner is told of another: {record!r}"
        )
    return wrong + session.problems(expected_hosts=VIDEO_HOST)


@pytest.mark.parametrize("target", TARGETS)
def test_complete_before_any_score_then_a_pass(
    target: str,
    courses: Courses,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
) -> None:
    """pages: all, no assessment needed: complete (no score) once every page is seen; the
    grade is then empty for good, and a pass later does not change it."""
    session, me = launch(target, "none", courses, (scorm12_lms, scorm2004_lms))
    me.visit_all()
    assert session.profile_state()["graded"] is True
    me.go("quiz")
    me.take_attempt(wrong=0)
    me.expect_result_shown()
    assert session.profile_state()["grade"] == ""
    assert told_what_the_lms_holds(session, me, target) == []


@pytest.mark.parametrize("target", TARGETS)
def test_an_attempt_completes_with_a_fail_then_a_retake_passes(
    target: str,
    courses: Courses,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
) -> None:
    """pages: all and an attempt: the failed attempt completes the course (grade 50); the
    retake's 100 is the LMS's score, not its grade."""
    session, me = launch(target, "attempted", courses, (scorm12_lms, scorm2004_lms))
    me.visit_all()
    me.take_attempt(wrong=1)
    me.expect_result_shown()
    assert session.profile_state()["grade"] == "50"
    assert told_what_the_lms_holds(session, me, target) == []
    me.retry()
    me.take_attempt(wrong=0)
    me.expect_result_shown()
    assert (held_score(session, target), session.profile_state()["grade"]) == ("100", "50")
    assert told_what_the_lms_holds(session, me, target) == []


@pytest.mark.parametrize("target", TARGETS)
def test_a_pass_needed_a_fail_then_a_passed_retake_and_no_retake_after_the_pass(
    target: str,
    courses: Courses,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
) -> None:
    """pages: all and a pass: no passed or completed status before the pass, which comes with
    its score (the grade); after a pass there is no retake, so the grade is the score for good."""
    session, me = launch(target, "passed", courses, (scorm12_lms, scorm2004_lms))
    me.visit_all()
    me.take_attempt(wrong=1)
    me.expect_result_shown()
    assert session.profile_state()["graded"] is False
    assert told_what_the_lms_holds(session, me, target) == []
    me.retry()
    me.take_attempt(wrong=0)
    me.expect_result_shown()
    assert session.profile_state()["grade"] == held_score(session, target) == "100"
    expect(me.quiz.get_by_role("button", name=me.t("retry"), exact=True)).to_be_hidden()
    assert told_what_the_lms_holds(session, me, target) == []


def test_2004_leaving_through_the_lms_navigation_does_not_complete_the_course(
    courses: Courses,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
) -> None:
    """The manifest says the content sets completion and success: SuccessFactors' Quit leaves
    the record as the course wrote it (incomplete), not completed (SAP KBA 2458835, 3403728)."""
    session, me = launch("scorm2004", "passed", courses, (scorm12_lms, scorm2004_lms))
    me.go("video")
    session.close_player()
    record = session.next_launch_record()
    assert record["stored"]["cmi.completion_status"] == "incomplete"
    assert session.profile_state()["completedOnExit"] is False
    assert session.problems(expected_hosts=VIDEO_HOST) == []
