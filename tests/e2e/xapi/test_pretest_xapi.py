"""A pre-test reported to a real Ralph (issue 15): each answer an `answered` statement under the
pre-test's own activity, one `scored` statement on that activity with its score, never `passed`
nor `failed` on it; the course's result is the final's: aced pre-test, failed final, failed."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from playwright.sync_api import BrowserContext
from ralph.models.xapi.base.statements import BaseXapiStatement
from support.launches import opened
from support.learner_brisk import BriskLearner
from support.lms import extract_package
from support.lrs import RalphLRS
from support.pretest_course import pretest_course
from support.web import StaticServer
from test_xapi_runtime import COURSE, SLUG, ralph_launch, stored, verb, wait_delivered

from builder.xapi.activities import question_iri, quiz_iri


def test_an_aced_pretest_is_scored_and_the_failed_final_fails_the_course(
    context: BrowserContext, runtime_site: StaticServer, runtime_lrs: RalphLRS, tmp_path: Path
) -> None:
    seed = pretest_course(tmp_path, slug=SLUG)
    assert seed.pretest is not None
    pretest_id = seed.pretest[0]
    folder = f"pretest-{uuid.uuid4().hex[:8]}-xapi"
    extract_package(tmp_path / "dist" / f"{SLUG}-xapi.zip", runtime_site.root / folder)
    registration = str(uuid.uuid4())
    url = ralph_launch(runtime_site, runtime_lrs, registration).replace(
        f"{SLUG}-xapi/", f"{folder}/"
    )
    page = opened(context, url)
    me = BriskLearner.at(page, seed)
    me.expect_on(pretest_id)
    taken = me.take_pretest(correct=True)
    me.visit_all()
    me.take_attempt(wrong=seed.asked)
    page.locator("[data-cb-exit]").click()
    wait_delivered(page)

    sent = stored(runtime_lrs, registration)
    activities = json.loads((tmp_path / "dist" / f"{SLUG}-xapi-activities.json").read_text())
    by_id = {a["id"]: a for a in activities["activities"]}
    mine = [s for s in sent if s["object"]["id"].startswith(quiz_iri(COURSE, pretest_id))]
    assert [verb(s) for s in mine] == ["answered"] * len(taken) + ["scored"]
    for s, (_, plan) in zip(mine, taken, strict=False):
        BaseXapiStatement.model_validate(s)
        assert s["object"]["id"] == question_iri(COURSE, pretest_id, plan.qid)
        assert s["object"] == by_id[s["object"]["id"]]
        parent = s["context"]["contextActivities"]["parent"]
        assert [a["id"] for a in parent] == [quiz_iri(COURSE, pretest_id)]
        assert s["result"]["success"] is True
    scored = mine[-1]
    BaseXapiStatement.model_validate(scored)
    assert scored["result"] == {"score": {"scaled": 1, "raw": 100, "min": 0, "max": 100}}
    course = [verb(s) for s in sent if s["object"]["id"] == COURSE.id]
    assert "failed" in course and "passed" not in course  # the final decides, never the pre-test
