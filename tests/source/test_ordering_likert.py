"""Ordering (sequencing) and Likert (survey) questions (issue 15): model, config, diagnostics."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from support.course_fixtures import add_questions
from support.hostile_sources import run

from builder.diagnostics import Diagnostics
from builder.render.config import runtime_config
from builder.render.suspend_budget import worst_case_state_length
from builder.source.course import load_course
from builder.xapi.activities import question_activity
from builder.xapi.statements import statements

Edit = Callable[[Path, str, str], None]

ORDERING = """  - id: steps
    type: ordering
    prompt: {en: Put the steps in order., fr: Mettez les étapes dans l'ordre.}
    items:
      - {en: Think, fr: Réfléchir}
      - {en: Write, fr: Écrire}
      - {en: Post, fr: Publier}
"""
LIKERT = """  - id: mood
    type: likert
    prompt: {en: I liked this course., fr: J'ai aimé ce cours.}
    scale: agree5
"""


def _add(course: Path, text: str) -> Path:
    quiz = course / "assessments" / "quiz.yml"
    add_questions(quiz, text)
    return quiz


def test_both_types_reach_the_model_the_runtime_and_xapi(bilingual: Path) -> None:
    _add(bilingual, ORDERING + LIKERT)
    model = load_course(bilingual, Diagnostics())
    assert model is not None and model.assessment is not None
    quiz = model.assessment
    steps, mood = quiz.questions[-2:]
    assert [i.id for i in steps.items] == ["a", "b", "c"]
    assert steps.items[2].text == {"en": "Post", "fr": "Publier"}
    assert [p.plain["fr"] for p in mood.scale] == [
        "Tout à fait en désaccord",
        "En désaccord",
        "Ni en accord ni en désaccord",
        "D'accord",
        "Tout à fait d'accord",
    ]
    assert mood.scale[0].text["en"] == "Strongly disagree" and not mood.graded
    config = runtime_config(model, "scorm12")["assessment"]["questions"]
    assert config[-2]["items"] == config[-2]["correct"] == ["a", "b", "c"]
    assert config[-1]["scale"] == ["a", "b", "c", "d", "e"] and "correct" not in config[-1]
    sequencing = question_activity(model, quiz, steps, 5)["definition"]
    assert sequencing["interactionType"] == "sequencing"
    assert sequencing["correctResponsesPattern"] == ["a[,]b[,]c"]
    assert [c["id"] for c in sequencing["choices"]] == ["a", "b", "c"]
    survey = question_activity(model, quiz, mood, 6)["definition"]
    assert survey["interactionType"] == "likert" and "correctResponsesPattern" not in survey
    assert survey["scale"][4] == {
        "id": "e",
        "description": {"en-CA": "Strongly agree", "fr-CA": "Tout à fait d'accord"},
    }


def test_the_resume_state_budgets_an_arrangement_and_a_scale_point(bilingual: Path) -> None:
    model = load_course(bilingual, Diagnostics())
    assert model is not None
    before = worst_case_state_length(runtime_config(model, "scorm12"))
    _add(bilingual, ORDERING + LIKERT)
    model = load_course(bilingual, Diagnostics())
    assert model is not None
    # each question: "|" + index + checked flag + answer (3 items; 1 scale point)
    assert worst_case_state_length(runtime_config(model, "scorm12")) == before + (3 + 3) + (3 + 1)


def test_every_ordering_and_likert_problem_is_said_at_once(course: Path) -> None:
    _add(
        course,
        """  - id: lone
    type: ordering
    prompt: One item?
    items: [Only]
  - id: twice
    type: ordering
    prompt: Same?
    items: [Think, Post, "  think "]
  - id: named
    type: likert
    prompt: Fine?
    scale: agree7
  - id: keyed
    type: likert
    prompt: Right?
    answer: true
    scale: [Never, Always]
  - id: told
    type: likert
    prompt: Told?
    scale: [Never, Always]
    feedback: {correct: Well done.}
  - id: trap
    type: likert
    prompt: Yes?
    scale: [No, Yes]
  - id: short
    type: likert
    prompt: Short?
    scale: [Only]
""",
    )
    verdict = run("validate", course)
    assert verdict.exit_code == 1
    lines = [
        line.split(": error: ", 1)[1] for line in verdict.stderr.splitlines() if ": error: " in line
    ]
    assert lines == [
        "question 'lone': expected 2 to 9 items, found 1 [item-count]",
        "question 'twice': item 3 reads like item 1 ('think', en); expected items a learner "
        "can tell apart [duplicate-item]",
        "question 'named': scale 'agree7' is not a named scale; expected one of agree5 or a list "
        "of 2 to 10 labels [unknown-scale]",
        "question 'keyed': 'answer' in a likert question: a survey question has no correct "
        "answer; expected only 'scale:' (its labels) [survey-answer]",
        "question 'told': 'feedback' in a likert question: a survey question has no correct "
        "answer; expected only 'scale:' (its labels) [survey-answer]",
        "questions[11].scale[0]: expected text or a language map like {en: ..., fr: ...}, "
        "found 'false' [bad-value]",
        "questions[11].scale[1]: expected text or a language map like {en: ..., fr: ...}, "
        "found 'true' [bad-value]",
        "question 'short': expected 2 to 10 scale labels, found 1 [scale-count]",
    ], verdict.stderr


def test_a_survey_only_assessment_is_done_when_attempted(course: Path, edit: Edit) -> None:
    (course / "assessments" / "quiz.yml").write_text(
        "title: Survey\nquestions:\n"
        + LIKERT.replace("{en: I liked this course., fr: J'ai aimé ce cours.}", "Liked it?"),
        encoding="utf-8",
    )
    model = load_course(course, Diagnostics())
    assert model is not None and model.completion.assessment == "attempted"


def test_the_model_statements_answer_a_survey_without_success(bilingual: Path) -> None:
    _add(bilingual, ORDERING + LIKERT)
    model = load_course(bilingual, Diagnostics())
    assert model is not None
    sent = statements(model, lang="fr")
    answered = {
        s["object"]["id"].rsplit("/", 1)[1]: s for s in sent if s["verb"]["id"].endswith("answered")
    }
    assert answered["steps"]["result"]["response"] == "a[,]b[,]c"
    assert answered["steps"]["result"]["success"] is True
    assert answered["mood"]["result"]["response"] == "c"
    assert "success" not in answered["mood"]["result"]
    assert answered["mood"]["object"]["definition"]["interactionType"] == "likert"
    (passed,) = [s for s in sent if s["verb"]["id"].endswith("passed")]
    assert passed["result"]["score"]["raw"] == 100


def test_a_written_pass_rule_on_a_survey_only_assessment_is_a_warning(
    course: Path, edit: Edit
) -> None:
    # The author asked for a pass that a survey cannot give: the build says what it does instead
    # (left out, `passed` is only the default and the survey is done when submitted, silently).
    (course / "assessments" / "quiz.yml").write_text(
        "title: Survey\nquestions:\n"
        + LIKERT.replace("{en: I liked this course., fr: J'ai aimé ce cours.}", "Liked it?"),
        encoding="utf-8",
    )
    verdict = run("validate", course)
    assert verdict.exit_code == 0, verdict.stderr
    assert (
        "course/course.yml:14:15: warning: completion.assessment is 'passed' but assessment "
        "'quiz' has survey questions only, with no score to pass: it counts as done when "
        "submitted; expected completion.assessment: attempted [survey-no-pass]"
    ) in verdict.stderr
    edit(course / "course.yml", "  assessment: passed\n", "")
    assert "[survey-no-pass]" not in run("validate", course).stderr
