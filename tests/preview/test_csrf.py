"""Cross-site requests to the preview server: any page the author's browser opens can send them,
so every change needs the preview's own origin and the run's token (the LRS: the launch's
credential); the Host must be the loopback address the server bound (DNS rebinding)."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, expect
from support.preview_server import Running
from support.web import CHROMIUM_ARGS, chromium_executable

from builder.preview.app import Preview
from builder.preview.build import PreviewBuild
from builder.preview.guard import TOKEN_HEADER
from builder.preview.sessions import LaunchInfo

Serve = Callable[..., Running]
CHANGES = [
    ("POST", "/api/reset"),
    ("POST", "/api/launch"),
    ("POST", "/api/commit"),
    ("POST", "/api/cmi5/fetch?registration=r"),
]
OLD_FIXED_CREDENTIAL = "Basic cHJldmlldzpwcmV2aWV3"  # preview:preview, the same for everyone


def send(
    run: Running, method: str, path: str, headers: dict[str, str], body: bytes = b"{}"
) -> tuple[int, Any]:
    """A request with exactly these headers (and http.client's Host, unless given)."""
    conn = http.client.HTTPConnection("127.0.0.1", run.port, timeout=10)
    conn.putrequest(method, path, skip_host="Host" in headers, skip_accept_encoding=True)
    for name, value in {**headers, "Content-Length": str(len(body))}.items():
        conn.putheader(name, value)
    conn.endheaders(body)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, json.loads(data) if data else None


def learner(run: Running) -> dict[str, Any]:
    """What the preview keeps about the learner: sessions launched, the committed values."""
    return run.preview.store.record("scorm12")


@pytest.fixture
def studied(serve: Serve) -> Running:
    """A preview whose learner has a session and a committed location to lose."""
    run = serve()
    session = run.json("POST", "/api/launch")["session"]
    values = {"cmi.core.lesson_location": "dos", "cmi.core.exit": "suspend"}
    done = run.json("POST", "/api/commit", {"session": session, "seq": 1, "values": values})
    assert done["ok"] and learner(run)["values"]["cmi.core.lesson_location"] == "dos"
    return run


def assert_untouched(run: Running, before: dict[str, Any]) -> None:
    after = learner(run)
    assert after["sessions"] == before["sessions"]  # nothing launched
    assert after["values"] == before["values"]  # nothing committed, nothing reset


@pytest.mark.parametrize(("method", "path"), CHANGES)
def test_a_change_without_the_run_token_is_refused(
    studied: Running, method: str, path: str
) -> None:
    run = studied
    before = learner(run)
    for headers in ({}, {TOKEN_HEADER: ""}, {TOKEN_HEADER: "not-the-token"}):
        status, body = send(run, method, path, headers)
        assert status == 403 and body["error"] is True, body
        assert TOKEN_HEADER in body["message"]
    assert_untouched(run, before)
    assert any(f"refused {method} '{path}'" in text and err for text, err in run.said), run.said


@pytest.mark.parametrize(("method", "path"), CHANGES)
def test_a_change_from_another_origin_is_refused_even_with_the_token(
    studied: Running, method: str, path: str
) -> None:
    run = studied
    before = learner(run)
    elsewhere = [
        {"Origin": "http://attacker.example"},
        {"Origin": "null"},  # a sandboxed frame, a file:// page
        {"Origin": f"http://127.0.0.1:{run.port + 1}"},
        {"Origin": f"http://localhost:{run.port}"},  # asked as 127.0.0.1: another origin
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "none"},
    ]
    for headers in elsewhere:
        status, body = send(run, method, path, {TOKEN_HEADER: run.token, **headers})
        assert status == 403 and body["error"] is True, (headers, body)
        assert next(iter(headers)) in body["message"]
    assert_untouched(run, before)


def test_the_page_own_requests_pass(studied: Running) -> None:
    run = studied
    own = {
        TOKEN_HEADER: run.token,
        "Origin": f"http://127.0.0.1:{run.port}",
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/json",
    }
    status, launched = send(run, "POST", "/api/launch", own)
    assert status == 200 and launched["values"]["cmi.core.entry"] == "resume"
    by_name = {**own, "Host": f"localhost:{run.port}", "Origin": f"http://localhost:{run.port}"}
    assert send(run, "POST", "/api/reset", by_name) == (200, {"ok": True})
    assert learner(run).get("sessions", 0) == 0


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example",
        "attacker.example:{port}",
        "127.0.0.1",
        "127.0.0.1:{other}",
        "0.0.0.0:{port}",
        "[::1]:{port}",
        "",
    ],
)
def test_a_request_for_another_host_is_refused(studied: Running, host: str) -> None:
    run = studied
    before = learner(run)
    named = {"Host": host.format(port=run.port, other=run.port + 1)}
    status, body = send(run, "GET", "/api/build", named)
    assert status == 403 and "Host" in body["message"] and "token" not in body
    status, body = send(run, "POST", "/api/reset", {TOKEN_HEADER: run.token, **named})
    assert status == 403 and "Host" in body["message"]
    assert_untouched(run, before)


def test_gets_change_nothing(studied: Running) -> None:
    run = studied
    before = learner(run)
    for _, path in CHANGES:
        for method in ("GET", "HEAD"):
            status, _ = send(run, method, path, {TOKEN_HEADER: run.token})
            assert status >= 400
    assert_untouched(run, before)


def test_the_lrs_takes_only_this_run_credential_and_only_from_its_origin(serve: Serve) -> None:
    run = serve()
    statement = {
        "actor": {"account": {"homePage": "http://localhost/x", "name": "l"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"},
        "object": {"id": "https://example.ca/c"},
    }
    body = json.dumps(statement).encode()
    xapi = {
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
        "Authorization": run.auth,
    }
    assert run.auth != OLD_FIXED_CREDENTIAL
    state = "/xapi/activities/state?activityId=https%3A%2F%2Fx.ca%2Fc&stateId=s&agent=%7B%7D"
    assert send(run, "PUT", state, xapi, b'{"kept": true}')[0] == 204
    for headers in ({"Origin": "http://attacker.example"}, {"Sec-Fetch-Site": "cross-site"}):
        status, answer = send(run, "POST", "/xapi/statements", {**xapi, **headers}, body)
        assert status == 403, answer
        for method in ("PUT", "POST", "DELETE"):
            status, answer = send(run, method, state, {**xapi, **headers}, b'{"kept": false}')
            assert status == 403, answer
    assert run.json("GET", "/api/statements?after=0")["statements"] == []  # not even refused
    status, _ = send(
        run, "POST", "/xapi/statements", {**xapi, "Authorization": OLD_FIXED_CREDENTIAL}, body
    )
    assert status == 401
    own = {**xapi, "Origin": f"http://127.0.0.1:{run.port}", "Sec-Fetch-Site": "same-origin"}
    status, ids = send(run, "POST", "/xapi/statements", own, body)
    assert status == 200 and len(ids) == 1
    got = http.client.HTTPConnection("127.0.0.1", run.port, timeout=10)
    got.request("GET", state, headers=xapi)
    assert json.loads(got.getresponse().read()) == {"kept": True}
    got.close()


def test_a_cmi5_launch_puts_the_run_token_in_its_fetch_url(course: Path, serve: Serve) -> None:
    run = serve()
    preview = Preview(course, "cmi5", lambda text, err: None)
    try:
        info = LaunchInfo(href="index.html", activity_id="https://example.ca/courses/c")
        preview.current = PreviewBuild(True, [], {"index.html": b""}, info)
        url = urlsplit(preview.launch(f"http://127.0.0.1:{run.port}")["url"])
        fetch = urlsplit(parse_qs(url.query)["fetch"][0])
        assert parse_qs(fetch.query)["token"] == [preview.token]
        assert preview.token != run.token  # a secret per run
    finally:
        preview.close()
    path = f"/api/cmi5/fetch?registration=r&token={run.token}"
    status, answer = send(run, "POST", path, {"Origin": f"http://127.0.0.1:{run.port}"})
    assert status == 200 and "Basic " + answer["auth-token"] == run.auth
    status, answer = send(run, "POST", path.replace(run.token, "guessed"), {})
    assert status == 403


# -- a real attacker page in Chromium


ATTACK = """<!doctype html><html><head><title>loading</title></head><body>
<iframe name="sink0"></iframe><iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<form method="POST" enctype="text/plain" action="TARGET/api/reset" target="sink0">
  <input name='{"a":"' value='"}'></form>
<form method="POST" enctype="text/plain" action="TARGET/api/launch" target="sink1">
  <input name='{"a":"' value='"}'></form>
<form method="POST" enctype="text/plain" action="TARGET/api/commit" target="sink2">
  <input name='{"session":"SESSION","seq":99,"values":{"cmi.core.lesson_location":"hacked'
         value='"},"finished":true}'></form>
<script>
var target = "TARGET";
var commit = JSON.stringify({session: "SESSION", seq: 98, finished: true,
                             values: {"cmi.core.lesson_location": "hacked"}});
function post(path, body, headers) {
  var init = {method: "POST", body: body, headers: headers || {}};
  if (!headers) init.mode = "no-cors";
  return fetch(target + path, init).then(function () { return "sent"; }, function () {
    return "blocked";
  });
}
Promise.all([
  post("/api/reset", "{}"),
  post("/api/launch", "{}"),
  post("/api/commit", commit),
  post("/api/reset", "{}", {"X-Coursebuild-Token": "guess", "Content-Type": "application/json"})
]).then(function (fetched) {
  var frames = document.querySelectorAll("iframe"), loaded = 0;
  frames.forEach(function (frame) {
    frame.addEventListener("load", function () {
      if (++loaded === frames.length) document.title = "done " + fetched.join(" ");
    });
  });
  document.querySelectorAll("form").forEach(function (form) { form.submit(); });
});
</script></body></html>"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Nothing on the test's output."""


@pytest.fixture
def attacker(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """Another local web server on another port: the page the author happens to visit."""
    root = tmp_path / "attacker"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
    yield root, server.server_port
    server.shutdown()
    server.server_close()


def test_a_cross_origin_page_in_chromium_cannot_reset_launch_or_commit(
    browser: Browser, studied: Running, attacker: tuple[Path, int]
) -> None:
    run = studied
    root, port = attacker
    session = run.preview.store.record("scorm12")["open"]["id"]
    page_text = ATTACK.replace("TARGET", f"http://127.0.0.1:{run.port}")
    (root / "attack.html").write_text(page_text.replace("SESSION", session), encoding="utf-8")
    before = learner(run)
    # attacker.test: another site, on this machine (as a DNS name pointing at 127.0.0.1 would be).
    rules = [a for a in CHROMIUM_ARGS if not a.startswith("--host-resolver-rules=")]
    resolve = "MAP attacker.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    rules.append(f"--host-resolver-rules={resolve}")
    chromium = browser.browser_type.launch(executable_path=chromium_executable(), args=rules)
    try:
        page = chromium.new_page()
        # Same site (another port of 127.0.0.1), then another site.
        for host in ("127.0.0.1", "attacker.test"):
            page.goto(f"http://{host}:{port}/attack.html")
            expect(page).to_have_title("done sent sent sent blocked", timeout=15000)
    finally:
        chromium.close()
    assert_untouched(run, before)
    assert learner(run)["open"]["id"] == session
    refused = [text for text, err in run.said if err and text.startswith("preview: refused POST")]
    assert len(refused) == 12, run.said  # 3 forms and 3 fetches from each page: all arrived
    assert any(f"Origin 'http://attacker.test:{port}'" in text for text in refused)
    assert any(f"Origin 'http://127.0.0.1:{port}'" in text for text in refused)


def test_a_refusal_line_cannot_drive_the_author_terminal(serve: Serve) -> None:
    run = serve()
    raw = b"POST /api/reset?\x1b]0;owned\x07\x1b[2J HTTP/1.1\r\nHost: a.example\r\n\r\n"
    with socket.create_connection(("127.0.0.1", run.port), timeout=5) as sock:
        sock.sendall(raw)
        assert sock.recv(65536).startswith(b"HTTP/1.1 403")
    (line,) = [text for text, err in run.said if "refused" in text]
    assert "\x1b" not in line and "\x07" not in line and "\\x1b" in line
