"""Video Profile statements from a real <video> in Chromium, checked by Ralph's video models.

The minimal course with a local video file: a 4-second silent WAV stream saved as
``media/clip.webm`` (the builder takes video extensions only; Chromium reads the container from
the bytes, and the test needs only the media element's events), captions, ``duration: "0:04"``
and ``completion.video: 50``. The learner plays it to the end and moves on (no seek: the test
server does not serve byte ranges, so the clip is not seekable; seeks are unit-tested in
tests/js/xapi-video.test.js). Ralph gets, for the video: initialized, played, completed (once
half was played), paused at the end, terminated when the page is left: the session id is the
initialized statement's id, ``length`` 4, ``completion-threshold`` 0.5, ``played-segments``
as played [xAPI Video Profile 1.0 §2.3].
"""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import BrowserContext, Page
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.video.statements import (
    VideoCompleted,
    VideoInitialized,
    VideoPaused,
    VideoPlayed,
    VideoTerminated,
)
from support.launches import opened
from support.learner import press_next
from support.lms import extract_package
from support.lrs import RalphLRS
from support.media import silent_clip
from support.seed import SeedCourse
from support.web import StaticServer

from builder.pipeline import build
from builder.xapi.activities import VIDEO_EXT
from builder.xapi.statements import VERBS

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "minimal"
MODELS: dict[str, type[BaseXapiStatement]] = {
    "initialized": VideoInitialized,
    "played": VideoPlayed,
    "completed": VideoCompleted,
    "paused": VideoPaused,
    "terminated": VideoTerminated,
}
VIDEO_PAGE = """---
title: The video
video:
  url: media/clip.webm
  title: A short clip
  duration: "0:04"
  captions: media/clip.en.vtt
transcript: transcripts/video.en.md
---

Watch the clip.
"""


def course_with_a_video_file(tmp: Path) -> Path:
    course = tmp / "video-course"
    shutil.copytree(FIXTURE, course)
    (course / "modules" / "video.en.md").write_text(VIDEO_PAGE)
    yml = course / "course.yml"
    yml.write_text(yml.read_text().replace("video: 0", "video: 50"))
    (course / "media").mkdir()
    silent_clip(course / "media" / "clip.webm", 4)
    (course / "media" / "clip.en.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:04.000\n(silence)\n")
    return course


def launch_on_the_video(
    course: Path, out: Path, site: StaticServer, lrs: RalphLRS, context: BrowserContext, name: str
) -> tuple[Page, str]:
    """Build `course` for xAPI, launch it against the LRS as learner `name` with a new
    registration, and go to its video page: the page and the registration."""
    outcome = build([course], ["xapi"], out)
    assert not outcome.failed, outcome.diagnostics
    folder = f"{name}-{uuid.uuid4().hex[:8]}"
    extract_package(out / "video-course-xapi.zip", site.root / folder)
    registration = str(uuid.uuid4())
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example.ca", "name": name}}
    query = {
        "endpoint": lrs.endpoint,
        "auth": lrs.auth,
        "actor": json.dumps(actor),
        "registration": registration,
    }
    url = f"{site.url}{folder}/index.html?{urlencode(query)}"
    page = opened(context, url, SeedCourse(course.name, root=course.parent))
    press_next(page)  # the video page
    return page, registration


def verb(statement: dict[str, Any]) -> str:
    return next(name for name, iri in VERBS.items() if iri == statement["verb"]["id"])


def test_a_video_file_reports_the_video_profile(
    tmp_path: Path, context: BrowserContext, runtime_site: StaticServer, runtime_lrs: RalphLRS
) -> None:
    course = course_with_a_video_file(tmp_path)
    page, registration = launch_on_the_video(
        course, tmp_path / "dist", runtime_site, runtime_lrs, context, "video"
    )
    page.evaluate(
        """async () => {
          const v = document.querySelector('#en_video video');
          v.muted = true;
          v.playbackRate = 4;
          await v.play();
          await new Promise(r => v.addEventListener('ended', r, { once: true }));
        }"""
    )
    press_next(page)  # leaving the page ends the video session
    page.locator("[data-cb-exit]").click()
    page.wait_for_function(
        "Object.keys(localStorage).filter(k => k.startsWith('coursebuild.xapi.queue')).length === 0"
    )

    found = sorted(runtime_lrs.statements(registration=registration), key=lambda s: s["stored"])
    video = [s for s in found if "/videos/" in s["object"]["id"]]
    assert [verb(s) for s in video] == [
        "initialized",
        "played",
        "completed",
        "paused",
        "terminated",
    ]
    session = video[0]["id"]
    for statement in video:
        MODELS[verb(statement)].model_validate(statement)
        extensions = statement["context"]["extensions"]
        assert extensions[f"{VIDEO_EXT}session-id"] == session
        assert extensions[f"{VIDEO_EXT}length"] == 4
        assert extensions[f"{VIDEO_EXT}completion-threshold"] == 0.5
    played = video[1]["result"]["extensions"][f"{VIDEO_EXT}time"]
    assert 0 <= played < 0.5
    completed = video[2]["result"]  # as soon as half was played, while playing
    assert completed["completion"] is True
    assert 0.5 <= completed["extensions"][f"{VIDEO_EXT}progress"] < 1
    end = video[-1]["result"]["extensions"]
    assert end[f"{VIDEO_EXT}played-segments"] == f"{played}[.]4"
    assert abs(end[f"{VIDEO_EXT}progress"] - (4 - played) / 4) <= 0.001
    assert end[f"{VIDEO_EXT}time"] == 4
    assert video[3]["result"]["extensions"] == end  # paused at the end, then terminated
    assert [verb(s) for s in found][-1] == "terminated" and found[-1] is not video[-1]


CUE = "A hand points at the bar chart."


def test_audio_description_is_read_out_and_the_described_version_plays(
    tmp_path: Path, context: BrowserContext, runtime_site: StaticServer, runtime_lrs: RalphLRS
) -> None:
    # [WCAG 2.1 SC 1.2.5]: the track's cue reaches the live region when the video reaches it;
    # the switch, worked from the keyboard, loads the described version (6 s, not 4) in place.
    course = course_with_a_video_file(tmp_path)
    page_file = course / "modules" / "video.en.md"
    page_file.write_text(
        page_file.read_text().replace(
            "  captions: media/clip.en.vtt\n",
            "  captions: media/clip.en.vtt\n  descriptions: media/clip.en.descriptions.vtt\n"
            "  described: media/clip-described.webm\n",
        )
    )
    (course / "media" / "clip.en.descriptions.vtt").write_text(
        f"WEBVTT\n\n00:00.200 --> 00:03.500\n{CUE}\n"
    )
    silent_clip(course / "media" / "clip-described.webm", 6)
    page, _ = launch_on_the_video(
        course, tmp_path / "dist", runtime_site, runtime_lrs, context, "described"
    )
    region = page.locator("#en_video [data-cb-description]")
    assert region.get_attribute("aria-live") == "polite"
    assert region.inner_text() == ""
    page.evaluate(
        """async () => {
          const v = document.querySelector('#en_video video');
          v.muted = true;
          await v.play();
        }"""
    )
    page.wait_for_function(
        "document.querySelector('#en_video [data-cb-description]').textContent === "
        + json.dumps(CUE),
        timeout=5000,
    )
    assert page.locator("#en_video [data-cb-description-box]").is_visible()

    switch = page.get_by_role("button", name="Version with audio description")
    switch.focus()
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    page.wait_for_function(
        """() => {
          const v = document.querySelector('#en_video video');
          return v.currentSrc.endsWith('/media/clip-described.webm') && v.duration === 6;
        }""",
        timeout=5000,
    )
    # The described version voices the descriptions: the region no longer repeats them.
    assert region.inner_text() == ""
    page.keyboard.press("Enter")  # and back to the standard version
    page.wait_for_function(
        "document.querySelector('#en_video video').currentSrc.endsWith('/media/clip.webm')",
        timeout=5000,
    )
    assert switch.get_attribute("aria-pressed") == "false"


def test_a_video_watched_again_after_its_page_was_left_is_a_new_session(
    tmp_path: Path, context: BrowserContext, runtime_site: StaticServer, runtime_lrs: RalphLRS
) -> None:
    """The learner plays a second of the clip, goes on to the next page (the video session
    ends: terminated), comes back and watches it to the end. That viewing is a new session of
    its own (a new initialized, a new session-id), which reaches completed: the Profile's
    terminated ends a session for good [xAPI Video Profile 1.0 §2.3], and the LRS must hold
    what the learner watched."""
    course = course_with_a_video_file(tmp_path)
    page, registration = launch_on_the_video(
        course, tmp_path / "dist", runtime_site, runtime_lrs, context, "again"
    )
    page.evaluate(
        """async () => {
          const v = document.querySelector('#en_video video');
          v.muted = true;
          await v.play();
          await new Promise(r => setTimeout(r, 1000));
          v.pause();
        }"""
    )
    press_next(page)  # leaving the page ends the first session
    page.locator(".cb-pager [data-cb-prev]").click()
    page.evaluate(
        """async () => {
          const v = document.querySelector('#en_video video');
          v.playbackRate = 4;
          await v.play();
          await new Promise(r => v.addEventListener('ended', r, { once: true }));
        }"""
    )
    page.locator("[data-cb-exit]").click()
    page.wait_for_function(
        "Object.keys(localStorage).filter(k => k.startsWith('coursebuild.xapi.queue')).length === 0"
    )

    found = sorted(runtime_lrs.statements(registration=registration), key=lambda s: s["stored"])
    video = [s for s in found if "/videos/" in s["object"]["id"]]
    sessions: dict[str, list[str]] = {}
    for statement in video:
        MODELS[verb(statement)].model_validate(statement)
        sid = statement["context"]["extensions"][f"{VIDEO_EXT}session-id"]
        sessions.setdefault(sid, []).append(verb(statement))
    first, second = video[0], next(s for s in video if verb(s) == "initialized" and s != video[0])
    assert sessions == {
        first["id"]: ["initialized", "played", "paused", "terminated"],
        second["id"]: ["initialized", "played", "completed", "paused", "terminated"],
    }
    end = video[-1]["result"]["extensions"]  # from where the first stopped, to the end
    assert end[f"{VIDEO_EXT}time"] == 4 and 0.5 <= end[f"{VIDEO_EXT}progress"] < 1
