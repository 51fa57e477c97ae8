"""Where a learner left a YouTube or Vimeo video survives a killed browser in SCORM 2004, in
Chromium against scorm-again's 2004 API (the fake players of ``support/video_embeds.py``).

A pause commits where the video is; a killed browser sends no pagehide, so the next launch gets
the last Commit [SCORM 2004 4th ed. RTE §4.2.8: exit "suspend", entry "resume"], and the video
starts again there: YouTube cued at that point, Vimeo moved there at the learner's first play.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame
from support.lms2004 import Scorm2004LMS, Scorm2004Session
from support.lms_session import CMIData
from support.video_embeds import (
    clip_kept,
    embed_packages,
    expect_resumed_at,
    fake_players,
    on_the_clip,
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return embed_packages(tmp_path_factory, "scorm2004")


def now(session: Scorm2004Session) -> dict[str, Any]:
    """The clip's percent watched and where it is, as the running course holds them."""
    data: str = session.course.evaluate(
        """() => CourseBuild.state.encode(
          JSON.parse(document.getElementById('coursebuild-config').textContent),
          CourseBuild.player.tracker.state, null).text"""
    )
    return clip_kept(session.course, data)


def killed(session: Scorm2004Session) -> CMIData:
    """What the LMS gives the next launch after the browser was killed: the last Commit, no
    Terminate [SCORM 2004 4th ed. RTE §4.2.8]."""
    cmi: CMIData = copy.deepcopy(session.calls("Commit")[-1].cmi or {})
    cmi["entry"] = "resume" if cmi.pop("exit", "") == "suspend" else ""
    for key in ("session_time", "_version"):
        cmi.pop(key, None)
    return cmi


def pause_at(session: Scorm2004Session, player: Frame, start: int, stop: int) -> str:
    """The learner plays the video from ``start`` to ``stop`` s and pauses it: the suspend_data
    the pause committed."""
    before = len(session.calls("Commit"))
    player.evaluate("([a, b]) => play(a, b)", [start, stop])
    session.wait_for_call("Commit", before + 1)
    return str(session.calls("Commit")[-1].cmi["suspend_data"])  # type: ignore[index]


@pytest.mark.parametrize("provider", ["youtube", "vimeo"])
def test_a_paused_embed_is_committed_and_resumes_there_after_a_killed_browser(
    provider: str,
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
    packages: dict[str, Path],
) -> None:
    lms = scorm2004_lms(packages[provider])
    first = lms.launch(prepare=fake_players)
    stored = clip_kept(first.course, pause_at(first, on_the_clip(first), 0, 62))
    assert stored["at"] == 620, stored  # committed at the pause
    second = lms.launch(killed(first), prepare=fake_players)
    again = on_the_clip(second)
    expect_resumed_at(again, provider, 62)
    after = clip_kept(
        second.course, pause_at(second, again, 62, 80)
    )  # the learner watches on from there
    assert stored["percent"] == 62, stored  # 62-63 s only begun: not watched
    assert after["at"] == 800 and after["percent"] == 80, after  # 62-80 s more
    assert second.problems() == []


def test_a_cued_youtube_report_whose_time_comes_apart_counts_nothing_watched(
    scorm2004_lms: Callable[[Path], Scorm2004LMS], packages: dict[str, Path]
) -> None:
    """YouTube may report a cued video's state (5) and its time in two messages: that time
    alone is no play, and no 1 % part counts as watched until the player says it plays."""
    first = scorm2004_lms(packages["youtube"]).launch(prepare=fake_players)
    player = on_the_clip(first)
    player.evaluate("() => { tell({playerState: 5}); tell({currentTime: 0, duration: length}); }")
    first.page.wait_for_timeout(300)
    assert now(first) == {"percent": 0, "at": 0, "parts": "0" * 100}
    watched = clip_kept(first.course, pause_at(first, player, 0, 10))  # then played: that counts
    # 0-10 s of 100: ten parts played through (10-11 s only begun, once counted as an eleventh)
    assert watched["at"] == 100 and watched["parts"] == "1" * 10 + "0" * 90, watched
