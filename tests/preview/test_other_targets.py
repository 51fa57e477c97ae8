"""The LMS page with SCORM 2004 and xAPI packages: tiny hand-made SCOs stand in for the targets
(they are built elsewhere), so the page's API_1484_11, its resume, and the Tin Can launch into
the built-in LRS are checked in Chromium now."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from builder.preview.app import Preview
from builder.preview.build import PreviewBuild
from builder.preview.server import bind
from builder.preview.sessions import LaunchInfo, Scorm2004Sessions, duration_cs, format_duration
from builder.preview.store import Store

SCO_2004 = """<!doctype html><html lang="en"><head><title>SCO</title></head><body>
<p id="out">starting</p><script>
var api = window.parent.API_1484_11;
api.Initialize("");
var seen = "entry " + api.GetValue("cmi.entry") + ", location " + api.GetValue("cmi.location");
api.GetValue("cmi.completion_threshold");
api.SetValue("cmi.location", "page-2");
api.SetValue("cmi.completion_status", "incomplete");
api.SetValue("cmi.exit", "suspend");
api.SetValue("cmi.session_time", "PT5S");
api.SetValue("cmi.score.scaled", "2");
api.Commit("");
document.getElementById("out").textContent = seen;
window.addEventListener("pagehide", function () { api.Terminate(""); });
</script></body></html>"""

TIN_CAN = """<!doctype html><html lang="en"><head><title>Tin Can</title></head><body>
<p id="out">starting</p><script>
var q = new URLSearchParams(location.search);
function send(headers) {
  var url = q.get("endpoint") + "statements";
  return fetch(url, {method: "POST", headers: headers, body: JSON.stringify({
    actor: JSON.parse(q.get("actor")), object: {id: q.get("activity_id")},
    verb: {id: "http://adlnet.gov/expapi/verbs/initialized", display: {"en-US": "initialized"}},
    context: {registration: q.get("registration")}})}).then(function (r) { return r.status; });
}
var good = {"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3",
            "Authorization": q.get("auth")};
send(good).then(function (a) {
  return send({"Content-Type": "application/json", "Authorization": q.get("auth")}).then(
    function (b) { document.getElementById("out").textContent = "sent " + a + " " + b; });
});
</script></body></html>"""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[str, str, LaunchInfo], str]]:
    running: list[tuple[Preview, object]] = []

    def serve(target: str, html: str, info: LaunchInfo) -> str:
        course = tmp_path / f"course-{target}"
        course.mkdir()
        preview = Preview(course, target, lambda text, err: None)
        preview.current = PreviewBuild(True, [], {"index.html": html.encode()}, info, "Fake", "x")
        preview.generation = 1
        server, port = bind(0)
        server.preview = preview
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
        running.append((preview, server))
        return f"http://127.0.0.1:{port}/"

    yield serve
    for preview, server in running:
        server.shutdown()  # type: ignore[attr-defined]
        server.server_close()  # type: ignore[attr-defined]
        preview.close()


def cell(page: Page, element: str) -> object:
    return expect(page.locator(f'#cmi tr[data-element="{element}"] td'))


def test_scorm2004_in_the_lms_page_strict_and_resumed(
    page: Page, served: Callable[..., str]
) -> None:
    url = served("scorm2004", SCO_2004, LaunchInfo("index.html", scaled_passing_score="0.8"))
    page.goto(url)
    course = page.frame_locator("#course")
    expect(course.locator("#out")).to_have_text("entry ab-initio, location ")
    cell(page, "cmi.location").to_have_text("page-2")  # type: ignore[attr-defined]
    cell(page, "cmi.scaled_passing_score").to_have_text("0.8")  # type: ignore[attr-defined]
    bad = page.locator('#calls li.error[data-method="SetValue"]')
    expect(bad).to_contain_text("Error 407 (Data model element value out of range)")
    page.get_by_label("Show the error queries").check()
    expect(page.locator('#calls li[data-method="GetValue"][data-error="403"]')).to_have_count(2)
    # the LMS has no completion threshold and says so: not initialized, not an error
    unset = page.locator('#calls li[data-error="403"][data-unset="1"]')
    expect(unset).to_contain_text("cmi.completion_threshold")
    expect(unset).to_contain_text("Not initialized (403)")
    expect(unset).not_to_have_class("error")
    expect(page.locator("#calls-count")).to_contain_text("2 with errors, 1 not initialized")
    page.get_by_role("button", name="Relaunch").click()
    expect(course.locator("#out")).to_have_text("entry resume, location page-2")
    expect(page.locator("#session")).to_contain_text("PT0H0M5S")
    assert page.evaluate("typeof window.API") == "undefined"


def test_a_tin_can_launch_reports_to_the_built_in_lrs(
    page: Page, served: Callable[..., str]
) -> None:
    url = served("xapi", TIN_CAN, LaunchInfo("index.html", activity_id="https://example.ca/c"))
    page.goto(url)
    expect(page.frame_locator("#course").locator("#out")).to_have_text("sent 200 400")
    statements = page.locator("#statements li")
    expect(statements).to_have_count(2)
    expect(statements.nth(0)).to_contain_text("initialized https://example.ca/c")
    expect(statements.nth(1)).to_contain_text("X-Experience-API-Version: expected 1.0.x")
    expect(page.locator("#calls-section")).to_be_hidden()


def test_scorm2004_sessions_new_attempt_unless_suspended(tmp_path: Path) -> None:
    assert duration_cs("PT1H2M3.5S") == 372350
    assert duration_cs("P1DT1S") == 8640100
    assert duration_cs("PT") == 0 and duration_cs("00:00:05") == 0
    assert format_duration(372350) == "PT1H2M3.5S" and format_duration(0) == "PT0H0M0S"
    store = Store(tmp_path / "learner.sqlite3")
    sessions = Scorm2004Sessions(store)
    info = LaunchInfo("index.html", scaled_passing_score="0.8")
    first = sessions.launch(info)
    assert first["values"]["cmi.entry"] == "ab-initio"
    assert first["values"]["cmi.scaled_passing_score"] == "0.8"
    assert "cmi.launch_data" not in first["values"]  # none in the manifest: GetValue says 403
    suspended = {
        "cmi.exit": "suspend",
        "cmi.session_time": "PT30S",
        "cmi.location": "dos",
        "cmi.learner_preference.language": "fr",
        "cmi.success_status": "failed",
        "cmi.score.scaled": "0.9",
    }
    ok, notes = sessions.commit(first["session"], 1, suspended, True, info)
    assert ok and "the LMS reports 'passed'" in notes[0]
    second = sessions.launch(info)["values"]
    assert second["cmi.entry"] == "resume" and second["cmi.location"] == "dos"
    assert second["cmi.total_time"] == "PT0H0M30S"
    done = {**second, "cmi.exit": "normal", "cmi.session_time": "PT10S", "cmi.location": "end"}
    assert sessions.commit(sessions.launch(info)["session"], 1, done, True, info)[0]
    third = sessions.launch(info)["values"]
    assert third["cmi.entry"] == "ab-initio"  # exit normal ended the attempt: a new one
    assert "cmi.location" not in third and third["cmi.total_time"] == "PT0H0M0S"
    assert third["cmi.learner_preference.language"] == "fr"  # preferences outlive attempts
    store.close()
