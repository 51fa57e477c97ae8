"""What a launch in the LMS harness recorded: the SCO's calls on the API (``ApiCall``), the
page's console, and the data the LMS holds (``LMSSession``), with SCORM 1.2's time arithmetic.
``lms.py`` makes the sessions."""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from playwright.sync_api import Frame, Page

CMIData = dict[str, Any]


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
