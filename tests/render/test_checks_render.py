"""A page's knowledge check rendered (issue 15): the section under the page in each language,
its question ids apart from the assessment's, and config.checks for the runtime."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from builder.pipeline import validate
from builder.render import html as render
from builder.render.config import runtime_config
from builder.render.suspend_budget import worst_case_state_length
from builder.render.view import course_view, mark_safe
from builder.theme import catalogues
from builder.xapi.activities import activities, quiz_iri

Edit = Callable[[Path, str, str], None]

CHECK = """title: {en: Check, fr: Vérification}
questions:
  - id: one
    type: true-false
    prompt: {en: The sky is blue., fr: Le ciel est bleu.}
    answer: true
"""


def test_a_check_is_rendered_under_its_page_and_configured(bilingual: Path, edit: Edit) -> None:
    (bilingual / "assessments" / "intro-check.yml").write_text(CHECK, encoding="utf-8")
    edit(bilingual / "course.yml", "  - page: intro\n", "  - page: intro\n    check: intro-check\n")
    outcome = validate([bilingual])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    config = runtime_config(course, "scorm12")
    assert config["checks"] == [
        {
            "id": "intro-check",
            "page": "intro",
            "questions": [
                {
                    "id": "one",
                    "interactionId": "introCheckOne",
                    "type": "true-false",
                    "correct": [True],
                }
            ],
        }
    ]
    assert config["assessment"]["id"] == "quiz"  # the scored one, as before
    body = render.render_body(mark_safe(course_view(course)))
    for lang in ("en", "fr"):
        after = body[body.index(f'id="{lang}_intro"') :]
        html = after[: after.index('<section class="cb-page', 1)]  # up to the next page's section
        assert f'id="{lang}_intro_check" data-cb-kc="intro-check"' in html
        assert f'<h2 id="{lang}_intro_check_h">{catalogues()[lang]["check_heading"]}</h2>' in html
        assert f'id="{lang}_intro_check_q_one"' in html  # not the final's <lang>_quiz_q_one
        assert "data-cb-kc-check" in html and "data-cb-kc-retry" in html
    assert quiz_iri(course, "intro-check") in [a["id"] for a in activities(course)]


def test_a_check_takes_nothing_of_the_resume_state(bilingual: Path, edit: Edit) -> None:
    (before,) = validate([bilingual]).courses
    (bilingual / "assessments" / "intro-check.yml").write_text(CHECK, encoding="utf-8")
    edit(bilingual / "course.yml", "  - page: intro\n", "  - page: intro\n    check: intro-check\n")
    (after,) = validate([bilingual]).courses
    assert after.checks and not before.checks
    # formative: a check's answers are not kept (docs/runtime-contract.md), so the budget stays
    assert worst_case_state_length(runtime_config(after, "scorm12")) == worst_case_state_length(
        runtime_config(before, "scorm12")
    )
