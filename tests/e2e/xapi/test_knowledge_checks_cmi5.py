"""A page's knowledge check in the cmi5 AU (issue 15): its answers are cmi5 allowed
statements (the launch's contextTemplate kept, no cmi5 category), the check as parent, and they
never make a cmi5 defined statement for the AU [cmi5 §9.3]."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext
from ralph.models.xapi.base.statements import BaseXapiStatement
from support.launches import CATEGORY, SESSION, Launch, opened
from support.learner_brisk import BriskLearner
from support.lrs import RalphLRS
from support.lrs_front import LRSFront
from support.seed import SEEDS
from test_cmi5_runtime import (
    SLUG,
    au_statements,
    categories,
    verb,
)


def test_check_answers_are_allowed_statements_not_defined_ones(
    context: BrowserContext, lms_front: LRSFront, runtime_lrs: RalphLRS, runtime_packages: Path
) -> None:
    launch = Launch(lms_front, runtime_lrs, runtime_packages)
    page = opened(context, launch.url)
    learner = BriskLearner.at(page, SEEDS[SLUG], lang="fr")  # cmi5LearnerPreferences: French
    page_id = next(iter(learner.course.checks))
    check_id, questions = learner.course.checks[page_id]
    learner.go(page_id)
    learner.answer_check(page_id, correct=True)
    page.locator("[data-cb-exit]").click()
    page.wait_for_url(launch.return_url)

    sent = au_statements(runtime_lrs, launch)
    assert [verb(s) for s in sent][:1] + [verb(s) for s in sent][-1:] == [
        "initialized",
        "terminated",
    ]
    assert not {"passed", "failed", "completed"} & {verb(s) for s in sent}
    answered = [s for s in sent if verb(s) == "answered"]
    assert [s["object"]["id"].rsplit("/", 1)[1] for s in answered] == list(questions)
    for s in answered:
        BaseXapiStatement.model_validate(s)
        assert CATEGORY not in categories(s)  # allowed, not defined [cmi5 §9.6.2.1]
        assert s["context"]["extensions"][SESSION] == launch.session  # the contextTemplate
        parent = s["context"]["contextActivities"]["parent"]
        assert [a["id"] for a in parent] == [s["object"]["id"].rsplit("/q/", 1)[0]]
        assert parent[0]["id"].endswith(f"/quizzes/{check_id}")
        assert s["result"]["success"] is True
