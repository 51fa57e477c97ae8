"""Feedback after the attempt, answers not revealed, weights and partial credit, in real
Chromium against a SCORM 1.2 LMS (issue 15: "no choice of when feedback appears ... or whether
correct answers are revealed" and "no weights or partial credit")."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from playwright.sync_api import expect
from support.learner import Learner, marked
from support.lms import Scorm12LMS
from support.variants import partly, variant, weighted_score

SLUG = "social-media-at-work"


def test_attempt_feedback_without_reveal_reviews_after_the_result(
    scorm12_lms: Callable[[Path], Scorm12LMS], tmp_path: Path
) -> None:
    seed = variant(
        tmp_path, SLUG, "feedback: attempt\nreveal: false\n", "    partial: true\n    weight: 2\n"
    )
    session = scorm12_lms(tmp_path / "dist" / f"{SLUG}-scorm12.zip").launch()
    me = Learner(session, seed)
    me.go(seed.assessment_id)
    for n in range(seed.asked):
        li, q = me.current_question()
        plan = partly(q, me.lang) if q.type == "matching" else q.plan(n % 2 == 0, me.lang)
        me.enter(li, q, plan)
        expect(me.button(li, "check")).to_be_hidden()  # no check step: no verdict to give
        me.move_on(plan)

    # the review: every question, its verdict and feedback, the learner's own answers
    matching = next(p for p in me.answered if p.qtype == "matching")
    pairs = len(matching.entry)
    score = weighted_score(me.answered, {matching.qid: 2}, {matching.qid: Fraction(1, pairs)})
    me.expect_result(score, attempts_left=seed.attempts - 1)
    expect(me.quiz.locator("[data-cb-result-text]")).to_contain_text(me.t("result_review"))
    for plan in me.answered:
        li = me.quiz.locator(f'[data-cb-q="{plan.qid}"]')
        expect(li).to_be_visible()
        me.expect_verdict(li, plan)
        me.expect_entered(li, seed.questions[plan.qid], plan)
        expect(li.locator("[data-cb-feedback]")).to_have_attribute("aria-live", "off")
    # nothing reveals a correct answer: not hidden, absent from the page's text
    text = me.frame.locator("body").text_content() or ""
    right = dict(seed.questions[matching.qid].pairs(me.lang))
    for source, chosen in matching.entry:
        if chosen != right[source]:
            assert me.t("match_incorrect", answer=right[source]) not in text
    assert me.t("choice_correct") not in text and me.t("choice_incorrect") not in text

    # the LMS: the weight as weighting, a partly right answer its share [SCORM 1.2 RTE §3.4.2]
    cmi = session.cmi()
    recorded = {it["id"]: it for it in cmi["interactions"].values()}
    for plan in me.answered:
        it = recorded[seed.interaction_id(plan.qid)]
        if plan is matching:
            assert (it["weighting"], it["result"]) == ("2", f"{1 / pairs:.10f}".rstrip("0"))
        else:
            assert (it["weighting"], it["result"]) == ("1", "correct" if plan.correct else "wrong")


def test_attempt_feedback_with_reveal_names_the_right_match_only_in_the_review(
    scorm12_lms: Callable[[Path], Scorm12LMS], tmp_path: Path
) -> None:
    seed = variant(tmp_path, SLUG, "feedback: attempt\nreveal: true\n")
    session = scorm12_lms(tmp_path / "dist" / f"{SLUG}-scorm12.zip").launch()
    me = Learner(session, seed)
    me.go(seed.assessment_id)
    wrong_match = None
    for n in range(seed.asked):
        li, q = me.current_question()
        plan = q.plan(q.type != "matching", me.lang)
        me.enter(li, q, plan)
        if q.type == "matching":
            wrong_match = plan
            right = dict(q.pairs(me.lang))
            said = me.t("match_incorrect", answer=right[plan.entry[0][0]])
        me.move_on(plan)
        # Moved on: nothing in the page names the right match yet, unless that was the last
        # question (the attempt's order is shuffled) and moving on showed the result.
        if q.type == "matching" and n < seed.asked - 1:
            assert said not in (me.frame.locator("body").text_content() or "")
    assert wrong_match is not None
    li = me.quiz.locator(f'[data-cb-q="{wrong_match.qid}"]')
    me.expect_verdict(li, wrong_match)  # each pair marked, the right match named
    expect(li.locator("[data-cb-verdict]")).to_have_text(marked(False, me.t("incorrect")))


def test_attempt_feedback_resumes_without_a_verdict_then_reviews(
    scorm12_lms: Callable[[Path], Scorm12LMS], tmp_path: Path
) -> None:
    seed = variant(tmp_path, SLUG, "feedback: attempt\nreveal: false\n")
    lms = scorm12_lms(tmp_path / "dist" / f"{SLUG}-scorm12.zip")
    first = lms.launch()
    me = Learner(first, seed)
    me.go(seed.assessment_id)
    for _ in range(2):
        li, q = me.current_question()
        plan = q.plan(False, me.lang)
        me.enter(li, q, plan)
        me.move_on(plan)
    first.close()  # the window closes: the resume state holds two answers, no verdict shown

    second = lms.relaunch()
    again = Learner(second, seed, answered=list(me.answered))
    again.expect_on(seed.assessment_id, focused=False)
    assert again.question_number() == 3
    for plan in me.answered:  # answered before leaving: still no verdict in the page
        again.expect_no_verdict(again.quiz.locator(f'[data-cb-q="{plan.qid}"]'))
    while len(again.answered) < seed.asked:
        li, q = again.current_question()
        plan = q.plan(True, again.lang)
        again.enter(li, q, plan)
        again.move_on(plan)
    asked = seed.asked
    again.expect_result(seed.score(asked - 2, asked), attempts_left=seed.attempts - 1)
    for plan in again.answered:  # the review, the first session's answers too
        li = again.quiz.locator(f'[data-cb-q="{plan.qid}"]')
        again.expect_verdict(li, plan)
        again.expect_entered(li, seed.questions[plan.qid], plan)
