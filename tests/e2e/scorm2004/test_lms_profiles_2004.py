"""The 2004 harness plays LMS profiles (``launch(profile=...)``): a seed course meets Moodle's
and forma's documented behaviours. These tests assert what the LMS side does, not whether the
course survives it (the runtime's business)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms2004 import Scorm2004LMS, Scorm2004Session
from support.seed import SEEDS, SeedCourse

LMSMaker = Callable[[Path], Scorm2004LMS]
SLUG = "navigating-social-media"

TERMINATE_CAUGHT = """() => {
    try { return window.parent.API_1484_11.Terminate(""); }
    catch (e) { return e.name + ": " + e.message; }
}"""


@pytest.fixture
def course() -> SeedCourse:
    return SEEDS[SLUG]


@pytest.fixture
def lms(scorm2004_lms: LMSMaker, seed_dist: Path) -> Scorm2004LMS:
    return scorm2004_lms(seed_dist / f"{SLUG}-scorm2004.zip")


def started(lms: Scorm2004LMS, profile: str) -> Scorm2004Session:
    session = lms.launch(profile=profile)
    session.wait_for_call("Initialize")
    session.course.wait_for_function("document.documentElement.classList.contains('cb-js')")
    return session


def api(session: Scorm2004Session, method: str, *args: str) -> str:
    result: str = session.course.evaluate(
        "([m, a]) => window.parent.API_1484_11[m](...a)", [method, list(args)]
    )
    return result


def test_forma_refuses_a_course_interaction_id_with_a_hyphen(
    lms: Scorm2004LMS, course: SeedCourse
) -> None:
    session = started(lms, "forma")
    assert api(session, "SetValue", "cmi.interactions.0.id", "final-q1") == "false"
    assert api(session, "GetLastError") == "406"
    assert api(session, "SetValue", "cmi.objectives.0.id", "o_1") == "false"
    assert api(session, "SetValue", "cmi.interactions.0.id", "finalq1") == "true"
    # the course's own answer: its interaction id ("<assessment>-<question>") is refused
    learner = Learner(session, course)
    learner.visit_all()
    learner.answer_current(correct=True)
    ids = [c for c in session.calls("SetValue") if str(c.args[0]).endswith(".id")]
    refused = [c for c in ids if "-" in str(c.args[1])]
    assert refused and all((c.result, c.error) == ("false", "406") for c in refused)
    assert any(str(c.args[1]).startswith(f"{course.assessment_id}-") for c in refused)
    # strict takes the same id
    strict = started(lms, "strict")
    assert api(strict, "SetValue", "cmi.interactions.0.id", "final-q1") == "true"


def test_moodle_exitall_stores_the_data_then_terminate_throws(lms: Scorm2004LMS) -> None:
    session = started(lms, "moodle")
    assert api(session, "SetValue", "cmi.location", "kept-by-moodle") == "true"
    assert api(session, "SetValue", "adl.nav.request", "exitAll") == "true"
    assert session.course.evaluate(TERMINATE_CAUGHT) == "SyntaxError: Unexpected token '<'"
    (thrown,) = [c for c in session.calls("Terminate") if c.threw]
    assert thrown.threw == "SyntaxError: Unexpected token '<'" and thrown.error == "0"
    assert f"API error: {thrown}" in session.problems()
    assert not session.finished  # the SCO never saw Terminate succeed
    record = session.next_launch_record()
    assert record["finished"] is True and record["why"] == ["moodle-2004-navrequest"]
    assert record["stored"]["cmi.location"] == "kept-by-moodle"
    assert session.cmi()["location"] == "kept-by-moodle"
    assert api(session, "GetValue", "cmi.location") == "kept-by-moodle"  # still initialized


def test_moodle_answers_the_courses_own_suspendall_exit_cleanly(
    lms: Scorm2004LMS, course: SeedCourse
) -> None:
    session = started(lms, "moodle")
    learner = Learner(session, course)
    learner.next()
    learner.exit()  # not done: the course asks for suspendAll
    expect(learner.frame.locator("#cb-status")).to_contain_text(learner.t("session_ended"))
    assert [c.args[1] for c in session.calls("SetValue") if c.args[0] == "adl.nav.request"] == [
        "suspendAll"
    ]
    (terminate,) = session.calls("Terminate")
    assert (terminate.result, terminate.threw) == ("true", None)
    assert session.finished


@pytest.mark.parametrize("profile", ["forma", "strict"])
def test_closing_the_player_under_forma_force_finishes_and_the_course_resumes(
    lms: Scorm2004LMS, course: SeedCourse, profile: str
) -> None:
    first = started(lms, profile)
    learner = Learner(first, course)
    place = learner.next()
    first.close_player()
    record = first.next_launch_record()
    terminates = first.calls("Terminate")
    assert [(c.result, c.error) for c in terminates] == [("true", "0")]
    if profile == "forma":
        # forma finished with what it held; the course, with nothing new since its last commit,
        # sent no commit after it, which would have handed back "ab-initio" and the old time
        assert record["why"] == ["forma-close"] and record["storedAfterFinish"] is False
        assert record["exitAtFinish"] == "suspend"
    else:
        assert record["why"] == [] and record["storedAfterFinish"] is False
    entry = "resume"
    second = lms.relaunch()
    assert second.profile == profile
    handed = second.launch_cmi or {}  # what the LMS handed, before the course acts on it
    assert handed["entry"] == entry
    assert handed["location"] == place
    assert handed["suspend_data"] == record["stored"]["cmi.suspend_data"]
    assert second.cmi()["entry"] == entry
