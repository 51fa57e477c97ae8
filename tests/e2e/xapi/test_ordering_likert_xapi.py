"""Ordering and survey (likert) questions taken in Chromium and reported to a real Ralph (issue
15): a `sequencing` answer with its `[,]` response and success, a survey answer without success
[xAPI 1.0.3 §4.1.5], and the course passed on the graded questions alone."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import urlencode

import pytest
import yaml
from playwright.sync_api import BrowserContext
from ralph.models.xapi.base.statements import BaseXapiStatement
from support.launches import opened
from support.learner_brisk import BriskLearner
from support.lms import extract_package
from support.lrs import RalphLRS
from support.qtypes_course import ITEMS, build_qtypes_course
from support.seed import SeedCourse
from support.web import StaticServer
from test_xapi_runtime import stored, verb, wait_delivered


@pytest.fixture(scope="module")
def qtypes_site(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SeedCourse, StaticServer]]:
    src, out = tmp_path_factory.mktemp("qtypes-src"), tmp_path_factory.mktemp("qtypes-dist")
    course, package = build_qtypes_course(src, out, "xapi")
    server = StaticServer(tmp_path_factory.mktemp("qtypes-www"))
    extract_package(package, server.root / package.stem)
    yield course, server
    server.close()


def _launch(site: StaticServer, lrs: RalphLRS, registration: str, course: SeedCourse) -> str:
    """The Tin Can launch of the built package, reporting straight to Ralph (CORS)."""
    spec = yaml.safe_load((course.src / "course.yml").read_text(encoding="utf-8"))
    actor = {"objectType": "Agent", "account": {"homePage": "https://lms.example.ca", "name": "q"}}
    query = {
        "endpoint": lrs.endpoint.rstrip("/"),
        "auth": lrs.auth,
        "actor": json.dumps(actor),
        "registration": registration,
        "activity_id": spec["id"],
    }
    return f"{site.url}qtypes-xapi/index.html?{urlencode(query)}"


def test_an_ordering_and_a_survey_reach_ralph_as_sequencing_and_likert(
    context: BrowserContext,
    qtypes_site: tuple[SeedCourse, StaticServer],
    start_lrs: Callable[..., RalphLRS],
) -> None:
    course, site = qtypes_site
    lrs = start_lrs(cors_origins=[site.url.rstrip("/")])
    registration = str(uuid.uuid4())
    page = opened(context, _launch(site, lrs, registration, course), course)
    me = BriskLearner.at(page, course)
    me.visit_all()
    me.put_in_order(me.question("steps"), ITEMS)
    me.question("tf").get_by_role("radio", name=me.t("true"), exact=True).check(force=True)
    me.rate(me.question("mood"), me.t("likert_agree5_2"))
    me.submit_all()
    page.locator("[data-cb-exit]").click()
    wait_delivered(page)

    sent = stored(lrs, registration)
    for statement in sent:
        BaseXapiStatement.model_validate(statement)
    answered = {s["object"]["id"].rsplit("/", 1)[-1]: s for s in sent if verb(s) == "answered"}
    steps, mood = answered["steps"], answered["mood"]
    assert steps["object"]["definition"]["interactionType"] == "sequencing"
    assert steps["result"]["response"] == "a[,]b[,]c[,]d"
    assert steps["result"]["success"] is True
    assert mood["object"]["definition"]["interactionType"] == "likert"
    assert "correctResponsesPattern" not in mood["object"]["definition"]
    assert mood["result"]["response"] == "b"
    assert "success" not in mood["result"]  # a survey answer is neither right nor wrong
    passed = [s for s in sent if verb(s) == "passed"]
    assert passed and passed[-1]["result"]["score"]["scaled"] == 1.0  # the survey aside
