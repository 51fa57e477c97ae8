"""Browser-test plumbing: a local web server, Debian's Chromium, and a SCORM 1.2 LMS harness.

The harness is a page that plays the LMS: it creates ``window.API`` with scorm-again's
``Scorm12API`` (a real, strict runtime), optionally preloads stored CMI data so a relaunch
resumes, and loads the package's launch file in an ``<iframe>``. ``lms_harness/harness.js``
wraps the API to log every call and to enforce what scorm-again does not (calls after
LMSFinish, suspend_data over 4096 characters); see its header. ``launch(profile="moodle")``
(or ``"forma"``) puts an LMS profile between the SCO and that LMS: the repository's own
``builder/preview/static/lms-profiles.js``, the preview's ``--lms``.

Typical use (fixtures from ``tests/conftest.py``)::

    def test_resume(scorm12_lms, built_zip):
        lms = scorm12_lms(built_zip)
        first = lms.launch()
        first.course.get_by_role("button", name="Next").click()
        first.close()                          # unloads the course (pagehide), keeps the LMS data
        assert first.final_cmi["core"]["exit"] == "suspend"
        second = lms.relaunch()                # what an LMS would store, entry = "resume"
        assert second.cmi()["core"]["entry"] == "resume"
        assert second.problems() == []
"""

from __future__ import annotations

import contextlib
import copy
import functools
import http.server
import json
import re
import shutil
import sys
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlparse

from lxml import etree
from playwright.sync_api import Browser, BrowserContext, Frame, Page, Playwright, Route

from builder.audit import find_chromium

from .paths import NODE_MODULES, REPO_ROOT, require

HARNESS_JS = Path(__file__).with_name("lms_harness") / "harness.js"
PROFILED_JS = HARNESS_JS.with_name("profiled.js")
PROFILES_JS = REPO_ROOT / "builder" / "preview" / "static" / "lms-profiles.js"
LIMITS_JS = PROFILES_JS.with_name("lms-limits.js")  # the edition2 profile, which it loads first
SF_JS = PROFILES_JS.with_name("lms-successfactors.js")  # the successfactors profile, as LIMITS_JS
PROFILES = ("strict", "moodle", "forma", "edition2", "successfactors")
# lesson_mode [SCORM 1.2 RTE §3.4], cmi.mode [SCORM 2004 4th ed. RTE §4.2.15]
MODES = ("normal", "review", "browse")
SCORM12_JS = NODE_MODULES / "scorm-again" / "dist" / "scorm12.min.js"

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

CMIData = dict[str, Any]


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


# --- the package ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoLaunch:
    """What an LMS reads from ``imsmanifest.xml`` to launch one SCO."""

    item: str
    resource: str
    href: str  # relative to the package root, with the item's parameters appended
    title: str
    mastery_score: str | None
    data_from_lms: str | None


def read_sco_launch(manifest: bytes, item_id: str | None = None) -> ScoLaunch:
    """The SCO to launch: ``item_id``, else the first SCO item of the default organization."""
    adlcp = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
    xml_base = "{http://www.w3.org/XML/1998/namespace}base"
    root = etree.fromstring(manifest, etree.XMLParser(no_network=True, resolve_entities=False))
    resources_el = root.find("{*}resources")
    if resources_el is None:
        raise ValueError("imsmanifest.xml has no <resources>")
    resources = {r.get("identifier"): r for r in resources_el.findall("{*}resource")}
    orgs = root.find("{*}organizations")
    if orgs is None:
        raise ValueError("imsmanifest.xml has no <organizations>")
    default = orgs.get("default")
    org = next(
        (o for o in orgs.findall("{*}organization") if default in (None, o.get("identifier"))),
        None,
    )
    if org is None:
        raise ValueError(f"imsmanifest.xml: default organization {default!r} not found")
    for item in org.iter("{*}item"):
        ref = item.get("identifierref")
        if not ref or (item_id is not None and item.get("identifier") != item_id):
            continue
        res = resources.get(ref)
        if res is None:
            raise ValueError(
                f"imsmanifest.xml: item {item.get('identifier')!r} refers to missing {ref!r}"
            )
        if (res.get(f"{adlcp}scormtype") or "").lower() != "sco" and item_id is None:
            continue
        href = (
            (resources_el.get(xml_base) or "") + (res.get(xml_base) or "") + (res.get("href") or "")
        )
        params = item.get("parameters") or ""
        if params:
            params = params.lstrip("?&")
            href += ("&" if "?" in href else "?") + params
        return ScoLaunch(
            item=item.get("identifier") or "",
            resource=ref,
            href=href,
            title=(item.findtext("{*}title") or "").strip(),
            mastery_score=item.findtext(f"{adlcp}masteryscore"),
            data_from_lms=item.findtext(f"{adlcp}datafromlms"),
        )
    raise ValueError(f"imsmanifest.xml: no SCO item {item_id or ''} in the default organization")


def extract_package(package_zip: Path, dest: Path) -> list[str]:
    """Extract a package zip, refusing unsafe entry names (absolute, ``..``, backslashes)."""
    with zipfile.ZipFile(package_zip) as zf:
        names = zf.namelist()
        for name in names:
            parts = PurePosixPath(name).parts
            if name.startswith("/") or "\\" in name or ".." in parts or ":" in name:
                raise ValueError(f"{package_zip.name}: unsafe entry name {name!r}")
        zf.extractall(dest)
    return names


# --- SCORM 1.2 time arithmetic (CMITimespan HHHH:MM:SS.SS) -----------------------------------


def _centiseconds(timespan: str) -> int:
    if not timespan:
        return 0
    hours, minutes, seconds = timespan.split(":")
    return (int(hours) * 3600 + int(minutes) * 60) * 100 + round(float(seconds) * 100)


def add_timespans(a: str, b: str) -> str:
    total = _centiseconds(a) + _centiseconds(b)
    seconds, cs = divmod(total, 100)
    minutes, s = divmod(seconds, 60)
    h, m = divmod(minutes, 60)
    return f"{h:02d}:{m:02d}:{s:02d}" + (f".{cs:02d}" if cs else "")


def _deep_merge(base: CMIData, extra: CMIData) -> CMIData:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# --- the harness -----------------------------------------------------------------------------


# Elements only a SCORM 2004 LMS sets, and which it may not hold: a GetValue of one answered 403
# (Data Model Element Value Not Initialized) is the LMS saying it has none, not an error
# [SCORM 2004 RTE §3.1.7.6, §4.2.4, §4.2.19].
LMS_OPTIONAL_2004 = frozenset(
    {
        "cmi.completion_threshold",
        "cmi.scaled_passing_score",
        "cmi.max_time_allowed",
        "cmi.launch_data",
    }
)


@dataclass(frozen=True)
class ApiCall:
    """One call the SCO made on ``window.API``, as the harness logged it."""

    index: int
    method: str
    args: tuple[Any, ...]
    result: Any
    error: str | None  # LMSGetLastError right after the call; None for the error queries
    after_finish: bool
    t: int  # milliseconds since the harness page started
    cmi: CMIData | None  # what was committed, for a successful LMSCommit/LMSFinish
    threw: str | None = None  # the exception the SCO got instead of a result ("SyntaxError: ...")

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ApiCall:
        return cls(
            index=d["index"],
            method=d["method"],
            args=tuple(d["args"]),
            result=d["result"],
            error=d["error"],
            after_finish=d["afterFinish"],
            t=d["t"],
            cmi=d["cmi"],
            threw=d.get("threw"),
        )

    @property
    def not_initialized(self) -> bool:
        """A read the LMS answered "none" (403 on an element of ``LMS_OPTIONAL_2004``)."""
        return (
            self.method == "GetValue"
            and self.error == "403"
            and bool(self.args)
            and self.args[0] in LMS_OPTIONAL_2004
        )

    def __str__(self) -> str:
        args = ", ".join(json.dumps(a) for a in self.args)
        if self.threw:
            return f"{self.method}({args}) threw {self.threw}"
        err = "" if self.error in (None, "0") else f" [error {self.error}]"
        return f"{self.method}({args}) -> {json.dumps(self.result)}{err}"


@dataclass(frozen=True)
class ConsoleEntry:
    frame: str  # "course" (the package), "lms" (the harness) or "external" (an outside resource)
    type: str  # "error", "warning", "log", ...
    text: str
    url: str


@dataclass
class LMSSession:
    """One launch of a SCO in the harness. Read the LMS side from here."""

    page: Page
    launch_url: str
    content_url: str
    api: bool
    launch_cmi: CMIData | None
    profile: str = "strict"
    number: int = 1  # this launch's place among the LMS's launches of the SCO
    console: list[ConsoleEntry] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[tuple[int, str]] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    _state: dict[str, Any] | None = None
    _still: bool = False

    # -- frames

    @property
    def course(self) -> Frame:
        """The package's frame (the SCO), where a test clicks like a learner."""
        frame = self.page.frame(name="course")
        if frame is None:
            raise RuntimeError("the course frame is not loaded (unloaded or closed)")
        return frame

    # -- LMS-side state

    def _refresh(self) -> dict[str, Any]:
        if self._still and self._state is not None:
            return self._state
        if self.page.is_closed():
            if self._state is None:
                raise RuntimeError("the page was closed before the LMS state was read")
            return self._state
        # As one JSON string: Playwright's own serialization of a long call log (every commit
        # carries the CMI) takes ten times as long.
        self._state = json.loads(self.page.evaluate("() => JSON.stringify(window.__lms.state())"))
        return self._state

    @contextlib.contextmanager
    def still(self) -> Iterator[LMSSession]:
        """Within, every read of the LMS side sees it as it was on entry (one reading of the
        harness instead of one per read), for a test that reads much at once."""
        self._refresh()
        self._still = True
        try:
            yield self
        finally:
            self._still = False

    def _require_api(self) -> None:
        if not self.api:
            raise RuntimeError("this session was launched without an LMS (api=False)")

    def cmi(self) -> CMIData:
        """The LMS-side CMI now (``API.renderCMIToJSONObject().cmi``)."""
        self._require_api()
        cmi: CMIData = self._refresh()["cmi"]
        return cmi

    @property
    def final_cmi(self) -> CMIData | None:
        """The CMI as committed by the first successful LMSFinish (None if it never finished)."""
        self._require_api()
        final: CMIData | None = self._refresh()["finalCMI"]
        return final

    @property
    def finished(self) -> bool:
        return bool(self._refresh()["finished"]) if self.api else False

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """Every API call so far, in order (or only those of one method)."""
        calls = [ApiCall.from_json(c) for c in self._refresh()["calls"]] if self.api else []
        return [c for c in calls if method is None or c.method == method]

    def set_values(self) -> dict[str, str]:
        """The last value the SCO set successfully for each element (LMSSetValue, error 0)."""
        out: dict[str, str] = {}
        for c in self.calls("LMSSetValue"):
            if c.result == "true" and c.error == "0":
                out[str(c.args[0])] = str(c.args[1])
        return out

    def error_calls(self) -> list[ApiCall]:
        """Calls after which LMSGetLastError was not "0", or that threw; a read the LMS answered
        "not initialized" (``not_initialized_calls``) is not one."""
        return [
            c
            for c in self.calls()
            if (c.error not in (None, "0") and not c.not_initialized) or c.threw
        ]

    def not_initialized_calls(self) -> list[ApiCall]:
        """Reads of an element the LMS may not hold, answered 403: it has none (not an error)."""
        return [c for c in self.calls() if c.not_initialized]

    def violations(self) -> list[str]:
        """Rules scorm-again does not enforce, broken by the SCO (calls after LMSFinish,
        suspend_data over 4096 characters)."""
        return list(self._refresh()["violations"]) if self.api else []

    def profile_state(self) -> dict[str, Any]:
        """What the LMS profile holds on the LMS side (its ``state()``: successfactors' grade)."""
        self._require_api()
        state: dict[str, Any] = self._refresh()["profile"] or {}
        return state

    def lms_log(self) -> list[dict[str, Any]]:
        """scorm-again's own log messages (at the launch's log level)."""
        return list(self._refresh()["lmsLog"]) if self.api else []

    def console_errors(self, frame: str | None = None) -> list[ConsoleEntry]:
        return [c for c in self.console if c.type == "error" and frame in (None, c.frame)]

    def problems(self, expected_hosts: Iterable[str] = ()) -> list[str]:
        """Everything a clean run must not have; ``assert session.problems() == []``.

        ``expected_hosts``: outside hosts the course may try to reach (a video host, say);
        their blocked requests, and the console errors about them, are not problems.
        """
        hosts = set(expected_hosts)

        def unexpected(url: str) -> bool:
            return urlparse(url).hostname not in hosts

        out = [f"violation: {v}" for v in self.violations()]
        out += [f"API error: {c}" for c in self.error_calls()]
        out += [
            f"console error ({c.frame}): {c.text}"
            for c in self.console_errors()
            if unexpected(c.url)
        ]
        out += [f"page error: {e}" for e in self.page_errors]
        out += [f"HTTP {status}: {url}" for status, url in self.http_errors]
        out += [
            f"blocked request (not 127.0.0.1): {u}" for u in self.blocked_requests if unexpected(u)
        ]
        return out

    # -- acting as the LMS

    def fail_commits(self, times: int, code: int = 101) -> None:
        """Make the next ``times`` LMSCommit calls return "false" with error ``code``."""
        self._require_api()
        self.page.evaluate("([n, code]) => window.__lms.failCommits(n, code)", [times, code])

    def refuse_sets(self, elements: Sequence[str], code: int = 405) -> None:
        """Make every LMSSetValue of an element starting with one of ``elements`` return "false"
        with error ``code`` (405: Incorrect Data Type), until called again (``[]``: none)."""
        self._require_api()
        refuse = "([e, code]) => window.__lms.refuseSets(e, code)"
        self.page.evaluate(refuse, [list(elements), code])

    def wait_for_call(self, method: str, count: int = 1, timeout_ms: float = 5000) -> ApiCall:
        """Wait until the SCO has called ``method`` ``count`` times; return that call."""
        self._require_api()
        self.page.wait_for_function(
            "([m, n]) => window.__lms.calls.filter(c => c.method === m).length >= n",
            arg=[method, count],
            timeout=timeout_ms,
        )
        return self.calls(method)[count - 1]

    def unload_course(self) -> None:
        """Unload the course frame, as an LMS does when the learner leaves the activity.

        The SCO gets its ``pagehide``; the LMS page (and its data) stays for inspection.
        """
        if self.page.is_closed() or self.page.frame(name="course") is None:
            return
        self.page.evaluate("() => window.__lms.unloadCourse()")
        self._refresh()

    def close_player(self) -> None:
        """Close the player window as the LMS sees it: the profile's reaction first (forma
        finishes the session with what it holds), then the course frame unloads (pagehide)."""
        if self.page.is_closed() or self.page.frame(name="course") is None:
            return
        self.page.evaluate("() => window.__lms.closePlayer()")
        self._refresh()

    def close(self) -> None:
        """Unload the course (pagehide), keep the final LMS state, close the page."""
        if self.page.is_closed():
            return
        self.unload_course()
        self.page.close()

    def next_launch_record(self) -> dict[str, Any]:
        """What the LMS profile's ``launchValues`` needs about this session for the next launch:
        what the LMS stored, the entry and total_time it handed, its finish, later stores."""
        self._require_api()
        record: dict[str, Any] = dict(self._refresh()["record"] or {})
        record["sessions"] = self.number
        return record

    def next_launch_cmi(self) -> CMIData:
        """What an LMS stores for the next launch of this SCO [SCORM 1.2 RTE §3.4.2.1]:
        ``entry`` is "resume" after ``exit`` "suspend", else ""; ``total_time`` gains
        ``session_time``; ``exit`` and ``session_time`` start empty; the rest is kept."""
        self._require_api()
        state = self._refresh()
        cmi: CMIData = copy.deepcopy(state["finalCMI"] or state["cmi"])
        core = cmi.setdefault("core", {})
        previous_total = ((self.launch_cmi or {}).get("core") or {}).get("total_time", "")
        core["total_time"] = add_timespans(previous_total, core.get("session_time", ""))
        core["entry"] = "resume" if core.get("exit") == "suspend" else ""
        core.pop("exit", None)
        core.pop("session_time", None)
        return cmi


class Scorm12LMS:
    """A SCORM 1.2 LMS for one package: launch it, relaunch it, read what it recorded."""

    LEARNER: CMIData = {  # noqa: RUF012
        "core": {
            "student_id": "learner-1",
            "student_name": "Learner, Test",
            "credit": "credit",
            "lesson_mode": "normal",
        }
    }

    def __init__(
        self, package_zip: Path, server: StaticServer, context: BrowserContext, folder: str
    ) -> None:
        self.server = server
        self.context = context
        self.dir = server.root / folder
        self.content_dir = self.dir / "content"
        self.dir.mkdir(parents=True)
        self.files = extract_package(package_zip, self.content_dir)
        manifest = require(self.content_dir / "imsmanifest.xml", "imsmanifest.xml in the package")
        self.manifest = manifest.read_bytes()
        shutil.copyfile(
            require(SCORM12_JS, "scorm-again (node_modules)"), self.dir / "scorm12.min.js"
        )
        copy_harness(self.dir, HARNESS_JS)
        self.sessions: list[LMSSession] = []

    def first_launch_cmi(self, sco: ScoLaunch) -> CMIData:
        """What an LMS provides on the very first launch (entry "ab-initio")."""
        cmi = _deep_merge(
            self.LEARNER,
            {
                "core": {
                    "entry": "ab-initio",
                    "lesson_status": "not attempted",
                    "total_time": "00:00:00",
                }
            },
        )
        if sco.mastery_score:
            cmi["student_data"] = {"mastery_score": sco.mastery_score}
        if sco.data_from_lms:
            cmi["launch_data"] = sco.data_from_lms
        return cmi

    def launch(
        self,
        cmi: CMIData | None = None,
        *,
        api: bool = True,
        sco: str | None = None,
        fail_commits: int = 0,
        fail_code: int = 101,
        refuse_sets: Sequence[str] = (),
        refuse_code: int = 405,
        log_level: int | str = "ERROR",
        settings: dict[str, Any] | None = None,
        prepare: Callable[[Page], None] | None = None,
        profile: str = "strict",
        record: dict[str, Any] | None = None,
        mode: str | None = None,
    ) -> LMSSession:
        """Open the harness in a new page and load the SCO in its frame.

        ``cmi``: stored data to preload (``API.loadFromJSON``), for example a previous
        session's ``next_launch_cmi()``; None is a first launch. ``api=False`` launches
        with no LMS at all (no ``window.API``). ``fail_commits``: the first N LMSCommit
        calls return "false" with ``fail_code``. ``refuse_sets``: element prefixes whose
        LMSSetValue returns "false" with ``refuse_code`` (``LMSSession.refuse_sets`` changes
        them later). ``settings``: extra Scorm12API settings.
        ``prepare(page)`` runs before the harness is opened: routes it adds (``page.route``)
        see the course's first requests and come before the 127.0.0.1 guard. ``profile``: the
        LMS the SCO meets (strict, moodle, forma, edition2); its ``launchValues`` turns ``cmi``
        into what that LMS hands at launch, given ``record`` (a previous session's
        ``next_launch_record()``). ``mode``: ``cmi.core.lesson_mode`` for this launch ("browse",
        "review"), set by the LMS after the profile's ``launchValues``; None keeps the stored one
        ("normal").
        """
        if profile not in PROFILES:
            raise ValueError(f"unknown LMS profile {profile!r}; expected one of {PROFILES}")
        if mode not in (None, *MODES):
            raise ValueError(f"unknown lesson_mode {mode!r}; expected one of {MODES}")
        launch = read_sco_launch(self.manifest, sco)
        stored = self.first_launch_cmi(launch) if cmi is None else _deep_merge(self.LEARNER, cmi)
        config = {
            "api": api,
            "cmi": stored if api else None,
            "launch": "content/" + launch.href,
            "logLevel": log_level,
            # mastery_override off: record the status the SCO reported, not one the LMS derived.
            "settings": {"mastery_override": False, **(settings or {})},
            "failCommits": fail_commits,
            "failCode": fail_code,
            "refuseSets": list(refuse_sets),
            "refuseCode": refuse_code,
            "profile": profile,
            "record": record or {"sessions": len(self.sessions)},
            "mode": mode,
        }
        page_path = self.dir / f"launch-{len(self.sessions) + 1}.html"
        page_path.write_text(_harness_html(config, api), encoding="utf-8")
        page = self.context.new_page()
        session = LMSSession(
            page=page,
            launch_url=self.server.url_for(page_path),
            content_url=self.server.url_for(self.content_dir) + "/",
            api=api,
            launch_cmi=stored if api else None,
            profile=profile,
            number=len(self.sessions) + 1,
        )
        _watch(session)
        if prepare is not None:
            prepare(page)
        self.sessions.append(session)
        # The frame is created while the page parses, so "load" waits for the course too.
        page.goto(session.launch_url, wait_until="load")
        if api:
            session.launch_cmi = session._refresh()["launchCMI"]  # as the profile handed it
        return session

    def relaunch(self, **kwargs: Any) -> LMSSession:
        """Close the last session (its course gets pagehide) and launch again with what an LMS
        would have stored from it (``LMSSession.next_launch_cmi``, then the profile's
        ``launchValues`` with ``next_launch_record``), with the same profile unless told.
        ``relaunch(mode="review")`` hands the same data in review mode."""
        if not self.sessions:
            raise RuntimeError("relaunch() needs a previous launch()")
        previous = self.sessions[-1]
        previous.close()
        kwargs.setdefault("profile", previous.profile)
        kwargs.setdefault("record", previous.next_launch_record())
        return self.launch(previous.next_launch_cmi(), **kwargs)


def copy_harness(folder: Path, harness: Path) -> None:
    """The harness page's scripts: the LMS profiles (the repository's own), their glue, the page."""
    shutil.copyfile(LIMITS_JS, folder / "lms-limits.js")
    shutil.copyfile(SF_JS, folder / "lms-successfactors.js")
    shutil.copyfile(PROFILES_JS, folder / "lms-profiles.js")
    shutil.copyfile(PROFILED_JS, folder / "profiled.js")
    shutil.copyfile(harness, folder / harness.name)


PROFILE_SCRIPTS = (
    '<script src="lms-limits.js"></script>\n<script src="lms-successfactors.js"></script>\n'
    '<script src="lms-profiles.js"></script>\n<script src="profiled.js"></script>\n'
)


def _harness_html(config: dict[str, Any], api: bool) -> str:
    data = json.dumps(config, indent=1).replace("</", "<\\/")
    runtime = '<script src="scorm12.min.js"></script>\n' + PROFILE_SCRIPTS if api else ""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>LMS harness</title>\n'
        "<style>html,body{margin:0;height:100%}"
        "iframe{display:block;border:0;width:100%;height:100%}</style>\n"
        "</head>\n<body>\n"
        f'<script type="application/json" id="lms-config">{data}</script>\n'
        f'{runtime}<script src="harness.js"></script>\n'
        "</body>\n</html>\n"
    )


def _watch(session: LMSSession) -> None:
    """Record console messages, uncaught errors, HTTP errors and outside requests of a page."""
    page = session.page

    lms_url = session.launch_url.rsplit("/", 1)[0] + "/"

    def frame_of(url: str) -> str:
        # A console message carries the URL of its script or of the resource it is about.
        if url.startswith(session.content_url):
            return "course"
        return "lms" if url.startswith(lms_url) else "external"

    page.on(
        "console",
        lambda msg: session.console.append(
            ConsoleEntry(
                frame_of(msg.location.get("url", "")),
                msg.type,
                msg.text,
                msg.location.get("url", ""),
            )
        ),
    )
    page.on("pageerror", lambda err: session.page_errors.append(err.stack or err.message))
    page.on(
        "response",
        lambda resp: (
            session.http_errors.append((resp.status, resp.url)) if resp.status >= 400 else None
        ),
    )
    guard_network(page, session.blocked_requests)
