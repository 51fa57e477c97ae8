"""A real xAPI LRS for tests: Ralph (ralph-malph 5.1.0, fs backend) on 127.0.0.1.

Ralph runs from its own venv (``.venv-ralph``, made by ``scripts/setup-ralph.sh``) through
``ralph_shim.py`` beside this file, which fixes the two fs-backend bugs of 5.1.0 (every write
after the first refused; the verb and activity filters never matching). Everything it writes
(credentials, statements, its log) stays in the working directory it is given; it is started
there so it reads no stray ``.env``.

    lrs = RalphLRS.start(tmp_path, cors_origins=["http://127.0.0.1:8000"])
    status, ids = lrs.post("statements", [statement])
    lrs.statements(registration="...")   # every page of a GET /statements query
    lrs.stop()

Only the standard library is used on this side, so the project's venv needs nothing extra.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .ports import free_port

SUPPORT = Path(__file__).resolve().parent
REPO_ROOT = SUPPORT.parents[1]
XAPI_VERSION = "1.0.3"
SETUP_HINT = "run scripts/setup-ralph.sh first"
# Straight to 127.0.0.1, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class RalphUnavailable(RuntimeError):
    """Ralph's venv is missing, or the server did not come up (the message says why)."""


def ralph_venv() -> Path:
    """Ralph's venv: ``$COURSEBUILD_RALPH_VENV`` or ``.venv-ralph`` in the checkout."""
    return Path(os.environ.get("COURSEBUILD_RALPH_VENV", REPO_ROOT / ".venv-ralph"))


def start_or_fail(workdir: Path, cors_origins: Iterable[str] = ()) -> RalphLRS:
    """``RalphLRS.start``, or the test fails with what to run (the tests never skip)."""
    import pytest  # only the tests start a Ralph this way

    try:
        return RalphLRS.start(workdir, cors_origins=cors_origins)
    except RalphUnavailable as error:
        pytest.fail(str(error), pytrace=False)


def _ralph_env(workdir: Path, cors_origins: Iterable[str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
    env.update(
        {
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_APP_DIR": str(workdir / "app"),
            "RALPH_AUTH_FILE": str(workdir / "auth.json"),
            "RALPH_HISTORY_FILE": str(workdir / "history.json"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(workdir / "statements"),
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": json.dumps(list(cors_origins)),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


@dataclass
class Response:
    """An LRS answer: status, headers, and the body (parsed when it is JSON)."""

    status: int
    headers: Mapping[str, str]
    body: Any


@dataclass
class RalphLRS:
    """A running Ralph: its xAPI endpoint, the Basic credentials, and small HTTP helpers."""

    endpoint: str
    username: str
    password: str
    workdir: Path
    process: subprocess.Popen[bytes]
    startup_seconds: float
    log_path: Path = field(repr=False)
    cors_origins: tuple[str, ...] = ()

    @property
    def auth(self) -> str:
        """The ``Authorization`` header value, as a launch would pass it in ``auth``."""
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (for CORS origins and ``more`` links)."""
        parts = urllib.parse.urlsplit(self.endpoint)
        return f"{parts.scheme}://{parts.netloc}"

    @classmethod
    def start(
        cls,
        workdir: Path,
        *,
        username: str = "coursebuild-tests",
        password: str | None = None,
        cors_origins: Iterable[str] = (),
        timeout: float = 60.0,
    ) -> RalphLRS:
        """Make credentials with ``ralph auth``, start uvicorn, wait for ``/__heartbeat__``."""
        python = ralph_venv() / "bin" / "python"
        if not python.exists():
            raise RalphUnavailable(f"Ralph's venv not found at {ralph_venv()}: {SETUP_HINT}")
        workdir.mkdir(parents=True, exist_ok=True)
        password = password or secrets.token_urlsafe(16)
        cors_origins = tuple(cors_origins)
        env = _ralph_env(workdir, cors_origins)
        started = time.monotonic()
        credentials = ["-u", username, "-p", password, "-s", "all", "-w"]
        authority = ["-M", f"mailto:{username}@example.com"]
        auth = subprocess.run(
            [str(python), "-m", "ralph", "auth", *credentials, *authority],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if auth.returncode != 0:
            raise RalphUnavailable(f"`ralph auth` failed:\n{auth.stdout}{auth.stderr}")
        log_path = workdir / "ralph.log"
        for _attempt in range(3):  # a free port can be taken before uvicorn binds it: retry
            lrs = cls._serve(python, workdir, env, username, password, log_path, cors_origins)
            if lrs._wait_until_ready(started + timeout):
                lrs.startup_seconds = time.monotonic() - started
                return lrs
            lrs.stop()
            if "address already in use" not in lrs.log().lower():
                break
        raise RalphUnavailable(f"Ralph did not answer /__heartbeat__:\n{lrs.log()}")

    @classmethod
    def _serve(
        cls,
        python: Path,
        workdir: Path,
        env: dict[str, str],
        username: str,
        password: str,
        log_path: Path,
        cors_origins: tuple[str, ...],
    ) -> RalphLRS:
        port = free_port()
        app = ["ralph_shim:app", "--app-dir", str(SUPPORT)]
        where = ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(python), "-m", "uvicorn", *app, *where],
                cwd=workdir,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        endpoint = f"http://127.0.0.1:{port}/xAPI/"
        return cls(endpoint, username, password, workdir, process, 0.0, log_path, cors_origins)

    def _wait_until_ready(self, deadline: float) -> bool:
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with _OPENER.open(f"{self.base_url}/__heartbeat__", timeout=2) as response:
                    if response.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        return False

    def log(self) -> str:
        """What the server printed (warnings and errors only)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server: SIGINT (uvicorn's clean shutdown, exit 0), SIGKILL after 10 s."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: Mapping[str, str] | None = None,
        auth: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """One xAPI request (``path`` relative to the endpoint), version header included."""
        url = urllib.parse.urljoin(self.endpoint, path)
        if params:
            url += "?" + urllib.parse.urlencode(params)
        all_headers = {"X-Experience-API-Version": XAPI_VERSION, "Authorization": auth or self.auth}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
        try:
            with _OPENER.open(request, timeout=30) as r:
                status, response_headers, raw = r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as error:
            status, response_headers, raw = error.code, dict(error.headers), error.read()
        content_type = response_headers.get("content-type", "")
        parsed: Any = json.loads(raw) if raw and "json" in content_type else raw
        return Response(status, response_headers, parsed)

    def post(self, statements: Any, **kwargs: Any) -> Response:
        """POST one statement or a list of them to ``statements``."""
        return self.request("POST", "statements", statements, **kwargs)

    def statements(self, **params: str) -> list[dict[str, Any]]:
        """Every statement a GET ``statements`` query matches, following ``more`` links."""
        response = self.request("GET", "statements", params=params)
        found: list[dict[str, Any]] = []
        while True:
            if response.status != 200:
                raise AssertionError(f"GET statements {params}: {response.status} {response.body}")
            found.extend(response.body["statements"])
            more = response.body.get("more")
            if not more:
                return found
            response = self.request("GET", urllib.parse.urljoin(self.base_url, more))

    def statement(self, statement_id: str) -> Response:
        """GET ``statements?statementId=`` as it is (Ralph wraps it in ``{"statements": [..]}``)."""
        return self.request("GET", "statements", params={"statementId": statement_id})
