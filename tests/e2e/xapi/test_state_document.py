"""The xapi package's resume state in an LRS whose State API fails, in Chromium.

The LMS of ``support/lrs_front.py`` keeps the State documents and forwards statements to Ralph;
its ``down`` makes it answer 503 to document writes or reads (the LMS itself failing, so a
keepalive request sent as the page goes meets the fault too). What the learner did must never
be lost for a document the LRS refused, nor overwritten by a session that could not read it
[xAPI 1.0.3 Part Three §2.3]; and the learner is told the truth.
"""

from __future__ import annotations

import json
import uuid

from playwright.sync_api import BrowserContext, Page, expect
from support.launches import xapi_launch_url
from support.learner import BriskLearner, press_next
from support.lrs_front import LRSFront
from support.seed import SEEDS, catalogue

SLUG = "navigating-social-media"
COURSE_ID = f"https://training.coursebuild.ca/courses/{SLUG}"


def launch(context: BrowserContext, front: LRSFront, registration: str) -> Page:
    """The course launched for the registration's learner (an LMS account)."""
    package = front.content_url(f"{SLUG}-xapi/")
    url = xapi_launch_url(
        package, front.endpoint, front.ralph.auth, registration, COURSE_ID, registration[:8]
    )
    page = context.new_page()
    page.goto(url)
    BriskLearner.at(page, SEEDS[SLUG]).wait_started()
    return page


def leave(page: Page, front: LRSFront) -> None:
    """The learner closes the course without Exit (pagehide's keepalive requests go)."""
    page.goto(front.content_url("returned.html"))
    page.wait_for_timeout(500)  # what pagehide sent has reached the LMS


def where(page: Page) -> int:
    return int(page.evaluate("CourseBuild.player.tracker.state.page"))


def lrs_copy(front: LRSFront, registration: str) -> dict[str, object]:
    actor = {"account": {"homePage": "https://lms.example.ca", "name": registration[:8]}}
    params = {"activityId": COURSE_ID, "registration": registration}
    params |= {"stateId": "coursebuild.resume", "agent": json.dumps(actor)}
    found = front.get_document("activities/state", params)
    assert isinstance(found, dict)
    return found


def test_pages_seen_while_the_lrs_refused_the_document_are_resumed_and_saved_later(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """The LRS takes the document once, then refuses it (503) until the learner leaves. The
    browser's copy is newer than the LRS's: the next launch resumes from it, not from the
    stale one, and writes it to the LRS."""
    registration = str(uuid.uuid4())
    page = launch(context, lms_front, registration)
    press_next(page)
    expect(page.locator("#cb-status")).to_have_text(str(catalogue("en")["tracking_on"]))
    try:
        lms_front.down["PUT"] = 503
        press_next(page)
        press_next(page)
        assert where(page) == 3
        leave(page, lms_front)
    finally:
        lms_front.down.clear()
    assert lrs_copy(lms_front, registration)["location"] == "video"  # page 1

    again = launch(context, lms_front, registration)
    assert where(again) == 3
    press_next(again)
    expect(again.locator("#cb-status")).to_contain_text(str(catalogue("en")["tracking_on"]))
    assert lrs_copy(lms_front, registration)["location"] == "when-in-doubt"  # page 4


def test_a_session_that_could_not_read_the_document_never_overwrites_it(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """Another browser, and the LRS answers the State read with 503: the course cannot resume,
    says that this session is not saved, and leaves the LRS's document as it was, so that
    the next launch resumes where the learner was."""
    registration = str(uuid.uuid4())
    page = launch(context, lms_front, registration)
    for _ in range(3):
        press_next(page)
    leave(page, lms_front)
    saved = lrs_copy(lms_front, registration)
    page.evaluate("localStorage.clear()")  # another browser: only the LRS knows
    try:
        lms_front.down["GET"] = 503
        other = launch(context, lms_front, registration)
        assert where(other) == 0
        lost = str(catalogue("en")["save_lost"]).format(error="503 \u2013 Service Unavailable")
        expect(other.locator("#cb-status")).to_have_text(lost)
        press_next(other)
        expect(other.locator("#cb-status")).to_have_text(lost)
        leave(other, lms_front)
        other.evaluate("localStorage.clear()")
    finally:
        lms_front.down.clear()
    assert lrs_copy(lms_front, registration) == saved

    again = launch(context, lms_front, registration)
    assert where(again) == 3
