"""Where a learner left a YouTube or Vimeo video survives a killed browser in the xapi and cmi5
packages, in Chromium against the LMS of ``support/lrs_front.py`` (State documents) and a real
Ralph (statements), with the fake players of ``support/video_embeds.py``.

A pause saves the resume state to the LRS [xAPI 1.0.3 Part Three §2.3]; the browser is then
killed (nothing the closing page sends reaches the LMS, no copy is left in the browser), and the
next launch starts the video again where the LRS says. The Video Profile statements
say what the learner did: the session after the resume starts where the video was left (its
``played`` at that time) [xAPI Video Profile 1.0 §2.5.4.1], no ``seeked`` from 0 that a report
would read as the learner skipping; and ``coursebuild report`` reads the parts watched from the
played segments.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Frame, Page
from ralph.models.xapi.video.statements import (
    VideoInitialized,
    VideoPaused,
    VideoPlayed,
    VideoSeeked,
    VideoTerminated,
)
from support.launches import LMS_HOME, Launch, xapi_launch_url
from support.learner_brisk import BriskLearner
from support.lms import extract_package
from support.lrs_front import LRSFront
from support.video_embeds import (
    LENGTH,
    clip_kept,
    embed_packages,
    expect_resumed_at,
    fake_players,
    on_the_clip,
)
from typer.testing import CliRunner

from builder.cli import app
from builder.xapi.activities import VIDEO_EXT
from builder.xapi.statements import VERBS

COURSE_ID = "https://training.example.ca/courses/bilingual"
MODELS = {
    "initialized": VideoInitialized,
    "played": VideoPlayed,
    "paused": VideoPaused,
    "seeked": VideoSeeked,
    "terminated": VideoTerminated,
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The embed course's package per (provider, target)."""
    return {
        (provider, target): package
        for target in ("xapi", "cmi5")
        for provider, package in embed_packages(tmp_path_factory, target).items()
    }


class Journey:
    """One learner's launches of the embed course for ``target`` ("xapi" or "cmi5")."""

    def __init__(self, front: LRSFront, package: Path, target: str) -> None:
        self.front = front
        folder = f"bilingual-{target}-{uuid.uuid4().hex[:8]}"
        extract_package(package, front.root / folder)
        self.registration = str(uuid.uuid4())
        self.name = f"learner-{self.registration[:8]}"
        self.launch: Launch | None = None
        if target == "cmi5":
            self.launch = Launch(
                front,
                front.ralph,
                package.parent,
                slug="bilingual",
                folder=folder,
                preference="en-US",
                name=self.name,
            )
            self.registration = self.launch.registration
        self.folder = folder

    def url(self) -> str:
        if self.launch is not None:
            return self.launch.url
        return xapi_launch_url(
            self.front.content_url(f"{self.folder}/"),
            self.front.endpoint,
            self.front.ralph.auth,
            self.registration,
            COURSE_ID,
            self.name,
        )

    def open(self, context: BrowserContext) -> tuple[Page, Frame]:
        """The course launched and on the clip page; the English player's frame."""
        page = context.new_page()
        fake_players(page)
        page.goto(self.url())
        return page, on_the_clip(page, BriskLearner)

    def relaunch(self) -> None:
        """A cmi5 LMS makes a new session for the next launch; an xapi launch is the same URL."""
        if self.launch is not None:
            self.launch.relaunch()

    def saved_once_at(self, page: Page, at: int) -> dict[str, float] | None:
        """What the LRS's resume State document says of the clip (``saved``) once it says the
        clip was left ``at`` per mille, or 5 s later."""
        for _ in range(100):
            if (found := self.saved(page)) is not None and found["at"] == at:
                break
            page.wait_for_timeout(50)
        return self.saved(page)

    def saved(self, page: Page) -> dict[str, float] | None:
        """What the LRS's resume State document says of the clip: where it was left (``at``, per
        mille) and its percent watched (``percent``), as the course counts it."""
        activity = self.launch.activity_id if self.launch is not None else COURSE_ID
        actor = {"objectType": "Agent", "account": {"homePage": LMS_HOME, "name": self.name}}
        params = {"activityId": activity, "registration": self.registration}
        params |= {"stateId": "coursebuild.resume", "agent": json.dumps(actor)}
        found = self.front.get_document("activities/state", params)
        if not found or not found.get("suspendData"):
            return None
        kept = clip_kept(page, found["suspendData"])
        return {"at": kept["at"], "percent": kept["percent"]}


def killed(page: Page, front: LRSFront) -> None:
    """The browser is killed: nothing the page would send as it goes reaches the LMS, and the
    next launch has only what the LRS holds (no copy in the browser)."""
    front.down.update({"PUT": 503, "POST": 503, "statements": 503})
    try:
        page.close()
        page.context.new_page().wait_for_timeout(500)  # what the closing page sent met the fault
    finally:
        front.down.clear()
    returned = page.context.new_page()
    returned.goto(front.content_url("returned.html"))
    returned.evaluate("localStorage.clear()")


def delivered(page: Page) -> None:
    """Once the statements queued have reached the LRS."""
    page.wait_for_function(
        "Object.keys(localStorage).filter(k => k.startsWith('coursebuild.xapi.queue')).length === 0"
    )


def made(statement: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))


def verb(statement: dict[str, Any]) -> str:
    return next(name for name, iri in VERBS.items() if iri == statement["verb"]["id"])


def ext(statement: dict[str, Any], name: str) -> Any:
    return statement["result"]["extensions"][VIDEO_EXT + name]


def video_sessions(front: LRSFront, registration: str) -> list[list[dict[str, Any]]]:
    """The clip's Video Profile sessions, each its statements in the order they were made (the
    runtime's timestamps, one millisecond apart at least)."""
    found = sorted(front.ralph.statements(registration=registration), key=made)
    sessions: dict[str, list[dict[str, Any]]] = {}
    for statement in found:
        if "/videos/" in statement["object"]["id"]:
            MODELS[verb(statement)].model_validate(statement)
            sid = statement["context"]["extensions"][f"{VIDEO_EXT}session-id"]
            sessions.setdefault(sid, []).append(statement)
    return list(sessions.values())


@pytest.mark.parametrize("target", ["xapi", "cmi5"])
@pytest.mark.parametrize("provider", ["youtube", "vimeo"])
def test_a_paused_embed_is_saved_and_resumes_there_after_a_killed_browser(
    provider: str,
    target: str,
    context: BrowserContext,
    lms_front: LRSFront,
    packages: dict[tuple[str, str], Path],
    tmp_path: Path,
) -> None:
    journey = Journey(lms_front, packages[provider, target], target)
    page, player = journey.open(context)
    player.evaluate("() => play(0, 62)")  # 62 s of 100, then paused
    assert journey.saved_once_at(page, 620) == {
        "at": 620,
        "percent": 62,
    }  # the pause saved it to the LRS
    delivered(page)
    killed(page, lms_front)
    journey.relaunch()
    page, again = journey.open(context)
    expect_resumed_at(again, provider, 62)  # Vimeo: the learner starts it, moved to 62
    if provider == "youtube":
        again.evaluate("() => play(62, 80)")
    else:
        again.evaluate(
            "() => { for (let t = 62; t <= 80; t++) tell('timeupdate', t); tell('pause', 80); }"
        )
    assert journey.saved_once_at(page, 800) == {
        "at": 800,
        "percent": 80,
    }  # 62-63 s is no longer begun only
    page.locator("[data-cb-exit]").click()
    delivered(page)

    first, second = video_sessions(lms_front, journey.registration)
    assert [verb(s) for s in first] == ["initialized", "played", "paused"]  # then killed
    # the Video Profile says what the course counts: 62 % at the pause, 0-62 s
    assert (ext(first[-1], "progress"), ext(first[-1], "played-segments")) == (0.62, "0[.]62")
    assert [verb(s) for s in second] == ["initialized", "played", "paused", "terminated"]
    assert ext(second[1], "time") == 62  # this session starts where the video was left
    assert ext(second[2], "time") == 80
    # the parts watched before (0-62 s: not 0-63 s, as when a part begun counted), then what this
    # session played: 80 %, the course's own figure
    assert ext(second[-1], "played-segments") == "0[.]62[,]62[.]80"
    assert ext(second[-1], "progress") == 0.8

    if target == "xapi":  # the report's drop-off: the parts played, 0-80 s, no skip
        statements = tmp_path / "statements.json"
        statements.write_text(
            json.dumps(lms_front.ralph.statements(registration=journey.registration))
        )
        activities = packages[provider, target].with_name("bilingual-xapi-activities.json")
        out = tmp_path / "report"
        result = CliRunner().invoke(
            app,
            [
                "report",
                str(activities),
                "--statements",
                str(statements),
                "-o",
                str(out),
                "--min-group",
                "1",
            ],
        )
        assert result.exit_code == 0, result.output
        report = json.loads((out / "report.json").read_text())
        video = next(v for v in report["sections"]["all"]["videos"] if v["page"] == "clip")
        bins = [b["learners"] for b in video["watched"]]
        assert bins == [1] * (80 * 20 // LENGTH) + [0] * (20 - 80 * 20 // LENGTH), bins
