"""Markdown question texts and a matching distractor in real Chromium under a SCORM 1.2 LMS: a
`**bold**` prompt is <strong>, a prompt image loads, and a learner answers a matching question
whose drop-downs offer a distractor; the LMS records the target ids (issue 15)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect
from support.lms import Scorm12LMS
from support.paths import REPO_ROOT

from builder.pipeline import build

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d2f10000000049454e44ae426082"
)
QUIZ = """title: Quiz
pass_mark: 50
display: all
questions:
  - id: one
    type: single
    prompt: |
      Pick **a**.

      ![A red square](media/square.png)
    choices:
      - {id: a, text: "`A`", correct: true}
      - {id: b, text: "![A blue circle](media/square.png)"}
  - id: match
    type: matching
    prompt: Match them.
    pairs:
      - {source: One, target: Un}
      - {source: Two, target: "*Deux*"}
    distractors: [Trois]
"""


def test_markdown_prompt_image_and_a_distractor_answered(
    tmp_path: Path, scorm12_lms: Callable[[Path], Scorm12LMS]
) -> None:
    course = tmp_path / "course"
    shutil.copytree(REPO_ROOT / "tests/fixtures/minimal", course)
    (course / "media").mkdir()
    (course / "media/square.png").write_bytes(PNG)
    (course / "assessments/quiz.yml").write_text(QUIZ, encoding="utf-8")
    outcome = build([course], ["scorm12"], tmp_path / "dist")
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]

    session = scorm12_lms(tmp_path / "dist/course-scorm12.zip").launch()
    frame = session.course
    frame.wait_for_function("document.documentElement.classList.contains('cb-js')")
    frame.get_by_role("navigation", name="Course menu").get_by_role("link", name="Quiz").click()

    one = frame.locator("#en_quiz_q_one")
    expect(one.locator(".cb-prompt strong")).to_have_text("a")
    image = one.get_by_role("img", name="A red square")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 1
    # An image in a choice's label: its alt text is the choice's accessible name.
    expect(one.get_by_role("radio", name="A blue circle")).to_be_enabled()
    one.get_by_role("radio", name="A", exact=True).check()

    match = frame.locator("#en_quiz_q_match")
    for source in ("One", "Two"):
        menu = match.get_by_role("combobox", name=source)
        options = menu.locator("option").all_inner_texts()
        assert options[1:] == ["Deux", "Trois", "Un"]  # the distractor in every drop-down
    match.get_by_role("combobox", name="One").select_option(label="Un")
    match.get_by_role("combobox", name="Two").select_option(label="Trois")
    frame.get_by_role("button", name="Submit answers").click()
    expect(match.locator("[data-cb-verdict]")).to_be_visible()

    session.wait_for_call("LMSCommit")
    values = session.set_values()
    responses = {
        values[f"cmi.interactions.{n}.id"]: values.get(f"cmi.interactions.{n}.student_response")
        for n in range(2)
    }
    assert responses == {"quizOne": "a", "quizMatch": "1.a,2.c"}
    # The distractor is a wrong answer; the correct pattern names the pairs only.
    assert values["cmi.interactions.1.correct_responses.0.pattern"] == "1.a,2.b"
    assert values["cmi.interactions.1.result"] == "wrong"
    assert session.problems(expected_hosts=("www.youtube-nocookie.com",)) == []
