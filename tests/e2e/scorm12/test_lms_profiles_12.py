"""The SCORM 1.2 harness plays LMS profiles (``launch(profile=...)``): a seed course meets
Moodle's and forma's documented behaviours. The assertions are on the LMS side."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Route
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.seed import SEEDS
from test_long_course import hold, wait_until

SLUG = "navigating-social-media"


@pytest.fixture
def lms(scorm12_lms: Callable[[Path], Scorm12LMS], seed_dist: Path) -> Scorm12LMS:
    return scorm12_lms(seed_dist / f"{SLUG}-scorm12.zip")


def started(lms: Scorm12LMS, profile: str) -> LMSSession:
    session = lms.launch(profile=profile)
    session.wait_for_call("LMSInitialize")
    Learner.started(session, SEEDS[SLUG])
    return session


def api(session: LMSSession, method: str, *args: str) -> str:
    result: str = session.course.evaluate(
        "([m, a]) => window.parent.API[m](...a)", [method, list(args)]
    )
    return result


@pytest.mark.parametrize(("profile", "status"), [("moodle", "failed"), ("strict", "completed")])
def test_moodle_overrides_lesson_status_from_the_mastery_score_at_lmsfinish(
    lms: Scorm12LMS, profile: str, status: str
) -> None:
    session = started(lms, profile)
    assert session.cmi()["student_data"]["mastery_score"] == "80"
    assert api(session, "LMSSetValue", "cmi.core.lesson_status", "completed") == "true"
    assert api(session, "LMSSetValue", "cmi.core.score.raw", "50") == "true"
    assert api(session, "LMSCommit", "") == "true"
    commit = session.calls("LMSCommit")[-1]  # ours: a commit is left alone
    assert commit.cmi is not None and commit.cmi["core"]["lesson_status"] == "completed"
    assert api(session, "LMSFinish", "") == "true"
    final = session.final_cmi
    assert final is not None and final["core"]["lesson_status"] == status


def test_moodle_stores_a_blank_score_as_zero(lms: Scorm12LMS) -> None:
    session = started(lms, "moodle")
    assert api(session, "LMSSetValue", "cmi.core.score.raw", "") == "true"
    assert api(session, "LMSGetValue", "cmi.core.score.raw") == "0"


# In the course frame: count the frame's turns of its event loop (``parent.__turns``) and note
# the count when the course unloads (``parent.__turnsAtHide``).
COUNT_TURNS = """
() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => { parent.__turns += 1; channel.port2.postMessage(0); };
  parent.__turns = 0;
  channel.port2.postMessage(0);
  addEventListener("pagehide", () => { parent.__turnsAtHide = parent.__turns; });
}
"""


def test_closing_the_player_gives_the_course_no_turn_between_formas_finish_and_its_unload(
    lms: Scorm12LMS,
) -> None:
    # A window closing runs forma's beforeunload (its finish) and then the SCO's unload, with no
    # task of the SCO's in between. A harness that left one let a late page change commit after
    # forma's finish, undoing it, once in a while.
    session = started(lms, "forma")
    session.course.evaluate(COUNT_TURNS)
    session.page.wait_for_function("() => window.__turns > 0")  # the course frame is turning
    session.page.evaluate("() => { window.__turns = 0; return window.__lms.closePlayer(); }")
    assert session.page.evaluate("() => window.__turnsAtHide") == 0
    assert session.next_launch_record()["why"] == ["forma-close"]


def test_forma_closing_the_player_while_the_next_page_loads_records_nothing_after_its_finish(
    lms: Scorm12LMS,
) -> None:
    held: list[Route] = []
    first = lms.launch(profile="forma", prepare=hold("**/assets/runtime-*.js", held))
    first.wait_for_call("LMSInitialize")
    me = Learner.started(first, SEEDS[SLUG])
    on = me.current_page()
    first.course.locator("[data-cb-next]").click()
    wait_until(first.course, lambda: bool(held), "the next page's part to be asked for")
    first.close_player()
    record = first.next_launch_record()
    assert record["why"] == ["forma-close"] and record["storedAfterFinish"] is False
    assert record["stored"]["cmi.core.lesson_location"] == on  # the page the learner had seen
    for route in held:
        route.abort()


def test_forma_closing_the_player_finishes_first_and_the_course_resumes(
    lms: Scorm12LMS,
) -> None:
    first = started(lms, "forma")
    first.course.locator("[data-cb-next]").click()
    first.close_player()
    record = first.next_launch_record()
    assert record["why"] == ["forma-close"] and record["finished"] is True
    assert record["storedAfterFinish"] is False  # nothing new: no commit to undo forma's finish
    (finish,) = first.calls("LMSFinish")
    assert (finish.result, finish.threw) == ("true", None)
    place = record["stored"]["cmi.core.lesson_location"]
    second = lms.relaunch()
    handed = (second.launch_cmi or {})["core"]
    assert handed["entry"] == "resume"
    assert handed["total_time"] != "0000:00:00.00"  # the time forma's own finish added
    assert handed["lesson_location"] == place != ""
    assert (second.launch_cmi or {})["suspend_data"] == record["stored"]["cmi.suspend_data"]
    # after the SCO's own LMSFinish, forma answers 122 / 132 / 142
    assert api(second, "LMSFinish", "") == "true"
    assert api(second, "LMSGetValue", "cmi.core.lesson_location") == ""
    assert api(second, "LMSGetLastError") == "122"
    assert api(second, "LMSCommit", "") == "false"
    assert api(second, "LMSGetLastError") == "142"
