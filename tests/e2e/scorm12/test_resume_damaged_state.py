"""A learner resumes from what the LMS handed back when it is not what the course saved: a
``cmi.suspend_data`` cut short, or one the course cannot read while the LMS holds a result.
The course must neither shorten the assessment nor tell the learner less than the LMS holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.seed import SEEDS

SLUG = "navigating-social-media"
SEED = SEEDS[SLUG]


@pytest.fixture
def lms(scorm12_lms: Callable[[Path], Scorm12LMS], seed_dist: Path) -> Scorm12LMS:
    return scorm12_lms(seed_dist / f"{SLUG}-scorm12.zip")


def test_a_suspend_data_cut_short_never_shortens_the_attempt(lms: Scorm12LMS) -> None:
    first = lms.launch()
    me = Learner.started(first, SEED)
    me.visit_all()
    for _ in range(2):
        me.answer_current(correct=True)
        me.onward()
    stored = first.next_launch_cmi()
    fields = stored["suspend_data"].split("|")
    drawn = len(fields) - 6  # version, fingerprint, position, pages, video, assessment header
    assert drawn == SEED.asked
    # an LMS that keeps only the first part of what it was sent [SCORM 1.2 RTE §3.4.2]
    stored["suspend_data"] = "|".join(fields[:-5])
    first.close()

    second = lms.launch(stored)
    again = Learner.started(second, SEED)
    assert again.current_page() == "final"
    # the attempt the learner is given is a whole one: every question it asks, from the first
    assert again.question_number() == 1
    score = again.take_attempt(wrong=SEED.asked - 1)
    assert score < SEED.pass_mark
    expect(again.quiz.locator("[data-cb-result-score]")).to_contain_text(f"{score}")
    assert second.cmi()["core"]["lesson_status"] == "failed"

    # cut before the first question: the result stands, and the assessment still asks them all
    stored = second.next_launch_cmi()
    stored["suspend_data"] = "|".join(stored["suspend_data"].split("|")[:6])
    second.close()
    third = Learner.started(lms.launch(stored), SEED)
    quiz = third.quiz
    expect(quiz.locator("[data-cb-result-score]")).to_contain_text(f"{score}")
    expect(quiz.locator("[data-cb-quiz-intro]")).to_contain_text(
        third.t("quiz_intro", count=SEED.asked, **{"pass": SEED.pass_mark})
    )


def test_a_result_the_lms_holds_is_what_the_learner_is_told_when_the_state_is_unreadable(
    lms: Scorm12LMS,
) -> None:
    # The LMS holds a pass; the resume state it hands back is not one this package can read
    # (the course was republished with other pages, or the LMS lost it).
    held = {
        "core": {
            "entry": "resume",
            "lesson_status": "passed",
            "lesson_location": "final",
            "score": {"raw": "100", "min": "0", "max": "100"},
            "total_time": "00:20:00",
        },
        "suspend_data": "1|zzzz|05|f3|00|00000000",
    }
    session = lms.launch(held)
    me = Learner.started(session, SEED)
    assert me.current_page() == "final"
    # at launch, the status line already says the course is complete, as the LMS holds it
    expect(me.status()).to_contain_text(me.t("course_complete"))
    score = me.take_attempt(wrong=SEED.asked - 1)
    assert score < SEED.pass_mark
    result = me.quiz.locator("[data-cb-result]")
    expect(result.locator("[data-cb-result-score]")).to_contain_text(f"{score}")
    # the record line says what the LMS holds, and asks for nothing the LMS does not need
    expect(result.locator("[data-cb-result-record]")).to_have_text(me.t("record_complete_passed"))
    expect(result.locator("[data-cb-result-next]")).to_be_hidden()
    expect(result.locator("[data-cb-result-todo] a")).to_have_count(0)
    core = session.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("passed", "100")
