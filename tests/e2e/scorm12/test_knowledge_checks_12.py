"""A page's knowledge check in a real SCORM 1.2 runtime (issue 15): each answer checked is an
interaction of its own (weighting 0), tried again freely, and the course's score and status
come from the final assessment only."""

from __future__ import annotations

from playwright.sync_api import expect
from support.learner import Learner
from support.learner_keyboard import KeyboardLearner
from support.lms import Scorm12LMS
from support.seed import SeedCourse
from test_scorm12_learner import leave


def test_checks_are_recorded_but_never_scored(lms: Scorm12LMS, seed: SeedCourse) -> None:
    session = lms.launch()
    me = Learner(session, seed)
    me.expect_on(seed.page_ids[0], focused=False)
    assert me.visit_all() == seed.page_ids
    assert seed.checks, "each seed course shows a knowledge check"
    page_id = next(iter(seed.checks))
    me.go(page_id)

    wrong = me.answer_check(page_id, correct=False)
    first_qid = next(iter(seed.checks[page_id][1]))
    me.retry_check(page_id, first_qid)
    (_, questions) = seed.checks[page_id]
    q = questions[first_qid]
    li = me.check_box(page_id).locator(f'[data-cb-q="{first_qid}"]')
    plan = q.plan(True, me.lang)
    me.enter(li, q, plan)
    me.click(me.button(li, "check"))
    me.expect_verdict(li, plan)
    recorded = [*wrong, (wrong[0][0], plan)]

    cmi = session.cmi()
    core = cmi["core"]
    assert core["lesson_status"] == "incomplete"
    assert core["score"]["raw"] == ""  # a check never scores the course
    got = cmi["interactions"]
    assert sorted(int(n) for n in got) == list(range(len(recorded)))
    for n, (lms_id, p) in enumerate(recorded):
        item = got[str(n)]
        assert item["id"] == lms_id
        assert item["weighting"] == "0"
        assert item["result"] == ("correct" if p.correct else "wrong")
        assert item["student_response"] == p.response

    me.go(seed.assessment_id)
    assert me.take_attempt(wrong=0) == 100
    cmi = session.cmi()
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert cmi["core"]["lesson_status"] == "passed"
    ids = [cmi["interactions"][str(n)]["id"] for n in range(len(cmi["interactions"]))]
    assert ids[: len(recorded)] == [lms_id for lms_id, _ in recorded]
    assert ids[len(recorded) :] == [seed.interaction_id(p.qid) for p in me.answered]
    expect(me.status()).to_be_visible()
    leave(session)


def test_a_check_by_keyboard_alone_and_in_either_language(
    lms: Scorm12LMS, seed: SeedCourse
) -> None:
    session = lms.launch()
    me = KeyboardLearner(session, seed)
    me.expect_on(seed.page_ids[0], focused=False)
    page_id = next(iter(seed.checks))
    me.go(page_id)
    q = next(iter(seed.checks[page_id][1].values()))
    assert (q.type, q.plan(True, me.lang).entry) == ("true-false", True)  # "True" comes first
    plan = q.plan(True, me.lang)
    group = f"{me.lang}_{page_id}_check_q_{q.id}"
    me.tab_to(lambda f: f["type"] == "radio" and f["name"] == group, what="the check's choices")
    me.press("Space")
    me.tab_to_button(me.t("check"))
    me.press("Enter")
    li = me.check_box(page_id).locator(f'[data-cb-q="{q.id}"]')
    me.expect_verdict(li, plan)
    assert me.focused()["q"] == q.id  # on the feedback, which is read out (aria-live)
    expect(li.locator("[data-cb-feedback]")).to_have_attribute("aria-live", "polite")

    me.switch_language("fr")  # the same answer, checked, in the other language's section
    li = me.check_box(page_id).locator(f'[data-cb-q="{q.id}"]')
    me.expect_verdict(li, plan)
    me.tab_to_button(me.t("check_try_again"))
    me.press("Enter")
    expect(li.locator("fieldset")).to_be_enabled()
    assert (me.focused()["tag"], me.focused()["q"]) == ("fieldset", q.id)
    assert len(session.cmi()["interactions"]) == 1
