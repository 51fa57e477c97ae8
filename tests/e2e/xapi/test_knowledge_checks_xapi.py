"""A page's knowledge check reported to a real Ralph (issue 15): each answer checked is an
`answered` statement whose parent is the check's own activity (the course its grouping), with
the check's activities of `<course>-xapi-activities.json`; no result of the course comes of it."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from playwright.sync_api import BrowserContext
from ralph.models.xapi.base.statements import BaseXapiStatement
from support.launches import opened
from support.learner_brisk import BriskLearner
from support.lrs import RalphLRS
from support.seed import SEEDS as SEED_COURSES
from support.web import StaticServer
from test_xapi_runtime import (
    COURSE,
    SLUG,
    ralph_launch,
    stored,
    verb,
    wait_delivered,
)

from builder.xapi.activities import question_iri, quiz_iri


def test_check_answers_are_answered_statements_under_the_check(
    context: BrowserContext,
    runtime_site: StaticServer,
    runtime_lrs: RalphLRS,
    runtime_packages: Path,
) -> None:
    registration = str(uuid.uuid4())
    page = opened(context, ralph_launch(runtime_site, runtime_lrs, registration))
    learner = BriskLearner.at(page, SEED_COURSES[SLUG])
    page_id = next(iter(learner.course.checks))
    check_id, questions = learner.course.checks[page_id]
    learner.go(page_id)
    checked = learner.answer_check(page_id, correct=False)
    page.locator("[data-cb-exit]").click()
    wait_delivered(page)

    sent = stored(runtime_lrs, registration)
    verbs = [verb(s) for s in sent]
    assert not {"passed", "failed", "completed"} & set(verbs)  # nothing of the course's result
    answered = [s for s in sent if verb(s) == "answered"]
    assert [s["object"]["id"] for s in answered] == [
        question_iri(COURSE, check_id, qid) for qid in questions
    ]
    activities = json.loads((runtime_packages / f"{SLUG}-xapi-activities.json").read_text())
    by_id = {a["id"]: a for a in activities["activities"]}
    for s, (_, plan) in zip(answered, checked, strict=True):
        BaseXapiStatement.model_validate(s)
        assert s["object"] == by_id[s["object"]["id"]]
        context_activities = s["context"]["contextActivities"]
        assert [a["id"] for a in context_activities["parent"]] == [quiz_iri(COURSE, check_id)]
        assert COURSE.id in [a["id"] for a in context_activities["grouping"]]
        assert s["result"]["success"] is plan.correct is False
