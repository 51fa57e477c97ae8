"""The LMS side of each launch: the data a SCO starts with, and what is kept of what it commits."""

from __future__ import annotations

import re
import threading
import uuid
from typing import Any

from ..standards.types import CMI_TIMESPAN, DURATION
from ..targets import LaunchInfo as LaunchInfo
from .store import Store

LEARNER_ID = "preview-learner"
LEARNER_NAME = "Author, Preview"
HISTORY_KEPT = 50

# What an LMS keeps between sessions [SCORM 1.2 RTE §3.4]: the rest is provided at launch (entry,
# total_time, credit, ...) or belongs to one session (exit, session_time).
PERSISTENT_12 = re.compile(
    r"cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max))|suspend_data|comments"
    r"|objectives\.\d+\..+|student_preference\.[a-z]+|interactions\.\d+\..+)"
)
PERSISTENT_2004 = re.compile(
    r"cmi\.(location|suspend_data|completion_status|success_status|progress_measure"
    r"|score\.(scaled|raw|min|max)|objectives\.\d+\..+|interactions\.\d+\..+"
    r"|learner_preference\.[a-z_]+|comments_from_learner\.\d+\..+)"
)
TIMESPAN_MAX_CS = ((9999 * 60 + 59) * 60 + 59) * 100 + 99
DURATION_CS = (365 * 86400_00, 30 * 86400_00, 7 * 86400_00, 86400_00, 3600_00, 60_00)


def timespan_cs(text: str) -> int:
    """Centiseconds in a SCORM 1.2 CMITimespan (0 if it is not one)."""
    match = CMI_TIMESPAN.fullmatch(text or "")
    if not match:
        return 0
    hours, minutes, seconds, fraction = match.groups()
    whole = (int(hours) * 60 + int(minutes)) * 60 + int(seconds)
    return whole * 100 + int((fraction or "0").ljust(2, "0"))


def format_timespan(cs: int) -> str:
    """A CMITimespan `HHHH:MM:SS.SS` (capped at four hour digits)."""
    cs = max(0, min(cs, TIMESPAN_MAX_CS))
    seconds, hundredths = divmod(cs, 100)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:04d}:{mins:02d}:{secs:02d}.{hundredths:02d}"


def duration_cs(text: str) -> int:
    """Centiseconds in an ISO 8601 duration (SCORM 2004 timeinterval; 0 if it is not one)."""
    match = DURATION.fullmatch(text or "")
    if not match:
        return 0
    *whole, seconds = match.groups()
    total = sum(int(n) * unit for n, unit in zip(whole, DURATION_CS, strict=True) if n)
    return total + round(float(seconds or 0) * 100)


def format_duration(cs: int) -> str:
    """An ISO 8601 duration `PT#H#M#S` with at most two decimals of seconds."""
    seconds, hundredths = divmod(max(0, cs), 100)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    fraction = f".{hundredths:02d}".rstrip("0").rstrip(".")
    return f"PT{hours}H{mins}M{secs}{fraction}S"


def judged(score: str, threshold: str, yes: str, no: str) -> str:
    """What an LMS that applies a pass mark records for a score, or ''."""
    try:
        return yes if float(score) >= float(threshold) else no
    except ValueError:
        return ""


class Scorm12Sessions:
    """Launches and commits of one learner in SCORM 1.2, kept in the store."""

    target = "scorm12"
    persistent = PERSISTENT_12
    exit_key = "cmi.core.exit"
    time_key = "cmi.core.session_time"
    status_key = "cmi.core.lesson_status"
    entry_key = "cmi.core.entry"
    total_key = "cmi.core.total_time"
    finish_name = "LMSFinish"

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()  # a launch or commit reads, changes and writes the record

    # -- what differs between versions

    def elapsed(self, session_time: str) -> int:
        """Centiseconds of a session_time."""
        return timespan_cs(session_time)

    def total(self, cs: int) -> str:
        """total_time as the version writes it."""
        return format_timespan(cs)

    def entry(self, record: dict[str, Any]) -> str:
        """cmi.core.entry [SCORM 1.2 RTE §3.4]: 'resume' only after exit 'suspend', data kept."""
        if record["sessions"] == 0:
            return "ab-initio"
        return "resume" if record["last_exit"] == "suspend" else ""

    def launch_values(self, record: dict[str, Any], entry: str, info: LaunchInfo) -> dict[str, str]:
        """What LMSGetValue answers at the start of a session."""
        return {
            "cmi.core.student_id": LEARNER_ID,
            "cmi.core.student_name": LEARNER_NAME,
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
            "cmi.core.lesson_status": "not attempted",
            "cmi.core.entry": entry,
            "cmi.core.total_time": self.total(record["total_cs"]),
            "cmi.launch_data": info.data_from_lms,
            "cmi.student_data.mastery_score": info.mastery_score,
            **record["values"],
        }

    def finish_rules(self, values: dict[str, str], n: int, info: LaunchInfo) -> list[str]:
        """What the LMS decides at LMSFinish [SCORM 1.2 RTE §3.4 cmi.core.lesson_status]."""
        notes = []
        status = values.get(self.status_key, "not attempted")
        if status == "not attempted":
            values[self.status_key] = status = "completed"
            notes.append(
                f"session {n}: the SCO never set cmi.core.lesson_status; the LMS recorded "
                "'completed' at LMSFinish (SCORM 1.2 RTE §3.4)"
            )
        raw, mastery = values.get("cmi.core.score.raw", ""), info.mastery_score
        verdict = judged(raw, mastery, "passed", "failed") if raw and mastery else ""
        if verdict and verdict != status:
            notes.append(
                f"session {n}: lesson_status is '{status}' but score.raw {raw} against "
                f"mastery_score {mastery} means '{verdict}': Moodle would record '{verdict}'"
            )
        return notes

    # -- the record

    def _record(self) -> dict[str, Any]:
        record = self.store.record(self.target)
        for key, default in (
            ("values", {}),
            ("sessions", 0),
            ("total_cs", 0),
            ("last_exit", ""),
            ("open", None),
            ("history", []),
            ("registration", str(uuid.uuid4())),
            ("launch_entry", ""),
            ("launch_total", ""),
            ("finished", False),
            ("stored_after_finish", False),
        ):
            record.setdefault(key, default)
        return record

    def _close(self, record: dict[str, Any], info: LaunchInfo, finished: bool) -> list[str]:
        """End the open session as an LMS does at LMSFinish; notes on what it decided."""
        session = record["open"]
        record["open"] = None
        if session is None:
            return []
        record["closed"] = {"id": session["id"], "seq": session["seq"]}
        values = record["values"]
        record["finished"] = finished
        if finished:
            record["total_cs"] += self.elapsed(session["session_time"])
            notes = self.finish_rules(values, session["n"], info)
        else:
            notes = [
                f"session {session['n']} ended without {self.finish_name}: what it last "
                "committed is kept, but its session_time is not added to total_time"
            ]
        record["last_exit"] = session["exit"]  # Moodle keeps a committed exit even unfinished
        record["history"] = [
            *record["history"],
            {
                "n": session["n"],
                "entry": session["entry"],
                "exit": session["exit"],
                "session_time": session["session_time"],
                "finished": finished,
                "status": values.get(self.status_key, ""),
            },
        ][-HISTORY_KEPT:]
        return notes

    def launch(self, info: LaunchInfo) -> dict[str, Any]:
        """Start a session: close any left open, then give the SCO its launch data."""
        with self._lock:
            record = self._record()
            notes = self._close(record, info, finished=False)
            previous = self.previous(record)
            entry = self.entry(record)
            record["sessions"] += 1
            session_id = uuid.uuid4().hex
            record["open"] = {
                "id": session_id,
                "n": record["sessions"],
                "seq": 0,
                "entry": entry,
                "exit": "",
                "session_time": "",
            }
            values = self.launch_values(record, entry, info)
            record.update(
                launch_entry=values.get(self.entry_key, ""),
                launch_total=values.get(self.total_key, ""),
                finished=False,
                stored_after_finish=False,
            )
            self.store.save_record(self.target, record)
        return {
            "session": session_id,
            "number": record["sessions"],
            "values": values,
            "record": previous,
            "notes": notes,
            "history": record["history"],
            "registration": record["registration"],
        }

    def previous(self, record: dict[str, Any]) -> dict[str, Any]:
        """What the page's LMS profile needs about the last session to hand out the next one."""
        return {
            "sessions": record["sessions"],
            "stored": dict(record["values"]),
            "launchEntry": record["launch_entry"],
            "launchTotal": record["launch_total"],
            "exitAtFinish": record["last_exit"],
            "finished": record["finished"],
            "storedAfterFinish": record["stored_after_finish"],
        }

    def _keep(self, record: dict[str, Any], values: dict[str, str]) -> None:
        record["values"] = {
            k: str(v) for k, v in sorted(values.items()) if self.persistent.fullmatch(k)
        }
        # What the SCO was handed at launch, as the LMS profile changed it (read only).
        record["launch_entry"] = str(values.get(self.entry_key, record["launch_entry"]))
        record["launch_total"] = str(values.get(self.total_key, record["launch_total"]))

    def commit(
        self,
        session_id: str,
        seq: int,
        values: dict[str, str],
        finished: bool,
        info: LaunchInfo,
        after_finish: bool = False,
    ) -> tuple[bool, list[str]]:
        """Keep what a session committed; (False, why) when that session is over.

        ``after_finish``: the LMS (its profile) stores a commit that reaches it after it finished
        the session itself, keeping the rest as its finish left it (forma's forced finish).
        """
        with self._lock:
            record = self._record()
            session = record["open"]
            if session is None or session["id"] != session_id:
                closed = record.get("closed") or {}
                if closed.get("id") == session_id and seq <= closed.get("seq", 0):
                    return True, []  # sent before the finish that closed it, arriving after
                if closed.get("id") == session_id and after_finish:
                    closed["seq"] = seq
                    self._keep(record, values)
                    record["stored_after_finish"] = True
                    self.store.save_record(self.target, record)
                    return True, [
                        f"a {'finish' if finished else 'commit'} after the LMS's own finish was "
                        "stored, as this LMS does; total_time and entry stay as its finish left "
                        "them"
                    ]
                return False, ["this session is over (relaunched, reset or ended): not stored"]
            if seq <= session["seq"]:
                return True, []  # an older commit arriving late
            session["seq"] = seq
            session["exit"] = str(values.get(self.exit_key, ""))
            session["session_time"] = str(values.get(self.time_key, ""))
            self._keep(record, values)
            notes = self._close(record, info, finished=True) if finished else []
            self.store.save_record(self.target, record)
        return True, notes


class Scorm2004Sessions(Scorm12Sessions):
    """SCORM 2004 4th edition: ISO 8601 times, and only exit 'suspend' keeps the attempt."""

    target = "scorm2004"
    persistent = PERSISTENT_2004
    exit_key = "cmi.exit"
    time_key = "cmi.session_time"
    status_key = "cmi.completion_status"
    entry_key = "cmi.entry"
    total_key = "cmi.total_time"
    finish_name = "Terminate"

    def elapsed(self, session_time: str) -> int:
        """Centiseconds of an ISO 8601 session_time."""
        return duration_cs(session_time)

    def total(self, cs: int) -> str:
        """total_time as an ISO 8601 duration."""
        return format_duration(cs)

    def entry(self, record: dict[str, Any]) -> str:
        """'resume' after 'suspend', else a new attempt [SCORM 2004 4th ed. RTE §4.2.8]."""
        if record["sessions"] and record["last_exit"] == "suspend":
            return "resume"
        if record["sessions"]:
            kept = {k: v for k, v in record["values"].items() if "learner_preference" in k}
            record.update(values=kept, total_cs=0)  # a new attempt starts with no data
        return "ab-initio"

    def launch_values(self, record: dict[str, Any], entry: str, info: LaunchInfo) -> dict[str, str]:
        """What GetValue answers at the start; unset elements answer 403."""
        optional = {
            "cmi.launch_data": info.data_from_lms,
            "cmi.scaled_passing_score": info.scaled_passing_score,
            "cmi.completion_threshold": info.completion_threshold,
        }
        return {
            "cmi.learner_id": LEARNER_ID,
            "cmi.learner_name": LEARNER_NAME,
            "cmi.credit": "credit",
            "cmi.mode": "normal",
            "cmi.entry": entry,
            "cmi.total_time": self.total(record["total_cs"]),
            **{k: v for k, v in optional.items() if v},
            **record["values"],
        }

    def finish_rules(self, values: dict[str, str], n: int, info: LaunchInfo) -> list[str]:
        """The LMS's own judgement of success from score.scaled [SCORM 2004 4th ed. RTE §4.2.22]."""
        scaled, passing = values.get("cmi.score.scaled", ""), info.scaled_passing_score
        status = values.get("cmi.success_status", "unknown")
        verdict = judged(scaled, passing, "passed", "failed") if scaled and passing else ""
        if verdict and verdict != status:
            return [
                f"session {n}: success_status is '{status}' but score.scaled {scaled} against "
                f"scaled_passing_score {passing} means '{verdict}': the LMS reports '{verdict}'"
            ]
        return []


class XapiSessions(Scorm12Sessions):
    """An xAPI launch: the LRS keeps the data; here, only the registration and the sessions."""

    target = "xapi"


class Cmi5Sessions(XapiSessions):
    """A cmi5 launch: like xAPI, with LMS.LaunchData and a one-time auth-token."""

    target = "cmi5"


SESSIONS: dict[str, type[Scorm12Sessions]] = {
    "scorm12": Scorm12Sessions,
    "scorm2004": Scorm2004Sessions,
    "xapi": XapiSessions,
    "cmi5": Cmi5Sessions,
}
