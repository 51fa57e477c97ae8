"""A SCORM 2004 course in an LMS that keeps the 2nd edition's limits (the ``edition2`` profile
around scorm-again, in Chromium): cmi.suspend_data refused over 4,000 characters (406, as
Moodle 1.6's SCORM 1.3 player), cmi.interactions refused past its SPM of 250 (351)
[SCORM 2004 4th ed. RTE §4.2.9, §4.2.23]. The course writes its state again within 4,000
characters and says that part of it is not kept; a refused 251st answer is no failed save."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support.learner import RESULT_UNSAVED, SAVED, Learner
from support.lms2004 import Scorm2004LMS, Scorm2004Session
from support.quiz_course import build_quiz_course
from support.seed import SeedCourse

LMSMaker = Callable[[Path], Scorm2004LMS]
QUESTIONS = 30
LOST = "Your learning platform refused part of your progress for good (error 406"
QUIZ = "title: Quiz\npass_mark: 50\nattempts: 0\ndisplay: all\nquestions:\n" + "".join(
    f"  - id: q{i}\n    type: fill-in\n    prompt: Type word {i}.\n"
    f"    answers: [word{i}]\n    max_length: 255\n"
    for i in range(QUESTIONS)
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("limits-src"), tmp_path_factory.mktemp("limits-dist")
    return build_quiz_course(src, out, "limits", QUIZ, "scorm2004")


def data_writes(session: Scorm2004Session) -> list[Any]:
    return [c for c in session.calls("SetValue") if c.args[0] == "cmi.suspend_data"]


def index(element: str) -> int:
    """n of cmi.interactions.n.*, else -1."""
    found = re.match(r"cmi\.interactions\.(\d+)\.", element)
    return int(found.group(1)) if found else -1


def long_answers_typed(session: Scorm2004Session, course: SeedCourse) -> Learner:
    """The learner sees every page and types a long wrong answer to each question: the state
    grows over 4,000 characters."""
    me = Learner.started(session, course)
    me.visit_all()
    for i in range(QUESTIONS):
        me.question(f"q{i}").locator("input").fill(f"not the word {i} " + "y" * 140)
    return me


def all_passed(me: Learner, session: Scorm2004Session) -> None:
    """The learner types every right answer and submits them: told it is saved, the LMS holds
    the course completed and passed at 100, the result not said unsaved."""
    for i in range(QUESTIONS):
        me.question(f"q{i}").locator("input").fill(f"word{i}")
    me.submit_all()
    expect(me.status()).to_contain_text(SAVED["en"])
    expect(me.quiz.locator("[data-cb-result-record]")).not_to_contain_text(RESULT_UNSAVED["en"])
    cmi = session.cmi()
    assert (cmi["completion_status"], cmi["success_status"], cmi["score"]["raw"]) == (
        "completed",
        "passed",
        "100",
    )


def refused(session: Scorm2004Session, code: str) -> list[str]:
    """The problems of a run, but for the calls the LMS refused with ``code``."""
    found = session.problems(expected_hosts=("www.youtube-nocookie.com",))  # its video
    return [p for p in found if not p.endswith(f"[error {code}]")]


def test_a_state_over_4000_characters_is_written_again_within_them_and_the_loss_said(
    scorm2004_lms: LMSMaker, built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    lms = scorm2004_lms(package)
    session = lms.launch(profile="edition2")
    me = long_answers_typed(session, course)
    me.go("intro")  # a milestone: the state (some 5,000 characters) is committed
    expect(me.status()).to_contain_text(LOST)
    writes = data_writes(session)
    long = [c for c in writes if len(c.args[1]) > 4000]
    assert len(long) == 1 and (long[0].result, long[0].error) == ("false", "406")
    held = session.cmi()["suspend_data"]
    assert 0 < len(held) <= 4000 and held == writes[-1].args[1]
    assert refused(session, "406") == []

    again = lms.relaunch()
    me = Learner.started(again, course)
    assert again.cmi()["entry"] == "resume"
    me.go("quiz")
    # the typed text of unchecked questions was the part not kept
    expect(me.question("q0").locator("input")).to_have_value("")
    all_passed(me, again)  # the state fits again
    assert refused(again, "406") == []


def test_the_score_and_status_are_recorded_when_the_state_loses_a_part(
    scorm2004_lms: LMSMaker, built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    session = scorm2004_lms(package).launch(profile="edition2")
    me = long_answers_typed(session, course)
    me.submit_all()  # all wrong, and their checked text is over 4,000 characters
    expect(me.status()).to_contain_text(LOST)
    panel = me.quiz.locator("[data-cb-result-record]")
    expect(panel).not_to_contain_text(RESULT_UNSAVED["en"])  # the result is saved
    cmi = session.cmi()
    assert (cmi["success_status"], cmi["score"]["raw"]) == ("failed", "0")
    assert len(cmi["suspend_data"]) <= 4000
    assert len(cmi["interactions"]) == QUESTIONS
    assert refused(session, "406") == []


def test_a_result_whose_answers_the_lms_did_not_keep_says_so_in_the_same_session(
    scorm2004_lms: LMSMaker, built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    session = scorm2004_lms(package).launch(profile="edition2")
    me = long_answers_typed(session, course)
    me.submit_all()  # failed; the drawn questions are the part the LMS does not keep
    expect(me.status()).to_contain_text(LOST)
    # what the next launch will say: the LMS holds the result, not the answers
    panel = me.expect_answers_not_kept(50, "attempts_unlimited")
    assert "|" not in session.cmi()["suspend_data"].split("|", 5)[-1]  # no question field
    # a state that fits again (a new attempt, nothing typed yet): the answers are kept again
    me.click(me.button(panel, "retry"))
    for i in range(QUESTIONS):
        me.question(f"q{i}").locator("input").fill(f"word{i}")
    me.submit_all()
    expect(me.status()).to_contain_text(SAVED["en"])
    expect(panel.locator("[data-cb-result-text]")).to_contain_text(me.t("result_review"))


def test_a_failed_result_whose_questions_were_dropped_resumes_as_the_result_held_and_a_retry(
    scorm2004_lms: LMSMaker, built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    lms = scorm2004_lms(package)
    me = long_answers_typed(lms.launch(profile="edition2"), course)
    me.submit_all()  # failed; the drawn questions are the part the LMS does not keep
    expect(me.status()).to_contain_text(LOST)

    again = lms.relaunch()
    me = Learner.started(again, course)
    me.go("quiz")
    # the result the LMS holds, and in words that its answers are not: no review of nothing
    panel = me.expect_answers_not_kept(50, "attempts_unlimited")
    expect(panel.locator("[data-cb-result-score]")).to_contain_text(me.t("result_score", score=0))
    expect(panel.locator("[data-cb-result-record]")).to_have_text(me.t("record_failed"))
    expect(me.quiz.locator("[data-cb-q]:visible")).to_have_count(0)
    expect(me.quiz.locator("[data-cb-quiz-intro]")).to_contain_text(
        me.t("quiz_attempt_unlimited", n=1)
    )
    cmi = again.cmi()
    assert (cmi["success_status"], cmi["score"]["raw"]) == ("failed", "0")
    # the way on: a new attempt, with every question of one
    me.click(me.button(panel, "retry"))
    expect(panel).to_be_hidden()
    expect(me.quiz.locator("[data-cb-q]:visible")).to_have_count(QUESTIONS)
    expect(me.quiz.locator("[data-cb-quiz-intro]")).to_contain_text(
        me.t("quiz_attempt_unlimited", n=2)
    )
    assert refused(again, "406") == []


def test_the_251st_interaction_refused_is_no_failed_save(
    scorm2004_lms: LMSMaker, built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    lms = scorm2004_lms(package)
    cmi = lms.first_launch_cmi()
    # earlier attempts left 240 answers: this attempt's 30 go past the SPM of 250
    cmi["interactions"] = {
        str(i): {"id": f"old{i}", "type": "fill-in", "result": "incorrect"} for i in range(240)
    }
    session = lms.launch(cmi, profile="edition2")
    me = Learner.started(session, course)
    count = "window.parent.API_1484_11.GetValue('cmi.interactions._count')"
    assert session.course.evaluate(count) == "240"
    me.visit_all()
    all_passed(me, session)
    assert len(session.cmi()["interactions"]) == 250
    past = [c for c in session.calls("SetValue") if index(str(c.args[0])) >= 250]
    assert [(c.args[0], c.result, c.error) for c in past] == [
        ("cmi.interactions.250.id", "false", "351")
    ]  # tried once, then no more
    assert refused(session, "351") == []
