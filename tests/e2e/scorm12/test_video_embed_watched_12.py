"""How much of a YouTube or Vimeo video the learner watched, in Chromium against scorm-again
(the fake players of ``support/video_embeds.py``): as for a local video, a 1 % part counts once
it was played through, not once it was begun, and the last part once the player says it ended.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Frame
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.video_embeds import embed_packages, fake_players, on_the_clip

# The learner plays on from 62 s to 99.5 s, then the player says it ended at its end (100 s).
TO_THE_END = {
    "youtube": """() => {
      for (let t = 62; t <= 99.5; t += 0.5) tell({playerState: 1, currentTime: t});
      window.ended = () => tell({playerState: 0, currentTime: length});
    }""",
    "vimeo": """() => {
      tell('play', 62);
      for (let t = 62; t <= 99.5; t += 0.25) tell('timeupdate', t);
      window.ended = () => tell('ended', length);
    }""",
}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return embed_packages(tmp_path_factory, "scorm12")


def percent_now(session: LMSSession) -> int:
    """The clip's percent watched, as the running course holds it."""
    value: int = session.course.evaluate("() => CourseBuild.player.tracker.state.video[0]")
    return value


def percent_committed(session: LMSSession) -> int:
    """The clip's percent watched in the last cmi.suspend_data committed (the runtime's codec)."""
    data = (session.calls("LMSCommit")[-1].cmi or {})["suspend_data"]
    value: int = session.course.evaluate(
        """(data) => {
          const config = JSON.parse(document.getElementById('coursebuild-config').textContent);
          return CourseBuild.state.decode(config, data).video[0];
        }""",
        data,
    )
    return value


def settle(session: LMSSession, player: Frame, script: str, percent: int) -> None:
    """Run ``script`` in the player, then wait until the course counts ``percent`` and has
    heard every report (a report counted late would show more)."""
    player.evaluate(script)
    session.course.wait_for_function(
        "(p) => CourseBuild.player.tracker.state.video[0] >= p", arg=percent
    )
    session.page.wait_for_timeout(300)


@pytest.mark.parametrize("provider", ["youtube", "vimeo"])
def test_an_embed_counts_parts_played_through_and_its_last_part_once_it_ended(
    provider: str, scorm12_lms: Callable[[Path], Scorm12LMS], packages: dict[str, Path]
) -> None:
    session = scorm12_lms(packages[provider]).launch(prepare=fake_players)
    player = on_the_clip(session)
    before = len(session.calls("LMSCommit"))
    settle(session, player, "() => play(0, 62)", 62)  # 0-62 s of 100, then paused
    session.wait_for_call("LMSCommit", before + 1)
    assert percent_now(session) == 62  # 62-63 s begun only: not watched
    assert percent_committed(session) == 62  # what the LMS holds
    settle(session, player, TO_THE_END[provider], 99)
    assert percent_now(session) == 99  # 99-99.5 s of the last part: begun only
    before = len(session.calls("LMSCommit"))
    settle(session, player, "() => ended()", 100)
    session.wait_for_call("LMSCommit", before + 1)  # an ended video commits
    assert percent_now(session) == 100  # the player at its end: the last part played through
    assert percent_committed(session) == 100
    assert session.problems() == []


def test_a_youtube_player_that_says_ended_without_its_time_while_playing_counts_the_last_part(
    scorm12_lms: Callable[[Path], Scorm12LMS], packages: dict[str, Path]
) -> None:
    session = scorm12_lms(packages["youtube"]).launch(prepare=fake_players)
    player = on_the_clip(session)
    # played at 0, then dragged to the end: its states only, no time while it played
    player.evaluate("() => tell({playerState: 1, currentTime: 0})")
    session.page.wait_for_timeout(300)
    before = len(session.calls("LMSCommit"))
    settle(session, player, "() => tell({playerState: 0, currentTime: length})", 1)
    session.wait_for_call("LMSCommit", before + 1)
    # the last part, as a file that ended: not 0, not 100; and what the player's clock saw
    # played between the two reports (0.3 s, or a few seconds on a loaded machine)
    assert 1 <= percent_now(session) <= 5
    assert percent_committed(session) == percent_now(session)
    assert session.problems() == []


@pytest.mark.parametrize("provider", ["youtube", "vimeo"])
def test_an_embed_moved_2_s_on_while_paused_counts_what_was_played_as_a_file(
    provider: str, scorm12_lms: Callable[[Path], Scorm12LMS], packages: dict[str, Path]
) -> None:
    session = scorm12_lms(packages[provider]).launch(prepare=fake_players)
    player = on_the_clip(session)
    settle(session, player, "() => play(0, 30)", 30)  # 0-30 s, paused
    # moved to 32 s while paused, played to 40 s: a file's played ranges 0-30 and 32-40 s
    settle(session, player, "() => play(32, 40)", 38)
    assert percent_now(session) == 38  # not 40: 30-32 s was not played
    assert session.problems() == []
