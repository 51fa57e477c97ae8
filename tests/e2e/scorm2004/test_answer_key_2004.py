"""A hashed answer key taken in Chromium against SCORM 2004 (issue 15): failed then passed,
marked from the hashes alone; interactions recorded with their result but no correct_responses
(optional [SCORM 2004 4th ed. RTE §4.2.9.1]); the attempt resumed after the window closed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.hashed_course import STEPS, answer_all, build_hashed_course
from support.learner import Learner, marked
from support.lms2004 import Scorm2004LMS
from support.seed import SeedCourse

GRADED = 7


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("hashed-src"), tmp_path_factory.mktemp("hashed-dist")
    return build_hashed_course(src, out, "scorm2004")


def test_a_failed_then_passed_attempt_reports_results_without_patterns(
    scorm2004_lms: Callable[[Path], Scorm2004LMS], built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    session = scorm2004_lms(package).launch()
    me = Learner.started(session, course)
    me.visit_all()
    answer_all(me, right=False)
    me.submit_all()
    expect(me.question("sounds").locator("[data-cb-verdict]")).to_have_text(
        marked(False, me.t("incorrect"))
    )
    for mark in me.question("sounds").locator("[data-cb-mark]").all():
        expect(mark).to_have_text("")  # no right match named
    cmi = session.cmi()
    first = list(cmi["interactions"].values())
    assert len(first) == GRADED and {i["result"] for i in first} == {"incorrect"}
    assert [i["id"] for i in first if i.get("correct_responses")] == ["quizLegs"]

    me.click(me.button(me.quiz.locator("[data-cb-result]"), "retry"))
    answer_all(me, right=True)
    me.submit_all()
    cmi = session.cmi()
    assert (cmi["success_status"], cmi["score"]["scaled"]) == ("passed", "1")
    second = list(cmi["interactions"].values())[GRADED:]
    assert {i["result"] for i in second} == {"correct"}
    assert [i["id"] for i in second if i.get("correct_responses")] == ["quizLegs"]


def test_b_a_hashed_attempt_resumes_where_it_was_left(
    scorm2004_lms: Callable[[Path], Scorm2004LMS], built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    lms = scorm2004_lms(package)
    first = lms.launch()
    me = Learner.started(first, course)
    me.visit_all()
    answer_all(me, right=True, only=("sounds", "steps", "word"))
    first.close()
    second = lms.relaunch()
    again = Learner.started(second, course)
    again.go(course.assessment_id)
    assert again.order_shown(again.question("steps")) == STEPS
    answer_all(again, right=True, only=("tf", "pick", "many", "legs"))
    again.submit_all()
    cmi = second.cmi()
    assert (cmi["success_status"], cmi["score"]["scaled"]) == ("passed", "1")
