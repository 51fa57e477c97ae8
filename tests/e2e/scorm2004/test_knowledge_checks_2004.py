"""A page's knowledge check in a real SCORM 2004 runtime (issue 15): each answer checked is a
cmi.interactions entry with the check's own id and weighting 0; cmi.score and the statuses come
from the final assessment only."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.lms2004 import Scorm2004LMS
from support.seed import SEEDS, SeedCourse, scaled
from test_learner_2004 import NAV_VALID, LMSMaker, expect_clean, learner, leave


@pytest.fixture
def course(seed_slug: str) -> SeedCourse:
    return SEEDS[seed_slug]


def test_checks_are_interactions_never_the_score(
    scorm2004_lms: LMSMaker, seed_zip_2004: Path, course: SeedCourse
) -> None:
    lms: Scorm2004LMS = scorm2004_lms(seed_zip_2004)
    session = lms.launch(nav_valid=NAV_VALID)
    me = learner(session, course)
    me.expect_on(course.page_ids[0], focused=False)
    me.visit_all()
    page_id = next(iter(course.checks))
    me.go(page_id)
    checked = me.answer_check(page_id, correct=True)

    cmi = session.cmi()
    assert cmi["score"]["scaled"] == ""  # a check never scores the course
    assert cmi["success_status"] == "unknown"
    recorded = cmi["interactions"]
    assert sorted(recorded, key=int) == [str(n) for n in range(len(checked))]
    for n, (lms_id, plan) in enumerate(checked):
        it = recorded[str(n)]
        q = course.checks[page_id][1][plan.qid]
        assert it["id"] == lms_id
        assert it["learner_response"] == q.scorm2004(plan)[0]
        assert (it["result"], it["weighting"]) == ("correct", "0")

    me.go(course.assessment_id)
    score = me.take_attempt(wrong=course.asked)  # every final answer wrong
    leave(me)
    final = session.final_cmi
    assert final is not None
    assert final["success_status"] == "failed"  # all checks right, the final wrong: failed
    assert final["score"]["scaled"] == scaled(score)
    ids = [final["interactions"][str(n)]["id"] for n in range(len(final["interactions"]))]
    assert ids[: len(checked)] == [lms_id for lms_id, _ in checked]
    assert len(ids) == len(checked) + course.asked
    expect_clean(session)
