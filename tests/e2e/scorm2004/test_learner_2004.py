"""Learner journeys through both seed courses in a SCORM 2004 LMS (scorm-again's Scorm2004API,
in Chromium): what the LMS records must be what the SCORM 2004 4th ed. RTE asks, with no error,
ever.

Answers come from the course YAML (``support/seed.py``, ``support/learner.py``); nothing here
knows a seed course.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support.learner import REFUSED, RESULT_UNSAVED, SAVED, Learner
from support.lms2004 import Scorm2004LMS, Scorm2004Session, duration_centiseconds
from support.seed import SEED_SLUGS, SEEDS, Planned, SeedCourse, phrase, scaled

from builder.model import interaction_id

LMSMaker = Callable[[Path], Scorm2004LMS]
NAV_VALID = {"exitAll": "true", "suspendAll": "true"}
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,2}Z$")
DURATION = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$")
COMPLETION_RANK = {"unknown": 0, "not attempted": 0, "incomplete": 1, "completed": 2}
SUCCESS_RANK = {"unknown": 0, "failed": 1, "passed": 2}


@pytest.fixture
def course(seed_slug: str) -> SeedCourse:
    return SEEDS[seed_slug]


@pytest.fixture
def lms(scorm2004_lms: LMSMaker, seed_zip_2004: Path) -> Scorm2004LMS:
    return scorm2004_lms(seed_zip_2004)


def setvalues(session: Scorm2004Session, element: str) -> list[str]:
    return [str(c.args[1]) for c in session.calls("SetValue") if c.args[0] == element]


def learner(session: Scorm2004Session, course: SeedCourse, **more: Any) -> Learner:
    """The learner, typing right text answers in capitals (the 2004 runtime ignores case)."""
    return Learner(session, course, capitals=True, **more)


def leave(me: Learner) -> None:
    """Exit, and read that the session has ended."""
    me.exit()
    expect(me.frame.locator("#cb-status")).to_contain_text(me.t("session_ended"))


def expect_interactions(cmi: dict[str, Any], answers: list[Planned], course: SeedCourse) -> None:
    """One interaction per checked answer, in order, with 2004 types and formats."""
    recorded = cmi["interactions"]
    assessment = course.assessment_id
    assert sorted(recorded, key=int) == [str(n) for n in range(len(answers))]
    for n, answer in enumerate(answers):
        it = recorded[str(n)]
        kind = {"single": "choice", "multiple": "choice"}.get(answer.qtype, answer.qtype)
        assert (it["id"], it["type"]) == (interaction_id(assessment, answer.qid), kind)
        response, expected = course.questions[answer.qid].scorm2004(answer)
        assert it["learner_response"] == response, answer
        patterns = [it["correct_responses"][k]["pattern"] for k in sorted(it["correct_responses"])]
        assert tuple(patterns) == expected, answer
        assert it["result"] == ("correct" if answer.correct else "incorrect")
        assert TIMESTAMP.match(it["timestamp"]), it["timestamp"]
        assert DURATION.match(it["latency"]), it["latency"]
        assert it["weighting"] == "1"


def expect_clean(session: Scorm2004Session) -> None:
    """One Initialize first, one Terminate last, no error after any call, no violation."""
    methods = [c.method for c in session.calls() if c.method not in ("GetLastError",)]
    assert methods[0] == "Initialize" and methods.count("Initialize") == 1
    assert methods[-1] == "Terminate" and methods.count("Terminate") == 1
    assert session.problems() == []


def expect_never_downgraded(session: Scorm2004Session) -> None:
    for element, rank in (
        ("cmi.completion_status", COMPLETION_RANK),
        ("cmi.success_status", SUCCESS_RANK),
    ):
        values = [rank[v] for v in setvalues(session, element)]
        assert values == sorted(set(values)), (element, setvalues(session, element))


def test_visit_everything_and_pass(lms: Scorm2004LMS, course: SeedCourse) -> None:
    session = lms.launch(nav_valid=NAV_VALID)
    assert session.cmi()["scaled_passing_score"] == scaled(course.pass_mark)  # from the manifest
    me = learner(session, course)
    me.expect_on(course.page_ids[0], focused=False)
    me.visit_all()
    score = me.take_attempt(wrong=1)
    assert score >= course.pass_mark
    leave(me)

    final = session.final_cmi
    assert final is not None
    assert (final["completion_status"], final["success_status"]) == ("completed", "passed")
    assert final["score"] == {"scaled": scaled(score), "raw": str(score), "min": "0", "max": "100"}
    assert float(final["score"]["scaled"]) >= float(final["scaled_passing_score"])  # LMS agrees
    assert (final["progress_measure"], final["exit"], final["location"]) == ("1", "normal", "final")
    assert final["suspend_data"]
    assert (
        DURATION.match(final["session_time"]) and duration_centiseconds(final["session_time"]) > 0
    )
    assert len(me.answered) == course.asked
    expect_interactions(final, me.answered, course)
    # score before status, no navigation request when done (Moodle answers exitAll with an
    # error page: docs/lms-guide.md), nothing downgraded
    sets = [(c.args[0], c.args[1]) for c in session.calls("SetValue")]
    assert sets.index(("cmi.score.scaled", scaled(score))) < sets.index(
        ("cmi.success_status", "passed")
    )
    assert setvalues(session, "adl.nav.request") == []
    progress = [float(v) for v in setvalues(session, "cmi.progress_measure")]
    assert progress == sorted(progress) and progress[-1] == 1
    expect_never_downgraded(session)
    expect_clean(session)


# One seed here, the other in SCORM 1.2 (the seeds share the rule and the quiz's shape).
@pytest.mark.parametrize("seed_slug", SEED_SLUGS[:1], indirect=True)
def test_fail_and_retry_until_attempts_run_out(lms: Scorm2004LMS, course: SeedCourse) -> None:
    session = lms.launch()
    me = learner(session, course)
    me.visit_all()
    wrong = course.asked // 2
    best = 0
    for attempt in range(1, course.attempts + 1):
        score = me.take_attempt(wrong=wrong + attempt % 2)
        best = max(best, score)
        assert score < course.pass_mark
        cmi = session.cmi()
        assert cmi["success_status"] == "failed"
        assert cmi["score"]["scaled"] == scaled(best)
        retry = me.quiz.get_by_role("button", name=me.t("retry"), exact=True)
        # a rule that needs a pass is not met by failing: incomplete, as SCORM 1.2's "failed"
        assert cmi["completion_status"] == "incomplete"
        if attempt < course.attempts:
            assert setvalues(session, "cmi.exit")[-1] == "suspend"
            me.retry()
        else:
            expect(retry).to_be_hidden()
            assert setvalues(session, "cmi.exit")[-1] == "normal"  # nothing left to do
    session.close()  # pagehide: Terminate, no navigation request

    final = session.final_cmi
    assert final is not None
    assert (final["completion_status"], final["success_status"], final["exit"]) == (
        "incomplete",
        "failed",
        "normal",
    )
    assert final["score"]["raw"] == str(best)
    assert float(final["score"]["scaled"]) < float(final["scaled_passing_score"])  # LMS agrees
    expect_interactions(final, me.answered, course)
    assert len(me.answered) == course.asked * course.attempts
    assert setvalues(session, "adl.nav.request") == []
    expect_never_downgraded(session)
    expect_clean(session)
    again = lms.relaunch()  # exit "normal" ended the attempt: a new one starts afresh
    assert again.cmi()["entry"] == "ab-initio"
    learner(again, course).expect_on(course.page_ids[0], focused=False)


# One seed here, the other in SCORM 1.2 (the seeds share the rule and the quiz's shape).
@pytest.mark.parametrize("seed_slug", SEED_SLUGS[1:], indirect=True)
def test_leave_halfway_and_resume(lms: Scorm2004LMS, course: SeedCourse) -> None:
    first = lms.launch(nav_valid=NAV_VALID)
    me = learner(first, course)
    me.next()
    me.switch_language(course.languages[-1])
    me.visit_all()
    for _ in range(2):
        me.answer_current(correct=True)
        me.onward()
    pending = me.give(correct=True)  # typed or ticked, not checked
    pending_q = me.current_question()[0].get_attribute("data-cb-q")
    commits = len(first.calls("Commit"))
    hide = """(state) => {
        Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    me.frame.evaluate(hide, "hidden")  # the learner switches tabs: everything is committed
    hidden = first.calls("Commit")[commits:]
    assert len(hidden) == 1 and hidden[0].cmi is not None and not first.finished
    assert hidden[0].cmi["exit"] == "suspend" and DURATION.match(hidden[0].cmi["session_time"])
    me.frame.evaluate(hide, "visible")
    leave(me)

    left = first.final_cmi
    assert left is not None
    assert (left["exit"], left["completion_status"], left["success_status"]) == (
        "suspend",
        "incomplete",
        "unknown",
    )
    assert left["location"] == course.assessment_id and left["suspend_data"]
    assert setvalues(first, "adl.nav.request") == ["suspendAll"]  # keeps the attempt
    expect_clean(first)

    second = lms.relaunch(nav_valid=NAV_VALID)
    assert second.cmi()["entry"] == "resume"
    again = learner(second, course, lang=course.languages[-1], answered=list(me.answered))
    again.expect_on(course.assessment_id, focused=False)
    expect(again.frame.locator("#cb-status")).to_contain_text(phrase(again.lang, "resumed"))
    li, _ = again.current_question()
    assert li.get_attribute("data-cb-q") == pending_q
    state = again.frame.evaluate(
        "() => CourseBuild.player.tracker.state.quiz.items.map(i => i.checked)"
    )
    assert state[:3] == [True, True, False]
    # the answer given before leaving is still there
    again.check(again.current_question()[0], pending)
    again.onward()
    score = again.take_attempt(start=3)
    leave(again)

    final = second.final_cmi
    assert final is not None
    assert (final["completion_status"], final["success_status"], final["exit"]) == (
        "completed",
        "passed",
        "normal",
    )
    assert final["score"]["scaled"] == scaled(score)
    expect_interactions(final, again.answered, course)  # both sessions' answers
    assert setvalues(second, "adl.nav.request") == []  # done: no exitAll
    assert duration_centiseconds(final["total_time"]) >= duration_centiseconds(left["session_time"])
    expect_clean(second)


def test_failed_commits_are_retried_and_nothing_is_lost(
    lms: Scorm2004LMS, course: SeedCourse
) -> None:
    session = lms.launch(fail_commits=2)
    me = learner(session, course)
    session.wait_for_call("Commit", 3, timeout_ms=5000)  # 2 failures, then a retry that works
    assert [c.error for c in session.calls("Commit")[:3]] == ["391", "391", "0"]
    me.visit_all()
    session.fail_commits(20)  # the LMS is down for a while: more than the retries
    for _ in range(3):
        me.answer_current(correct=True)
        me.onward()
    told = REFUSED["en"].format(error="391 \u2013 General Commit Failure")
    expect(me.frame.locator("#cb-status")).to_have_text(told)  # said at once
    failing = "() => window.__lms.calls.filter(c => c.method === 'Commit' && c.error === '391')"
    session.page.wait_for_function(failing + ".length >= 6", timeout=10000)  # retried meanwhile
    session.fail_commits(0)  # back: the next milestone commits everything
    score = me.take_attempt(start=3)
    committed = session.calls("Commit")[-1]
    assert committed.error == "0" and committed.cmi is not None
    assert committed.cmi["success_status"] == "passed"
    assert len(committed.cmi["interactions"]) == course.asked
    expect(me.frame.locator("#cb-status")).to_contain_text(SAVED["en"])
    leave(me)

    final = session.final_cmi
    assert final is not None
    assert (final["completion_status"], final["success_status"]) == ("completed", "passed")
    assert final["score"]["raw"] == str(score)
    expect_interactions(final, me.answered, course)
    commits = session.calls("Commit")
    failed = [c for c in commits if c.error != "0"]
    assert len(failed) >= 6 and all(c.error == "391" for c in failed)
    for c in failed:  # every failed commit was followed by another one
        assert any(later.index > c.index for later in commits)
    assert [p for p in session.problems() if "Commit" not in p] == []
    assert all("[error 391]" in p for p in session.problems())


@pytest.mark.parametrize("seed_slug", SEED_SLUGS[:1], indirect=True)
def test_refused_setvalue_is_said_until_the_lms_takes_it(
    lms: Scorm2004LMS, course: SeedCourse
) -> None:
    """Issue 13 #7: SetValue "false" (406) is not saved; the learner reads the LMS's error."""
    statuses = ["cmi.completion_status", "cmi.success_status", "cmi.suspend_data"]
    session = lms.launch(refuse_sets=statuses, refuse_code=406)
    me = learner(session, course)
    status = me.frame.locator("#cb-status")
    error = "406 \u2013 Data Model Element Type Mismatch"  # scorm-again's GetErrorString
    complete = {lang: " " + phrase(lang, "course_complete") for lang in ("en", "fr")}
    expect(status).to_have_text(REFUSED["en"].format(error=error))
    me.visit_all()
    me.take_attempt()
    expect(me.quiz.locator("[data-cb-result-record]")).to_have_text(RESULT_UNSAVED["en"])
    expect(status).to_have_text(REFUSED["en"].format(error=error) + complete["en"])
    held = session.cmi()
    assert (held["completion_status"], held["suspend_data"]) == ("unknown", "")
    me.switch_language("fr")
    expect(status).to_have_text(REFUSED["fr"].format(error=error) + complete["fr"])
    expect(me.quiz.locator("[data-cb-result-record]")).to_have_text(RESULT_UNSAVED["fr"])

    session.refuse_sets([])  # taken again: the next milestone saves what was refused
    me.switch_language("en")
    expect(status).to_have_text(SAVED["en"] + complete["en"])
    expect(me.quiz.locator("[data-cb-result-record]")).to_have_text(
        phrase("en", "record_complete_passed")
    )
    held = session.cmi()
    assert (held["completion_status"], held["success_status"]) == ("completed", "passed")
    assert held["suspend_data"]
    me.switch_language("fr")
    expect(status).to_have_text(SAVED["fr"] + complete["fr"])
    leave(me)


@pytest.mark.parametrize("seed_slug", SEED_SLUGS[:1], indirect=True)
def test_a_refused_navigation_request_is_not_a_refused_save(
    lms: Scorm2004LMS, course: SeedCourse
) -> None:
    """The LMS refuses adl.nav.request suspendAll on Exit mid-course, and Terminate stores
    everything: the learner reads that the session ended, not that the progress went unsaved."""
    session = lms.launch(nav_valid=NAV_VALID, refuse_sets=["adl.nav.request"])
    me = learner(session, course)
    me.visit_all()
    me.exit()
    status = me.frame.locator("#cb-status")
    expect(status).to_have_text(me.t("session_ended"))
    assert [c.error for c in session.calls("SetValue") if c.args[0] == "adl.nav.request"] == [
        "406"
    ]  # asked, and refused
    final = session.final_cmi
    assert final is not None
    assert (final["exit"], final["completion_status"]) == ("suspend", "incomplete")
    assert final["location"] and final["suspend_data"]  # the attempt is kept
    assert [p for p in session.problems() if "adl.nav.request" not in p] == []


def test_starts_in_the_learner_preferred_language(lms: Scorm2004LMS, course: SeedCourse) -> None:
    other = course.languages[-1]
    session = lms.launch(lms.first_launch_cmi(language=other))
    me = learner(session, course, lang=other)
    me.expect_on(course.page_ids[0], focused=False)
    expect(me.frame.locator("html")).to_have_attribute("lang", other)
    leave(me)  # unfinished, and the LMS has navigation requests: keep the attempt
    assert setvalues(session, "adl.nav.request") == ["suspendAll"]
    expect_clean(session)


# One seed here, the other in SCORM 1.2 (the seeds share the rule and the quiz's shape).
@pytest.mark.parametrize("seed_slug", SEED_SLUGS[:1], indirect=True)
def test_without_an_lms_the_course_plays_and_says_so(lms: Scorm2004LMS, course: SeedCourse) -> None:
    session = lms.launch(api=False)
    me = learner(session, course)
    me.visit_all()
    expect(me.frame.locator("#cb-status")).to_contain_text(me.t("tracking_off"))
    assert session.problems() == []
