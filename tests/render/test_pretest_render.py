"""The pre-test rendered (issue 15): its page in each language, its question ids apart from the
assessment's, config.pretest for the runtime, its activities, and its share of the resume state."""

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

PRETEST = """title: {en: What do you know?, fr: Que savez-vous?}
questions:
  - id: one
    type: true-false
    prompt: {en: The sky is blue., fr: Le ciel est bleu.}
    answer: true
    weight: 2
"""


def with_pretest(course: Path, edit: Edit) -> None:
    (course / "assessments" / "baseline.yml").write_text(PRETEST, encoding="utf-8")
    edit(course / "course.yml", "  - page: intro\n", "  - pretest: baseline\n  - page: intro\n")


def test_a_pretest_is_rendered_as_its_own_page_and_configured(bilingual: Path, edit: Edit) -> None:
    with_pretest(bilingual, edit)
    outcome = validate([bilingual])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    config = runtime_config(course, "scorm12")
    assert config["pages"][0] == {"id": "baseline", "kind": "pretest"}
    assert config["pretest"] == {
        "id": "baseline",
        "shuffle": False,
        "draw": None,
        "questions": [
            {
                "id": "one",
                "interactionId": "baselineOne",
                "type": "true-false",
                "weight": 2,
                "correct": [True],
            }
        ],
        "feedback": "attempt",
        "reveal": True,
    }
    assert config["assessment"]["id"] == "quiz"  # the scored one, as before
    body = render.render_body(mark_safe(course_view(course)))
    for lang in ("en", "fr"):
        after = body[body.index(f'id="{lang}_baseline"') :]
        html = after[: after.index('<section class="cb-page', 1)]
        assert 'class="cb-page cb-kind-pretest"' in body
        assert 'data-cb-pretest="baseline"' in html
        intro = catalogues()[lang]["pretest_intro"]
        assert isinstance(intro, str) and intro.replace("'", "&#39;") in html
        assert f'id="{lang}_baseline_q_one"' in html  # apart from the final's "<lang>_quiz_q_one"
        assert "data-cb-pretest-skip" in html and "data-cb-submit" in html
    assert quiz_iri(course, "baseline") in [a["id"] for a in activities(course)]
    xapi = runtime_config(course, "xapi")["xapi"]
    assert xapi["pretest"]["activity"]["id"] == quiz_iri(course, "baseline")
    assert xapi["quiz"]["id"] == quiz_iri(course, "quiz")


def test_a_pretest_takes_its_answers_share_of_the_resume_state(bilingual: Path, edit: Edit) -> None:
    (before,) = validate([bilingual]).courses
    with_pretest(bilingual, edit)
    (after,) = validate([bilingual]).courses
    grown = worst_case_state_length(runtime_config(after, "scorm12")) - worst_case_state_length(
        runtime_config(before, "scorm12")
    )
    # "|" + header (taken, score, 3 counts of 1 digit), "|" + index + answer; a bitmap digit for
    # the page is shared with the pages already there (3 pages -> 4 pages: one hex digit)
    assert grown == (1 + 1 + 2 + 3) + (1 + 1 + 1)
    assert "pretest" not in runtime_config(before, "scorm12")


def test_a_pretest_too_big_for_scorm12_fails_the_build(bilingual: Path, edit: Edit) -> None:
    from typer.testing import CliRunner

    from builder.cli import app

    fill = "".join(
        f"  - id: t{n}\n    type: fill-in\n    prompt: {{en: Type {n}., fr: Tapez {n}.}}\n"
        f"    answers: {{en: [x], fr: [x]}}\n"
        for n in range(10)
    )
    (bilingual / "assessments" / "baseline.yml").write_text(
        "title: {en: Before, fr: Avant}\nquestions:\n" + fill, encoding="utf-8"
    )
    edit(bilingual / "course.yml", "  - page: intro\n", "  - pretest: baseline\n  - page: intro\n")
    out = bilingual.parent / "dist"
    # ten answers of up to 100 characters (the default max_length), each up to 5 once
    # escaped: over 4,096
    result = CliRunner().invoke(app, ["build", str(bilingual), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "[suspend-data-budget]" in result.output
    assert not out.exists() or not any(out.iterdir())
