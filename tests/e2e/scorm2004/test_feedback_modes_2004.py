"""Feedback `never` (only the score and pass or fail), weights and partial credit, in real
Chromium against a SCORM 2004 LMS (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from playwright.sync_api import expect
from support.learner import Learner
from support.lms2004 import Scorm2004LMS
from support.variants import partly, variant, weighted_score

SLUG = "navigating-social-media"
NAV_VALID = {"exitAll": "true", "suspendAll": "true"}


def test_never_shows_only_the_score_and_the_answers_given(
    scorm2004_lms: Callable[[Path], Scorm2004LMS], tmp_path: Path
) -> None:
    seed = variant(tmp_path, SLUG, "feedback: never\n", "    partial: true\n    weight: 3\n")
    session = scorm2004_lms(tmp_path / "dist" / f"{SLUG}-scorm2004.zip").launch(nav_valid=NAV_VALID)
    me = Learner(session, seed, capitals=True)
    me.go(seed.assessment_id)
    for n in range(seed.asked):
        li, q = me.current_question()
        plan = partly(q, me.lang) if q.type == "matching" else q.plan(n % 3 != 0, me.lang)
        me.enter(li, q, plan)
        me.move_on(plan)

    matching = next(p for p in me.answered if p.qtype == "matching")
    pairs = len(matching.entry)
    score = weighted_score(me.answered, {matching.qid: 3}, {matching.qid: Fraction(1, pairs)})
    me.expect_result(score, attempts_left=seed.attempts - 1)
    expect(me.quiz.locator("[data-cb-result-text]")).to_contain_text(me.t("result_answers"))
    for plan in me.answered:  # every answer readable, none judged
        li = me.quiz.locator(f'[data-cb-q="{plan.qid}"]')
        expect(li).to_be_visible()
        me.expect_entered(li, seed.questions[plan.qid], plan)
        me.expect_no_verdict(li)
    text = me.quiz.text_content() or ""
    for word in ("correct", "incorrect", "choice_correct", "choice_incorrect"):
        assert me.t(word) not in text.replace(me.t("result_heading"), ""), word

    # the LMS still learns every answer: weighting, and a real-number result for a partly
    # right one [SCORM 2004 4th ed. RTE §4.2.9]
    recorded = {it["id"]: it for it in session.cmi()["interactions"].values()}
    for plan in me.answered:
        it = recorded[seed.interaction_id(plan.qid)]
        if plan is matching:
            assert it["weighting"] == "3"
            assert float(it["result"]) == round(1 / pairs, 10)
        else:
            assert (it["weighting"], it["result"]) == (
                "1",
                "correct" if plan.correct else "incorrect",
            )
