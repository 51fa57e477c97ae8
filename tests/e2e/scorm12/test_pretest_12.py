"""A pre-test in a real SCORM 1.2 runtime (issue 15): taken once, its answers interactions of
their own weighted as their questions, its result shown again after a resume, and never the
course's: a learner who aces it and then fails the final has failed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.pretest_course import SLUG, pretest_course


def test_an_aced_pretest_never_passes_a_failed_final(
    scorm12_lms: Callable[[Path], Scorm12LMS], tmp_path: Path
) -> None:
    seed = pretest_course(tmp_path)
    lms = scorm12_lms(tmp_path / "dist" / f"{SLUG}-scorm12.zip")
    session = lms.launch()
    me = Learner(session, seed)
    assert seed.pretest is not None
    me.expect_on(seed.pretest[0], focused=False)
    expect(me.button(me.pretest_form, "pretest_skip")).to_be_visible()
    taken = me.take_pretest(correct=True)
    expect(me.button(me.pretest_form, "pretest_skip")).to_be_hidden()

    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] == "incomplete"
    assert cmi["core"]["score"]["raw"] == ""  # the pre-test never scores the course
    got = cmi["interactions"]
    assert [got[str(n)]["id"] for n in range(len(got))] == [lms_id for lms_id, _ in taken]
    for n, (_, plan) in enumerate(taken):
        assert (got[str(n)]["weighting"], got[str(n)]["result"]) == ("1", "correct")
        assert got[str(n)]["student_response"] == plan.response

    # a resume shows the result again, the answers as they were, and it cannot be taken again
    session = lms.relaunch()
    me = Learner(session, seed)
    me.go(seed.pretest[0])
    me.expect_pretest_result(len(taken), len(taken), 100)
    for _, plan in taken:
        me.expect_verdict(me.pretest_form.locator(f'[data-cb-q="{plan.qid}"]'), plan)
    me.switch_language("fr")  # the same result, in the other language's section
    me.expect_pretest_result(len(taken), len(taken), 100)
    me.switch_language("en")

    me.visit_all()
    me.go(seed.assessment_id)
    score = me.take_attempt(wrong=seed.asked)
    assert score == 0
    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] == "failed"
    ids = [cmi["interactions"][str(n)]["id"] for n in range(len(cmi["interactions"]))]
    assert ids[: len(taken)] == [lms_id for lms_id, _ in taken]  # kept, not sent again
    assert ids[len(taken) :] == [seed.interaction_id(p.qid) for p in me.answered]


def test_a_learner_may_skip_the_pretest(
    scorm12_lms: Callable[[Path], Scorm12LMS], tmp_path: Path
) -> None:
    seed = pretest_course(tmp_path)
    session = scorm12_lms(tmp_path / "dist" / f"{SLUG}-scorm12.zip").launch()
    me = Learner(session, seed)
    assert seed.pretest is not None
    me.expect_on(seed.pretest[0], focused=False)
    me.click(me.button(me.pretest_form, "pretest_skip"))
    me.expect_on(seed.page_ids[1])
    assert session.cmi()["interactions"] == {}
