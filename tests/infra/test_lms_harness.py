"""The LMS harness records what a SCO does, enforces what scorm-again does not, and resumes.

The SCO here is hand-written: it finds ``window.parent.API`` like a real runtime, and a
learner drives it with its buttons.
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page
from support import web
from support.lms import Scorm12LMS, read_sco_launch
from support.lms_session import ApiCall, LMSSession, add_timespans
from support.packages import scorm12_manifest, write_zip
from support.web import StaticServer
from support.xsd import validate_scorm12

TINY_SCO = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Tiny SCO</title></head>
<body>
<main>
  <h1>Tiny SCO</h1>
  <p id="status">starting</p>
  <button type="button" id="complete">Complete</button>
  <button type="button" id="bogus">Bogus status</button>
  <button type="button" id="broken">Broken</button>
</main>
<script>
  function findAPI(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      if (win.API) return win.API;
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findAPI(window);
  var finished = false;
  var seen = {};
  var statusEl = document.getElementById("status");
  if (!api) {
    statusEl.textContent = "no LMS";
  } else {
    api.LMSInitialize("");
    seen.entry = api.LMSGetValue("cmi.core.entry");
    seen.suspend = api.LMSGetValue("cmi.suspend_data");
    seen.location = api.LMSGetValue("cmi.core.lesson_location");
    seen.totalTime = api.LMSGetValue("cmi.core.total_time");
    seen.interactions = api.LMSGetValue("cmi.interactions._count");
    seen.mastery = api.LMSGetValue("cmi.student_data.mastery_score");
    statusEl.textContent = "entry=" + seen.entry + " suspend_data=" + seen.suspend;
  }
  window.sco = { api: api, seen: seen };

  document.getElementById("complete").addEventListener("click", function () {
    api.LMSSetValue("cmi.core.score.min", "0");
    api.LMSSetValue("cmi.core.score.max", "100");
    api.LMSSetValue("cmi.core.score.raw", "80");
    api.LMSSetValue("cmi.core.lesson_status", "passed");
    var n = api.LMSGetValue("cmi.interactions._count");
    api.LMSSetValue("cmi.interactions." + n + ".id", "q" + n);
    api.LMSSetValue("cmi.interactions." + n + ".type", "choice");
    api.LMSSetValue("cmi.interactions." + n + ".student_response", "a");
    api.LMSSetValue("cmi.interactions." + n + ".result", "correct");
    api.LMSSetValue("cmi.core.lesson_location", "page-3");
    api.LMSSetValue("cmi.suspend_data", "v1;p=3;q=a");
    api.LMSSetValue("cmi.core.session_time", "00:01:30");
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSCommit("");
    finished = api.LMSFinish("") === "true";
    statusEl.textContent = "done";
  });

  document.getElementById("bogus").addEventListener("click", function () {
    api.LMSSetValue("cmi.core.lesson_status", "bogus");
  });

  document.getElementById("broken").addEventListener("click", function () {
    console.error("tiny SCO console error");
    fetch("missing.js");
    fetch("http://93.184.216.34/beacon").catch(function () {});
    throw new Error("tiny SCO uncaught error");
  });

  // Leaving (the LMS unloads the frame): save where we are and finish, once.
  window.addEventListener("pagehide", function () {
    if (!api || finished) return;
    api.LMSSetValue("cmi.suspend_data", "left-early");
    api.LMSSetValue("cmi.core.exit", "suspend");
    api.LMSSetValue("cmi.core.session_time", "00:00:05");
    api.LMSCommit("");
    finished = true;
    api.LMSFinish("");
  });
</script>
</body>
</html>
"""

LMSMaker = Callable[[Path], Scorm12LMS]


@pytest.fixture
def tiny_zip(tmp_path: Path) -> Path:
    manifest = scorm12_manifest("index.html", mastery_score="80")
    assert validate_scorm12(manifest.encode()) == []
    return write_zip(tmp_path / "tiny.zip", {"imsmanifest.xml": manifest, "index.html": TINY_SCO})


@pytest.fixture
def lms(scorm12_lms: LMSMaker, tiny_zip: Path) -> Scorm12LMS:
    return scorm12_lms(tiny_zip)


def wait_until(session: LMSSession, done: Callable[[], bool], timeout_s: float = 5) -> None:
    """Let the page run (events reach Python only while Playwright waits) until ``done()``."""
    deadline = time.monotonic() + timeout_s
    while not done():
        assert time.monotonic() < deadline, "timed out"
        session.page.wait_for_timeout(20)


def sco_eval(session: LMSSession, script: str) -> object:
    """Run calls from inside the course frame, as the SCO itself would."""
    return session.course.evaluate(script)


def test_first_launch_gives_the_sco_what_an_lms_provides(lms: Scorm12LMS) -> None:
    session = lms.launch()
    seen = sco_eval(session, "() => window.sco.seen")
    assert seen == {
        "entry": "ab-initio",
        "suspend": "",
        "location": "",
        "totalTime": "00:00:00",
        "interactions": "0",
        "mastery": "80",  # from adlcp:masteryscore
    }
    assert session.course.locator("#status").text_content() == "entry=ab-initio suspend_data="
    cmi = session.cmi()
    assert cmi["core"]["student_id"] == "learner-1"
    assert cmi["core"]["credit"] == "credit"
    assert cmi["core"]["lesson_status"] == "not attempted"
    assert session.problems() == []


def test_a_learner_session_is_recorded_on_the_lms_side(lms: Scorm12LMS) -> None:
    session = lms.launch()
    session.course.get_by_role("button", name="Complete").click()

    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["score"] == {"raw": "80", "min": "0", "max": "100"}
    assert cmi["core"]["exit"] == "suspend"
    assert cmi["core"]["session_time"] == "00:01:30"
    assert cmi["suspend_data"] == "v1;p=3;q=a"
    interaction = cmi["interactions"]["0"]
    assert (interaction["id"], interaction["type"]) == ("q0", "choice")
    assert (interaction["student_response"], interaction["result"]) == ("a", "correct")

    calls = session.calls()
    assert [c.method for c in calls[:7]] == ["LMSInitialize"] + ["LMSGetValue"] * 6
    assert [c.method for c in calls[-3:]] == ["LMSSetValue", "LMSCommit", "LMSFinish"]
    assert all(c.result == "true" for c in calls if c.method != "LMSGetValue")
    assert all(c.error == "0" for c in calls)
    assert not any(c.after_finish for c in calls)
    assert [c.t for c in calls] == sorted(c.t for c in calls)
    commit, finish = session.calls("LMSCommit")[0], session.calls("LMSFinish")[0]
    assert commit.cmi is not None and commit.cmi["core"]["lesson_status"] == "passed"
    assert finish.cmi == session.final_cmi
    assert session.finished
    assert session.set_values()["cmi.core.score.raw"] == "80"
    assert session.problems() == []


def test_a_bad_value_is_recorded_as_error_405(lms: Scorm12LMS) -> None:
    session = lms.launch()
    session.course.get_by_role("button", name="Bogus status").click()
    bad = session.calls("LMSSetValue")[-1]
    assert bad.args == ("cmi.core.lesson_status", "bogus")
    assert (bad.result, bad.error) == ("false", "405")
    assert session.error_calls() == [bad]
    assert session.cmi()["core"]["lesson_status"] == "not attempted"
    assert session.problems() == [f"API error: {bad}"]


def test_calls_after_finish_are_violations_and_change_nothing(lms: Scorm12LMS) -> None:
    session = lms.launch()
    session.course.get_by_role("button", name="Complete").click()
    result = sco_eval(
        session,
        """() => [window.sco.api.LMSSetValue("cmi.core.lesson_status", "failed"),
                  window.sco.api.LMSGetLastError(),
                  window.sco.api.LMSCommit("")]""",
    )
    assert result == ["false", "301", "false"]
    late = [c for c in session.calls() if c.after_finish]
    assert [c.method for c in late] == ["LMSSetValue", "LMSGetLastError", "LMSCommit"]
    assert session.violations() == [
        'LMSSetValue("cmi.core.lesson_status", "failed") called after LMSFinish',
        'LMSCommit("") called after LMSFinish',
    ]
    assert session.cmi()["core"]["lesson_status"] == "passed"


def test_suspend_data_is_limited_to_4096_characters(lms: Scorm12LMS) -> None:
    session = lms.launch()
    results = sco_eval(
        session,
        """() => [window.sco.api.LMSSetValue("cmi.suspend_data", "x".repeat(4096)),
                  window.sco.api.LMSSetValue("cmi.suspend_data", "y".repeat(4097))]""",
    )
    assert results == ["true", "false"]
    assert session.calls("LMSSetValue")[-1].error == "405"
    assert session.violations() == ["cmi.suspend_data of 4097 characters (SCORM 1.2 allows 4096)"]
    assert session.cmi()["suspend_data"] == "x" * 4096


def test_commits_can_be_made_to_fail(lms: Scorm12LMS) -> None:
    session = lms.launch(fail_commits=2, fail_code=101)
    commit = "() => [window.sco.api.LMSCommit(''), window.sco.api.LMSGetLastError()]"
    assert [sco_eval(session, commit) for _ in range(3)] == [
        ["false", "101"],
        ["false", "101"],
        ["true", "0"],
    ]
    session.fail_commits(1, code=391)
    assert sco_eval(session, commit) == ["false", "391"]
    assert sco_eval(session, commit) == ["true", "0"]
    assert [c.error for c in session.calls("LMSCommit")] == ["101", "101", "0", "391", "0"]


def test_relaunch_resumes_with_the_stored_data(lms: Scorm12LMS) -> None:
    first = lms.launch()
    first.course.get_by_role("button", name="Complete").click()
    stored = first.next_launch_cmi()
    assert stored["core"]["entry"] == "resume"
    assert stored["core"]["total_time"] == "00:01:30"

    second = lms.relaunch()
    assert first.page.is_closed()
    seen = sco_eval(second, "() => window.sco.seen")
    assert seen == {
        "entry": "resume",
        "suspend": "v1;p=3;q=a",
        "location": "page-3",
        "totalTime": "00:01:30",
        "interactions": "1",
        "mastery": "80",
    }
    cmi = second.cmi()
    assert cmi["core"]["entry"] == "resume"
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["exit"] == ""
    assert cmi["core"]["session_time"] == "00:00:00"  # scorm-again's initial value

    # A second session appends its interaction after the stored one, and time keeps adding up.
    second.course.get_by_role("button", name="Complete").click()
    assert sorted(second.cmi()["interactions"]) == ["0", "1"]
    third = lms.relaunch()
    assert sco_eval(third, "() => window.sco.seen.totalTime") == "00:03:00"
    assert second.problems() == [] and third.problems() == []


def test_unloading_the_course_fires_pagehide_and_keeps_the_lms_data(lms: Scorm12LMS) -> None:
    session = lms.launch()
    session.close()  # the SCO's pagehide handler suspends and finishes
    assert session.page.is_closed()
    assert session.final_cmi is not None
    assert session.final_cmi["suspend_data"] == "left-early"
    assert session.final_cmi["core"]["exit"] == "suspend"
    assert [c.method for c in session.calls()[-2:]] == ["LMSCommit", "LMSFinish"]

    again = lms.relaunch()
    assert sco_eval(again, "() => window.sco.seen.entry") == "resume"
    assert sco_eval(again, "() => window.sco.seen.suspend") == "left-early"


def test_without_an_lms_the_sco_finds_no_api(lms: Scorm12LMS) -> None:
    session = lms.launch(api=False)
    assert session.course.locator("#status").text_content() == "no LMS"
    assert session.page.evaluate("() => typeof window.API") == "undefined"
    assert session.page.evaluate("() => typeof window.Scorm12API") == "undefined"
    assert session.calls() == []
    assert session.problems() == []


def test_errors_of_the_course_frame_are_captured(lms: Scorm12LMS) -> None:
    session = lms.launch()
    session.course.get_by_role("button", name="Broken").click()
    beacon = "http://93.184.216.34/beacon"

    def blocked_said() -> bool:  # the browser's console line about the blocked request
        return any(c.url == beacon for c in session.console)

    # The console line comes after the request is refused, on its own event: wait for it too.
    wait_until(
        session, lambda: bool(session.http_errors and session.blocked_requests) and blocked_said()
    )
    assert [(c.frame, c.text) for c in session.console if c.text == "tiny SCO console error"] == [
        ("course", "tiny SCO console error")
    ]
    assert any("tiny SCO uncaught error" in e for e in session.page_errors), session.page_errors
    assert any(s == 404 and u.endswith("/content/missing.js") for s, u in session.http_errors)
    assert session.blocked_requests == [beacon]
    problems = session.problems()
    assert any(p.startswith("console error (course)") for p in problems), problems
    assert any(p.startswith("page error") for p in problems), problems
    assert any(p.startswith("HTTP 404") for p in problems), problems
    assert any(p.startswith("blocked request") for p in problems), problems
    blocked_console = [c for c in session.console if c.url == beacon]
    assert [c.frame for c in blocked_console] == ["external"]
    expected = session.problems(expected_hosts={"93.184.216.34"})
    assert len(expected) == len(problems) - 2
    assert not any("93.184.216.34" in p or "BLOCKED" in p for p in expected), expected


def test_the_browser_cannot_resolve_outside_hosts(
    http_server: StaticServer, page: Page, blocked_requests: list[str]
) -> None:
    (http_server.root / "index.html").write_text(
        "<!doctype html><title>x</title>", encoding="utf-8"
    )
    page.goto(http_server.url)
    outcome = page.evaluate(
        """async () => {
             try { await fetch("http://example.com/"); return "reached"; }
             catch (e) { return "failed"; } }"""
    )
    assert outcome == "failed"
    assert blocked_requests == ["http://example.com/"]


def test_chromium_missing_is_a_clear_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(web.ChromiumMissing, match="apt-get install -y chromium"):
        web.chromium_executable()


def test_the_launch_file_comes_from_the_manifest() -> None:
    manifest = scorm12_manifest("lesson/start.html", parameters="?lang=fr", mastery_score="75")
    launch = read_sco_launch(manifest.encode())
    assert launch.href == "lesson/start.html?lang=fr"
    assert (launch.item, launch.resource, launch.mastery_score) == ("item-1", "res-1", "75")
    with pytest.raises(ValueError, match="no SCO item"):
        read_sco_launch(manifest.replace('scormtype="sco"', 'scormtype="asset"').encode())


def test_timespans_add_up() -> None:
    assert add_timespans("", "00:01:30") == "00:01:30"
    assert add_timespans("0001:59:59.50", "00:00:00.75") == "02:00:00.25"
    assert add_timespans("99:00:00", "2:00:00") == "101:00:00"


def _chromium_command_lines() -> list[list[str]]:
    """The command lines of the Chromium browser processes this test process started (through
    Playwright's driver), read from /proc."""
    parents: dict[int, int] = {}
    lines: dict[int, list[str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        lines[int(entry.name)] = [a.decode(errors="replace") for a in argv if a]

    def ours(pid: int) -> bool:
        while pid > 1:
            if pid == os.getpid():
                return True
            pid = parents.get(pid, 1)
        return False

    return [
        argv
        for pid, argv in lines.items()
        if ours(pid) and any(a.startswith("--remote-debugging-pipe") for a in argv)
    ]


def test_chromium_gets_one_feature_list_playwright_s_own(browser: object) -> None:
    # Chromium keeps only the last --disable-features (base::CommandLine: last one wins): a
    # second list of ours would drop Playwright's own (PaintHolding, HttpsUpgrades...).
    found = _chromium_command_lines()
    assert found, "the session's Chromium was not found in /proc"
    for argv in found:
        lists = [a for a in argv if a.startswith("--disable-features=")]
        assert len(lists) == 1, lists
        assert "PaintHolding" in lists[0].split("=", 1)[1].split(",")


def test_a_browser_that_leaves_mid_reply_prints_no_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A page closed while the harness writes its response (seen in CI as a BrokenPipeError
    traceback from the LRS front) is no error of the test's: nothing is printed for it."""
    server = StaticServer(tmp_path / "www")
    (server.root / "big.bin").write_bytes(b"x" * (8 << 20))  # far more than a socket buffers
    try:
        with socket.create_connection((web.LOCAL_HOST, server.port)) as client:
            client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            client.recv(1024)
            # Closed with a reset, as a browser drops a page's connection.
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        deadline = time.monotonic() + 10
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the handler's failed write, and what it would print
    finally:
        server.close()
    assert server.requests == [("GET", "/big.bin", 200)]
    assert "Traceback" not in capfd.readouterr().err


def test_a_403_is_not_initialized_only_on_an_element_the_lms_alone_sets() -> None:
    """403 on cmi.completion_threshold is the LMS saying it has none [SCORM 2004 RTE §3.1.7.6];
    on cmi.location (the SCO's own) it is still an error, as is any 403 in SCORM 1.2."""

    def call(method: str, element: str, error: str) -> ApiCall:
        return ApiCall(1, method, (element,), "", error, False, 0, None)

    assert call("GetValue", "cmi.completion_threshold", "403").not_initialized
    assert call("GetValue", "cmi.scaled_passing_score", "403").not_initialized
    assert not call("GetValue", "cmi.location", "403").not_initialized
    assert not call("GetValue", "cmi.completion_threshold", "401").not_initialized
    assert not call("LMSGetValue", "cmi.completion_threshold", "403").not_initialized
