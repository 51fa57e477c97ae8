"""A pre-test in a real SCORM 2004 runtime (issue 15): its answers are cmi.interactions entries
with the pre-test's ids, weighted as their questions; cmi.score and the statuses come from the
final assessment only."""

from __future__ import annotations

from pathlib import Path

from support.lms2004 import Scorm2004LMS
from support.pretest_course import SLUG, pretest_course
from support.seed import scaled
from test_learner_2004 import NAV_VALID, LMSMaker, expect_clean, learner, leave


def test_an_aced_pretest_never_passes_a_failed_final(
    scorm2004_lms: LMSMaker, tmp_path: Path
) -> None:
    course = pretest_course(tmp_path)
    assert course.pretest is not None
    lms: Scorm2004LMS = scorm2004_lms(tmp_path / "dist" / f"{SLUG}-scorm2004.zip")
    session = lms.launch(nav_valid=NAV_VALID)
    me = learner(session, course)
    me.expect_on(course.pretest[0], focused=False)
    taken = me.take_pretest(correct=True)

    cmi = session.cmi()
    assert cmi["score"]["scaled"] == ""  # the pre-test never scores the course
    assert cmi["success_status"] == "unknown"
    recorded = cmi["interactions"]
    assert sorted(recorded, key=int) == [str(n) for n in range(len(taken))]
    for n, (lms_id, plan) in enumerate(taken):
        it = recorded[str(n)]
        q = course.pretest[1][plan.qid]
        assert it["id"] == lms_id
        assert it["learner_response"] == q.scorm2004(plan)[0]
        assert (it["result"], it["weighting"]) == ("correct", "1")

    me.visit_all()
    me.go(course.assessment_id)
    score = me.take_attempt(wrong=course.asked)  # every final answer wrong
    leave(me)
    final = session.final_cmi
    assert final is not None
    assert final["success_status"] == "failed"  # the pre-test aced, the final wrong: failed
    assert final["score"]["scaled"] == scaled(score)
    ids = [final["interactions"][str(n)]["id"] for n in range(len(final["interactions"]))]
    assert ids[: len(taken)] == [lms_id for lms_id, _ in taken]
    assert len(ids) == len(taken) + course.asked
    expect_clean(session)
