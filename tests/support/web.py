"""The browser tests' web: a local web server (one folder on 127.0.0.1) and Debian's Chromium,
which reaches nothing but 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlparse

from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route

from builder.audit import find_chromium

LOCAL_HOST = "127.0.0.1"

# Debian's chromium as root, hermetic. Playwright itself already
# passes --no-sandbox and --headless. The resolver rule makes every host name but 127.0.0.1
# unresolvable; the route guard below also stops IP literals. No --disable-features here:
# Chromium keeps only the last one given, and Playwright's own list (MediaRouter,
# OptimizationHints, PaintHolding...) must stay whole (tests/infra/test_lms_harness.py).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]


# --- web server ------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (class attribute of the stdlib handler)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".vtt": "text/vtt",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".mp4": "video/mp4",
        ".webm": "video/webm",
    }
    server: _Server

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.server.requests.append((self.command, self.path, int(code)))

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    requests: list[tuple[str, str, int]]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Print a handler's error, except a browser that left mid-reply (a page closed while
        its response was written): nothing was lost, and its traceback only hid real ones."""
        if isinstance(sys.exc_info()[1], BrokenPipeError | ConnectionResetError):
            return
        super().handle_error(request, client_address)


class StaticServer:
    """A threaded ``http.server`` on 127.0.0.1 (a free port) serving one folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._httpd = _Server((LOCAL_HOST, 0), handler)
        self._httpd.requests = []
        self.port = self._httpd.server_address[1]
        self.url = f"http://{LOCAL_HOST}:{self.port}/"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"static-server-{self.port}",
            daemon=True,
        )
        self._thread.start()

    @property
    def requests(self) -> list[tuple[str, str, int]]:
        """(method, path, status) of every request served so far."""
        return list(self._httpd.requests)

    def url_for(self, path: Path | str) -> str:
        """The address of a file or folder under the served root."""
        rel = (
            Path(path).resolve().relative_to(self.root.resolve())
            if Path(path).is_absolute()
            else path
        )
        return urljoin(self.url, PurePosixPath(rel).as_posix())

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


# --- browser ---------------------------------------------------------------------------------


class ChromiumMissing(RuntimeError):
    pass


def chromium_executable() -> str:
    """The Chromium `coursebuild audit` runs (`builder.audit.find_chromium`: Debian's headless
    shell when installed, else `chromium`; never a Playwright-downloaded browser)."""
    found = find_chromium()
    if found:
        return found
    raise ChromiumMissing(
        "chromium is not installed, so the browser tests cannot run. Install it with "
        "`apt-get install -y chromium` (scripts/setup.sh does this when run as root)."
    )


def launch_chromium(playwright: Playwright, executable: str | None = None) -> Browser:
    """Chromium, headless, with the harness's flags: ``executable``, else the tests' own."""
    path = executable or chromium_executable()
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about") or parsed.hostname == LOCAL_HOST


# What the guard lets through without asking Python: http(s) to 127.0.0.1, any port. Playwright
# matches a route's regular expression in the browser's driver, so the local requests (all of a
# test's) never wait for a round trip to this process; the rest is judged by ``is_local``.
NOT_LOCAL = re.compile(r"^(?!https?://127\.0\.0\.1(?::\d+)?(?:[/?#]|$))")


def guard_network(target: Page | BrowserContext, blocked: list[str]) -> None:
    """Abort every request that would leave 127.0.0.1, recording its URL in ``blocked``."""

    def handle(route: Route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    target.route(NOT_LOCAL, handle)
