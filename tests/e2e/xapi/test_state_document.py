"""The xapi package's resume state in an LRS whose State API fails, in Chromium.

The LMS of ``support/lrs_front.py`` keeps the State documents and forwards statements to Ralph;
its ``down`` makes it answer 503 to document writes or reads (the LMS itself failing, so a
keepalive request sent as the page goes meets the fault too). What the learner did must never
be lost for a document the LRS refused, nor overwritten by a session that could not read it
[xAPI 1.0.3 Part Three §2.3]; and the learner is told the truth.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, Request, expect
from support.launches import launch_seed_xapi, seed_state_document
from support.learner import press_next
from support.lrs_front import LRSFront
from support.seed import catalogue

REREAD_MS = 30_000  # xapi-state.js: at most one State read again per this long
UNAVAILABLE = "503 \u2013 Service Unavailable"  # the LMS's answer, as the learner reads it


def said(key: str) -> str:
    """The status line's text ``key`` in English, naming the LMS's 503 where it names one."""
    return str(catalogue("en")[key]).format(error=UNAVAILABLE)


def status(page: Page) -> Locator:
    return page.locator("#cb-status")


def leave(page: Page, front: LRSFront) -> None:
    """The learner closes the course without Exit (pagehide's keepalive requests go)."""
    page.goto(front.content_url("returned.html"))
    page.wait_for_timeout(500)  # what pagehide sent has reached the LMS


_ON_ITS_WAY: dict[int, set[Request]] = {}


def install_clock(context: BrowserContext) -> None:
    """The pages' fake clock, and a watch on the requests on their way (before any is sent)."""
    going: set[Request] = set()
    context.on("request", lambda request: going.add(request))
    context.on("requestfinished", lambda request: going.discard(request))
    context.on("requestfailed", lambda request: going.discard(request))
    _ON_ITS_WAY[id(context)] = going
    context.clock.install()


def a_while_later(page: Page) -> None:
    """Time enough for the next State read again (the runtime spaces them by 30 s), once every
    request is answered: a jump of the clock over one on its way (a loaded machine's slow
    answer) would fire its timeout, and the course would rightly say the LMS did not answer."""
    going = _ON_ITS_WAY[id(page.context)]
    for _ in range(250):
        page.wait_for_timeout(20)  # the browser's latest events reach this side first
        if not going:
            break
    assert not going, [r.url for r in going]
    page.clock.fast_forward(REREAD_MS)


def where(page: Page) -> int:
    return int(page.evaluate("CourseBuild.player.tracker.state.page"))


def three_pages_then_another_browser(
    context: BrowserContext, front: LRSFront
) -> tuple[str, dict[str, Any]]:
    """A learner who went three pages on and left: their registration and the document the LRS
    holds; then the browser's copy is gone, as in another browser."""
    registration = str(uuid.uuid4())
    page = launch_seed_xapi(context, front, registration)
    for _ in range(3):
        press_next(page)
    leave(page, front)
    saved = seed_state_document(front, registration)
    page.evaluate("localStorage.clear()")  # another browser: only the LRS knows
    return registration, saved


def expect_lrs_copy_kept_and_resumed(
    context: BrowserContext, front: LRSFront, registration: str, saved: dict[str, Any]
) -> None:
    """The LRS still holds ``saved`` (three pages on), and the next launch resumes there."""
    assert seed_state_document(front, registration) == saved
    again = launch_seed_xapi(context, front, registration)
    assert where(again) == 3


def saved_location(front: LRSFront, registration: str, expected: str) -> str:
    """The location in the LRS's document, once it is ``expected`` (5 s at most)."""
    deadline = time.monotonic() + 5
    found = seed_state_document(front, registration)["location"]
    while found != expected and time.monotonic() < deadline:
        time.sleep(0.1)
        found = seed_state_document(front, registration)["location"]
    return str(found)


def test_pages_seen_while_the_lrs_refused_the_document_are_resumed_and_saved_later(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """The LRS takes the document once, then refuses it (503) until the learner leaves. The
    browser's copy is newer than the LRS's: the next launch resumes from it, not from the
    stale one, and writes it to the LRS."""
    registration = str(uuid.uuid4())
    page = launch_seed_xapi(context, lms_front, registration)
    press_next(page)
    expect(status(page)).to_have_text(said("tracking_on"))
    # "saved" may still be the answer to the launch's PUT: the LRS takes page 1's first
    assert saved_location(lms_front, registration, "video") == "video"
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
    expect(status(again)).to_contain_text(said("tracking_on"))
    # "saved" may be the answer to the copy's PUT at launch: this page's PUT follows it
    assert saved_location(lms_front, registration, "when-in-doubt") == "when-in-doubt"  # page 4


def test_a_session_that_could_not_read_the_document_never_overwrites_it(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """Another browser, and the LRS answers the State read with 503: the course cannot resume
    and says that this session is not saved yet. It reads again at the next milestone; once
    the LRS answers, its document (more saves than this session's) is the learner's real
    progress, which this session cannot take up: it is left as it was, so that the next launch
    resumes where the learner was, and the learner is told, for good."""
    registration, saved = three_pages_then_another_browser(context, lms_front)
    try:
        lms_front.down["GET"] = 503
        install_clock(context)
        other = launch_seed_xapi(context, lms_front, registration)
        assert where(other) == 0
        expect(status(other)).to_have_text(said("save_refused"))
        a_while_later(other)
        press_next(other)
        expect(status(other)).to_have_text(said("save_refused"))
        lms_front.down.clear()
        a_while_later(other)
        press_next(other)
        expect(status(other)).to_have_text(said("save_lost"))
        leave(other, lms_front)
        other.evaluate("localStorage.clear()")
    finally:
        lms_front.down.clear()
    expect_lrs_copy_kept_and_resumed(context, lms_front, registration, saved)


def test_a_state_read_that_failed_is_tried_again_and_the_session_saved_once_it_works(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """The LRS fails the State read at launch (503), and again at the first milestone: the
    session was never saved to the LRS at all. It reads again at each milestone (a few): once
    the read works (no document yet), the session's resume state is written from then on, and
    the learner is told it is saved."""
    registration = str(uuid.uuid4())
    try:
        lms_front.down["GET"] = 503
        install_clock(context)
        page = launch_seed_xapi(context, lms_front, registration)
        expect(status(page)).to_have_text(said("save_refused"))
        a_while_later(page)
        press_next(page)
        expect(status(page)).to_have_text(said("save_refused"))
    finally:
        lms_front.down.clear()
    a_while_later(page)
    press_next(page)
    expect(status(page)).to_contain_text(said("tracking_on"))
    assert where(page) == 2
    assert saved_location(lms_front, registration, "dos") == "dos"
    press_next(page)
    assert saved_location(lms_front, registration, "donts") == "donts"  # page 3: saved from then on


def test_a_session_started_fresh_after_a_failed_read_never_outranks_the_lrs_copy_later(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """Another browser, and the LRS fails the State read (503) for the whole session: the
    course starts afresh and keeps its place in this browser, saving more often than the
    learner's progress the LRS holds was saved. It did not continue from that progress, so the
    next launch in this browser resumes from the LRS's copy, not from this session's."""
    registration, saved = three_pages_then_another_browser(context, lms_front)
    try:
        lms_front.down["GET"] = 503
        other = launch_seed_xapi(context, lms_front, registration)
        for _ in range(5):
            press_next(other)
        assert where(other) == 5
        kept = other.evaluate(
            "JSON.parse(localStorage.getItem(Object.keys(localStorage)"
            ".find((k) => k.startsWith('coursebuild.xapi.state:'))))"
        )
        assert kept["n"] > saved["n"]  # more saves than the LRS's copy
        leave(other, lms_front)
    finally:
        lms_front.down.clear()
    expect_lrs_copy_kept_and_resumed(context, lms_front, registration, saved)
