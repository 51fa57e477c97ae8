"""`coursebuild report --lrs` against LRSs that misbehave: credentials stay with the endpoint's
origin, a bad address is a usage error, a bad answer is an error (exit 1), never a crash."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from support.report_statements import ACTIVITIES, learners
from typer.testing import CliRunner, Result

from builder.cli import app
from builder.report import lrs, lrs_address
from builder.standards.xapi import MAX_DEPTH

runner = CliRunner()
SECRET = "ana:s3cret"
SECRET_B64 = "YW5hOnMzY3JldA=="

# What a fake server answers to a path: (status, headers, body), or raw bytes written as they are.
Answer = Callable[[str], "tuple[int, dict[str, str], bytes] | bytes"]


def result(statements: list[Any], more: str = "") -> tuple[int, dict[str, str], bytes]:
    """A 200 answer holding a StatementResult."""
    body = json.dumps({"statements": statements, "more": more}).encode()
    return 200, {"Content-Type": "application/json"}, body


@dataclass
class Served:
    """A fake server: its origin (``http://host:port``) and every request it got."""

    origin: str
    seen: list[tuple[str, str | None]] = field(default_factory=list)  # path, Authorization


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Answer, host: str = "127.0.0.1") -> Served:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                served.seen.append((self.path, self.headers.get("Authorization")))
                answered = answer(self.path)
                if isinstance(answered, bytes):
                    self.wfile.write(answered)
                    return
                status, headers, body = answered
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        server_class = type("Server", (ThreadingHTTPServer,), {"address_family": family})
        httpd = server_class((host, 0), Handler)
        servers.append(httpd)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        shown = f"[{host}]" if ":" in host else host
        served = Served(f"http://{shown}:{httpd.server_port}")
        return served

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "c-xapi-activities.json"
    path.write_text(json.dumps(ACTIVITIES))
    return path


def report(source: Path, endpoint: str, out: Path, *extra: str) -> Result:
    """`coursebuild report SOURCE --lrs ENDPOINT`, the credentials in the environment."""
    args = ["report", str(source), "--lrs", endpoint, "--out", str(out), *extra]
    done = runner.invoke(app, args, env={"COURSEBUILD_LRS_AUTH": SECRET}, color=True)
    # An exception here is what the CLI's error boundary prints as an internal error (exit 70).
    assert done.exception is None or isinstance(done.exception, SystemExit), repr(done.exception)
    assert "s3cret" not in done.output and SECRET_B64 not in done.output
    return done


def failed(done: Result, out: Path, *said: str) -> None:
    """The read stopped: exit 1, one error line saying ``said``, no report folder."""
    assert done.exit_code == 1, done.output
    assert all(text in done.output for text in said), done.output
    assert "no report written" in done.output and not out.exists()


# --- 1. credentials only ever go to the endpoint's origin ------------------------------------


@pytest.mark.parametrize("form", ["absolute", "network-path"])
def test_a_more_on_another_origin_is_refused_and_gets_no_credentials(
    serve: Callable[..., Served], source: Path, tmp_path: Path, form: str
) -> None:
    other = serve(lambda path: result([]))
    evil = f"{other.origin}/evil" if form == "absolute" else f"{other.origin[5:]}/evil"
    lrs_ = serve(lambda path: result(learners()[:3], evil))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    assert other.seen == [] and lrs_.seen[0][1] == f"Basic {SECRET_B64}"
    failed(done, out, f"'more' on another server ({other.origin})", "[xAPI 1.0.3 Part Two §2.5]")


def test_a_more_on_the_same_origin_written_whole_is_followed(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_: Served = serve(
        lambda path: (
            result([], f"{lrs_.origin}/xapi/statements?page=2")
            if "page=" not in path
            else result(learners()[:3])
        )
    )
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    assert done.exit_code == 0, done.output
    assert ("/xapi/statements?page=2", f"Basic {SECRET_B64}") in lrs_.seen


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_origin_is_refused_and_gets_no_credentials(
    serve: Callable[..., Served], source: Path, tmp_path: Path, code: int
) -> None:
    other = serve(lambda path: result([]))
    lrs_ = serve(lambda path: (code, {"Location": f"{other.origin}/xapi/statements"}, b""))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    assert other.seen == []
    failed(done, out, f"redirected to another server ({other.origin})")


def test_a_redirect_within_the_origin_is_followed_with_the_credentials(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(
        lambda path: (
            (302, {"Location": "/v2" + path}, b"")
            if not path.startswith("/v2/")
            else result(learners()[:3])
        )
    )
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    assert done.exit_code == 0, done.output
    assert [auth for _, auth in lrs_.seen] == [f"Basic {SECRET_B64}"] * 4
    assert lrs_.seen[1][0].startswith("/v2/xapi/statements?activity=")


def test_redirects_that_never_end_stop_the_read(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(lambda path: (302, {"Location": path + "&again=1"}, b""))
    out = tmp_path / "report"
    failed(report(source, f"{lrs_.origin}/xapi/", out), out, "redirected more than 5 times")
    assert len(lrs_.seen) == 6


@pytest.mark.parametrize(
    ("base", "reference", "expected"),
    [
        ("https://h.ca/xapi/", "/xapi/statements?more=2", "https://h.ca/xapi/statements?more=2"),
        ("https://h.ca/xapi/", "https://H.ca:443/x?m=1", "https://h.ca/x?m=1"),
        ("https://h.ca:8443/xapi/", "more?m=1", "https://h.ca:8443/xapi/more?m=1"),
        ("https://h.ca/xapi/", "http://h.ca/xapi/statements", None),  # https to http: in clear
        ("https://h.ca/xapi/", "https://h.ca:8443/xapi/statements", None),
        ("https://h.ca/xapi/", "//other.ca/xapi/statements", None),
        ("https://h.ca/xapi/", "https://ana:pw@h.ca/xapi/statements", None),
        ("https://h.ca/xapi/", "https://h.ca\\@other.ca/", None),
        (
            "http://[::1]:8080/xapi/",
            "/xapi/statements?m=1",
            "http://[::1]:8080/xapi/statements?m=1",
        ),
    ],
)
def test_an_address_the_lrs_gives_is_kept_to_the_endpoint_origin(
    base: str, reference: str, expected: str | None
) -> None:
    if expected is None:
        with pytest.raises(lrs_address.Elsewhere):
            lrs_address.resolve(base, reference)
    else:
        assert lrs_address.resolve(base, reference) == expected


# --- 2. a bad --lrs is a usage error; an LRS's bad address, an error --------------------------


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://[::1",
        "http://[zz]/",
        "http://127.0.0.1:99999/",
        "http://127.0.0.1:abc/",
        "http://127.0.0.1:0/",
        "http://exa mple.com/",
        "http://127.0.0.1:9/x y",
        "http://127.0.0.1:9/x\ty/",
        "http://" + "a" * 64 + "\u00e9.ca/",  # a label IDNA cannot encode
    ],
)
def test_a_bad_lrs_address_is_a_usage_error(source: Path, tmp_path: Path, endpoint: str) -> None:
    out = tmp_path / "report"
    done = report(source, endpoint, out)
    assert done.exit_code == 2, done.output
    expected = "expected an LRS address such as https://lrs.example.ca/xapi/, found '"
    assert expected in done.output and not out.exists()


@pytest.mark.parametrize(
    "more",
    ["http://[::1", "/xapi/statements?more=a b", "http://127.0.0.1:99999/x", "/x\u0000y"],
)
def test_a_more_that_is_not_an_address_stops_the_read(
    serve: Callable[..., Served], source: Path, tmp_path: Path, more: str
) -> None:
    lrs_ = serve(lambda path: result([], more))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    failed(done, out, "'more' that is not an address", "expected a relative IRL")
    assert len(lrs_.seen) == 1


def test_a_location_that_is_not_an_address_stops_the_read(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(lambda path: (302, {"Location": "http://[::1"}, b""))
    out = tmp_path / "report"
    failed(report(source, f"{lrs_.origin}/xapi/", out), out, "redirected to something that is")


def test_an_lrs_path_that_is_not_ascii(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(lambda path: result(learners()[:3]))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/x\u00e4pi/", out)
    assert done.exit_code == 0, done.output
    # An IRI's path goes as UTF-8 percent-escapes [RFC 3987 §3.1]
    assert lrs_.seen[0][0].startswith("/x%C3%A4pi/statements?activity=")
    name = json.loads((out / "report.json").read_text())["generated_from"]["name"]
    assert name == f"{lrs_.origin}/x\u00e4pi/"


def test_an_ipv6_lrs_keeps_its_brackets() -> None:
    """An IPv6 host without its brackets [RFC 3986 §3.2.2] was no address: the read crashed.
    Judged without a socket, so that every machine runs it, IPv6 loopback or not."""
    endpoint = "http://[::1]:8080/xapi"
    assert lrs_address.check_endpoint(endpoint) is None
    assert lrs_address.public_endpoint(endpoint) == "http://[::1]:8080/xapi/"
    first = lrs.first_url(endpoint, "https://c.example/course", None, None)
    assert first.startswith("http://[::1]:8080/xapi/statements?activity=")
    more = lrs_address.resolve(first, "/xapi/statements?more=2")
    assert more == "http://[::1]:8080/xapi/statements?more=2"
    with pytest.raises(lrs_address.Elsewhere):
        lrs_address.resolve(first, "http://[::2]:8080/xapi/statements?more=2")


def test_an_lrs_on_ipv6_loopback(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(lambda path: result(learners()[:3]), host="::1")
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    assert done.exit_code == 0, done.output
    assert lrs_.seen[0][0].startswith("/xapi/statements?activity=")


@pytest.mark.parametrize(
    "answer",
    [
        b"HELLO\r\n\r\n",  # not HTTP
        b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"statements"',  # cut short
        b"HTTP/1.1 200 OK\r\nContent-Length: 200002\r\n\r\n" + b"[" * 100001 + b"]" * 100001,
        b"HTTP/1.1 500 \x1b[31mRed\r\nContent-Length: 0\r\n\r\n",  # a reason that colours
    ],
)
def test_an_answer_that_is_not_a_statement_result_stops_the_read(
    serve: Callable[..., Served], source: Path, tmp_path: Path, answer: bytes
) -> None:
    lrs_ = serve(lambda path: answer)
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    failed(done, out, "the LRS")
    assert "\x1b" not in done.output and len(done.output.strip().splitlines()) == 1


def _nested(statement: dict[str, Any], levels: int) -> dict[str, Any]:
    """``statement`` nesting ``levels`` deep, in a context extension's value."""
    value: Any = 1
    for _ in range(levels - 3):  # the statement, its context, the extensions
        value = [value]
    return {**statement, "context": {**statement["context"], "extensions": {"https://x": value}}}


def test_the_lrs_and_the_file_share_one_nesting_limit(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    first = learners()[0]
    lrs_ = serve(lambda path: result([_nested(first, MAX_DEPTH)]))
    done = report(source, f"{lrs_.origin}/xapi/", tmp_path / "ok")
    assert done.exit_code == 0, done.output
    lrs_ = serve(lambda path: result([first, _nested(first, MAX_DEPTH + 1)]))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    failed(done, out, f"the LRS answered a statement nested deeper than {MAX_DEPTH} levels")


def test_an_answer_nested_100000_deep_is_said_as_too_deep(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(lambda path: (200, {}, b'{"statements": ' + b"[" * 100_000 + b"]" * 100_000))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    failed(done, out, f"the LRS answered JSON nested deeper than {MAX_DEPTH} levels", "§2.4")


# --- 3. a `more` that comes back is a loop ---------------------------------------------------


@pytest.mark.parametrize("cycle", [["/xapi/statements?more=1"], ["/xapi/s?m=1", "/xapi/s?m=2"]])
def test_a_more_that_comes_back_stops_the_read(
    serve: Callable[..., Served],
    source: Path,
    tmp_path: Path,
    cycle: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lrs, "MAX_PAGES", 50)  # the old endless read ends, and this test fails
    lrs_ = serve(lambda path: result([], cycle[0] if "m=1" not in path else cycle[-1]))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    failed(done, out, f"'more' to a page already read ('{cycle[0]}')")
    assert len(lrs_.seen) == 1 + len(cycle)


def test_empty_pages_with_a_new_more_are_followed(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    # An LRS may re-run the query for each page and leave out what was voided since
    # [xAPI 1.0.3 Part Two §2.5]: an empty page with a `more` is no error.
    def answer(path: str) -> tuple[int, dict[str, str], bytes]:
        page = int(path.split("page=")[1]) if "page=" in path else 0
        if page < 3:
            return result([], f"/xapi/statements?page={page + 1}")
        return result(learners()[:3])

    lrs_ = serve(answer)
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out, "--min-group", "1")
    assert done.exit_code == 0, done.output
    assert json.loads((out / "report.json").read_text())["input"]["read"] == 3 * 2


# --- 4. credentials in the address -----------------------------------------------------------


def test_credentials_in_the_lrs_address_are_a_usage_error(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    lrs_ = serve(lambda path: result([]))
    out = tmp_path / "report"
    done = report(source, lrs_.origin.replace("//", "//ana:s3cret@") + "/xapi/", out)
    assert done.exit_code == 2, done.output
    assert "expected no user name or password in the address" in done.output
    assert "COURSEBUILD_LRS_AUTH" in done.output
    assert lrs_.seen == [] and not out.exists()


@pytest.mark.parametrize("endpoint", ["ftp://ana:s3cret@h/", "http://ana:s3cret@[::1/"])
def test_an_unusable_address_is_said_without_its_password(
    source: Path, tmp_path: Path, endpoint: str
) -> None:
    done = report(source, endpoint, tmp_path / "report")  # report() checks s3cret is not said
    assert done.exit_code == 2, done.output
    assert "found '" in done.output and "ana:" not in done.output


def test_a_statement_with_a_lone_surrogate_is_read_as_from_a_file(
    serve: Callable[..., Served], source: Path, tmp_path: Path
) -> None:
    statement = json.dumps(learners()[0])[:-1] + ', "x": "\\ud800"}'  # JSON may escape one
    body = ('{"statements": [' + statement + '], "more": ""}').encode()
    lrs_ = serve(lambda path: (200, {"Content-Type": "application/json"}, body))
    out = tmp_path / "report"
    done = report(source, f"{lrs_.origin}/xapi/", out)
    assert done.exit_code == 0, done.output
    assert json.loads((out / "report.json").read_text())["input"]["used"] == 1
