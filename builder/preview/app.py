"""The preview's state: the course, its current build, the learner; what the HTTP API answers."""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from ..diagnostics import Diagnostic, from_here
from ..standards.cmi5 import SESSION_ID as CMI5_SESSION_ID
from ..targets import REGISTRY
from .build import PreviewBuild, build_folder, build_preview, ignore_build_folder
from .lrs import ACTOR_HOME, credential, now_iso
from .sessions import LEARNER_ID, LEARNER_NAME, SESSIONS, LaunchInfo
from .store import Store

Echo = Callable[[str, bool], None]

MAX_SEQ = 2**53  # a commit's seq is a JavaScript counter: a safe integer


def commit_problem(body: Any) -> str:
    """Why a POST /api/commit body is not {session, seq: int >= 0, values: {}} ('' if it is)."""
    if not isinstance(body, dict):
        return "the body: expected a JSON object"
    seq = body.get("seq", 0)
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 <= seq <= MAX_SEQ:
        return f"seq: expected a whole number from 0 to 2^53, found {json.dumps(seq)[:40]}"
    if not isinstance(body.get("session", ""), str):
        return "session: expected the launch's session id (a string)"
    if not isinstance(body.get("values"), dict):
        return "values: expected an object"
    return ""


def commit_error(message: str) -> dict[str, Any]:
    """The 400 answer to a commit the server cannot read."""
    return {"ok": False, "error": True, "message": message, "notes": [message]}


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    """A diagnostic for the page: its text as the terminal prints it, and its parts."""
    return {
        "text": d.format(),
        "where": str(d.location),
        "severity": d.severity.value,
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
    }


def actor() -> dict[str, Any]:
    """The preview's learner as an xAPI Agent (stable across ports and restarts)."""
    return {
        "objectType": "Agent",
        "name": LEARNER_NAME,
        "account": {"homePage": ACTOR_HOME, "name": LEARNER_ID},
    }


class Preview:
    """One course previewed for one target: builds, the learner's sessions, the LRS."""

    def __init__(self, course: Path, target: str, echo: Echo, lms: str = "strict") -> None:
        self.course = course
        self.target = target
        self.echo = echo
        self.lms = lms  # the LMS profile the page plays (static/lms-profiles.js)
        self.out = build_folder(course)
        ignore_build_folder(course)
        self.store = Store(self.out / "learner.sqlite3")
        self.launches = REGISTRY[target].launch  # how the LMS side starts it
        self.sessions = SESSIONS[self.launches](self.store)
        self._lock = threading.Lock()
        self._cmi5_fetched: set[str] = set()
        self.generation = 0
        self.instance = uuid.uuid4().hex  # a restarted server is a new instance for the page
        # This run's secrets: the page sends the token with each change it asks for; the course
        # is launched with the LRS credential (xAPI `auth`, the cmi5 auth-token).
        self.token = secrets.token_urlsafe(32)
        self.auth = credential(secrets.token_urlsafe(32))
        self.changed: list[str] = []
        self.built_at = 0.0
        self.current = PreviewBuild(False, [])

    def rebuild(self, changed: list[str] | None = None) -> PreviewBuild:
        """Build again; a new generation unless the package and diagnostics are the same."""
        build = build_preview(self.course, self.target, self.out)
        with self._lock:
            same = (
                build.ok
                and self.current.ok
                and build.digest == self.current.digest
                and build.diagnostics == self.current.diagnostics
            )
            if not same:
                self.generation += 1
                self.current = build
                self.changed = list(changed or [])
                self.built_at = time.time()
        self._report(build, changed, same)
        return build

    def rebuilt(self, changed: list[str]) -> None:
        """The watcher's callback: files changed, build again."""
        self.rebuild(changed)

    def _report(self, build: PreviewBuild, changed: list[str] | None, same: bool) -> None:
        what = (
            f"{', '.join(changed[:3])}{' ...' if len(changed) > 3 else ''} changed: "
            if changed
            else ""
        )
        # The terminal names files as `build` does: from where the author ran the command.
        for diagnostic in from_here(build.diagnostics, self.course):
            self.echo(diagnostic.format(), True)
        if not build.ok:
            self.echo(
                f"{what}build failed: {build.summary()}; the page shows them until fixed", True
            )
        elif same:
            self.echo(f"{what}the package is the same", False)
        elif changed:
            self.echo(f"{what}rebuilt in {build.seconds * 1000:.0f} ms; the page reloads it", False)

    def status(self) -> dict[str, Any]:
        """GET /api/build: the current generation, and the course or its diagnostics."""
        with self._lock:
            build, generation = self.current, self.generation
            changed, built_at = list(self.changed), self.built_at
        return {
            "generation": generation,
            "instance": self.instance,
            "ok": build.ok,
            "target": self.target,
            "lms": self.lms,
            "course": self.course.name,
            "title": build.title,
            "package": build.package,
            "seconds": round(build.seconds, 3),
            "built_at": built_at,
            "changed": changed,
            "summary": build.summary(),
            "diagnostics": [diagnostic_json(d) for d in build.diagnostics],
        }

    def file(self, path: str) -> bytes | None:
        """A file of the current package (None if absent or the build failed)."""
        with self._lock:
            build = self.current
        return build.files.get(path) if build.ok else None

    def launch(self, origin: str) -> dict[str, Any]:
        """POST /api/launch: a new session's launch data and the address of the course."""
        with self._lock:
            build = self.current
        if not build.ok or build.launch is None:
            return {"ok": False, "message": "the course did not build"}
        info = build.launch
        started = self.sessions.launch(info)
        url = f"/course/{info.href}"
        if self.launches == "xapi":
            query = urlencode(
                {
                    "endpoint": f"{origin}/xapi/",
                    "auth": self.auth,
                    "actor": json.dumps(actor()),
                    "registration": started["registration"],
                    "activity_id": info.activity_id,
                },
                quote_via=quote,
            )
            url += ("&" if "?" in url else "?") + query
        elif self.launches == "cmi5":
            url += ("&" if "?" in url else "?") + self._cmi5_launch(origin, info, started)
        return {"ok": True, "kind": self.launches, "url": url, **started}

    def _cmi5_launch(self, origin: str, info: LaunchInfo, started: dict[str, Any]) -> str:
        """cmi5 §8.1, §10: write LMS.LaunchData, then the launch query (fetch, not auth)."""
        registration = str(started["registration"])
        fetch = urlencode({"registration": registration, "token": self.token})
        agent = actor()
        launch_data: dict[str, Any] = {
            "contextTemplate": {
                "contextActivities": {"grouping": [{"id": info.activity_id}]},
                "extensions": {CMI5_SESSION_ID: str(uuid.uuid4())},
            },
            "launchMode": "Normal",
            "moveOn": info.move_on or "NotApplicable",
        }
        if info.mastery_score:
            launch_data["masteryScore"] = float(info.mastery_score)
        key = (info.activity_id, json.dumps(agent, sort_keys=True), registration, "LMS.LaunchData")
        body = json.dumps(launch_data).encode("utf-8")
        self.store.put_document(key, "application/json", body, now_iso())
        with self._lock:
            self._cmi5_fetched.discard(registration)
        return urlencode(
            {
                "endpoint": f"{origin}/xapi/",
                "fetch": f"{origin}/api/cmi5/fetch?{fetch}",
                "actor": json.dumps(agent),
                "registration": registration,
                "activityId": info.activity_id,
            },
            quote_via=quote,
        )

    def cmi5_token(self, registration: str) -> dict[str, str]:
        """POST /api/cmi5/fetch: the auth-token once per launch, then error 1 [cmi5 §8.2]."""
        with self._lock:
            if registration in self._cmi5_fetched:
                return {"error-code": "1", "error-text": "the auth-token was already fetched"}
            self._cmi5_fetched.add(registration)
        return {"auth-token": self.auth.removeprefix("Basic ")}

    def commit(self, body: dict[str, Any]) -> tuple[bool, list[str]]:
        """POST /api/commit: keep what the SCO committed (LMSCommit, LMSFinish)."""
        with self._lock:
            launch = self.current.launch
        problem = commit_problem(body)
        if problem:
            return False, [problem]
        values = body["values"]
        ok, notes = self.sessions.commit(
            str(body.get("session", "")),
            int(body.get("seq", 0)),
            {str(k): str(v) for k, v in values.items()},
            bool(body.get("finished")),
            launch or LaunchInfo(""),
            after_finish=bool(body.get("afterFinish")),
        )
        why = str(body.get("why") or "")
        if ok and why:
            notes.insert(0, f"the {self.lms} LMS stored this itself ({why}), not the SCO")
        return ok, notes

    def reset(self) -> None:
        """POST /api/reset: forget the learner."""
        self.store.reset()
        self.echo("learner reset: the next launch starts afresh", False)

    def close(self) -> None:
        """Close the store."""
        self.store.close()
