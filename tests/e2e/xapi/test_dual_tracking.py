"""Dual tracking: a SCORM 1.2 package that also reports to an LRS set at build time.

The minimal course is built twice for scorm12, with and without ``xapi: {endpoint: ...}`` (a
real Ralph, CORS for the harness's origin). Both run in the SCORM 1.2 LMS harness (scorm-again)
and the same learner passes them. The LMS must record exactly the same thing; Ralph must get the
course's statements, made for the LMS's learner (``cmi.core.student_id``), with the credential
the launch gave (an item ``parameters`` in the manifest, appended to the launch URL: no
credential is in the package).
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ralph.models.xapi.base.statements import BaseXapiStatement
from support.learner_brisk import BriskLearner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.lrs import RalphLRS
from support.seed import SeedCourse
from support.web import StaticServer

from builder.pipeline import build
from builder.xapi.statements import VERBS

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "minimal"
VARYING = ("cmi.core.session_time",)  # the clock; interaction times and latencies below


def build_minimal(tmp: Path, endpoint: str | None) -> Path:
    course = tmp / ("dual" if endpoint else "plain") / "minimal"
    shutil.copytree(FIXTURE, course)
    if endpoint:
        yml = course / "course.yml"
        yml.write_text(yml.read_text() + f"xapi:\n  endpoint: {endpoint}\n")
    out = tmp / f"dist-{'dual' if endpoint else 'plain'}"
    outcome = build([course], ["scorm12"], out)
    assert not outcome.failed, outcome.diagnostics
    return out / "minimal-scorm12.zip"


def learn(session: LMSSession) -> None:
    learner = BriskLearner.started(session, SeedCourse(FIXTURE.name, root=FIXTURE.parent))
    learner.visit_all()
    learner.take_attempt()
    session.close()  # at once: what is on its way (keepalive) and terminated still arrive


def recorded(session: LMSSession) -> list[tuple[str, str]]:
    """Every LMSSetValue, in order, without the values that depend on the clock."""
    calls = [c for c in session.calls("LMSSetValue") if c.args[0] not in VARYING]
    return [
        (c.args[0], "<time>" if c.args[0].endswith((".time", ".latency")) else c.args[1])
        for c in calls
    ]


def test_the_lms_records_the_same_and_the_lrs_gets_the_statements(
    tmp_path: Path,
    http_server: StaticServer,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    start_lrs: Callable[..., RalphLRS],
) -> None:
    lrs = start_lrs(cors_origins=[http_server.url.rstrip("/")])
    plain = scorm12_lms(build_minimal(tmp_path, None)).launch()
    learn(plain)

    dual_lms = scorm12_lms(build_minimal(tmp_path, lrs.endpoint))
    parameters = urllib.parse.urlencode({"auth": lrs.auth})
    dual_lms.manifest = dual_lms.manifest.replace(
        b"<item ", f'<item parameters="?{parameters}" '.encode(), 1
    )
    dual = dual_lms.launch()
    learn(dual)

    assert plain.final_cmi is not None and dual.final_cmi is not None
    assert dual.final_cmi["core"]["lesson_status"] == "passed"
    assert recorded(dual) == recorded(plain)  # the LMS sees no difference
    assert dual.problems(expected_hosts=("www.youtube-nocookie.com",)) == []

    origin = http_server.url.rstrip("/")
    agent = {"objectType": "Agent", "account": {"homePage": origin, "name": "learner-1"}}
    sent: list[dict[str, Any]] = []
    for _ in range(50):  # the pagehide keepalive may still be on its way
        sent = sorted(lrs.statements(agent=json.dumps(agent)), key=lambda s: s["timestamp"])
        if sent and sent[-1]["verb"]["id"] == VERBS["terminated"]:
            break
        time.sleep(0.1)
    verbs = [next(n for n, iri in VERBS.items() if iri == s["verb"]["id"]) for s in sent]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert verbs.count("answered") == 6 and verbs.count("passed") == 1
    assert len({s["context"]["registration"] for s in sent}) == 1
    for statement in sent:
        BaseXapiStatement.model_validate(statement)
        assert statement["actor"] == agent
