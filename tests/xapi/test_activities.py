"""xAPI: activity IRIs, definitions per question type, pattern formats, statements, CLI."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace
from typer.testing import CliRunner

from builder.cli import app
from builder.model import Course, Page
from builder.pipeline import validate
from builder.standards.xapi import (
    TYPE_ASSESSMENT,
    TYPE_COURSE,
    TYPE_INTERACTION,
    TYPE_MODULE,
    TYPE_VIDEO,
)
from builder.xapi.activities import (
    activities,
    activities_json,
    correct_responses,
    language_map,
    language_tag,
    number,
)
from builder.xapi.statements import (
    DEFAULT_ACTOR,
    VERBS,
    default_registration,
    iso_duration,
    iso_timestamp,
    parse_actor,
    statements,
)

SEEDS = Path(__file__).resolve().parents[2] / "course_src"
MINIMAL = "https://training.example.ca/courses/minimal"
QUESTIONS = ["tf", "one", "many", "fill", "match", "num"]  # the minimal fixture's quiz, in order
Edit = Callable[[Path, str, str], None]
runner = CliRunner()


def load(path: Path) -> Course:
    outcome = validate([path])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    return course


def by_id(course: Course) -> dict[str, dict[str, Any]]:
    return {a["id"]: a for a in activities(course)}


def verbs(sent: list[dict[str, Any]]) -> list[str]:
    names = {iri: name for name, iri in VERBS.items()}
    return [names[s["verb"]["id"]] for s in sent]


# --- Activities --------------------------------------------------------------------------------


def test_iris_sit_under_the_course_id(course: Path) -> None:
    found = activities(load(course))
    assert [(a["id"], a["definition"]["type"]) for a in found] == [
        (MINIMAL, TYPE_COURSE),
        (f"{MINIMAL}/modules/intro", TYPE_MODULE),
        (f"{MINIMAL}/modules/video", TYPE_MODULE),
        (f"{MINIMAL}/videos/video", TYPE_VIDEO),
        (f"{MINIMAL}/quizzes/quiz", TYPE_ASSESSMENT),
        *[(f"{MINIMAL}/quizzes/quiz/q/{q}", TYPE_INTERACTION) for q in QUESTIONS],
    ]
    assert all(a["objectType"] == "Activity" for a in found)


def test_language_maps_use_canadian_tags() -> None:
    assert language_tag("en") == "en-CA" and language_tag("fr") == "fr-CA"
    assert language_tag("iu") == "iu" and language_tag("es-MX") == "es-MX"
    assert language_map({"en": "Hi", "fr": "Salut", "iu": ""}) == {"en-CA": "Hi", "fr-CA": "Salut"}
    seed = by_id(load(SEEDS / "social-media-at-work"))
    course = seed["https://training.coursebuild.ca/courses/social-media-at-work"]
    assert course["definition"]["name"] == {
        "en-CA": "Social Media at Work",
        "fr-CA": "Les médias sociaux au travail",
    }
    assert set(course["definition"]["description"]) == {"en-CA", "fr-CA"}


def test_definitions_per_question_type(course: Path) -> None:
    found = by_id(load(course))

    def definition(question: str) -> dict[str, Any]:
        result: dict[str, Any] = found[f"{MINIMAL}/quizzes/quiz/q/{question}"]["definition"]
        assert result["type"] == TYPE_INTERACTION
        assert result["name"] == {"en-CA": f"Quiz, question {QUESTIONS.index(question) + 1}"}
        return result

    tf = definition("tf")
    assert (tf["interactionType"], tf["correctResponsesPattern"]) == ("true-false", ["true"])
    assert tf["description"] == {"en-CA": "The sky is blue."}
    assert not {"choices", "source", "target"} & set(tf)

    one = definition("one")
    assert (one["interactionType"], one["correctResponsesPattern"]) == ("choice", ["a"])
    assert one["choices"] == [
        {"id": "a", "description": {"en-CA": "A"}},
        {"id": "b", "description": {"en-CA": "B"}},
    ]
    many = definition("many")
    assert (many["interactionType"], many["correctResponsesPattern"]) == ("choice", ["a[,]c"])
    assert [c["id"] for c in many["choices"]] == ["a", "b", "c"]

    fill = definition("fill")
    assert fill["interactionType"] == "fill-in"
    assert fill["correctResponsesPattern"] == [
        "{case_matters=false}hashtag",
        "{case_matters=false}#hashtag",
    ]
    match = definition("match")
    assert match["interactionType"] == "matching"
    assert match["correctResponsesPattern"] == ["1[.]a[,]2[.]b"]
    assert match["source"] == [
        {"id": "1", "description": {"en-CA": "One"}},
        {"id": "2", "description": {"en-CA": "Two"}},
    ]
    assert match["target"] == [
        {"id": "a", "description": {"en-CA": "Un"}},
        {"id": "b", "description": {"en-CA": "Deux"}},
    ]
    num = definition("num")
    assert (num["interactionType"], num["correctResponsesPattern"]) == ("numeric", ["94[:]94"])


def test_numeric_ranges_and_numbers(course: Path, edit: Edit) -> None:
    edit(course / "assessments" / "quiz.yml", "answer: 94", "min: 2.5\n    max: 100")
    model = load(course)
    assert model.assessment is not None
    num = next(q for q in model.assessment.questions if q.type == "numeric")
    assert correct_responses(num) == ["2.5[:]100"]
    answered = [s for s in statements(model) if s["object"]["id"].endswith("/q/num")]
    assert answered[0]["result"]["response"] == "2.5"
    assert [number(v) for v in (94.0, 2.5, -3.0, 0.125)] == ["94", "2.5", "-3", "0.125"]


def test_fill_in_answers_per_language_say_their_language() -> None:
    seed = load(SEEDS / "social-media-at-work")
    quiz = seed.assessment
    assert quiz is not None
    manager = next(q for q in quiz.questions if q.id == "manager-check")
    assert correct_responses(manager) == [
        "{case_matters=false}{lang=en-CA}manager",
        "{case_matters=false}{lang=fr-CA}gestionnaire",
    ]
    other = load(SEEDS / "navigating-social-media").assessment
    assert other is not None
    hashtag = next(q for q in other.questions if q.id == "accessible-hashtag")
    assert correct_responses(hashtag) == ["{case_matters=false}accessible"]


def test_activities_file_is_deterministic_json(course: Path) -> None:
    model = load(course)
    data = activities_json(model)
    assert data == activities_json(load(course)) and data.endswith(b"}\n")
    document = json.loads(data)
    assert document["course"] == MINIMAL and document["revision"] == "1.0.0"
    assert document["activities"] == activities(model)
    assert (
        data.decode() == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )


def test_build_writes_the_activities_beside_the_packages(tmp_path: Path, course: Path) -> None:
    result = runner.invoke(app, ["build", str(course), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "dist" / "course-xapi-activities.json"
    assert written.read_bytes() == activities_json(load(course))
    assert f"wrote {written.as_posix()}" in result.stdout


# --- Statements --------------------------------------------------------------------------------


def test_a_full_pass_in_order(course: Path) -> None:
    sent = statements(load(course))
    assert verbs(sent) == [
        "initialized",
        "experienced",
        "experienced",
        *["initialized", "played", "paused", "completed", "terminated"],
        *["answered"] * 6,
        "passed",
        "completed",
        "terminated",
    ]
    objects = [s["object"]["id"] for s in sent]
    assert objects[0] == objects[-1] == objects[-2] == objects[-3] == MINIMAL
    assert set(objects[3:8]) == {f"{MINIMAL}/videos/video"}
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s["result"] for s in sent[8:14]}
    assert {q: r["response"] for q, r in answered.items()} == {
        "tf": "true",
        "one": "a",
        "many": "a[,]c",
        "fill": "hashtag",
        "match": "1[.]a[,]2[.]b",
        "num": "94",
    }
    assert all(r["success"] is True and r["duration"] == "PT15S" for r in answered.values())
    passed, completed, terminated = (s["result"] for s in sent[-3:])
    assert passed["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    assert passed["success"] is True and "completion" not in passed
    start = datetime.fromisoformat(sent[0]["timestamp"])
    for statement, result in zip(sent[-3:], (passed, completed, terminated), strict=True):
        since = datetime.fromisoformat(statement["timestamp"]) - start
        assert result["duration"] == iso_duration(since.total_seconds())
    assert completed["completion"] is True and set(completed) == {"completion", "duration"}
    assert set(terminated) == {"duration"}


def test_video_statements_follow_the_video_profile(course: Path) -> None:
    sent = statements(load(course))[3:8]
    ext = "https://w3id.org/xapi/video/extensions/"
    session = sent[0]["id"]
    for s in sent:
        assert s["context"]["extensions"] == {f"{ext}session-id": session, f"{ext}length": 134}
        assert (
            s["context"]["contextActivities"]["category"][0]["id"] == "https://w3id.org/xapi/video"
        )
    assert "result" not in sent[0]
    assert sent[1]["result"] == {"extensions": {f"{ext}time": 0}}
    watched = {f"{ext}time": 134, f"{ext}progress": 1, f"{ext}played-segments": "0[.]134"}
    assert sent[2]["result"] == {"extensions": watched}
    assert sent[3]["result"] == {"extensions": watched, "completion": True, "duration": "PT2M14S"}
    assert sent[4]["result"] == {"extensions": watched}


def test_completion_threshold_when_the_course_asks_for_part_of_a_video(
    course: Path, edit: Edit
) -> None:
    edit(course / "course.yml", "video: 0", "video: 90")
    sent = statements(load(course))[3:8]
    threshold = "https://w3id.org/xapi/video/extensions/completion-threshold"
    assert {s["context"]["extensions"][threshold] for s in sent} == {0.9}


def test_no_video_statements_without_a_known_duration(course: Path, edit: Edit) -> None:
    edit(course / "modules" / "video.en.md", '  duration: "2:14"\n', "")
    sent = statements(load(course))
    assert not any("/videos/" in s["object"]["id"] for s in sent)
    # The activity is still described: it exists, it just cannot report.
    assert f"{MINIMAL}/videos/video" in by_id(load(course))


def test_no_video_statements_for_a_video_with_no_address() -> None:
    seed = load(SEEDS / "social-media-at-work")
    page = next(m for m in seed.modules if isinstance(m, Page) and m.video)
    assert page.video is not None and page.video["en"].kind == "none"
    timed = {lang: replace(v, duration_seconds=60) for lang, v in page.video.items()}
    modules = tuple(replace(m, video=timed) if m is page else m for m in seed.modules)
    sent = statements(replace(seed, modules=modules))
    assert not any("/videos/" in s["object"]["id"] for s in sent)


def test_no_video_statements_for_a_link_card() -> None:
    seed = load(SEEDS / "navigating-social-media")
    page = next(m for m in seed.modules if isinstance(m, Page) and m.video)
    assert page.video is not None and page.video["en"].kind == "link"
    assert page.video["en"].duration_seconds  # a known length is not enough: nothing measures it
    assert not any("/videos/" in s["object"]["id"] for s in statements(seed))


def test_statements_are_deterministic_and_unique(course: Path) -> None:
    model = load(course)
    first, second = statements(model), statements(load(course))
    assert first == second
    ids = [s["id"] for s in first]
    assert len(set(ids)) == len(ids)
    # v5 (from the course id), but a video session's initialized: its id is the session-id,
    # which the Video Profile wants a v4 UUID
    sessions = {
        s["id"]
        for s in first
        if s["verb"]["id"] == VERBS["initialized"] and s["object"]["id"] != model.id
    }
    assert sessions and all(uuid.UUID(i).version == 4 for i in sessions)
    assert all(uuid.UUID(i).version == 5 for i in ids if i not in sessions)
    assert {s["context"]["registration"] for s in first} == {default_registration(model)}
    assert first[0]["timestamp"] == "2025-01-06T14:00:00.000Z"
    stamps = [s["timestamp"] for s in first]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert all(s["actor"] == DEFAULT_ACTOR for s in first)


def test_language_actor_and_registration(tmp_path: Path) -> None:
    seed = load(SEEDS / "social-media-at-work")
    actor = {"objectType": "Agent", "mbox": "mailto:ana@example.ca"}
    registration = "0f8fad5b-d9cb-469f-a165-70867728950e"
    sent = statements(seed, lang="fr", actor=actor, registration=registration.upper())
    assert {s["context"]["language"] for s in sent} == {"fr-CA"}
    assert {s["context"]["registration"] for s in sent} == {registration}
    assert all(s["actor"] == actor for s in sent)
    responses = [s["result"]["response"] for s in sent if "response" in s.get("result", {})]
    assert "gestionnaire" in responses
    assert {s["id"] for s in sent}.isdisjoint(s["id"] for s in statements(seed))
    # The actor is in the ids: two learners' runs, same course, language and registration,
    # share none; the same inputs give the same ids.
    other = {"objectType": "Agent", "mbox": "mailto:ben@example.ca"}
    theirs = statements(seed, lang="fr", actor=other, registration=registration)
    assert {s["id"] for s in sent}.isdisjoint(s["id"] for s in theirs)
    again = statements(
        seed, lang="fr", actor=dict(reversed(actor.items())), registration=registration
    )
    assert [s["id"] for s in again] == [s["id"] for s in sent]
    with pytest.raises(ValueError, match="no language 'de'"):
        statements(seed, lang="de")


def test_formats() -> None:
    assert [iso_duration(s) for s in (0, 15, 134, 59.996, 3600, 3725.5, 0.125)] == [
        "PT0S",
        "PT15S",
        "PT2M14S",
        "PT1M0S",
        "PT1H0M0S",
        "PT1H2M5.5S",
        "PT0.12S",
    ]
    moment = datetime.fromisoformat("2025-01-06T09:00:00.123456-05:00")
    assert iso_timestamp(moment) == "2025-01-06T14:00:00.123Z"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ("[1]", "expected a JSON object"),
        ('{"objectType": "Group", "mbox": "mailto:a@b.c"}', "objectType must be 'Agent'"),
        ('{"name": "Ana"}', "exactly one of"),
        ('{"mbox": "mailto:a@b.c", "openid": "https://x"}', "exactly one of"),
        ('{"mbox": "a@b.c"}', "mailto:"),
        ('{"account": {"name": "x"}}', "homePage"),
        ('{"account": {"homePage": "https://x", "name": ""}}', "non-empty"),
    ],
)
def test_bad_actors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_actor(text)
    assert parse_actor(json.dumps(DEFAULT_ACTOR)) == DEFAULT_ACTOR


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_prints_one_statement_per_line(course: Path) -> None:
    result = runner.invoke(app, ["statements", str(course)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == statements(load(course))
    assert runner.invoke(app, ["statements", str(course)]).stdout == result.stdout


def test_cli_json_array_and_options() -> None:
    actor = '{"account": {"homePage": "https://lms.example.ca", "name": "ana"}}'
    registration = str(uuid.uuid4())
    args = ["statements", str(SEEDS), "--format", "json", "--lang", "fr", "--actor", actor]
    result = runner.invoke(app, [*args, "--registration", registration])
    assert result.exit_code == 0, result.output
    sent = json.loads(result.stdout)
    courses = validate([SEEDS]).courses
    assert len(sent) == sum(len(statements(c)) for c in courses)
    assert {s["context"]["registration"] for s in sent} == {registration}
    assert {s["actor"]["account"]["name"] for s in sent} == {"ana"}
    assert {s["context"]["language"] for s in sent} == {"fr-CA"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--actor", "{nope"], "not JSON"),
        (["--actor", '{"name": "x"}'], "exactly one of"),
        (["--registration", "123"], "is not a UUID"),
        (["--lang", "de"], "has no language 'de'"),
        (["--format", "xml"], "xml"),
    ],
)
def test_cli_usage_errors_exit_2(course: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["statements", str(course), *args])
    assert result.exit_code == 2 and message in result.output
    assert result.stdout == ""


def test_cli_broken_course_exits_1_with_diagnostics(course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "version: 1.0.0", "version: [1]")
    result = runner.invoke(app, ["statements", str(course)])
    assert result.exit_code == 1 and result.stdout == ""
    assert "course.yml" in result.stderr and "error(s)" in result.stderr


def test_cli_help_names_the_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert "statements" in result.stdout
    result = runner.invoke(app, ["statements", "--help"])
    assert result.exit_code == 0
    assert "full pass" in result.stdout and "--registration" in result.stdout


def test_definitions_read_back_the_same_through_tincan(course: Path) -> None:
    # tincan (the reference xAPI library) parses every activity and writes it back unchanged.
    from tincan import Activity

    for activity in activities(load(course)) + activities(load(SEEDS / "social-media-at-work")):
        assert Activity(activity).as_version("1.0.3") == activity


@pytest.mark.parametrize("seed", ["navigating-social-media", "social-media-at-work"])
def test_the_activities_file_is_the_text_json_dumps_gives(seed: str) -> None:
    # written by msgspec (json.dumps encodes in Python when it indents): the same text
    data = activities_json(load(SEEDS / seed))
    document = json.loads(data)
    assert (
        data.decode() == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
