"""The LMS side of each launch: the data a SCO starts with, and what is kept of what it commits."""

from __future__ import annotations

import re
import threading
import uuid
from dataclasses import dataclass
from typing import Any

from .store import Store

LEARNER_ID = "preview-learner"
LEARNER_NAME = "Author, Preview"
HISTORY_KEPT = 50

# What an LMS keeps between sessions [RTE 1.2 §3.4]: the rest is provided at launch (entry,
# total_time, credit, ...) or belongs to one session (exit, session_time).
PERSISTENT_12 = re.compile(
    r"cmi\.(core\.(lesson_location|lesson_status|score\.(raw|min|max))|suspend_data|comments"
    r"|objectives\.\d+\..+|student_preference\.[a-z]+|interactions\.\d+\..+)"
)
TIMESPAN = re.compile(r"(\d{2,4}):(\d{2}):(\d{2})(?:\.(\d{1,2}))?")
TIMESPAN_MAX_CS = ((9999 * 60 + 59) * 60 + 59) * 100 + 99


@dataclass(frozen=True)
class LaunchInfo:
    """What the package's manifest tells the LMS about its SCO."""

    href: str
    mastery_score: str = ""
    data_from_lms: str = ""
    activity_id: str = ""


def timespan_cs(text: str) -> int:
    """Centiseconds in a SCORM 1.2 CMITimespan (0 if it is not one)."""
    match = TIMESPAN.fullmatch(text or "")
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


def judged_status(values: dict[str, str], mastery: str) -> str:
    """The status an LMS that applies the mastery score (Moodle) records, or ''."""
    raw = values.get("cmi.core.score.raw", "")
    if not mastery or not raw:
        return ""
    try:
        return "passed" if float(raw) >= float(mastery) else "failed"
    except ValueError:
        return ""


class Scorm12Sessions:
    """Launches and commits of one learner in SCORM 1.2, kept in the store."""

    target = "scorm12"

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()  # a launch or commit reads, changes and writes the record

    def _record(self) -> dict[str, Any]:
        record = self.store.record(self.target)
        record.setdefault("values", {})
        record.setdefault("sessions", 0)
        record.setdefault("total_cs", 0)
        record.setdefault("last_exit", "")
        record.setdefault("open", None)
        record.setdefault("history", [])
        record.setdefault("registration", str(uuid.uuid4()))
        return record

    def _close(self, record: dict[str, Any], mastery: str, finished: bool) -> list[str]:
        """End the open session as an LMS does at LMSFinish; notes on what it decided."""
        session = record["open"]
        record["open"] = None
        if session is None:
            return []
        record["closed"] = {"id": session["id"], "seq": session["seq"]}
        values = record["values"]
        notes = []
        status = values.get("cmi.core.lesson_status", "not attempted")
        if finished:
            record["total_cs"] += timespan_cs(session["session_time"])
            if status == "not attempted":
                values["cmi.core.lesson_status"] = status = "completed"
                notes.append(
                    f"session {session['n']}: the SCO never set cmi.core.lesson_status; the LMS "
                    "recorded 'completed' at LMSFinish (RTE 1.2 §3.4)"
                )
        else:
            notes.append(
                f"session {session['n']} ended without LMSFinish: what it last committed is "
                "kept, but its session_time is not added to total_time"
            )
        judged = judged_status(values, mastery)
        if judged and judged != status and values.get("cmi.core.lesson_status"):
            notes.append(
                f"session {session['n']}: lesson_status is '{status}' but score.raw "
                f"{values['cmi.core.score.raw']} against mastery_score {mastery} means "
                f"'{judged}': Moodle would record '{judged}' at LMSFinish"
            )
        record["last_exit"] = session["exit"]  # Moodle keeps a committed exit even unfinished
        record["history"] = [
            *record["history"],
            {
                "n": session["n"],
                "entry": session["entry"],
                "exit": session["exit"],
                "session_time": session["session_time"],
                "finished": finished,
                "status": values.get("cmi.core.lesson_status", "not attempted"),
            },
        ][-HISTORY_KEPT:]
        return notes

    def launch(self, info: LaunchInfo) -> dict[str, Any]:
        """Start a session: close any left open, then give the SCO its launch data."""
        with self._lock:
            return self._launch(info)

    def _launch(self, info: LaunchInfo) -> dict[str, Any]:
        record = self._record()
        notes = self._close(record, info.mastery_score, finished=False)
        first = record["sessions"] == 0
        entry = "ab-initio" if first else ("resume" if record["last_exit"] == "suspend" else "")
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
        self.store.save_record(self.target, record)
        values = {
            "cmi.core.student_id": LEARNER_ID,
            "cmi.core.student_name": LEARNER_NAME,
            "cmi.core.credit": "credit",
            "cmi.core.lesson_mode": "normal",
            "cmi.core.lesson_status": "not attempted",
            "cmi.core.entry": entry,
            "cmi.core.total_time": format_timespan(record["total_cs"]),
            "cmi.launch_data": info.data_from_lms,
            "cmi.student_data.mastery_score": info.mastery_score,
            **record["values"],
        }
        return {
            "session": session_id,
            "number": record["sessions"],
            "values": values,
            "notes": notes,
            "history": record["history"],
            "registration": record["registration"],
        }

    def commit(
        self, session_id: str, seq: int, values: dict[str, str], finished: bool, mastery: str
    ) -> tuple[bool, list[str]]:
        """Keep what a session committed; (False, why) when that session is over."""
        with self._lock:
            return self._commit(session_id, seq, values, finished, mastery)

    def _commit(
        self, session_id: str, seq: int, values: dict[str, str], finished: bool, mastery: str
    ) -> tuple[bool, list[str]]:
        record = self._record()
        session = record["open"]
        if session is None or session["id"] != session_id:
            closed = record.get("closed") or {}
            if closed.get("id") == session_id and seq <= closed.get("seq", 0):
                return True, []  # sent before the LMSFinish that closed it, arriving after
            return False, ["this session is over (relaunched, reset or ended): not stored"]
        if seq <= session["seq"]:
            return True, []  # an older commit arriving late
        session["seq"] = seq
        session["exit"] = str(values.get("cmi.core.exit", ""))
        session["session_time"] = str(values.get("cmi.core.session_time", ""))
        record["values"] = {
            k: str(v) for k, v in sorted(values.items()) if PERSISTENT_12.fullmatch(k)
        }
        notes = self._close(record, mastery, finished=True) if finished else []
        self.store.save_record(self.target, record)
        return True, notes

    def summary(self) -> dict[str, Any]:
        """What the panel shows about the learner: sessions so far and the stored values."""
        record = self._record()
        return {
            "sessions": record["sessions"],
            "total_time": format_timespan(record["total_cs"]),
            "history": record["history"],
            "values": record["values"],
        }
