"""The end of an xapi or cmi5 session in Chromium, with the small LMS of ``support/lrs_front.py``
in front of a real Ralph: what the page sends as it goes, and cmi5's return after Exit.

A browser carries at most 64 KiB of keepalive request bodies at once [Fetch Standard,
"keepalive"]: pagehide sends what is owed in one keepalive request within that budget (requests
sent at once may arrive in any order, and a cmi5 LMS refuses a session's statements that arrive
after its terminated [cmi5 §9.3.8]), then the resume state (State document) if it still fits (it
waits in this browser's copy otherwise). After Exit, a cmi5 AU whose statements still wait tells the
learner, with a link to the LMS, instead of going to returnURL with them unsaid [cmi5 §10].
"""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect
from support.launches import (
    QUEUE_KEYS,
    Launch,
    launch_seed_xapi,
    opened,
    queued,
    seed_state_document,
)
from support.learner import press_next
from support.lrs import RalphLRS
from support.lrs_front import LRSFront
from support.seed import catalogue

TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"
FREED_MS = 250  # xapi-queue.js: an ended keepalive request still counts this long


def arrived(lrs: RalphLRS, registration: str, expected: int) -> list[dict[str, Any]]:
    """The registration's statements in Ralph, once there are ``expected`` (10 s at most)."""
    deadline = time.monotonic() + 10
    found = lrs.statements(registration=registration)
    while len(found) < expected and time.monotonic() < deadline:
        time.sleep(0.2)
        found = lrs.statements(registration=registration)
    return found


def owe_statements(page: Page, front: LRSFront, moves: int) -> None:
    """The LMS answers 503 to the page's statement requests while the learner goes back and
    forth ``moves`` times (an experienced statement each): they wait in the browser (until
    ``leave``)."""
    front.down["statements"] = 503
    for n in range(moves):
        page.evaluate(f"CourseBuild.player.go({n % 2})")


def leave(page: Page, front: LRSFront, url: str) -> int:
    """The LMS up again a moment after its last 503, then the page goes to ``url`` (pagehide).
    The runtime counts a request's body in the keepalive budget for a moment after it ended,
    as Chromium frees its share a little later, and the queue's retries are 0.8 s apart or
    more: so none is due or just ended as the page goes. The number of POSTs of statements
    the LMS had before."""
    seen, since = -1, time.monotonic()
    while time.monotonic() - since < FREED_MS / 1000 + 0.15:
        page.wait_for_timeout(50)
        now = len(front.requests("POST", "/xapi/statements"))
        if now != seen:
            seen, since = now, time.monotonic()
    front.down.pop("statements", None)
    page.goto(url)
    return seen


def posts_of_statements(front: LRSFront) -> list[str]:
    """The statuses the LMS answered to each POST of statements so far."""
    return [status for *_, status in front.requests("POST", "/xapi/statements")]


def posts_since(front: LRSFront, before: int) -> list[str]:
    """The statuses of the POSTs of statements after the first `before`, once one is answered:
    the LMS records a POST as it answers it, after Ralph has stored what it carried."""
    for _ in range(100):
        if posts_of_statements(front)[before:]:
            time.sleep(0.2)  # another POST, if one came, is answered by now
            return posts_of_statements(front)[before:]
        time.sleep(0.05)
    return []


def test_pagehide_sends_everything_owed_in_one_keepalive_request(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS
) -> None:
    """More statements wait as the page goes than a request carries while the page lives (25
    statements, 30 kB), but less than the budget: one request carries them all, terminated
    last. All arrive, once, with their ids, in the order they were made."""
    registration = str(uuid.uuid4())
    page = launch_seed_xapi(context, lms_front, registration)
    owe_statements(page, lms_front, 60)
    waiting = [s["id"] for s in queued(page)]
    assert len(waiting) > 50 and len(json.dumps(queued(page)).encode()) < 60000
    before = leave(page, lms_front, lms_front.content_url("returned.html"))  # pagehide
    sent = arrived(runtime_lrs, registration, len(waiting) + 1)
    ids = [s["id"] for s in sent]
    assert len(ids) == len(set(ids))
    assert set(waiting) <= set(ids)
    assert posts_since(lms_front, before) == ["200"]
    by_stored = sorted(sent, key=lambda s: s["stored"])
    assert by_stored[-1]["verb"]["id"] == TERMINATED


def test_cmi5_pagehide_sends_what_is_owed_in_one_request_so_none_arrives_after_terminated(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    """A cmi5 session owes more than 25 statements and 30 kB as the page goes. pagehide used
    to send them in several requests at once, terminated in the last: one overtaken by it was
    refused by the LMS, which takes nothing of a session after its terminated [cmi5 §9.3.8],
    and lost. Now one request carries them all, terminated last: the LMS takes them all."""
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    owe_statements(page, lms_front, 40)
    waiting = [s["id"] for s in queued(page)]
    assert len(waiting) > 25 and 30000 < len(json.dumps(queued(page)).encode()) < 60000
    held = len(runtime_lrs.statements(registration=launch.registration))
    before = leave(page, lms_front, launch.return_url)  # pagehide
    sent = arrived(runtime_lrs, launch.registration, held + len(waiting) + 1)
    assert set(waiting) <= {s["id"] for s in sent}
    assert posts_since(lms_front, before) == ["200"]
    by_stored = sorted(sent, key=lambda s: s["stored"])
    assert by_stored[-1]["verb"]["id"] == TERMINATED
    assert launch.session in lms_front.closed  # the LMS took terminated: nothing more after it


def test_a_large_resume_state_as_the_page_goes_leaves_room_for_the_statements(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS
) -> None:
    """A resume state of 64,000 characters (the most the codec may write; no seed course comes
    near it, so the test gives it to the adapter) and statements owed as the page goes: both
    do not fit in 64 KiB. The statements arrive (in cmi5 they would be lost with the session);
    the state waits in this browser's copy, newer than the LRS's, for the next launch."""
    registration = str(uuid.uuid4())
    page = launch_seed_xapi(context, lms_front, registration)
    press_next(page)
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    owe_statements(page, lms_front, 6)
    page.wait_for_timeout(500)  # the last page's State document has been written
    page.evaluate("CourseBuild.player.tracker.adapter.setBookmark(null, 'x'.repeat(64000))")
    waiting = [s["id"] for s in queued(page)]
    leave(page, lms_front, lms_front.content_url("returned.html"))  # pagehide
    sent = arrived(runtime_lrs, registration, 2 + len(waiting) + 1)
    ids = [s["id"] for s in sent]
    assert set(waiting) <= set(ids) and len(ids) == len(set(ids))
    assert sent and max(sent, key=lambda s: s["timestamp"])["verb"]["id"].endswith("terminated")
    lrs_copy = seed_state_document(lms_front, registration)
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
    page = opened(context, launch.url)
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
