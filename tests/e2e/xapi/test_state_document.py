"""The xapi package's resume state in an LRS whose State API fails, in Chromium.

The LMS of ``support/lrs_front.py`` keeps the State documents and forwards statements to Ralph;
its ``down`` makes it answer 503 to document writes or reads (the LMS itself failing, so a
keepalive request sent as the page goes meets the fault too). What the learner did must never
be lost for a document the LRS refused, nor overwritten by a session that could not read it
[xAPI 1.0.3 Part Three §2.3]; and the learner is told the truth.
"""

from __future__ import annotations

import uuid

from playwright.sync_api import BrowserContext, Page, expect
from support.launches import launch_seed_xapi, seed_state_document
from support.learner import press_next
from support.lrs_front import LRSFront
from support.seed import catalogue


def leave(page: Page, front: LRSFront) -> None:
    """The learner closes the course without Exit (pagehide's keepalive requests go)."""
    page.goto(front.content_url("returned.html"))
    page.wait_for_timeout(500)  # what pagehide sent has reached the LMS


def where(page: Page) -> int:
    return int(page.evaluate("CourseBuild.player.tracker.state.page"))


def test_pages_seen_while_the_lrs_refused_the_document_are_resumed_and_saved_later(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """The LRS takes the document once, then refuses it (503) until the learner leaves. The
    browser's copy is newer than the LRS's: the next launch resumes from it, not from the
    stale one, and writes it to the LRS."""
    registration = str(uuid.uuid4())
    page = launch_seed_xapi(context, lms_front, registration)
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
    assert seed_state_document(lms_front, registration)["location"] == "video"  # page 1

    again = launch_seed_xapi(context, lms_front, registration)
    assert where(again) == 3
    press_next(again)
    expect(again.locator("#cb-status")).to_contain_text(str(catalogue("en")["tracking_on"]))
    assert seed_state_document(lms_front, registration)["location"] == "when-in-doubt"  # page 4


def test_a_session_that_could_not_read_the_document_never_overwrites_it(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """Another browser, and the LRS answers the State read with 503: the course cannot resume,
    says that this session is not saved, and leaves the LRS's document as it was, so that
    the next launch resumes where the learner was."""
    registration = str(uuid.uuid4())
    page = launch_seed_xapi(context, lms_front, registration)
    for _ in range(3):
        press_next(page)
    leave(page, lms_front)
    saved = seed_state_document(lms_front, registration)
    page.evaluate("localStorage.clear()")  # another browser: only the LRS knows
    try:
        lms_front.down["GET"] = 503
        other = launch_seed_xapi(context, lms_front, registration)
        assert where(other) == 0
        lost = str(catalogue("en")["save_lost"]).format(error="503 \u2013 Service Unavailable")
        expect(other.locator("#cb-status")).to_have_text(lost)
        press_next(other)
        expect(other.locator("#cb-status")).to_have_text(lost)
        leave(other, lms_front)
        other.evaluate("localStorage.clear()")
    finally:
        lms_front.down.clear()
    assert seed_state_document(lms_front, registration) == saved

    again = launch_seed_xapi(context, lms_front, registration)
    assert where(again) == 3
