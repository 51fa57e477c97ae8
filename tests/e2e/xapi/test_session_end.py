"""The end of an xapi or cmi5 session in Chromium, with the small LMS of ``support/lrs_front.py``
in front of a real Ralph: what the page sends as it goes, and cmi5's return after Exit.

A browser carries at most 64 KiB of keepalive request bodies at once [Fetch Standard,
"keepalive"]: pagehide sends everything owed in several keepalive requests within that budget,
the statements first, then the resume state (State document) if it still fits (it waits in
this browser's copy otherwise). After Exit, a cmi5 AU whose statements still wait tells the
learner, with a link to the LMS, instead of going to returnURL with them unsaid [cmi5 §10].
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect
from support.launches import Launch, xapi_launch_url
from support.learner import BriskLearner, press_next
from support.lrs import RalphLRS
from support.lrs_front import LRSFront
from support.seed import SEEDS, catalogue

SLUG = "navigating-social-media"
COURSE_ID = f"https://training.coursebuild.ca/courses/{SLUG}"
QUEUE_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('coursebuild.xapi.queue'))"


def launch_xapi(context: BrowserContext, front: LRSFront, registration: str) -> Page:
    """The xapi package launched by the LMS for the registration's learner."""
    package = front.content_url(f"{SLUG}-xapi/")
    url = xapi_launch_url(
        package, front.endpoint, front.ralph.auth, registration, COURSE_ID, registration[:8]
    )
    page = context.new_page()
    page.goto(url)
    BriskLearner.at(page, SEEDS[SLUG]).wait_started()
    return page


def queued(page: Page) -> list[dict[str, Any]]:
    """The statements waiting in the page origin's localStorage queue."""
    found: list[dict[str, Any]] = page.evaluate(
        f"{QUEUE_KEYS}.flatMap(k => JSON.parse(localStorage.getItem(k)).statements)"
    )
    return found


def arrived(lrs: RalphLRS, registration: str, expected: int) -> list[dict[str, Any]]:
    """The registration's statements in Ralph, once there are ``expected`` (10 s at most)."""
    deadline = time.monotonic() + 10
    found = lrs.statements(registration=registration)
    while len(found) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
        found = lrs.statements(registration=registration)
    return found


def state_document(front: LRSFront, registration: str) -> dict[str, Any]:
    actor = {"account": {"homePage": "https://lms.example.ca", "name": registration[:8]}}
    params = {"activityId": COURSE_ID, "registration": registration}
    params |= {"stateId": "coursebuild.resume", "agent": json.dumps(actor)}
    found = front.get_document("activities/state", params)
    assert isinstance(found, dict)
    return found


def owe_statements(page: Page, front: LRSFront, moves: int) -> None:
    """The network refuses the page's statement requests while the learner goes back and forth
    ``moves`` times (an experienced statement each): they wait in the browser. The keepalive
    requests sent once the page is gone are not routed: they reach the LMS."""
    page.context.route(
        f"{front.endpoint}statements*", lambda route: route.abort("connectionrefused")
    )
    for n in range(moves):
        page.evaluate(f"CourseBuild.player.go({n % 2})")


def test_pagehide_sends_everything_owed_in_several_keepalive_requests(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS
) -> None:
    """More statements wait as the page goes than the two requests pagehide used to send (its
    finish, then the adapter's pagehide: 25 statements each), but less than the budget. All
    arrive, once, with their ids."""
    registration = str(uuid.uuid4())
    page = launch_xapi(context, lms_front, registration)
    owe_statements(page, lms_front, 60)
    waiting = [s["id"] for s in queued(page)]
    assert len(waiting) > 50 and len(json.dumps(queued(page)).encode()) < 60000
    page.goto(lms_front.content_url("returned.html"))  # pagehide
    sent = arrived(runtime_lrs, registration, len(waiting) + 1)
    ids = [s["id"] for s in sent]
    assert len(ids) == len(set(ids))
    assert set(waiting) <= set(ids)
    assert "http://adlnet.gov/expapi/verbs/terminated" in [s["verb"]["id"] for s in sent]


def test_a_large_resume_state_as_the_page_goes_leaves_room_for_the_statements(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS
) -> None:
    """A resume state of 64,000 characters (the most the codec may write; no seed course comes
    near it, so the test gives it to the adapter) and statements owed as the page goes: both
    do not fit in 64 KiB. The statements arrive (in cmi5 they would be lost with the session);
    the state waits in this browser's copy, newer than the LRS's, for the next launch."""
    registration = str(uuid.uuid4())
    page = launch_xapi(context, lms_front, registration)
    press_next(page)
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    owe_statements(page, lms_front, 6)
    page.wait_for_timeout(500)  # the last page's State document has been written
    page.evaluate("CourseBuild.player.tracker.adapter.setBookmark(null, 'x'.repeat(64000))")
    waiting = [s["id"] for s in queued(page)]
    page.goto(lms_front.content_url("returned.html"))  # pagehide
    sent = arrived(runtime_lrs, registration, 2 + len(waiting) + 1)
    ids = [s["id"] for s in sent]
    assert set(waiting) <= set(ids) and len(ids) == len(set(ids))
    assert sent and max(sent, key=lambda s: s["timestamp"])["verb"]["id"].endswith("terminated")
    lrs_copy = state_document(lms_front, registration)
    assert len(lrs_copy["suspendData"]) < 64000  # not sent: no room left for it
    key = f"coursebuild.xapi.state:{registration}"
    local = json.loads(page.evaluate(f"localStorage.getItem('{key}')"))
    assert len(local["suspendData"]) == 64000 and local["n"] > lrs_copy["n"]


def test_cmi5_exit_while_the_lms_is_down_tells_the_learner_with_a_link_to_return(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    """Exit while the LMS answers 503: after the wait the AU stays, says the session ended
    unsaved (in the learner's language, French) and offers a link to returnURL; once the LMS
    is back, the link goes there, and the statements arrive as the page goes."""
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = context.new_page()
    page.goto(launch.url)
    BriskLearner.at(page, SEEDS[SLUG]).wait_started()
    fr = catalogue("fr")
    try:
        lms_front.down["statements"] = 503
        press_next(page)
        page.locator("[data-cb-exit]").click()
        link = page.locator("[data-cb-return]")
        expect(link).to_be_visible(timeout=10000)
        assert page.url == launch.url  # not moved on
        expect(page.locator("#cb-status")).to_have_text(str(fr["session_ended_unsaved"]))
        expect(link).to_have_text(str(fr["return_to_lms"]))
        expect(link).to_be_focused()
        assert link.get_attribute("href") == launch.return_url
    finally:
        lms_front.down.clear()
    link.click()
    page.wait_for_url(launch.return_url)
    terminated = "http://adlnet.gov/expapi/verbs/terminated"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the statements go as the page goes, to the LMS now up
        verbs = [s["verb"]["id"] for s in runtime_lrs.statements(registration=launch.registration)]
        if terminated in verbs:
            break
        time.sleep(0.2)
    assert terminated in verbs
