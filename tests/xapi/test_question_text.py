"""xAPI definitions of Markdown question texts: language maps are plain text, no tags; a
matching question's distractors are target components (issue 15)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.source.course import load_course
from builder.xapi.activities import activities, correct_responses

Edit = Callable[[Path, str, str], None]
PAIRS = "      - {source: Two, target: Deux}\n"


def _definitions(course: Path, edit: Edit) -> dict[str, dict[str, object]]:
    quiz = course / "assessments/quiz.yml"
    edit(quiz, "prompt: Pick a.", "prompt: Pick **a** & `<b>`.")
    edit(quiz, "text: B,", "text: '*B* [bee]{lang=en}',")
    edit(quiz, PAIRS, PAIRS + "    distractors: ['*Trois*', Quatre]\n")
    edit(quiz, "{source: One, target: Un}", "{source: '**One**', target: Un}")
    edit(quiz, "prompt: How many?", 'prompt: "How *many*?\\n\\n> Quoted."')
    diagnostics = Diagnostics()
    loaded = load_course(course, diagnostics)
    assert loaded is not None, [d.format() for d in diagnostics]
    by_id = {str(a["id"]).rsplit("/", 1)[-1]: a for a in activities(loaded)}
    assert loaded.assessment is not None
    match = next(q for q in loaded.assessment.questions if q.id == "match")
    assert correct_responses(match) == ["1[.]a[,]2[.]b"]  # distractors match no source
    return {k: v["definition"] for k, v in by_id.items() if "definition" in v}


def test_descriptions_and_components_are_plain_text(course: Path, edit: Edit) -> None:
    found = _definitions(course, edit)
    assert found["one"]["description"] == {"en-CA": "Pick a & <b>."}
    assert found["one"]["choices"] == [
        {"id": "a", "description": {"en-CA": "A"}},
        {"id": "b", "description": {"en-CA": "B bee"}},
    ]
    assert found["num"]["description"] == {"en-CA": "How many? Quoted."}
    text = json.dumps(found)
    for tag in ("<strong", "<em", "<code", "<p>", "<span", "<blockquote", "&amp;"):
        assert tag not in text


def test_distractors_are_target_components(course: Path, edit: Edit) -> None:
    match = _definitions(course, edit)["match"]
    assert match["source"] == [
        {"id": "1", "description": {"en-CA": "One"}},
        {"id": "2", "description": {"en-CA": "Two"}},
    ]
    assert match["target"] == [
        {"id": "a", "description": {"en-CA": "Un"}},
        {"id": "b", "description": {"en-CA": "Deux"}},
        {"id": "c", "description": {"en-CA": "Trois"}},
        {"id": "d", "description": {"en-CA": "Quatre"}},
    ]
