"""A small LMS in front of Ralph: serves packages, plays cmi5's LMS part, keeps xAPI documents.

Ralph 5.1.0 implements only the Statement resource (no State, no Agent Profile), so this
server, on one 127.0.0.1 origin, does what an LMS with an LRS inside would do:

- ``/content/...``: the package files (same origin as the LRS: no CORS involved);
- ``POST /fetch/<key>``: the cmi5 fetch URL [cmi5 §8.2]: the auth token once (a Basic
  credential Ralph accepts), ``{"error-code": "1"}`` after that; GET is refused;
- ``/xapi/statements``: forwarded to Ralph as it is (method, query, Authorization, body), and
  Ralph's answer relayed: every statement lands in, and is checked by, the real LRS;
- ``/xapi/activities/state`` and ``/xapi/agents/profile``: documents kept here, with the xAPI
  semantics the runtime relies on [xAPI 1.0.3 Part Three §2.3, §2.6]: PUT 204, GET 200 or 404,
  JSON POST merges, DELETE 204; the same Authorization as statements is required (401 otherwise);
- ``down``: ``{"statements": 503, "PUT": 503, "GET": 503}``, the LMS answering that status to a
  POST of statements, a document written, a document read (a fault of the LMS itself, which a
  keepalive request sent as the page goes meets as well: a browser route does not see those);
- ``slow``: seconds the next POSTs of statements wait, one each, before the LMS handles them
  (``held`` counts those waiting): a request still on its way when the page goes, which one sent
  after it overtakes;
- ``closed``: cmi5 session ids the LMS has ended (abandoned by a new launch [cmi5 §9.3.6], or
  terminated: a session's ``terminated`` once stored, with no grace period [cmi5 §9.3.8]): a POST
  of statements carrying one is refused with 403, as a cmi5 LMS must [cmi5 §9.3.6, §9.3.8].

Every request is logged (method, path, query), so tests can count what the AU asked for.
"""

from __future__ import annotations

import functools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .lrs import RalphLRS
from .web import LOCAL_HOST, _QuietHandler, _Server

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
DOCUMENTS = {"activities/state": "stateId", "agents/profile": "profileId"}
JSON = "application/json"


@dataclass
class Fetch:
    """One cmi5 fetch URL: the token it gives once, and how often it was called."""

    token: str
    calls: list[str] = field(default_factory=list)


class _Handler(_QuietHandler):
    server: _FrontServer

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        parts = urllib.parse.urlsplit(self.path)
        self.server.front.log.append((self.command, parts.path, parts.query, int(code)))

    def _reply(
        self, status: int, body: bytes = b"", content_type: str = "application/json"
    ) -> None:
        self.send_response(status)
        if body:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self) -> None:
        if self.path.startswith("/content/"):
            self.path = self.path[len("/content") :]
            super().do_GET()
        else:
            self._route()

    def do_POST(self) -> None:
        self._route()

    def do_PUT(self) -> None:
        self._route()

    def do_DELETE(self) -> None:
        self._route()

    def _route(self) -> None:
        front = self.server.front
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        if path.startswith("/fetch/"):
            self._fetch(front, path)
        elif path.startswith("/xapi/"):
            resource = path[len("/xapi/") :].rstrip("/")
            if self.headers.get("Authorization") != front.ralph.auth:
                self._reply(401, b'{"detail": "bad credentials"}')
            elif resource == "statements":
                self._statements(front, parts.query)
            elif resource in DOCUMENTS and self.command in front.down:
                self._body()
                self._reply(front.down[self.command], b'{"detail": "down"}')
            elif resource in DOCUMENTS:
                self._document(front, resource, urllib.parse.parse_qs(parts.query))
            else:
                self._reply(404, b'{"detail": "Not Found"}')
        else:
            self._reply(404, b'{"detail": "Not Found"}')

    def _fetch(self, front: LRSFront, path: str) -> None:
        fetch = front.fetches.get(path)
        if fetch is None:
            self._reply(404)
            return
        fetch.calls.append(self.command)
        if self.command != "POST":  # the AU must POST [cmi5 §8.2]
            self._reply(405, b'{"error-code": "3", "error-text": "POST only"}')
        elif len(fetch.calls) > 1:  # used once already [cmi5 §8.2.3]
            self._reply(200, b'{"error-code": "1", "error-text": "already in use"}')
        else:
            self._reply(200, json.dumps({"auth-token": fetch.token}).encode())

    def _statements(self, front: LRSFront, query: str) -> None:
        data = self._body() if self.command in ("POST", "PUT") else None
        if data is not None and front.slow:
            front.held += 1
            time.sleep(front.slow.pop(0))
            front.held -= 1
        if data is not None and "statements" in front.down:
            self._reply(front.down["statements"], b'{"detail": "down"}')
        elif data is not None and front.closed and _sessions(data) & front.closed:
            self._reply(403, b'{"detail": "this cmi5 session has ended"}')
        elif self._forward(front, query, data) in (200, 204) and data is not None:
            front.closed |= _sessions(data, TERMINATED) - {""}

    def _forward(self, front: LRSFront, query: str, data: bytes | None) -> int:
        url = urllib.parse.urljoin(front.ralph.endpoint, "statements") + (
            f"?{query}" if query else ""
        )
        headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARDED_HEADERS}
        request = urllib.request.Request(url, data=data, method=self.command, headers=headers)
        status: int
        try:
            with _OPENER.open(request, timeout=30) as r:
                status, body, kind = r.status, r.read(), r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            status, body, kind = error.code, error.read(), error.headers.get("Content-Type", "")
        self._reply(status, body, kind or "application/json")
        return status

    def _document(self, front: LRSFront, resource: str, query: dict[str, list[str]]) -> None:
        id_param = DOCUMENTS[resource]
        keys = ("activityId", "agent", "registration", id_param)
        key = (resource, *(query.get(k, [""])[0] for k in keys))
        if not key[-1] or not query.get("agent"):
            self._reply(400, b'{"detail": "agent and the document id are required"}')
            return
        key = (*key[:2], _agent_key(key[2]), *key[3:])
        if self.command == "GET":
            found = front.documents.get(key)
            if found is None:
                self._reply(404, b'{"detail": "no such document"}')
            else:
                self._reply(200, found)
        elif self.command == "PUT":
            front.documents[key] = self._body()
            self._reply(204)
        elif self.command == "POST":
            incoming = json.loads(self._body() or b"{}")
            existing = json.loads(front.documents.get(key, b"{}"))
            front.documents[key] = json.dumps({**existing, **incoming}).encode()
            self._reply(204)
        else:
            front.documents.pop(key, None)
            self._reply(204)


FORWARDED_HEADERS = {"authorization", "x-experience-api-version", "content-type"}
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"


def _statements_in(data: bytes) -> list[dict[str, Any]]:
    """A POSTed statement or list of them (none if it is not JSON)."""
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError:
        return []
    found = parsed if isinstance(parsed, list) else [parsed]
    return [s for s in found if isinstance(s, dict)]


def _session(statement: dict[str, Any]) -> str:
    """Its cmi5 session id, "" if it has none."""
    found = ((statement.get("context") or {}).get("extensions") or {}).get(SESSION_ID)
    return "" if found is None else str(found)


def _sessions(data: bytes, verb: str | None = None) -> set[str]:
    """The cmi5 session ids of a POST's statements (those with ``verb`` if given)."""
    found = _statements_in(data)
    if verb is not None:
        found = [s for s in found if (s.get("verb") or {}).get("id") == verb]
    return {_session(s) for s in found}


def _agent_key(agent: str) -> str:
    """Agents are the same when their IFI is [xAPI 1.0.3 §2.4.2.3]: name, objectType aside."""
    try:
        parsed = json.loads(agent)
    except json.JSONDecodeError:
        return agent
    ifi = {k: v for k, v in parsed.items() if k not in ("name", "objectType")}
    return json.dumps(ifi, sort_keys=True)


class _FrontServer(_Server):
    front: LRSFront


class LRSFront:
    """The server: ``url``, ``endpoint`` (``<url>xapi/``), documents, fetch URLs, a request log."""

    def __init__(self, root: Path, ralph: RalphLRS) -> None:
        self.root = root
        self.ralph = ralph
        self.documents: dict[tuple[str, ...], bytes] = {}
        self.fetches: dict[str, Fetch] = {}
        self.log: list[tuple[str, str, str, int]] = []
        self.down: dict[str, int] = {}
        self.closed: set[str] = set()
        self.slow: list[float] = []
        self.held = 0
        root.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_Handler, directory=str(root))
        self._httpd = _FrontServer((LOCAL_HOST, 0), handler)
        self._httpd.front = self
        self._httpd.requests = []
        self.url = f"http://{LOCAL_HOST}:{self._httpd.server_address[1]}/"
        self.endpoint = f"{self.url}xapi/"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def content_url(self, relative: str) -> str:
        """The address of a file under ``root``."""
        return f"{self.url}content/{relative}"

    def new_fetch(self, key: str) -> str:
        """A fetch URL that hands out Ralph's credential once (as an LMS-made token would)."""
        path = f"/fetch/{key}"
        self.fetches[path] = Fetch(self.ralph.auth.removeprefix("Basic "))
        return f"{self.url.rstrip('/')}{path}"

    def put_document(self, resource: str, params: Mapping[str, str], document: Any) -> None:
        """Store a document as the LMS would before a launch (e.g. ``LMS.LaunchData``)."""
        keys = ("activityId", "agent", "registration", DOCUMENTS[resource])
        values = [params.get(k, "") for k in keys]
        values[1] = _agent_key(values[1])
        self.documents[(resource, *values)] = json.dumps(document).encode()

    def get_document(self, resource: str, params: Mapping[str, str]) -> Any:
        """A stored document, parsed, or None."""
        keys = ("activityId", "agent", "registration", DOCUMENTS[resource])
        values = [params.get(k, "") for k in keys]
        values[1] = _agent_key(values[1])
        raw = self.documents.get((resource, *values))
        return None if raw is None else json.loads(raw)

    def requests(self, method: str | None = None, path: str | None = None) -> list[tuple[str, ...]]:
        """Logged requests (method, path, query, status), optionally filtered."""
        return [
            (m, p, q, str(s))
            for m, p, q, s in self.log
            if (method is None or m == method) and (path is None or p == path)
        ]

    def close(self) -> None:
        """Stop serving."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
