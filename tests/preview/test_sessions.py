"""The preview's LMS memory: launches, commits, what a relaunch gets back (SCORM 1.2 RTE §3.4)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.preview.sessions import (
    LaunchInfo,
    Scorm12Sessions,
    format_timespan,
    timespan_cs,
)
from builder.preview.store import Store
from builder.source.files import source_hash

INFO = LaunchInfo(href="index.html", mastery_score="80")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "learner.sqlite3")
    yield s
    s.close()


def finish(sessions: Scorm12Sessions, launch: dict[str, Any], **values: str) -> list[str]:
    ok, notes = sessions.commit(launch["session"], 1, values, True, INFO)
    assert ok
    return notes


def test_timespans() -> None:
    assert timespan_cs("0000:01:02.50") == 6250
    assert timespan_cs("12:00:00") == 12 * 360000
    assert timespan_cs("0:05:00") == 0  # not a CMITimespan
    assert format_timespan(6250) == "0000:01:02.50"
    assert format_timespan(10**12) == "9999:59:59.99"


def test_first_launch_is_ab_initio_with_the_learner_and_the_manifest_data(store: Store) -> None:
    launch = Scorm12Sessions(store).launch(INFO)
    values = launch["values"]
    assert values["cmi.core.entry"] == "ab-initio"
    assert values["cmi.core.lesson_status"] == "not attempted"
    assert values["cmi.core.total_time"] == "0000:00:00.00"
    assert values["cmi.core.credit"] == "credit"
    assert values["cmi.core.lesson_mode"] == "normal"
    assert values["cmi.student_data.mastery_score"] == "80"
    assert values["cmi.core.student_id"] == "preview-learner"
    assert launch["number"] == 1


def test_suspend_then_relaunch_in_a_new_process_resumes_with_the_data_and_total_time(
    tmp_path: Path,
) -> None:
    first_store = Store(tmp_path / "learner.sqlite3")
    sessions = Scorm12Sessions(first_store)
    first = sessions.launch(INFO)
    finish(
        sessions,
        first,
        **{
            "cmi.core.lesson_status": "incomplete",
            "cmi.core.lesson_location": "dos",
            "cmi.suspend_data": "1|abc",
            "cmi.core.exit": "suspend",
            "cmi.core.session_time": "0000:01:30.25",
            "cmi.interactions.0.id": "final-q1",
            "cmi.core.student_id": "someone-else",  # read-only: never stored
        },
    )
    first_store.close()

    second_store = Store(tmp_path / "learner.sqlite3")  # what a restarted server opens
    sessions = Scorm12Sessions(second_store)
    second = sessions.launch(INFO)
    values = second["values"]
    assert values["cmi.core.entry"] == "resume"
    assert values["cmi.core.lesson_location"] == "dos"
    assert values["cmi.suspend_data"] == "1|abc"
    assert values["cmi.core.lesson_status"] == "incomplete"
    assert values["cmi.core.total_time"] == "0000:01:30.25"
    assert values["cmi.interactions.0.id"] == "final-q1"
    assert values["cmi.core.student_id"] == "preview-learner"
    assert "cmi.core.exit" not in values and "cmi.core.session_time" not in values
    finish(
        sessions,
        second,
        **{
            "cmi.core.lesson_status": "passed",
            "cmi.core.score.raw": "90",
            "cmi.core.exit": "",
            "cmi.core.session_time": "0000:00:45.00",
        },
    )
    third = sessions.launch(INFO)["values"]
    assert third["cmi.core.entry"] == ""  # exit "" → a plain relaunch, not a resume
    assert third["cmi.core.total_time"] == "0000:02:15.25"
    assert third["cmi.core.lesson_status"] == "passed"
    history = sessions.launch(INFO)["history"]
    assert [(h["exit"], h["finished"]) for h in history] == [
        ("suspend", True),
        ("", True),
        ("", False),  # the third session, never finished
    ]
    second_store.close()


def test_a_session_left_without_finish_is_noted_and_its_time_not_added(store: Store) -> None:
    sessions = Scorm12Sessions(store)
    first = sessions.launch(INFO)
    ok, _ = sessions.commit(
        first["session"],
        1,
        {
            "cmi.core.exit": "suspend",
            "cmi.core.session_time": "0000:05:00",
            "cmi.suspend_data": "x",
        },
        False,
        INFO,
    )
    assert ok
    second = sessions.launch(INFO)
    assert any("ended without LMSFinish" in n for n in second["notes"])
    assert second["values"]["cmi.core.entry"] == "resume"  # the committed exit, as Moodle keeps it
    assert second["values"]["cmi.suspend_data"] == "x"
    assert second["values"]["cmi.core.total_time"] == "0000:00:00.00"


def test_commits_of_an_ended_session_are_refused_and_late_ones_ignored(store: Store) -> None:
    sessions = Scorm12Sessions(store)
    first = sessions.launch(INFO)
    assert sessions.commit(first["session"], 2, {"cmi.suspend_data": "new"}, False, INFO)[0]
    assert sessions.commit(first["session"], 1, {"cmi.suspend_data": "old"}, False, INFO)[0]
    second = sessions.launch(INFO)
    assert second["values"]["cmi.suspend_data"] == "new"
    ok, notes = sessions.commit(first["session"], 3, {"cmi.suspend_data": "stale"}, True, INFO)
    assert not ok and "over" in notes[0]


def test_finish_without_a_status_records_completed_and_a_status_against_mastery_is_noted(
    store: Store,
) -> None:
    sessions = Scorm12Sessions(store)
    notes = finish(sessions, sessions.launch(INFO), **{"cmi.core.session_time": "00:00:01"})
    assert "recorded 'completed'" in notes[0]
    assert sessions.launch(INFO)["values"]["cmi.core.lesson_status"] == "completed"
    notes = finish(
        sessions,
        sessions.launch(INFO),
        **{"cmi.core.lesson_status": "incomplete", "cmi.core.score.raw": "95"},
    )
    assert any("Moodle would record 'passed'" in n for n in notes)


def test_reset_forgets_the_learner(store: Store) -> None:
    sessions = Scorm12Sessions(store)
    finish(sessions, sessions.launch(INFO), **{"cmi.core.exit": "suspend"})
    store.reset()
    launch = sessions.launch(INFO)
    assert launch["values"]["cmi.core.entry"] == "ab-initio"
    assert launch["number"] == 1
    assert "cmi.core.lesson_location" not in launch["values"]


def test_the_build_folder_is_not_part_of_the_course_sources(tmp_path: Path) -> None:
    (tmp_path / "course.yml").write_text("id: x\n", encoding="utf-8")
    before = source_hash(tmp_path)
    (tmp_path / ".coursebuild" / "preview").mkdir(parents=True)
    (tmp_path / ".coursebuild" / "preview" / "learner.sqlite3").write_bytes(b"data")
    assert source_hash(tmp_path) == before


def test_a_commit_sent_before_finish_but_answered_after_it_is_harmless(store: Store) -> None:
    sessions = Scorm12Sessions(store)
    launch = sessions.launch(INFO)
    assert sessions.commit(launch["session"], 2, {"cmi.suspend_data": "last"}, True, INFO)[0]
    assert sessions.commit(launch["session"], 1, {"cmi.suspend_data": "older"}, False, INFO) == (
        True,
        [],
    )
    assert sessions.launch(INFO)["values"]["cmi.suspend_data"] == "last"


def test_the_launch_tells_the_lms_profile_about_the_previous_session(store: Store) -> None:
    sessions = Scorm12Sessions(store)
    first = sessions.launch(INFO)
    assert first["record"]["sessions"] == 0
    handed = {**first["values"], "cmi.core.lesson_location": "p2", "cmi.core.exit": "suspend"}
    assert sessions.commit(first["session"], 1, handed, True, INFO)[0]
    record = sessions.launch(INFO)["record"]
    assert record == {
        "sessions": 1,
        "stored": {"cmi.core.lesson_location": "p2", "cmi.core.lesson_status": "completed"},
        "launchEntry": "ab-initio",
        "launchTotal": "0000:00:00.00",
        "exitAtFinish": "suspend",
        "finished": True,
        "storedAfterFinish": False,
    }


def test_a_commit_after_the_lms_finished_the_session_is_stored_when_the_lms_says_so(
    store: Store,
) -> None:
    sessions = Scorm12Sessions(store)
    launch = sessions.launch(INFO)
    held = {**launch["values"], "cmi.core.lesson_location": "p1"}
    assert sessions.commit(launch["session"], 1, held, True, INFO)[0]  # the LMS's own finish
    later = {**held, "cmi.suspend_data": "s", "cmi.core.session_time": "00:01:00"}
    assert not sessions.commit(launch["session"], 2, later, False, INFO)[0]  # strict: over
    ok, notes = sessions.commit(launch["session"], 3, later, False, INFO, after_finish=True)
    assert ok and "after the LMS's own finish" in notes[0]
    again = sessions.launch(INFO)
    assert again["values"]["cmi.suspend_data"] == "s"
    assert again["values"]["cmi.core.total_time"] == "0000:00:00.00"  # the finish's, not more
    assert again["record"]["storedAfterFinish"] is True
