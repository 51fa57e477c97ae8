"""A small course and statements whose every figure is counted by hand (test_figures.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

C = "https://ex.ca/c"
ADL = "http://adlnet.gov/expapi/verbs/"
VID = "https://w3id.org/xapi/video/"
T = "http://adlnet.gov/expapi/activities/"


def _act(iri: str, kind: str, name: dict[str, str] | None = None, **more: Any) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": kind, **more}
    if name:
        definition["name"] = name
    return {"id": iri, "objectType": "Activity", "definition": definition}


ACTIVITIES: dict[str, Any] = {
    "course": C,
    "revision": "1.0.0",
    "languages": ["en", "fr"],
    "quizzes": [
        {
            "id": f"{C}/quizzes/final",
            "role": "assessment",
            "draw": 2,
            "pass_mark": 50,
            "weights": {"q2": 3},
        }
    ],
    "activities": [
        _act(C, f"{T}course", {"en-CA": "Course", "fr-CA": "Cours"}),
        _act(f"{C}/modules/p1", f"{T}module", {"en-CA": "One", "fr-CA": "Un"}),
        _act(f"{C}/modules/p2", f"{T}module", {"en-CA": "Two", "fr-CA": "Deux"}),
        _act(f"{C}/videos/p2", f"{VID}activity-type/video", {"en-CA": "Film", "fr-CA": "Film"}),
        _act(f"{C}/quizzes/final", f"{T}assessment", {"en-CA": "Final", "fr-CA": "Finale"}),
        _act(
            f"{C}/quizzes/final/q/q1",
            f"{T}cmi.interaction",
            None,
            interactionType="choice",
            description={"en-CA": "Pick", "fr-CA": "Choisir"},
            choices=[
                {"id": "a", "description": {"en-CA": "A", "fr-CA": "A"}},
                {"id": "b", "description": {"en-CA": "B", "fr-CA": "B"}},
            ],
        ),
        _act(
            f"{C}/quizzes/final/q/q2",
            f"{T}cmi.interaction",
            None,
            interactionType="true-false",
            description={"en-CA": "Yes?", "fr-CA": "Oui?"},
        ),
    ],
}

OBJ = {
    "course": C,
    "p1": f"{C}/modules/p1",
    "p2": f"{C}/modules/p2",
    "video": f"{C}/videos/p2",
    "q1": f"{C}/quizzes/final/q/q1",
    "q2": f"{C}/quizzes/final/q/q2",
}
START = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def statement(
    who: int, minute: int, verb: str, obj: str, lang: str, **result: Any
) -> dict[str, Any]:
    """Learner `who`'s statement at START + 30 * who + minute minutes."""
    when = START + timedelta(minutes=30 * who + minute)
    verb_iri = f"{VID}verbs/{verb}" if verb == "played" else f"{ADL}{verb}"
    context: dict[str, Any] = {
        "registration": f"00000000-0000-4000-8000-00000000000{who}",
        "language": lang,
    }
    if obj == "video":
        context["extensions"] = {f"{VID}extensions/length": 100}
    found: dict[str, Any] = {
        "id": f"10000000-0000-4000-8000-{who:04d}{minute:08d}",
        "actor": {"objectType": "Agent", "mbox": f"mailto:learner{who}@ex.ca"},
        "verb": {"id": verb_iri},
        "object": {"id": OBJ[obj], "objectType": "Activity"},
        "context": context,
        "timestamp": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
    }
    if result:
        found["result"] = result
    return found


def _seg(segments: str) -> dict[str, Any]:
    return {f"{VID}extensions/played-segments": segments}


def learners() -> list[dict[str, Any]]:
    """L1 (en) passes at once, L2 (en) fails then passes, L3 (fr) fails; see test_figures."""
    s = statement
    return [
        s(1, 0, "initialized", "course", "en-CA"),
        s(1, 1, "experienced", "p1", "en-CA"),
        s(1, 2, "experienced", "p2", "en-CA"),
        s(1, 3, "played", "video", "en-CA"),
        s(1, 4, "paused", "video", "en-CA", extensions=_seg("0[.]10")),
        s(1, 5, "answered", "q1", "en-CA", response="a", success=True, duration="PT10S"),
        s(1, 6, "answered", "q2", "en-CA", response="false", success=True, duration="PT20S"),
        s(1, 7, "passed", "course", "en-CA"),
        s(1, 8, "completed", "course", "en-CA"),
        s(1, 9, "terminated", "course", "en-CA", duration="PT1M40S"),
        s(2, 0, "initialized", "course", "en-US"),
        s(2, 1, "experienced", "p1", "en-US"),
        s(2, 2, "experienced", "p2", "en-US"),  # voided at the end of the file
        s(2, 3, "answered", "q1", "en-US", response="b", success=False, duration="PT30S"),
        s(2, 4, "answered", "q2", "en-US", response="true", success=False, duration="PT40S"),
        s(2, 5, "answered", "q1", "en-US", response="a", success=True, duration="PT10S"),
        s(2, 6, "answered", "q2", "en-US", response="false", success=True, duration="PT10S"),
        s(2, 7, "passed", "course", "en-US"),
        s(2, 8, "terminated", "course", "en-US", duration="PT50S"),
        s(3, 0, "initialized", "course", "fr-CA"),
        s(3, 1, "experienced", "p1", "fr-CA"),
        s(3, 2, "experienced", "p2", "fr-CA"),
        s(3, 3, "initialized", "video", "fr-CA"),
        s(3, 4, "completed", "video", "fr-CA", extensions=_seg("0[.]100")),
        s(3, 5, "answered", "q1", "fr-CA", response="a", success=True, duration="PT20S"),
        s(3, 6, "answered", "q2", "fr-CA", response="true", success=False, duration="PT20S"),
        s(3, 7, "terminated", "course", "fr-CA", duration="PT1M"),
    ]


def extras(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A duplicate, another course's statement and a voiding statement (after its target)."""
    other = json.loads(json.dumps(statements[1]))
    other["id"], other["object"]["id"] = "20000000-0000-4000-8000-000000000001", "https://x.ca/o"
    voiding = {
        "id": "30000000-0000-4000-8000-000000000001",
        "actor": {"mbox": "mailto:admin@ex.ca"},
        "verb": {"id": f"{ADL}voided"},
        "object": {"objectType": "StatementRef", "id": statements[12]["id"]},
        "timestamp": "2026-01-06T00:00:00.000Z",
    }
    return [statements[1], other, voiding]


LMS_AU = "https://lms.ex.ca/activities/7f1c"  # the activityId a cmi5 LMS launched the AU with


def cmi5_learner() -> list[dict[str, Any]]:
    """L4 takes the course as a cmi5 AU [cmi5 §9.6, §10]: the AU's own statements have the LMS's
    activityId as object, and every statement has the publisher's AU id (`<course>/au`) in its
    grouping, never the course's IRI. L4 launches, sees p1, passes and completes (fr)."""
    found = []
    for minute, verb, obj in (
        (0, "initialized", "course"),
        (1, "experienced", "p1"),
        (2, "passed", "course"),
        (3, "completed", "course"),
        (4, "terminated", "course"),
    ):
        item = statement(4, minute, verb, obj, "fr-CA")
        if obj == "course":
            item["object"]["id"] = LMS_AU
        item["context"]["contextActivities"] = {
            "grouping": [{"id": f"{C}/au"}, {"id": LMS_AU}],
            "parent": [{"id": LMS_AU}],
        }
        found.append(item)
    return found


def lines() -> bytes:
    """The fixture as JSON lines, with one line that is not JSON."""
    found = learners()
    rows = [json.dumps(s) for s in found[:5]] + ["{not json"] + [json.dumps(s) for s in found[5:]]
    rows += [json.dumps(s) for s in extras(found)]
    return ("\n".join(rows) + "\n").encode()


def failed_report(here: Path, data: bytes, name: str = "s.json") -> str:
    """What `coursebuild report` prints for a statements file of ``data`` written in ``here``
    (it must fail in one line, writing no report)."""
    from typer.testing import CliRunner

    from builder.cli import app

    (here / name).write_bytes(data)
    args = ["report", "c-xapi-activities.json", "--statements", name, "--out", "r"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert not (here / "r").exists()
    assert result.output.count("\n") == 1, result.output  # one line, no parser's dump
    return result.output
