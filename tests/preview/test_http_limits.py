"""The preview server against hostile HTTP over a raw socket: framing, limits, slow clients,
malformed values. Each answer is a 4xx with a JSON error, never a 500 or an "internal error"
line, and the server serves the next normal request."""

from __future__ import annotations

import json
import re
import socket
import time
from collections.abc import Callable

import pytest
from support.preview_server import Running

from builder.preview import server as preview_server

Serve = Callable[..., Running]


def exchange(run: Running, raw: bytes, wait: float = 5.0) -> tuple[list[int], bytes, bool]:
    """Send raw bytes; (the statuses answered, everything read, whether the server closed)."""
    with socket.create_connection(("127.0.0.1", run.port), timeout=wait) as sock:
        sock.sendall(raw)
        data, closed = b"", False
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                closed = True
                break
            if not chunk:
                closed = True
                break
            data += chunk
    statuses = [int(code) for code in re.findall(rb"HTTP/1\.[01] (\d{3}) ", data)]
    return statuses, data, closed


def head(run: Running, method: str, path: str, *lines: str) -> bytes:
    """A request head for this server: its Host, the per-run token, the given header lines."""
    fields = [
        f"{method} {path} HTTP/1.1",
        f"Host: 127.0.0.1:{run.port}",
        f"X-Coursebuild-Token: {run.token}",
        *lines,
    ]
    return ("\r\n".join(fields) + "\r\n\r\n").encode("latin-1")


def json_error(data: bytes) -> str:
    """The message of the JSON error that ends the answer."""
    body = data.split(b"\r\n\r\n", 1)[1]
    value = json.loads(body)
    assert value["error"] is True
    return str(value["message"])


def still_serves(run: Running) -> None:
    """A normal request after the hostile one is answered, and nothing was said as an error."""
    assert run.json("GET", "/api/build")["ok"]
    assert not [text for text, _ in run.said if "internal error" in text], run.said


@pytest.mark.parametrize("length", ["-1", "abc", "1_0", "+5", "0x10", "5, 6"])
def test_a_content_length_that_is_not_digits_is_refused_and_the_connection_closed(
    serve: Serve, length: str
) -> None:
    run = serve()
    started = time.monotonic()
    statuses, data, closed = exchange(
        run, head(run, "POST", "/api/commit", f"Content-Length: {length}")
    )
    assert statuses == [400] and closed, data
    assert "Content-Length" in json_error(data)
    assert time.monotonic() - started < 3  # answered at once, not when the client gives up
    still_serves(run)


def test_a_huge_content_length_is_refused_unread_and_the_connection_closed(serve: Serve) -> None:
    run = serve()
    raw = head(run, "POST", "/api/commit", "Content-Length: 99999999999999") + b"x" * 1000
    statuses, data, closed = exchange(run, raw)
    assert statuses == [413] and closed, data
    assert "over" in json_error(data)
    still_serves(run)


def test_a_chunked_body_is_refused_and_never_read_as_a_request(serve: Serve) -> None:
    run = serve()
    smuggled = f"POST /api/reset HTTP/1.1\r\nHost: 127.0.0.1:{run.port}\r\n\r\n".encode()
    body = f"{len(smuggled):x}\r\n".encode() + smuggled + b"\r\n0\r\n\r\n"
    raw = head(run, "POST", "/api/commit", "Transfer-Encoding: chunked") + body
    launched = run.json("POST", "/api/launch")
    statuses, data, closed = exchange(run, raw)
    assert statuses == [411] and closed, data  # one answer: the body was not a second request
    assert "Transfer-Encoding" in json_error(data)
    assert run.json("POST", "/api/launch")["number"] == launched["number"] + 1  # no reset
    still_serves(run)


def test_a_get_with_a_body_does_not_run_the_body_as_a_request(serve: Serve) -> None:
    run = serve()
    smuggled = f"GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1:{run.port}\r\n\r\n".encode()
    raw = head(run, "GET", "/api/build", f"Content-Length: {len(smuggled)}") + smuggled
    statuses, data, _ = exchange(run, raw, wait=1.5)
    assert statuses == [200], data
    still_serves(run)


def test_a_slow_client_is_let_go(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview_server.Handler, "timeout", 0.5)
    run = serve()
    started = time.monotonic()
    raw = head(run, "POST", "/api/commit", "Content-Length: 100") + b'{"se'
    statuses, data, closed = exchange(run, raw, wait=5)
    assert closed and statuses in ([], [408]), data
    assert time.monotonic() - started < 3
    started = time.monotonic()
    statuses, data, closed = exchange(run, b"GET /api/bu", wait=5)  # half a request line
    assert closed and statuses in ([], [408]), data
    assert time.monotonic() - started < 3
    still_serves(run)


def test_a_body_sent_a_byte_at_a_time_cannot_hold_a_thread_for_long(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(preview_server.Handler, "timeout", 0.5)
    monkeypatch.setattr(preview_server, "BODY_SECONDS", 1.0)
    run = serve()
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", run.port), timeout=5) as sock:
        sock.sendall(head(run, "POST", "/api/commit", "Content-Length: 100"))
        closed = False
        for _ in range(40):  # 40 bytes over 8 s, each well within the per-read timeout
            try:
                sock.sendall(b" ")
            except OSError:
                closed = True
                break
            time.sleep(0.2)
            sock.settimeout(0.01)
            try:
                if sock.recv(65536) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
            except OSError:
                closed = True
                break
    assert closed and time.monotonic() - started < 4
    still_serves(run)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"seq": "x"}, "seq"),
        ({"seq": None}, "seq"),
        ({"seq": 1.5}, "seq"),
        ({"seq": True}, "seq"),
        ({"seq": -1}, "seq"),
        ({"seq": 10**30}, "seq"),
        ({"seq": 1, "values": []}, "values"),
        ({"seq": 1, "session": 5}, "session"),
    ],
)
def test_a_malformed_commit_is_a_400_that_names_the_field(
    serve: Serve, body: dict[str, object], field: str
) -> None:
    run = serve()
    session = run.json("POST", "/api/launch")["session"]
    status, _, data = run.request("POST", "/api/commit", {"session": session, "values": {}, **body})
    assert status == 400, data
    assert field in " ".join(json.loads(data)["notes"])
    still_serves(run)


def test_an_infinite_seq_is_a_400(serve: Serve) -> None:
    run = serve()
    status, _, data = run.request("POST", "/api/commit", b'{"seq": 1e400, "values": {}}')
    assert status == 400 and b"seq" in data
    still_serves(run)


@pytest.mark.parametrize("after", ["%C2%B2", "-1", "99999999999999999999999", "x"])
def test_a_bad_statements_cursor_is_a_400(serve: Serve, after: str) -> None:
    run = serve()
    status, _, data = run.request("GET", f"/api/statements?after={after}")
    assert status == 400 and b"after" in data, data
    still_serves(run)


DEEP = b"[" * 200_000 + b"]" * 200_000


def test_deep_json_is_a_400_everywhere_json_is_read(serve: Serve) -> None:
    run = serve()
    status, _, data = run.request("POST", "/api/commit", DEEP)
    assert status == 400, data
    xapi = {
        "X-Experience-API-Version": "1.0.3",
        "Authorization": run.auth,
        "Content-Type": "application/json",
    }
    status, _, data = run.request("POST", "/xapi/statements", DEEP, xapi)
    assert status == 400 and b"nested" in data, data
    nested = b'{"a": ' * 150 + b"1" + b"}" * 150  # parses, but deeper than any statement
    status, _, data = run.request("POST", "/xapi/statements", nested, xapi)
    assert status == 400 and b"nested" in data, data
    agent = "%5B" * 20_000  # under the 64 KiB request line
    query = f"activityId=https%3A%2F%2Fx.ca%2Fc&stateId=s&agent={agent}"
    status, _, data = run.request("GET", f"/xapi/activities/state?{query}", headers=xapi)
    assert status == 400, data
    still_serves(run)


@pytest.mark.parametrize(
    "path",
    ["/lms/%00", "/course/a%00b.html", "/%00", "/lms/%zz.js", "/lms/%", "/course/%ff.html", "/x%2"],
)
def test_nul_or_invalid_percent_encoding_in_the_path_is_a_400(serve: Serve, path: str) -> None:
    run = serve()
    statuses, data, _ = exchange(run, head(run, "GET", path), wait=1.5)
    assert statuses == [400], data
    assert "path" in json_error(data)
    still_serves(run)


def test_a_raw_nul_or_control_byte_in_the_path_is_a_400(serve: Serve) -> None:
    run = serve()
    for path in ("/lms/a\x00b", "/course/\x01.html"):
        statuses, data, _ = exchange(run, head(run, "GET", path), wait=1.5)
        assert statuses == [400], data
    still_serves(run)


def test_a_kept_alive_connection_after_stop_gets_no_answer_and_no_internal_error(
    serve: Serve,
) -> None:
    run = serve()
    with socket.create_connection(("127.0.0.1", run.port), timeout=5) as sock:
        sock.sendall(head(run, "GET", "/api/statements?after=0"))
        answer = b""
        while not answer.endswith(b'{"statements": []}'):  # the page's poll, kept alive
            answer += sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200")
        run.server.stop()  # Ctrl-C: then the learner's store closes
        run.preview.close()
        sock.sendall(head(run, "GET", "/api/statements?after=0"))
        assert sock.recv(65536) == b""  # closed: the page says the server is not answering
    assert not [text for text, _ in run.said if "internal error" in text], run.said
