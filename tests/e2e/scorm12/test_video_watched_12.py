"""How much of a local video the learner watched, as the page says it and as cmi.suspend_data
holds it, in Chromium against scorm-again: only what was played counts, and what a learner
watched before leaving still counts when they come back, who resumes where they left off.

The bilingual fixture with ``completion.video: 90`` and a 10-second clip (a silent WAV stream
under the video's name: Chromium plays it by its bytes), served with byte ranges (the test
server has none) so that the learner can start it anywhere.
"""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, Route, expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.media import silent_clip
from support.seed import SeedCourse
from typer.testing import CliRunner

from builder.cli import app

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "bilingual"
CLIP_SECONDS = 10
NEED = 90
VIDEO = "#en_clip video"


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual course: a 10 s clip, 90 % of it to watch."""
    src = tmp_path_factory.mktemp("src") / "bilingual"
    shutil.copytree(FIXTURE, src)
    yml = src / "course.yml"
    yml.write_text(yml.read_text().replace("video: 0", f"video: {NEED}"))
    for page in (src / "modules").glob("clip.*.md"):
        page.write_text(page.read_text().replace('duration: "0:05"', 'duration: "0:10"'))
    silent_clip(src / "media" / "clip.mp4", CLIP_SECONDS)
    return src


@pytest.fixture(scope="module")
def package(course: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(app, ["build", str(course), "-t", "scorm12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / "bilingual-scorm12.zip"


@pytest.fixture
def lms(scorm12_lms: Callable[[Path], Scorm12LMS], package: Path) -> Scorm12LMS:
    return scorm12_lms(package)


def seekable(page: Page, clip: Path) -> None:
    """Serve the clip with byte ranges [RFC 9110 §14], as a web server does: a media element
    seeks only in a resource it can fetch from any byte."""
    data = clip.read_bytes()

    def serve(route: Route) -> None:
        found = re.fullmatch(r"bytes=(\d+)-(\d*)", route.request.headers.get("range", ""))
        start = int(found.group(1)) if found else 0
        end = int(found.group(2)) if found and found.group(2) else len(data) - 1
        headers = {"Content-Type": "video/mp4", "Accept-Ranges": "bytes"}
        headers["Cache-Control"] = "no-store"
        if found:
            headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        route.fulfill(status=206 if found else 200, headers=headers, body=data[start : end + 1])

    page.route("**/media/clip.mp4", serve)


def launch(lms: Scorm12LMS, course: Path, *, again: bool = False) -> LMSSession:
    """A launch (or, ``again``, a relaunch with what the LMS stored) that can seek in the clip."""
    clip = course / "media" / "clip.mp4"
    if again:
        return lms.relaunch(prepare=lambda page: seekable(page, clip))
    return lms.launch(prepare=lambda page: seekable(page, clip))


def open_clip(session: LMSSession, course: Path) -> Learner:
    me = Learner.started(session, SeedCourse(course.name, root=course.parent))
    me.go("clip")
    session.course.wait_for_function(
        f"""() => {{
          const v = document.querySelector('{VIDEO}');
          return v && v.readyState >= 1 && v.duration > 0;
        }}"""
    )
    return me


def play(frame: Frame, start: float | None, stop: float | None) -> None:
    """Play the clip (muted, at 4x) from ``start`` to ``stop`` (None: where it is; to the end)."""
    frame.evaluate(
        """async ([sel, start, stop]) => {
          const v = document.querySelector(sel);
          v.muted = true;
          if (start !== null) {
            v.currentTime = start;
            await new Promise(r => v.addEventListener('seeked', r, { once: true }));
          }
          v.playbackRate = 4;
          await v.play();
          await new Promise(r => {
            if (stop === null) return v.addEventListener('ended', r, { once: true });
            const at = () => {
              if (v.currentTime < stop) return;
              v.pause();
              v.removeEventListener('timeupdate', at);
              r();
            };
            v.addEventListener('timeupdate', at);
          });
          await new Promise(r => setTimeout(r, 50));
        }""",
        [VIDEO, start, stop],
    )


def video_state(frame: Frame) -> dict[str, Any]:
    """The runtime's counted percent and the clip's played ranges and position."""
    value: dict[str, Any] = frame.evaluate(
        """(sel) => {
          const v = document.querySelector(sel);
          const played = [];
          for (let k = 0; k < v.played.length; k++) {
            played.push([v.played.start(k), v.played.end(k)]);
          }
          const percent = CourseBuild.player.tracker.state.video[0];
          return { percent, played, time: v.currentTime };
        }""",
        VIDEO,
    )
    return value


def saved_percent(frame: Frame, suspend_data: str) -> int:
    """The video percent cmi.suspend_data holds, decoded by the runtime's own codec."""
    value: int = frame.evaluate(
        """(data) => {
          const config = JSON.parse(document.getElementById('coursebuild-config').textContent);
          return CourseBuild.state.decode(config, data).video[0];
        }""",
        suspend_data,
    )
    return value


def status(me: Learner) -> str:
    return me.section("clip").locator("[data-cb-video-status]").inner_text()


def test_letting_the_clip_end_counts_only_what_was_played(lms: Scorm12LMS, course: Path) -> None:
    session = launch(lms, course)
    me = open_clip(session, course)
    play(session.course, 9.5, None)  # the last half second, to the end
    seen = video_state(session.course)
    assert seen["played"] and seen["played"][0][0] >= 9.4
    assert seen["percent"] == 5, seen  # 9.5 s to 10 s of 10 s
    assert status(me) == me.t("video_progress", percent=5)
    session.wait_for_call("LMSCommit")
    stored = session.next_launch_cmi()["suspend_data"]
    assert saved_percent(session.course, stored) == 5
    assert session.cmi()["core"]["lesson_status"] != "completed"


def test_a_clip_dragged_to_its_end_counts_its_last_part_as_an_embed_that_ended(
    lms: Scorm12LMS, course: Path
) -> None:
    session = launch(lms, course)
    me = open_clip(session, course)
    play(session.course, 9.97, None)  # its last frames, to the end
    seen = video_state(session.course)
    assert seen["played"] and seen["played"][0][0] >= 9.9
    assert seen["percent"] == 1, seen  # the last 0.1 s part: the player said it ended
    assert status(me) == me.t("video_progress", percent=1)


def test_a_learner_who_leaves_mid_clip_resumes_there_and_keeps_what_they_watched(
    lms: Scorm12LMS, course: Path
) -> None:
    first = launch(lms, course)
    me = open_clip(first, course)
    play(first.course, None, 6.0)  # 0-6 s of 10 s (a loaded machine stops it a little later)
    watched = video_state(first.course)
    played_to = watched["played"][-1][1]
    assert abs(watched["percent"] - 10 * played_to) <= 1, watched  # what was played, of 10 s
    assert 60 <= watched["percent"] < 90, watched  # under the rule's 90 %: not done yet
    assert status(me) == me.t("video_progress", percent=watched["percent"])
    left_at = watched["time"]
    second = launch(lms, course, again=True)
    again = open_clip(second, course)
    resumed = video_state(second.course)
    assert resumed["percent"] == watched["percent"]  # the page says so before anything plays
    assert status(again) == again.t("video_progress", percent=watched["percent"])
    assert abs(resumed["time"] - left_at) <= 0.2, (resumed, left_at)  # where the learner left
    play(second.course, None, None)  # the rest, to the end
    expect(again.section("clip").locator("[data-cb-video-status]")).to_have_text(
        re.compile(re.escape(again.t("video_done")))
    )
    assert video_state(second.course)["percent"] == 100
    # the first session's part still counts at the next launch, with nothing played
    third = launch(lms, course, again=True)
    last = open_clip(third, course)
    assert video_state(third.course)["percent"] == 100
    expect(last.section("clip").locator("[data-cb-video-status]")).to_have_text(
        re.compile(re.escape(last.t("video_done")))
    )


def test_a_paused_clip_is_committed_there_and_a_killed_browser_resumes_there(
    lms: Scorm12LMS, course: Path
) -> None:
    first = launch(lms, course)
    open_clip(first, course)
    play(first.course, None, 3.0)  # 0-3 s of 10 s: the 25 % milestone commits
    play(first.course, 6.0, 6.3)  # then 6 s on, paused: 30-40 % in all, no milestone
    left_at = video_state(first.course)["time"]
    first.course.wait_for_function("() => CourseBuild.player.tracker.state.watched[0] !== ''")
    committed = first.calls("LMSCommit")[-1].cmi or {}
    at: float = first.course.evaluate(
        """(data) => {
          const config = JSON.parse(document.getElementById('coursebuild-config').textContent);
          return CourseBuild.playerVideo.kept(CourseBuild.state.decode(config, data).watched[0]).at;
        }""",
        committed["suspend_data"],
    )
    assert abs(at / 100 - left_at) <= 0.2, (at, left_at)  # the pause's commit, not the milestone's
    # the browser is killed: the next launch gets that commit (no pagehide, no LMSFinish)
    cmi = copy.deepcopy(committed)
    core = cmi.setdefault("core", {})
    core["entry"] = "resume" if core.pop("exit", "") == "suspend" else ""
    core.pop("session_time", None)
    second = lms.launch(cmi, prepare=lambda page: seekable(page, course / "media" / "clip.mp4"))
    open_clip(second, course)
    resumed = video_state(second.course)["time"]
    assert abs(resumed - (int(at / 10) / 100) * CLIP_SECONDS) <= 0.05, (resumed, at)
