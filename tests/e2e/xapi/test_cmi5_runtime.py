"""The cmi5 package in Chromium, launched by a small LMS, its statements in a real Ralph.

The test plays the LMS's part [cmi5 §8, §10, §11]: it writes
``LMS.LaunchData`` (contextTemplate with the publisher id and a session id, launchMode, the
moveOn and masteryScore of the package's ``cmi5.xml``, returnURL) and the learner's
``cmi5LearnerPreferences`` (French first), records the ``launched`` statement in Ralph, and
launches the AU with endpoint, fetch, actor, registration and an LMS-made activityId. The LMS
(``support/lrs_front.py``) keeps the documents itself, because Ralph 5.1 has no State or Agent
Profile resource, and forwards statements to Ralph. Then a learner passes the course, in French.

Asserted: fetch POSTed exactly once (a reload ends the session: no second fetch, nothing after
terminated);
LMS.LaunchData and the preferences read before the first statement and never written; the
course in the preferred language; initialized the AU's first statement and terminated its
last, nothing after it; cmi5 defined statements with the launch activityId, the
contextTemplate, the cmi5 category, moveon iff success/completion and the masteryscore
extension; passed and completed once (moveOn CompletedAndPassed met); every statement valid
under Ralph's strict model; returnURL after Exit. Browse mode: initialized and terminated only.
The status line names the launch mode the LMS gave, in the learner's language: Browse is
announced as browse, Review as review [cmi5 §10.2.2 launchMode].
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from playwright.sync_api import BrowserContext
from ralph.models.xapi.base.statements import BaseXapiStatement
from support.launches import (
    CATEGORY,
    LAUNCHED,
    MASTERY,
    MOVE_ON,
    QUEUE_KEYS,
    SESSION,
    Launch,
    opened,
)
from support.learner import press_next
from support.learner_brisk import BriskLearner
from support.lrs import RalphLRS
from support.lrs_front import LRSFront
from support.seed import SEEDS

from builder.xapi.statements import VERBS

SLUG = "navigating-social-media"
I18N = Path(__file__).resolve().parents[3] / "templates" / "theme" / "i18n"


def verb(statement: dict[str, Any]) -> str:
    if statement["verb"]["id"] == LAUNCHED:
        return "launched"
    return next(name for name, iri in VERBS.items() if iri == statement["verb"]["id"])


def categories(statement: dict[str, Any]) -> list[str]:
    return [a["id"] for a in statement["context"].get("contextActivities", {}).get("category", [])]


def au_statements(lrs: RalphLRS, launch: Launch) -> list[dict[str, Any]]:
    """The AU's statements (not the LMS's launched), in the order Ralph stored them."""
    found = sorted(lrs.statements(registration=launch.registration), key=lambda s: s["stored"])
    assert verb(found[0]) == "launched"
    return found[1:]


def test_the_au_follows_the_cmi5_launch_sequence_and_statement_rules(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    first_request = len(lms_front.log)
    page = opened(context, launch.url)
    assert page.evaluate("document.documentElement.lang") == "fr"  # cmi5LearnerPreferences
    learner = BriskLearner.at(page, SEEDS[SLUG], lang="fr")
    learner.visit_all()
    learner.take_attempt()
    page.locator("[data-cb-exit]").click()
    page.wait_for_url(launch.return_url)  # returnURL, once terminated was sent [cmi5 §10]

    assert lms_front.fetches[launch.fetch_path].calls == ["POST"]  # once [cmi5 §8.2]
    log = lms_front.log[first_request:]
    state_reads = [
        n
        for n, (m, p, q, _) in enumerate(log)
        if (m, p) == ("GET", "/xapi/activities/state") and "LMS.LaunchData" in q
    ]
    profile_reads = [
        n for n, (m, p, _, _) in enumerate(log) if (m, p) == ("GET", "/xapi/agents/profile")
    ]
    first_statement = min(n for n, (m, p, _, _) in enumerate(log) if p == "/xapi/statements")
    assert state_reads and state_reads[0] < first_statement
    assert profile_reads and profile_reads[0] < first_statement
    writes = [
        (m, q)
        for m, p, q, _ in log
        if p == "/xapi/activities/state" and m != "GET" and "LMS.LaunchData" in q
    ]
    assert writes == []  # never written by the AU [cmi5 §10]

    sent = au_statements(runtime_lrs, launch)
    verbs = [verb(s) for s in sent]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert verbs.count("initialized") == verbs.count("terminated") == 1
    assert verbs.count("passed") == verbs.count("completed") == 1 and "failed" not in verbs
    assert set(verbs) == {
        "initialized",
        "experienced",
        "answered",
        "passed",
        "completed",
        "terminated",
    }
    ids = [s["id"] for s in sent]
    assert len(set(ids)) == len(ids)
    assert sorted(s["timestamp"] for s in sent) == [s["timestamp"] for s in sent]
    for s in sent:
        BaseXapiStatement.model_validate(s)
        context_ = s["context"]
        assert context_["registration"] == launch.registration
        assert context_["extensions"][SESSION] == launch.session  # the template, untouched
        grouping = [a["id"] for a in context_["contextActivities"]["grouping"]]
        assert launch.publisher_id in grouping
        assert s["timestamp"].endswith("Z")
        assert context_["language"] == "fr-CA"
        defined = CATEGORY in categories(s)
        assert defined == (verb(s) in ("initialized", "passed", "completed", "terminated"))
        if defined:  # about the AU [cmi5 §9.4], moveon iff success/completion [§9.6.2.2]
            assert s["object"]["id"] == launch.activity_id
            result = s.get("result", {})
            assert (MOVE_ON in categories(s)) == ("success" in result or "completion" in result)
            assert ("score" in result) == (verb(s) == "passed")
    passed = next(s for s in sent if verb(s) == "passed")
    assert passed["context"]["extensions"][MASTERY] == launch.mastery == 0.8
    assert passed["result"]["score"]["scaled"] >= launch.mastery and passed["result"]["success"]
    assert launch.move_on == "CompletedAndPassed"  # met: completed and passed are both there
    terminated = sent[-1]["result"]
    assert set(terminated) == {"duration"}


def test_browse_mode_sends_initialized_and_terminated_only(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    launch = Launch(lms_front, runtime_lrs, runtime_packages, mode="Browse")
    page = opened(context, launch.url)
    press_next(page)
    press_next(page)
    page.locator("[data-cb-exit]").click()
    page.wait_for_url(launch.return_url)
    sent = au_statements(runtime_lrs, launch)
    assert [verb(s) for s in sent] == ["initialized", "terminated"]
    assert all(CATEGORY in categories(s) for s in sent)
    saved = [q for m, p, q, _ in lms_front.log if m == "PUT" and "coursebuild.resume" in q]
    assert not [q for q in saved if launch.registration in parse_qs(q).get("registration", [])]


@pytest.mark.parametrize(
    ("mode", "preference", "lang", "key"),
    [
        ("Browse", "fr-CA,en-US", "fr", "tracking_browse"),
        ("Browse", "en-US", "en", "tracking_browse"),
        ("Review", "fr-CA,en-US", "fr", "tracking_review"),
    ],
)
def test_the_status_line_names_the_launch_mode(
    context: BrowserContext,
    lms_front: LRSFront,
    runtime_lrs: RalphLRS,
    runtime_packages: Path,
    mode: str,
    preference: str,
    lang: str,
    key: str,
) -> None:
    launch = Launch(lms_front, runtime_lrs, runtime_packages, mode=mode, preference=preference)
    page = opened(context, launch.url)
    assert page.evaluate("document.documentElement.lang") == lang
    said = json.loads((I18N / f"{lang}.json").read_text("utf-8"))[key]
    assert page.locator("#cb-status").inner_text() == said


def test_a_reload_ends_the_session_and_never_fetches_again(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    press_next(page)
    page.reload()  # pagehide: terminated. The reloaded page is the same launch, now over.
    BriskLearner.started(page, SEEDS[SLUG])
    press_next(page)
    page.locator("[data-cb-exit]").click()
    assert page.locator("#cb-status").inner_text() != ""
    assert lms_front.fetches[launch.fetch_path].calls == ["POST"]
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    sent = au_statements(runtime_lrs, launch)
    assert [verb(s) for s in sent] == ["initialized", "experienced", "experienced", "terminated"]


def test_a_pass_the_lms_refused_with_its_ended_session_is_sent_in_the_next_one(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    """The learner passes while the LMS is down and closes the window: passed and completed
    wait in the browser. The LMS's next launch abandons that session and refuses its statements
    for good (403) [cmi5 §9.3.6]. The AU sends passed and completed again, in the new session:
    each is owed once per registration [cmi5 §9.3.3, §9.3.4], and the LMS has neither."""
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    learner = BriskLearner.at(page, SEEDS[SLUG], lang="fr")
    learner.visit_all()
    page.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    first = launch.session
    try:
        lms_front.down["statements"] = 503
        learner.take_attempt()
        page.goto(lms_front.content_url("returned.html"))  # pagehide: terminated, kept too
        lms_front.down.clear()
        launch.relaunch()
        again = opened(context, launch.url)
        again.wait_for_function(f"{QUEUE_KEYS}.length === 0")
    finally:
        lms_front.down.clear()
    sent = au_statements(runtime_lrs, launch)
    assert {s["context"]["extensions"][SESSION] for s in sent} <= {first, launch.session}
    assert "passed" not in [verb(s) for s in sent if s["context"]["extensions"][SESSION] == first]
    second = [s for s in sent if s["context"]["extensions"][SESSION] == launch.session]
    verbs = [verb(s) for s in second]
    assert verbs[:2] == ["launched", "initialized"]
    assert verbs.count("passed") == verbs.count("completed") == 1, verbs
    passed = next(s for s in second if verb(s) == "passed")
    assert passed["object"]["id"] == launch.activity_id and MOVE_ON in categories(passed)
    assert passed["result"]["score"]["scaled"] == 1 and passed["result"]["success"] is True
    assert passed["context"]["extensions"][MASTERY] == launch.mastery
    for s in second:
        BaseXapiStatement.model_validate(s)
