"""`coursebuild statements`: a hostile --actor is a usage error, never invalid xAPI or a crash."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.pipeline import validate
from builder.xapi.statements import parse_actor, statements

SEEDS = Path(__file__).resolve().parents[2] / "course_src"
MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"  # a 134 s video
# The Video Profile's session-id: a version 4 UUID (RFC 4122 variant) [xAPI Video Profile 1.0,
# context extension session-id], as the runtime makes it (xapi-client.js uuid4).
V4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
VIDEO_SESSION = "https://w3id.org/xapi/video/extensions/session-id"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder", "statements", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        ("[" * 50_000 + "]" * 50_000, "too large"),
        ("[" * 2000 + "]" * 2000, "nested 2000 levels"),
        ('{"mbox": "mailto:a@b.ca", "x": ' + "[" * 900 + "]" * 900 + "}", "nested"),
        ('{"mbox": "mailto:\\ud800@example.ca"}', "surrogate"),
        ('{"name": 5, "mbox": "mailto:a@example.ca"}', "'name' must be a string"),
    ],
)
def test_hostile_actors_are_usage_errors_in_a_real_process(actor: str, message: str) -> None:
    done = run(str(SEEDS / "social-media-at-work"), "--actor", actor)
    assert done.returncode == 2, done.stderr[-500:]
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert message in done.stderr and done.stdout == ""


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        ('{"name": 5, "mbox": "mailto:a@example.ca"}', "'name' must be a string"),
        ('{"name": ["x"], "mbox": "mailto:a@example.ca"}', "'name' must be a string"),
        ('{"mbox": "mailto:a@example.ca", "role": "x"}', "unknown property 'role'"),
        ('{"mbox": "mailto:"}', "mailto:"),
        ('{"mbox": "mailto:not an address"}', "mailto:"),
        ('{"mbox_sha1sum": "abc"}', "40 hexadecimal"),
        ('{"openid": "not a uri"}', "absolute"),
        ('{"account": {"homePage": "lms.example.ca", "name": "x"}}', "absolute"),
        ('{"account": {"homePage": "https://lms.example.ca", "name": 5}}', "non-empty strings"),
        ('{"account": "https://lms.example.ca"}', "homePage"),
        ('{"objectType": "Agent"}', "exactly one of"),
        ('{"mbox": "mailto:a@example.ca", "name": "\\ud83d"}', "surrogate"),
        ('{"\\udfff": 1, "mbox": "mailto:a@example.ca"}', "surrogate"),
        ('{"mbox": "mailto:a@example.ca", "name": "' + "x" * 5000 + '"}', "too large"),
    ],
)
def test_an_actor_is_checked_as_an_xapi_agent(actor: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_actor(actor)


def test_a_lone_surrogate_on_the_command_line_is_a_usage_error() -> None:
    # Bytes that are not UTF-8 reach Python as lone surrogates (PEP 383).
    actor = b'{"mbox": "mailto:\xff@example.ca"}'.decode("utf-8", "surrogateescape")
    done = subprocess.run(
        [sys.executable, "-m", "builder", "statements", str(SEEDS), "--actor", actor],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and "surrogate" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_good_agents_still_pass() -> None:
    for actor in (
        {"mbox": "mailto:ana@example.ca", "name": "Ana"},
        {"objectType": "Agent", "mbox_sha1sum": "a" * 40},
        {"openid": "https://openid.example.ca/ana"},
        {"account": {"homePage": "https://lms.example.ca", "name": "ana"}, "name": "Ana Été"},
    ):
        assert parse_actor(json.dumps(actor)) == actor


def video_sessions(sent: list[dict[str, object]]) -> set[str]:
    found = set()
    for statement in sent:
        context = statement["context"]
        assert isinstance(context, dict)
        extensions = context.get("extensions", {})
        if VIDEO_SESSION in extensions:
            found.add(extensions[VIDEO_SESSION])
    return found


def test_the_video_session_id_is_a_version_4_uuid_as_the_profile_requires() -> None:
    result = CliRunner().invoke(app, ["statements", str(MINIMAL), "--format", "json"])
    assert result.exit_code == 0, result.output
    sent = json.loads(result.stdout)
    sessions = video_sessions(sent)
    assert sessions, "the minimal course has a measured video"
    for session in sessions:
        assert V4.match(session), session
        assert uuid.UUID(session).version == 4
    # The session's initialized statement carries the session id as its id, as the runtime's.
    ids = {s["id"] for s in sent}
    assert sessions <= ids
    # Still reproducible, and one session per video per registration and language.
    again = CliRunner().invoke(app, ["statements", str(MINIMAL), "--format", "json"])
    assert again.stdout == result.stdout
    courses = validate([MINIMAL]).courses
    fresh = str(uuid.uuid4())
    moved = {s for c in courses for s in video_sessions(statements(c, registration=fresh))}
    assert moved and not moved & sessions
