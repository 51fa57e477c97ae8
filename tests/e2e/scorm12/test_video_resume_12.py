"""Where a learner left a video survives a closed laptop lid or a killed browser, and YouTube and
Vimeo videos start again there, in Chromium against scorm-again (the fake players of
``support/video_embeds.py``).

What the LMS holds is what was committed: a killed browser sends no pagehide, so a relaunch from
the last LMSCommit is what such a learner gets.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Frame
from support.lms import Scorm12LMS
from support.lms_session import CMIData, LMSSession
from support.video_embeds import (
    clip_kept,
    embed_packages,
    expect_resumed_at,
    fake_players,
    on_the_clip,
    sent,
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return embed_packages(tmp_path_factory, "scorm12")


def killed(session: LMSSession) -> CMIData:
    """What the LMS gives the next launch after the browser was killed: the last commit, as
    ``next_launch_cmi`` turns it [SCORM 1.2 RTE §3.4.2.1], with no LMSFinish."""
    cmi: CMIData = copy.deepcopy(session.calls("LMSCommit")[-1].cmi or {})
    core = cmi.setdefault("core", {})
    core["entry"] = "resume" if core.pop("exit", "") == "suspend" else ""
    core.pop("session_time", None)
    return cmi


def commits_after_pause(session: LMSSession, frame: Frame, start: int, stop: int) -> list[str]:
    """The learner plays the video from ``start`` to ``stop`` s and pauses it: the suspend_data
    of each commit the pause made."""
    before = len(session.calls("LMSCommit"))
    frame.evaluate("([a, b]) => play(a, b)", [start, stop])
    session.wait_for_call("LMSCommit", before + 1)
    return [c.cmi["suspend_data"] for c in session.calls("LMSCommit")[before:] if c.cmi]


@pytest.mark.parametrize("provider", ["youtube", "vimeo"])
def test_a_paused_embed_is_committed_and_resumes_there_after_a_killed_browser(
    provider: str,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    packages: dict[str, Path],
) -> None:
    lms = scorm12_lms(packages[provider])
    first = lms.launch(prepare=fake_players)
    player = on_the_clip(first)
    stored = commits_after_pause(first, player, 0, 62)  # 62 s of 100, then paused
    at = clip_kept(first.course, stored[-1])["at"]
    assert abs(at - 620) <= 10, stored  # committed at the pause
    # the browser is killed: the next launch gets the last commit, no pagehide, no finish
    second = lms.launch(killed(first), prepare=fake_players)
    again = on_the_clip(second)
    expect_resumed_at(again, provider, 62)


def test_a_vimeo_video_the_learner_already_plays_is_never_moved(
    scorm12_lms: Callable[[Path], Scorm12LMS], packages: dict[str, Path]
) -> None:
    lms = scorm12_lms(packages["vimeo"])
    first = lms.launch(prepare=fake_players)
    player = on_the_clip(first)
    commits_after_pause(first, player, 0, 62)
    second = lms.launch(killed(first), prepare=fake_players)
    again = on_the_clip(second)
    again.wait_for_function("() => sent.some((m) => m.value === 'play')")
    commits_after_pause(second, again, 30, 34)  # started where the learner moved it
    commits_after_pause(second, again, 0, 3)  # then from its beginning: theirs too
    assert [m for m in sent(again) if m.get("method") == "setCurrentTime"] == []
