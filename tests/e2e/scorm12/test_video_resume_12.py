"""Where a learner left a video survives a closed laptop lid or a killed browser, and YouTube and
Vimeo videos start again there, in Chromium against scorm-again.

What the LMS holds is what was committed: a killed browser sends no pagehide, so a relaunch from
the last LMSCommit is what such a learner gets. YouTube and Vimeo cannot be reached from a test:
their frames are local pages under the providers' addresses that answer the postMessage
protocols the runtime speaks (YouTube's IFrame API widget messages, Vimeo's player.js ones) and
keep what the course asked of them.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, Route
from support.learner import Learner
from support.lms import CMIData, LMSSession, Scorm12LMS
from support.seed import SeedCourse
from typer.testing import CliRunner

from builder.cli import app

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "bilingual"
LENGTH = 100  # seconds: the embedded videos' length, as the course and the fake players say
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
VIMEO = "https://vimeo.com/76979871"

# A fake player: `sent` keeps what the course posted; `play(from, to)` is the learner playing
# it (a report a second) then pausing it.
FAKE_YOUTUBE = """<!doctype html><title>fake YouTube</title><script>
var sent = [], length = LENGTH;
function say(event, info) { parent.postMessage(JSON.stringify({event: event, info: info}), "*"); }
function tell(info) { say("infoDelivery", info); }
addEventListener("message", function (e) {
  var m = JSON.parse(e.data);
  sent.push(m);
  var unstarted = {playerState: -1, currentTime: 0, duration: length};
  if (m.event === "listening") say("initialDelivery", unstarted);
  if (m.func === "cueVideoById") tell({playerState: 5, currentTime: m.args[0].startSeconds});
});
function play(from, to) {
  for (var t = from; t <= to; t++) tell({playerState: 1, currentTime: t});
  tell({playerState: 2, currentTime: to});
}
</script>""".replace("LENGTH", str(LENGTH))

FAKE_VIMEO = """<!doctype html><title>fake Vimeo</title><script>
var sent = [], length = LENGTH;
function say(message) { parent.postMessage(JSON.stringify(message), "*"); }
function tell(event, seconds) { say({event: event, data: {seconds: seconds, duration: length}}); }
addEventListener("message", function (e) { sent.push(JSON.parse(e.data)); });
addEventListener("load", function () { say({event: "ready"}); });
function play(from, to) {
  tell("play", from);
  for (var t = from; t <= to; t++) tell("timeupdate", t);
  tell("pause", to);
}
</script>""".replace("LENGTH", str(LENGTH))


def build(tmp: Path, url: str) -> Path:
    """The bilingual course with its clip page embedding ``url`` (LENGTH seconds long)."""
    src = tmp / "bilingual"
    shutil.copytree(FIXTURE, src)
    for page in (src / "modules").glob("clip.*.md"):
        text = page.read_text().replace("url: media/clip.mp4", f"url: {url}")
        text = text.replace('duration: "0:05"', f'duration: "{LENGTH // 60}:{LENGTH % 60:02d}"')
        lines = [line for line in text.splitlines() if "descriptions:" not in line]
        page.write_text("\n".join(lines) + "\n")
    out = tmp / "dist"
    result = CliRunner().invoke(app, ["build", str(src), "-t", "scorm12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / "bilingual-scorm12.zip"


@pytest.fixture(scope="module")
def youtube_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("youtube"), YOUTUBE)


@pytest.fixture(scope="module")
def vimeo_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("vimeo"), VIMEO)


def fake_players(page: Page) -> None:
    """The providers' frames, answered locally (routes come before the harness's guard)."""
    for pattern, html in (
        ("https://www.youtube-nocookie.com/embed/**", FAKE_YOUTUBE),
        ("https://player.vimeo.com/video/**", FAKE_VIMEO),
    ):
        page.route(pattern, _answer(html))


def _answer(html: str) -> Callable[[Route], None]:
    return lambda route: route.fulfill(content_type="text/html", body=html)


def open_clip(session: LMSSession) -> tuple[Learner, Frame]:
    """The learner on the clip page, and the English player's frame once it listens."""
    me = Learner(session, SeedCourse("bilingual", root=FIXTURE.parent))
    me.wait_started()
    me.go("clip")
    frame = None
    for _ in range(100):
        frame = next((f for f in session.page.frames if _fake(f)), None)
        if frame is not None:
            break
        session.page.wait_for_timeout(50)
    assert frame is not None, [f.url for f in session.page.frames]
    return me, frame


def _fake(frame: Frame) -> bool:
    url = frame.url
    return ("youtube-nocookie.com/embed/" in url or "player.vimeo.com/video/" in url) and (
        "hl=en" in url or "texttrack=en" in url
    )


def sent(frame: Frame) -> list[dict[str, Any]]:
    """What the course posted to a fake player."""
    value: list[dict[str, Any]] = frame.evaluate("() => sent")
    return value


def position(session: LMSSession, suspend_data: str) -> float:
    """Where the clip was left, per mille, in a suspend_data (the runtime's own codecs)."""
    value: float = session.course.evaluate(
        """(data) => {
          const config = JSON.parse(document.getElementById('coursebuild-config').textContent);
          return CourseBuild.playerVideo.kept(CourseBuild.state.decode(config, data).watched[0]).at;
        }""",
        suspend_data,
    )
    return value


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
    youtube_zip: Path,
    vimeo_zip: Path,
) -> None:
    lms = scorm12_lms(youtube_zip if provider == "youtube" else vimeo_zip)
    first = lms.launch(prepare=fake_players)
    _, player = open_clip(first)
    stored = commits_after_pause(first, player, 0, 62)  # 62 s of 100, then paused
    assert abs(position(first, stored[-1]) - 620) <= 10, stored  # committed at the pause
    # the browser is killed: the next launch gets the last commit, no pagehide, no finish
    second = lms.launch(killed(first), prepare=fake_players)
    _, again = open_clip(second)
    if provider == "youtube":
        # cued from the start of that 1 % part: the player shows it there, playing nothing
        again.wait_for_function("() => sent.some((m) => m.func === 'cueVideoById')")
        cue = [m for m in sent(again) if m.get("func") == "cueVideoById"]
        assert cue == [
            {
                "event": "command",
                "func": "cueVideoById",
                "args": [{"videoId": "dQw4w9WgXcQ", "startSeconds": 62}],
            }
        ]
    else:
        # Vimeo's setCurrentTime would start a video that has not played: it moves at its first play
        again.wait_for_function("() => sent.some((m) => m.value === 'play')")
        assert not [m for m in sent(again) if m.get("method") == "setCurrentTime"]
        again.evaluate("() => tell('play', 0)")
        again.wait_for_function("() => sent.some((m) => m.method === 'setCurrentTime')")
        assert [m for m in sent(again) if m.get("method") == "setCurrentTime"] == [
            {"method": "setCurrentTime", "value": 62}
        ]
    assert json.dumps(sent(again)).count("pauseVideo") == 0


def test_a_vimeo_video_the_learner_already_plays_is_never_moved(
    scorm12_lms: Callable[[Path], Scorm12LMS], vimeo_zip: Path
) -> None:
    lms = scorm12_lms(vimeo_zip)
    first = lms.launch(prepare=fake_players)
    _, player = open_clip(first)
    commits_after_pause(first, player, 0, 62)
    second = lms.launch(killed(first), prepare=fake_players)
    _, again = open_clip(second)
    again.wait_for_function("() => sent.some((m) => m.value === 'play')")
    commits_after_pause(second, again, 30, 34)  # started where the learner moved it
    commits_after_pause(second, again, 0, 3)  # then from its beginning: theirs too
    assert [m for m in sent(again) if m.get("method") == "setCurrentTime"] == []
