"""Ordering and survey (likert) questions taken in Chromium against SCORM 1.2 (issue 15): the
items are put in order with the keyboard-first buttons, the survey is never marked, and the LMS
gets a `sequencing` and a `likert` interaction [SCORM 1.2 RTE §3.4 cmi.interactions]."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.qtypes_course import ITEMS, build_qtypes_course
from support.seed import SeedCourse


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("qtypes-src"), tmp_path_factory.mktemp("qtypes-dist")
    return build_qtypes_course(src, out, "scorm12")


def test_a_learner_orders_items_answers_a_survey_and_the_lms_gets_both(
    scorm12_lms: Callable[[Path], Scorm12LMS], built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    session = scorm12_lms(package).launch()
    me = Learner.started(session, course)
    me.visit_all()
    steps = me.question("steps")
    shown = me.order_shown(steps)
    assert sorted(shown) == sorted(ITEMS) and shown != ITEMS  # shuffled, never in order
    me.put_in_order(steps, ITEMS)
    me.question("tf").get_by_role("radio", name=me.t("true"), exact=True).check(force=True)
    mood = me.question("mood")
    me.rate(mood, me.t("likert_agree5_4"))
    me.submit_all()
    expect(mood.locator("[data-cb-verdict]")).to_have_text(me.t("survey_recorded"))
    expect(steps.locator("[data-cb-verdict]")).to_contain_text(me.t("correct"))
    cmi = session.cmi()
    assert cmi["core"]["score"]["raw"] == "100"  # two graded questions right; the survey aside
    got = {i["id"]: i for i in cmi["interactions"].values()}
    sequencing = got["quizSteps"]
    assert sequencing["type"] == "sequencing"
    assert sequencing["student_response"] == "a,b,c,d"
    assert sequencing["correct_responses"]["0"]["pattern"] == "a,b,c,d"
    assert sequencing["result"] == "correct"
    likert = got["quizMood"]
    assert (likert["type"], likert["student_response"], likert["result"]) == (
        "likert",
        "d",
        "neutral",
    )
    assert not likert.get("correct_responses")
