"""Two sessions of one registration at once, in Chromium: the xapi package open in two tabs.

The LMS of ``support/lrs_front.py`` keeps the State document. Each tab's session saves its own
version of the resume state [xAPI 1.0.3 Part Three §2.3]; the lineage in the document (``id``,
``from``) decides at the next launch, but only between the copies still there: a tab that
writes last, though the learner went on in the other, would leave only its own.
"""

from __future__ import annotations

import time
import uuid

from playwright.sync_api import BrowserContext, Page, expect
from support.launches import launch_seed_xapi, seed_state_document
from support.learner import press_next
from support.lrs_front import LRSFront
from support.seed import catalogue


def where(page: Page) -> int:
    return int(page.evaluate("CourseBuild.player.tracker.state.page"))


def saved_at(front: LRSFront, registration: str, page: Page) -> None:
    """Wait until the LRS's document holds the page's place (5 s at most)."""
    location = page.evaluate(
        "JSON.parse(document.getElementById('coursebuild-config').textContent)"
        ".pages[CourseBuild.player.tracker.state.page].id"
    )
    deadline = time.monotonic() + 5
    while seed_state_document(front, registration)["location"] != location:
        assert time.monotonic() < deadline, "the place was never saved"
        time.sleep(0.1)


def leave(page: Page, front: LRSFront) -> None:
    """The learner closes the tab without Exit (pagehide's keepalive requests go)."""
    page.goto(front.content_url("returned.html"))
    page.wait_for_timeout(500)  # what pagehide sent has reached the LMS


def test_a_tab_left_behind_never_writes_over_the_place_the_learner_reached_in_another(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """The learner opens the course (tab A), moves on 2 pages, opens it again in a second tab
    (B: it resumes there), goes on 3 more pages in B and closes it. Tab A, left behind, then
    takes a step and is closed: it used to write its own place (page 3) over the one the
    learner reached (page 5), in the LRS and in this browser's copy, and the third launch
    resumed at page 3. Now tab A, seeing in this browser's copy a version it did not continue
    from, writes over it no more and tells the learner; the third launch resumes at page 5."""
    registration = str(uuid.uuid4())
    first = launch_seed_xapi(context, lms_front, registration)
    press_next(first)
    press_next(first)
    saved_at(lms_front, registration, first)

    second = launch_seed_xapi(context, lms_front, registration)
    assert where(second) == 2  # resumed from tab A's place
    for _ in range(3):
        press_next(second)
    assert where(second) == 5
    saved_at(lms_front, registration, second)
    leave(second, lms_front)

    press_next(first)  # the tab left behind: page 3
    expect(first.locator("#cb-status")).to_have_text(str(catalogue("en")["save_elsewhere"]))
    leave(first, lms_front)
    assert seed_state_document(lms_front, registration)["location"] != "donts"  # not page 3

    third = launch_seed_xapi(context, lms_front, registration)
    assert where(third) == 5


def test_a_tab_only_opened_never_makes_the_learner_leave_the_one_they_work_in(
    context: BrowserContext, lms_front: LRSFront
) -> None:
    """The learner works in tab A (page 2), opens the course in tab B, which resumes there and
    saves that place at once, and goes back to A. A's next step used to make A yield (it saw
    in this browser's copy a version it did not continue from) and tell the learner to close
    the window they work in, though B went nowhere. Now A saves on (pages 3, 4); B, where the
    learner then takes a step, is the one that yields; the next launch resumes at page 4."""
    registration = str(uuid.uuid4())
    first = launch_seed_xapi(context, lms_front, registration)
    press_next(first)
    press_next(first)
    saved_at(lms_front, registration, first)
    launched = seed_state_document(lms_front, registration)["id"]

    second = launch_seed_xapi(context, lms_front, registration)
    assert where(second) == 2
    deadline = time.monotonic() + 5
    while seed_state_document(lms_front, registration)["id"] == launched:  # B's launch version
        assert time.monotonic() < deadline, "the second tab never saved at launch"
        time.sleep(0.1)

    elsewhere = str(catalogue("en")["save_elsewhere"])
    press_next(first)
    press_next(first)
    assert where(first) == 4
    saved_at(lms_front, registration, first)
    expect(first.locator("#cb-status")).not_to_have_text(elsewhere)

    press_next(second)  # the tab only opened: page 3
    expect(second.locator("#cb-status")).to_have_text(elsewhere)
    leave(second, lms_front)
    leave(first, lms_front)
    third = launch_seed_xapi(context, lms_front, registration)
    assert where(third) == 4
