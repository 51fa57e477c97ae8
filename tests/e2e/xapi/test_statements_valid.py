"""Every statement and activity of both seed courses, checked with Ralph's strict models.

Ralph's LRS is lax (it accepts a non-IRI verb id or ``scaled: 7``), but its
pydantic models (``ralph-malph`` 5.1.0 without extras, in the project venv) reject what an LRS
should reject. The video statements are also checked with its Video Profile models.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pydantic
import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.base.unnested_objects import BaseXapiActivity
from ralph.models.xapi.video.statements import (
    VideoCompleted,
    VideoInitialized,
    VideoPaused,
    VideoPlayed,
    VideoTerminated,
)

from builder.model import Course
from builder.pipeline import validate
from builder.standards.xapi import TYPE_INTERACTION, TYPE_VIDEO
from builder.xapi.activities import VIDEO_EXT, activities
from builder.xapi.statements import VERBS, statements

SEEDS = Path(__file__).resolve().parents[3] / "course_src"
FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "minimal"  # a YouTube video
VIDEO_MODELS: dict[str, type[BaseXapiStatement]] = {
    "initialized": VideoInitialized,
    "played": VideoPlayed,
    "paused": VideoPaused,
    "completed": VideoCompleted,
    "terminated": VideoTerminated,
}
PATTERNS = {  # correctResponsesPattern entries per interactionType (xAPI 1.0.3 table 2.6)
    "true-false": r"true|false",
    "choice": r"[0-9a-z]+(\[,\][0-9a-z]+)*",
    "matching": r"[1-9]\[\.\][a-z](\[,\][1-9]\[\.\][a-z])*",
    "numeric": r"-?[0-9.]*\[:\]-?[0-9.]*",
    "fill-in": r"\{case_matters=false\}(\{lang=[a-z]{2}-CA\})?[^{\[]+",
}


def seed_courses() -> list[Course]:
    outcome = validate([SEEDS])
    assert not outcome.failed, outcome.diagnostics
    assert [c.slug for c in outcome.courses] == ["navigating-social-media", "social-media-at-work"]
    return outcome.courses


COURSES = seed_courses()
CASES = [(c, lang) for c in COURSES for lang in c.languages]
IDS = [f"{c.slug}-{lang}" for c, lang in CASES]


def verb_name(statement: dict[str, Any]) -> str:
    return next(name for name, iri in VERBS.items() if iri == statement["verb"]["id"])


@pytest.mark.parametrize(("course", "lang"), CASES, ids=IDS)
def test_every_statement_passes_ralphs_strict_models(course: Course, lang: str) -> None:
    video = 0
    for statement in statements(course, lang=lang):
        BaseXapiStatement.model_validate(statement)
        if statement["object"]["definition"]["type"] == TYPE_VIDEO:
            VIDEO_MODELS[verb_name(statement)].model_validate(statement)
            video += 1
    # Neither seed video is measured: one is a link card, the other has no address.
    assert video == 0


def test_video_profile_statements_pass_ralphs_video_models() -> None:
    outcome = validate([FIXTURE])
    assert not outcome.failed, outcome.diagnostics
    video = [
        s for s in statements(outcome.courses[0]) if s["object"]["definition"]["type"] == TYPE_VIDEO
    ]
    assert [verb_name(s) for s in video] == list(VIDEO_MODELS)
    for statement in video:
        BaseXapiStatement.model_validate(statement)
        VIDEO_MODELS[verb_name(statement)].model_validate(statement)


@pytest.mark.parametrize("course", COURSES, ids=[c.slug for c in COURSES])
def test_every_activity_passes_ralphs_strict_models(course: Course) -> None:
    for activity in activities(course):
        BaseXapiActivity.model_validate(activity)


def test_the_strict_models_do_reject_bad_statements() -> None:
    good = statements(COURSES[0])[-3]  # passed
    bad_score = {**good, "result": {**good["result"], "score": {"scaled": 7}}}
    bad_verb = {**good, "verb": {"id": "passed"}}
    no_actor = {k: v for k, v in good.items() if k != "actor"}
    for bad in (bad_score, bad_verb, no_actor):
        with pytest.raises(pydantic.ValidationError):
            BaseXapiStatement.model_validate(bad)


@pytest.mark.parametrize(("course", "lang"), CASES, ids=IDS)
def test_structure(course: Course, lang: str) -> None:
    sent = statements(course, lang=lang)
    ids = [s["id"] for s in sent]
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    registrations = {s["context"]["registration"] for s in sent}
    assert len(registrations) == 1 and uuid.UUID(registrations.pop())
    assert {s["context"]["language"] for s in sent} == {f"{lang}-CA"}
    times = [datetime.fromisoformat(s["timestamp"]) for s in sent]
    assert times == sorted(times) and len(set(times)) == len(times)
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s["timestamp"]) for s in sent
    )
    assert all("version" not in s for s in sent)
    assert [verb_name(s) for s in sent[:1] + sent[-3:]] == [
        "initialized",
        "passed",
        "completed",
        "terminated",
    ]

    quiz = f"{course.id}/quizzes/final"
    video_sessions = [
        s["id"]
        for s in sent
        if verb_name(s) == "initialized" and s["object"]["id"].startswith(f"{course.id}/videos/")
    ]
    for s in sent:
        obj = s["object"]["id"]
        activities_ = s["context"].get("contextActivities")
        if obj == course.id:
            assert activities_ is None
            continue
        assert activities_["grouping"] == [{"id": course.id, "objectType": "Activity"}]
        parent = activities_["parent"]
        if obj.startswith(f"{quiz}/q/"):
            assert parent == [{"id": quiz, "objectType": "Activity"}]
            assert s["result"]["success"] is True and s["result"]["duration"] == "PT15S"
        else:
            assert parent == [{"id": course.id, "objectType": "Activity"}]
            assert re.fullmatch(rf"{re.escape(course.id)}/(modules|videos)/[a-z0-9-]+", obj)
        if obj.startswith(f"{course.id}/videos/"):
            assert activities_["category"][0]["id"] == "https://w3id.org/xapi/video"
            assert s["context"]["extensions"][f"{VIDEO_EXT}session-id"] == video_sessions[0]


@pytest.mark.parametrize("course", COURSES, ids=[c.slug for c in COURSES])
def test_activity_definitions(course: Course) -> None:
    found = activities(course)
    assert len({a["id"] for a in found}) == len(found)
    assert found[0]["id"] == course.id
    for activity in found:
        definition = activity["definition"]
        assert set(definition["name"]) == {"en-CA", "fr-CA"}
        assert set(definition.get("description", {"en-CA": ""})) <= {"en-CA", "fr-CA"}
        if definition["type"] != TYPE_INTERACTION:
            continue
        kind = definition["interactionType"]
        # a question of the final or of a page's knowledge check (issue 15)
        assert re.fullmatch(
            rf"{re.escape(course.id)}/quizzes/[a-z0-9-]+/q/[a-z0-9-]+", activity["id"]
        )
        assert set(definition["description"]) == {"en-CA", "fr-CA"}  # the prompt
        for pattern in definition["correctResponsesPattern"]:
            assert re.fullmatch(PATTERNS[kind], pattern), (kind, pattern)
        for component in ("choices", "source", "target"):
            for item in definition.get(component, []):
                assert set(item["description"]) == {"en-CA", "fr-CA"}
        assert ("choices" in definition) == (kind == "choice")
        assert ("source" in definition) == ("target" in definition) == (kind == "matching")
