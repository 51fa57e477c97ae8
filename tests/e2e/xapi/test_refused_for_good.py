"""Statements an LRS refuses for good, in Chromium, with the small LMS of ``support/lrs_front.py``
in front of a real Ralph (which stores what the LMS takes).

- A resend refused whose lookup by id is refused too (a credential that may send statements,
  not read them [xAPI 1.0.3 Part Three §4]): nothing says it was lost, as the first send may
  have been stored [xAPI 1.0.3 Part Three §2.1.3]. The learner reads "not confirmed".
- A result refused for good: the State document must not record it as sent, or another
  computer, reading it there, never sends it [cmi5 §9.3.3, §9.3.4].
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from playwright.sync_api import BrowserContext, Route, expect
from support.launches import (
    QUEUE_KEYS,
    Launch,
    launch_seed_xapi,
    opened,
    queued,
    seed_state_document,
)
from support.learner import press_next
from support.learner_brisk import BriskLearner
from support.lrs import RalphLRS
from support.lrs_front import LRSFront
from support.seed import SEEDS, catalogue

PASSED = "http://adlnet.gov/expapi/verbs/passed"
SLUG = "navigating-social-media"


def test_a_resend_refused_whose_lookup_is_refused_too_is_said_not_confirmed(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    """The window closes as its last request goes: it arrives, its answer is never read. The
    next launch resends it; the LMS refuses it (403: that session has ended), and refuses the
    lookup by id as well (403: the launch's credential may send, not read). The learner used to
    read that progress was lost; it is there. Now: not confirmed, with the resend's status."""
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    press_next(page)
    page.goto(launch.return_url)  # pagehide at once: the answer is never read
    assert queued(page), "the page read the answer: nothing to resend"
    launch.relaunch()

    lookups: list[str] = []

    def write_only(route: Route) -> None:
        if route.request.method == "GET":
            lookups.append(route.request.url)
            route.fulfill(status=403, body='{"detail": "this credential may not read"}')
        else:
            route.continue_()

    context.route(f"{lms_front.endpoint}statements?statementId=*", write_only)
    again = opened(context, launch.url)
    again.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    fr = catalogue("fr")  # the learner prefers French
    said = str(fr["save_unconfirmed"]).format(error="403 \u2013 Forbidden")
    expect(again.locator("#cb-status")).to_have_text(said)
    assert lookups, "never looked up"
    lost = str(fr["save_lost"]).split("(")[0]
    assert lost not in again.locator("#cb-status").inner_text()


def test_a_result_refused_for_good_is_sent_again_from_another_computer(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS
) -> None:
    """The learner passes; the LRS refuses ``passed`` for good (403). The State document used to
    record it as sent all the same: on another computer (an empty localStorage) the course read
    that it had gone and never sent it, and the LRS never held it. Now the next launch sends it."""
    registration = str(uuid.uuid4())

    def refuse_passed(route: Route) -> None:
        if route.request.method == "POST" and PASSED in (route.request.post_data or ""):
            route.fulfill(status=403, body='{"detail": "refused"}')
        else:
            route.continue_()

    statements = f"{lms_front.endpoint}statements"
    context.route(statements, refuse_passed)
    page = launch_seed_xapi(context, lms_front, registration)
    learner = BriskLearner.at(page, SEEDS[SLUG])
    learner.visit_all()
    learner.take_attempt()
    lost = str(catalogue("en")["save_lost"]).format(error="403 \u2013 Forbidden")
    expect(page.locator("#cb-status")).to_contain_text(lost)
    page.goto(lms_front.content_url("returned.html"))
    page.evaluate("localStorage.clear()")  # another computer: only the LRS knows
    context.unroute(statements)
    assert not seed_state_document(lms_front, registration)["sent"].get("passed")

    launch_seed_xapi(context, lms_front, registration)
    deadline = time.monotonic() + 10
    verbs: list[str] = []
    while "passed" not in verbs and time.monotonic() < deadline:
        time.sleep(0.2)
        verbs = [
            s["verb"]["id"].rsplit("/", 1)[1]
            for s in runtime_lrs.statements(registration=registration)
        ]
    assert verbs.count("passed") == 1, verbs
