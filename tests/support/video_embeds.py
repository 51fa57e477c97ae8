"""YouTube and Vimeo embeds in browser tests: the bilingual course with its clip page embedding
one, and the providers' frames answered by local fake players.

YouTube and Vimeo cannot be reached from a test: their frames are local pages under the
providers' addresses that answer the postMessage protocols the runtime speaks (YouTube's IFrame
API widget messages, Vimeo's player.js ones) and keep what the course asked of them (``sent``).
In a fake, ``play(from, to)`` is the learner playing it (a report a second) then pausing it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, Route
from typer.testing import CliRunner

from builder.cli import app

from .learner import Learner
from .lms_session import LMSSession
from .seed import SeedCourse

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "bilingual"
LENGTH = 100  # seconds: the embedded videos' length, as the course and the fake players say
YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
VIMEO = "https://vimeo.com/76979871"
URLS = {"youtube": YOUTUBE, "vimeo": VIMEO}

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

# Vimeo moves a video at setCurrentTime: it says "seeked" there, then plays on from it.
FAKE_VIMEO = """<!doctype html><title>fake Vimeo</title><script>
var sent = [], length = LENGTH;
function say(message) { parent.postMessage(JSON.stringify(message), "*"); }
function tell(event, seconds) { say({event: event, data: {seconds: seconds, duration: length}}); }
addEventListener("message", function (e) {
  var m = JSON.parse(e.data);
  sent.push(m);
  if (m.method === "setCurrentTime") tell("seeked", m.value);
});
addEventListener("load", function () { say({event: "ready"}); });
function play(from, to) {
  tell("play", from);
  for (var t = from; t <= to; t++) tell("timeupdate", t);
  tell("pause", to);
}
</script>""".replace("LENGTH", str(LENGTH))


def build_with_embed(tmp: Path, provider: str, target: str) -> Path:
    """The bilingual course for ``target`` with its clip page embedding ``provider``'s video
    (LENGTH seconds long): the package's path."""
    src = tmp / "bilingual"
    shutil.copytree(FIXTURE, src)
    for page in (src / "modules").glob("clip.*.md"):
        text = page.read_text().replace("url: media/clip.mp4", f"url: {URLS[provider]}")
        text = text.replace('duration: "0:05"', f'duration: "{LENGTH // 60}:{LENGTH % 60:02d}"')
        lines = [line for line in text.splitlines() if "descriptions:" not in line]
        page.write_text("\n".join(lines) + "\n")
    out = tmp / "dist"
    result = CliRunner().invoke(app, ["build", str(src), "-t", target, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out / f"bilingual-{target}.zip"


def embed_packages(tmp_path_factory: pytest.TempPathFactory, target: str) -> dict[str, Path]:
    """The embed course's ``target`` package for each provider (``build_with_embed``)."""
    return {
        provider: build_with_embed(tmp_path_factory.mktemp(provider), provider, target)
        for provider in URLS
    }


def on_the_clip(where: LMSSession | Page, learner: type[Learner] = Learner) -> Frame:
    """The embed course's learner (launched in ``where``) on the clip page: the English
    player's frame, once it is there."""
    me = learner.started(where, SeedCourse("bilingual", root=FIXTURE.parent))
    me.go("clip")
    return english_player(where.page if isinstance(where, LMSSession) else where)


def fake_players(page: Page) -> None:
    """The providers' frames, answered locally (routes come before the harness's guard)."""
    for pattern, html in (
        ("https://www.youtube-nocookie.com/embed/**", FAKE_YOUTUBE),
        ("https://player.vimeo.com/video/**", FAKE_VIMEO),
    ):
        page.route(pattern, _answer(html))


def _answer(html: str) -> Callable[[Route], None]:
    return lambda route: route.fulfill(content_type="text/html", body=html)


def english_player(page: Page) -> Frame:
    """The English clip's fake player frame, once it is there (5 s at most)."""
    for _ in range(100):
        frame = next((f for f in page.frames if _fake(f)), None)
        if frame is not None:
            return frame
        page.wait_for_timeout(50)
    raise AssertionError([f.url for f in page.frames])


def _fake(frame: Frame) -> bool:
    url = frame.url
    return ("youtube-nocookie.com/embed/" in url or "player.vimeo.com/video/" in url) and (
        "hl=en" in url or "texttrack=en" in url
    )


def sent(frame: Frame) -> list[dict[str, Any]]:
    """What the course posted to a fake player."""
    value: list[dict[str, Any]] = frame.evaluate("() => sent")
    return value


def commands(frame: Frame, name: str) -> list[dict[str, Any]]:
    """The course's ``name`` commands to a fake player (YouTube ``func``, Vimeo ``method``)."""
    return [m for m in sent(frame) if name in (m.get("func"), m.get("method"))]


def expect_resumed_at(player: Frame, provider: str, seconds: int) -> None:
    """A relaunched course starts ``provider``'s video again at ``seconds``: YouTube cued there
    (shown there, playing nothing, never paused), Vimeo moved there at the learner's first play
    (its setCurrentTime would start a video that has not played), which this plays."""
    if provider == "youtube":
        player.wait_for_function("() => sent.some((m) => m.func === 'cueVideoById')")
        cue = {"videoId": "dQw4w9WgXcQ", "startSeconds": seconds}
        assert commands(player, "cueVideoById") == [
            {"event": "command", "func": "cueVideoById", "args": [cue]}
        ], sent(player)
        assert commands(player, "pauseVideo") == [], sent(player)
        return
    player.wait_for_function("() => sent.some((m) => m.value === 'play')")
    assert commands(player, "setCurrentTime") == [], sent(player)  # not before the first play
    player.evaluate("() => tell('play', 0)")  # the learner starts it
    player.wait_for_function("() => sent.some((m) => m.method === 'setCurrentTime')")
    assert commands(player, "setCurrentTime") == [{"method": "setCurrentTime", "value": seconds}], (
        sent(player)
    )


def clip_kept(scope: Page | Frame, suspend_data: str) -> dict[str, Any]:
    """The clip's percent watched (``percent``), where it was left (``at``, per mille) and its
    1 % parts played (``parts``, a "1" each) in a suspend_data, read by the runtime's codecs."""
    value: dict[str, Any] = scope.evaluate(
        """(data) => {
          const config = JSON.parse(document.getElementById('coursebuild-config').textContent);
          const state = CourseBuild.state.decode(config, data);
          const was = CourseBuild.playerVideo.kept(state.watched[0]);
          return {percent: state.video[0], at: was.at, parts: was.parts.join('')};
        }""",
        suspend_data,
    )
    return value
