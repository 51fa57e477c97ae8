"""The preview's HTTP server (stdlib): the LMS page, the course, the LMS API and the LRS."""

from __future__ import annotations

import contextlib
import errno
import json
import mimetypes
import posixpath
import re
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlsplit

from ..standards.xapi import VERSION as XAPI_VERSION
from . import guard, lrs
from .app import Preview, commit_error, commit_problem

HOST = "127.0.0.1"
STATIC = Path(__file__).with_name("static")
PORTS_TRIED = 50
MAX_BODY = lrs.MAX_BODY
BODY_SECONDS = 30.0  # a whole body arrives within this, however it trickles
SEQ = re.compile(r"[0-9]{1,18}")  # a statement's seq: SQLite's INTEGER holds 18 digits
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".vtt": "text/vtt; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
}
LMS_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def content_type(path: str) -> str:
    """The Content-Type of a served file, from its name."""
    suffix = posixpath.splitext(path)[1].lower()
    return TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class PreviewServer(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 that knows its preview."""

    daemon_threads = True
    preview: Preview
    stopping = False

    def stop(self) -> None:
        """Stop listening, and answer nothing more on the connections browsers keep open."""
        self.stopping = True
        self.server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A failed request is the handler's business; never print a traceback."""


class Handler(BaseHTTPRequestHandler):
    """Routes: /, /lms/*, /course/*, /api/*, /xapi/*."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    timeout = 10.0  # a socket read waits this long at most: a stalled client lets go

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal shows builds, not requests."""

    def do_GET(self) -> None:
        """GET."""
        self._route("GET")

    def do_HEAD(self) -> None:
        """HEAD: as GET, without the body."""
        self._route("HEAD")

    def do_POST(self) -> None:
        """POST."""
        self._route("POST")

    def do_PUT(self) -> None:
        """PUT."""
        self._route("PUT")

    def do_DELETE(self) -> None:
        """DELETE."""
        self._route("DELETE")

    # -- plumbing

    @property
    def origin(self) -> str:
        """http://127.0.0.1:PORT as the browser addressed us (the Host is checked first)."""
        return f"http://{self.headers.get('Host', f'{HOST}:{self.server.server_port}')}"

    def _host_ok(self) -> bool:
        # DNS rebinding: a hostile name resolving to 127.0.0.1 still says its name in Host.
        port = self.server.server_port
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _body(self, length: int) -> bytes:
        """Read the body: each read waits `timeout` at most, the whole at most BODY_SECONDS."""
        deadline = time.monotonic() + BODY_SECONDS
        chunks: list[bytes] = []
        left = length
        while left:
            if time.monotonic() > deadline:
                raise guard.Refused(408, f"the body took over {BODY_SECONDS:g} s to arrive")
            try:
                chunk = self.rfile.read1(min(left, 65536))
            except TimeoutError:
                raise guard.Refused(408, "the body stopped arriving") from None
            if not chunk:
                raise guard.Refused(400, "the body ended before its Content-Length")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _send(
        self, reply: lrs.Reply, head: bool = False, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(reply.status)
        headers = {
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            **reply.headers,
            **(extra or {}),
        }
        if reply.status != 204:
            headers["Content-Type"] = reply.content_type
            headers["Content-Length"] = str(len(reply.body))
        if self.close_connection:
            headers["Connection"] = "close"
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if reply.status != 204 and not head:
            self.wfile.write(reply.body)

    def _json(self, status: int, value: Any) -> None:
        self._send(lrs.Reply(status, json.dumps(value, ensure_ascii=False).encode("utf-8")))

    def _route(self, method: str) -> None:
        if self.server.stopping:  # a kept-alive connection after Ctrl-C: the store is closing
            self.close_connection = True
            return
        try:
            self._checked(method)
        except guard.Refused as refused:
            self.close_connection = True  # what is left of the request is not read
            with contextlib.suppress(OSError):
                self._json(refused.status, {"error": True, "message": refused.message})
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the browser went away (a reload), or stalled
        except Exception as exc:  # one error boundary per request: the server keeps serving
            if self.server.stopping:
                self.close_connection = True  # the store closed under it: nothing to say
                return
            self.server.preview.echo(f"preview: internal error: {type(exc).__name__}: {exc}", True)
            with contextlib.suppress(OSError):
                self._json(500, {"error": True, "message": f"{type(exc).__name__}: {exc}"})

    def _refuse(self, method: str, why: str) -> NoReturn:
        """403 for a request from elsewhere; the terminal says so (someone tried)."""
        # The path as repr: a request must not send escape sequences to the author's terminal.
        path = guard.shown(self.path, 100)
        self.server.preview.echo(f"preview: refused {method} {path}: {why}", True)
        raise guard.Refused(403, why)

    def _checked(self, method: str) -> None:
        """Framing, Host, path; for what changes state: same origin and the run's token."""
        body = self._body(guard.body_length(self.headers, MAX_BODY))
        if not self._host_ok():
            host = guard.shown(self.headers.get("Host", ""))
            self._refuse(method, f"Host {host}: only http://127.0.0.1:{self.server.server_port}")
        url = urlsplit(self.path)
        path = guard.decode_path(url.path)
        if method not in guard.SAFE_METHODS:
            why = guard.cross_origin(self.headers, self.origin)
            if why:
                self._refuse(method, why)
            # The course's LRS requests carry the launch's credential instead
            # [xAPI 1.0.3 Part Three §4.0];
            # the cmi5 AU POSTs to the fetch URL as given, so the token rides in it [cmi5 §8.2].
            sent = self.headers.get(guard.TOKEN_HEADER)
            if path == "/api/cmi5/fetch":
                sent = parse_qs(url.query).get("token", [sent or ""])[0]
            if not path.startswith("/xapi/") and not guard.token_ok(
                sent, self.server.preview.token
            ):
                self._refuse(method, f"{guard.TOKEN_HEADER}: missing or not this run's token")
        self._dispatch(method, path, url.query, body)

    def _dispatch(self, method: str, path: str, query: str, body: bytes) -> None:
        preview = self.server.preview
        head = method == "HEAD"
        if method in guard.SAFE_METHODS:
            if path in ("/", "/index.html"):
                self._static("lms.html", head, {"Content-Security-Policy": LMS_PAGE_POLICY})
            elif path.startswith("/lms/"):
                self._static(path[len("/lms/") :], head)
            elif path.startswith("/course/"):
                self._course(path[len("/course/") :], head)
            elif path == "/api/build":
                self._json(200, {**preview.status(), "token": preview.token})
            elif path == "/api/statements":
                after = parse_qs(query).get("after", ["0"])[0]
                if not SEQ.fullmatch(after):
                    message = f"after: expected a statement's seq (0 or more), found {after!r}"
                    raise guard.Refused(400, message[:200])
                self._json(200, {"statements": preview.store.statements_after(int(after))})
            elif path.startswith("/xapi/"):
                self._xapi(method, path, query)
            else:
                self._json(404, {"error": True, "message": f"nothing at {path}"})
            return
        if path.startswith("/xapi/"):
            self._xapi(method, path, query, body)
        elif method != "POST":
            self._json(405, {"error": True, "message": f"{method} is not allowed here"})
        elif path == "/api/launch":
            self._json(200, preview.launch(self.origin))
        elif path == "/api/commit":
            try:
                data = guard.load_json(body or b"{}")
            except ValueError as exc:
                self._json(400, commit_error(f"the body is not JSON: {exc}"))
                return
            problem = commit_problem(data)
            if problem:
                self._json(400, commit_error(problem))
                return
            ok, notes = preview.commit(data)
            self._json(200 if ok else 409, {"ok": ok, "notes": notes})
        elif path == "/api/reset":
            preview.reset()
            self._json(200, {"ok": True})
        elif path == "/api/cmi5/fetch":
            # cmi5 §8.2: the AU POSTs here once per launch for its auth-token.
            registration = parse_qs(query).get("registration", [""])[0]
            self._json(200, preview.cmi5_token(registration))
        else:
            self._json(404, {"error": True, "message": f"nothing at {path}"})

    def _static(self, name: str, head: bool, extra: dict[str, str] | None = None) -> None:
        file = (STATIC / name).resolve()
        if not name or ".." in name.split("/") or not file.is_file() or STATIC not in file.parents:
            self._json(404, {"error": True, "message": f"no file {name}"})
            return
        self._send(lrs.Reply(200, file.read_bytes(), content_type(name)), head, extra)

    def _course(self, path: str, head: bool) -> None:
        data = self.server.preview.file(path)
        if data is None:
            status = self.server.preview.status()
            why = "the course did not build" if not status["ok"] else f"the package has no {path}"
            page = f"<!doctype html><title>Not found</title><p>{why}</p>".encode()
            self._send(lrs.Reply(404, page, "text/html; charset=utf-8"), head)
            return
        self._send(lrs.Reply(200, data, content_type(path)), head)

    def _xapi(self, method: str, path: str, query: str, body: bytes = b"") -> None:
        preview = self.server.preview
        headers = {k.lower(): v for k, v in self.headers.items()}
        resource = path[len("/xapi/") :]
        if resource == "about":
            reply = lrs.about()
        elif (problem := lrs.request_problem(headers, preview.auth)) is not None:
            reply = problem
            if resource == "statements" and method in ("POST", "PUT"):
                lrs.note_refused(preview.store, body, json.loads(problem.body)["message"])
        elif resource == "statements":
            reply = lrs.statements(method, query, headers, body, preview.store, lrs.ACTOR_HOME)
        elif resource == "activities/state":
            reply = lrs.state(method, query, headers, body, preview.store, lrs.now_iso())
        else:
            reply = lrs.Reply(404, b'{"error": true, "message": "not an xAPI resource here"}')
        self._send(reply, method == "HEAD", {"X-Experience-API-Version": XAPI_VERSION})


def bind(port: int) -> tuple[PreviewServer, int]:
    """A server on 127.0.0.1: `port`, else the next free one (port 0: any free port)."""
    candidates = [port] if port == 0 else list(range(port, min(port + PORTS_TRIED, 65536)))
    for candidate in candidates:
        try:
            server = PreviewServer((HOST, candidate), Handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                continue
            raise
        return server, server.server_port
    server = PreviewServer((HOST, 0), Handler)
    return server, server.server_port
