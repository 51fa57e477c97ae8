"""Ordering and survey (likert) questions taken in Chromium against SCORM 2004 (issue 15): the
LMS gets a `sequencing` interaction with `[,]` between item ids and a `likert` one with result
`neutral` and no pattern [SCORM 2004 4th ed. RTE §4.2.9]; the survey never counts in the score."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms2004 import Scorm2004LMS
from support.qtypes_course import ITEMS, build_qtypes_course
from support.seed import SeedCourse


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("qtypes-src"), tmp_path_factory.mktemp("qtypes-dist")
    return build_qtypes_course(src, out, "scorm2004")


def test_a_wrong_order_is_incorrect_and_the_survey_is_neutral_and_unscored(
    scorm2004_lms: Callable[[Path], Scorm2004LMS], built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    session = scorm2004_lms(package).launch()
    me = Learner.started(session, course)
    me.visit_all()
    steps = me.question("steps")
    first = me.order_shown(steps)[0]
    # with the keyboard: the focus stays on the moved item, whose new place is announced
    me.move(steps, first, "move_down", keyboard=True)
    if me.order_shown(steps) == ITEMS:  # one move made it right: make it wrong again
        me.move(steps, first, "move_up", keyboard=True)
    given = me.order_shown(steps)
    assert given != ITEMS
    me.question("tf").get_by_role("radio", name=me.t("true"), exact=True).check(force=True)
    mood = me.question("mood")
    me.rate(mood, me.t("likert_agree5_1"))
    me.submit_all()
    expect(mood.locator("[data-cb-verdict]")).to_have_text(me.t("survey_recorded"))
    cmi = session.cmi()
    assert cmi["score"]["scaled"] == "0.5"  # one graded question of two right; the survey aside
    got = {i["id"]: i for i in cmi["interactions"].values()}
    sequencing = got["quizSteps"]
    assert sequencing["type"] == "sequencing"
    assert sequencing["learner_response"] == "[,]".join("abcd"[ITEMS.index(t)] for t in given)
    assert sequencing["correct_responses"]["0"]["pattern"] == "a[,]b[,]c[,]d"
    assert sequencing["result"] == "incorrect"
    likert = got["quizMood"]
    assert (likert["type"], likert["learner_response"], likert["result"]) == (
        "likert",
        "a",
        "neutral",
    )
    assert not likert.get("correct_responses")
