"""cmi5 delivery at a session's edges in Chromium, with the small LMS of ``support/lrs_front.py``
in front of a real Ralph (which stores what the LMS takes).

- A request still on its way as the page goes: ``terminated`` must still go, and last, or the
  LMS records the session abandoned [cmi5 §9.3.6, §9.3.8].
- Statements delivered as the page went, whose answer the page never read: the next launch
  resends them, the LMS refuses them (403: it checks the session, ended, before duplicates), and
  the learner must not be told that progress was lost when the LRS holds it.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, expect
from support.launches import QUEUE_KEYS, SESSION, Launch, opened, queued
from support.learner import press_next
from support.lrs import RalphLRS
from support.lrs_front import LRSFront
from support.seed import catalogue

TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"


def session_statements(lrs: RalphLRS, launch: Launch, session: str) -> list[dict[str, Any]]:
    """A session's statements in Ralph, in the order it stored them, once its terminated is
    there (10 s at most)."""
    deadline = time.monotonic() + 10
    while True:
        found = [
            s
            for s in lrs.statements(registration=launch.registration)
            if s["context"].get("extensions", {}).get(SESSION) == session
        ]
        done = any(s["verb"]["id"] == TERMINATED for s in found)
        if done or time.monotonic() > deadline:
            return sorted(found, key=lambda s: s["stored"])
        time.sleep(0.2)


def test_terminated_goes_as_the_page_goes_with_a_request_still_on_its_way(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    """The learner moves on and closes the window while the experienced statement is on its
    way (the LMS slow to answer). terminated used to wait for the next launch, as it could
    overtake that request: the LMS never had it and recorded the session abandoned. Now the
    last request carries that statement again, then terminated: the LMS takes both (the
    overtaken request then adds nothing), and terminated is the session's last statement."""
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    try:
        lms_front.slow.append(3.0)
        press_next(page)
        deadline = time.monotonic() + 10
        while not lms_front.held and time.monotonic() < deadline:  # on its way
            time.sleep(0.02)
        assert lms_front.held == 1
        page.goto(launch.return_url)  # pagehide
        sent = session_statements(runtime_lrs, launch, launch.session)
    finally:
        lms_front.slow.clear()
    verbs = [s["verb"]["id"] for s in sent]
    assert TERMINATED in verbs, verbs
    assert verbs[-1] == TERMINATED and verbs.count(EXPERIENCED) == 2, verbs  # pages 0 and 1
    ids = [s["id"] for s in sent]
    assert len(ids) == len(set(ids))  # the one sent twice is stored once
    assert launch.session in lms_front.closed  # not abandoned: it ended


def test_a_resend_the_lms_refuses_but_holds_is_not_said_lost(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    """The window closes: its last request (the page seen, terminated) arrives, its answer is
    never read, and the statements stay in the browser. The next launch resends them; the LMS
    refuses them (403: that session has ended) before it would see that it holds them. The AU
    looks each up by its id [xAPI 1.0.3 Part Three §2.1.3], finds it, and the learner reads
    that tracking works, not that progress was lost."""
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    press_next(page)
    page.goto(launch.return_url)  # pagehide at once: the answer is never read
    first = launch.session
    left = [s["id"] for s in queued(page)]
    assert left, "the page read the answer: nothing to resend"
    held = {s["id"] for s in session_statements(runtime_lrs, launch, first)}
    assert set(left) <= held  # delivered
    launch.relaunch()
    lookups = len(lms_front.requests("GET", "/xapi/statements"))
    again = opened(context, launch.url)
    again.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    again.wait_for_timeout(300)  # what the page says once the queue is empty
    en, fr = catalogue("en"), catalogue("fr")
    status = again.locator("#cb-status")
    expect(status).to_contain_text(str(fr["tracking_on"]))  # the learner prefers French
    lost = [str(c["save_lost"]).split("(")[0] for c in (en, fr)]
    assert not any(text in status.inner_text() for text in lost)
    refused = [q for m, p, q, st in lms_front.log if m == "POST" and p == "/xapi/statements"]
    assert refused, "nothing was resent"
    asked = lms_front.requests("GET", "/xapi/statements")[lookups:]
    assert 1 <= len(asked) <= len(left), asked  # one lookup per statement at most
