"""A hashed answer key taken in Chromium against SCORM 1.2 (issue 15): an attempt failed then
passed, marked in the browser from the hashes alone; no right answer revealed; interactions
recorded with their result but no correct_responses (optional [SCORM 1.2 RTE §3.4
cmi.interactions.n.correct_responses]); the attempt resumed after the window closed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.hashed_course import STEPS, answer_all, build_hashed_course
from support.learner import Learner, marked
from support.lms import Scorm12LMS
from support.seed import SeedCourse

GRADED = 7


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("hashed-src"), tmp_path_factory.mktemp("hashed-dist")
    return build_hashed_course(src, out, "scorm12")


def test_a_failed_then_passed_attempt_is_marked_without_the_key(
    scorm12_lms: Callable[[Path], Scorm12LMS], built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    session = scorm12_lms(package).launch()
    me = Learner.started(session, course)
    me.visit_all()
    answer_all(me, right=False)
    me.submit_all()
    for qid in ("tf", "pick", "many", "word", "sounds", "steps", "legs"):
        verdict = me.question(qid).locator("[data-cb-verdict]")
        expect(verdict).to_have_text(marked(False, me.t("incorrect")))
    # nothing says what was right: no right match named, no choice marked
    for mark in me.question("sounds").locator("[data-cb-mark]").all():
        expect(mark).to_have_text("")
    for mark in me.question("many").locator("[data-cb-mark]").all():
        expect(mark).to_have_text("")
    # a hashed key reveals nothing (reveal is false): not even the picked choice is marked
    expect(me.question("pick").locator('[data-cb-choice="a"] [data-cb-mark]')).to_have_text("")
    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] != "passed"
    first = list(cmi["interactions"].values())
    assert len(first) == GRADED
    assert {i["result"] for i in first} == {"wrong"}
    # only the numeric range, which cannot be hashed, is reported as a correct response
    assert [i["id"] for i in first if i.get("correct_responses")] == ["quizLegs"]

    me.click(me.button(me.quiz.locator("[data-cb-result]"), "retry"))
    answer_all(me, right=True)
    me.submit_all()
    for qid in ("tf", "pick", "many", "word", "sounds", "steps", "legs"):
        verdict = me.question(qid).locator("[data-cb-verdict]")
        expect(verdict).to_have_text(marked(True, me.t("correct")))
    cmi = session.cmi()
    assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("passed", "100")
    second = list(cmi["interactions"].values())[GRADED:]
    assert {i["result"] for i in second} == {"correct"}
    got = {i["id"]: i for i in second}
    assert got["quizWord"]["student_response"]  # the typed answer, as given
    assert [i["id"] for i in second if i.get("correct_responses")] == ["quizLegs"]


def test_b_a_hashed_attempt_resumes_where_it_was_left(
    scorm12_lms: Callable[[Path], Scorm12LMS], built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    lms = scorm12_lms(package)
    first = lms.launch()
    me = Learner.started(first, course)
    me.visit_all()
    answer_all(me, right=True, only=("tf", "sounds", "steps"))
    me.go(course.assessment_id)
    first.close()
    final = first.final_cmi
    assert final is not None and final["core"]["exit"] == "suspend"

    second = lms.relaunch()
    again = Learner.started(second, course)
    again.go(course.assessment_id)
    assert again.order_shown(again.question("steps")) == STEPS  # the arrangement kept
    expect(
        again.question("tf").get_by_role("radio", name=again.t("false"), exact=True)
    ).to_be_checked()
    answer_all(again, right=True, only=("pick", "many", "word", "legs"))
    again.submit_all()
    cmi = second.cmi()
    assert (cmi["core"]["lesson_status"], cmi["core"]["score"]["raw"]) == ("passed", "100")
