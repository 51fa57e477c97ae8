"""Diagnostics inside a multi-line or quoted YAML text are at the line and column an editor shows:
folding, escapes and quotes are undone, whatever the scalar's style [YAML 1.1 §9, YAML 1.2 §7-8]."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.course_fixtures import example_course
from support.hostile_sources import refused

Edit = Callable[[Path, str, str], None]
UNSAFE = "uses the 'javascript:' scheme"

# The QA report's assessment, as written: a `>-` block and a double-quoted text, three lines each.
QA_FINAL = """\
title: {en: Final assessment, fr: Évaluation finale}
pass_mark: 50
attempts: 1
questions:
  - id: q1
    type: true-false
    prompt:
      en: >-
        Before you post a photo of your team,
        think about who is in it and
        read [the policy](javascript:alert(1)) first.
      fr: Q
    answer: true
  - id: q2
    type: true-false
    prompt:
      en: "Before you post a photo of your team,
        think about who is in it and
        read [the policy](javascript:alert(1)) first."
      fr: Q
    answer: false
"""


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's example course, its mastery score at the QA assessment's pass mark."""
    target = example_course(tmp_path)
    course_yml = target / "course.yml"
    text = course_yml.read_text(encoding="utf-8")
    course_yml.write_text(text.replace("mastery_score: 80", "mastery_score: 50"), "utf-8")
    return target


def test_links_in_a_folded_block_and_a_multi_line_double_quoted_text(my_course: Path) -> None:
    (my_course / "assessments/final.yml").write_text(QA_FINAL, encoding="utf-8")
    verdict = refused(my_course, "[unsafe-link]")
    said = [line.split(": error:")[0] for line in verdict.stderr.splitlines() if UNSAFE in line]
    final = "my-course/assessments/final.yml"
    assert said == [f"{final}:11:14", f"{final}:19:14"]


def test_link_in_a_multi_line_single_quoted_feedback(my_course: Path, edit: Edit) -> None:
    edit(
        my_course / "assessments/final.yml",
        "feedback: {en: Yes., fr: Oui.}",
        "feedback: {en: Yes., fr: 'Oui.\n\n  [mal](vbscript:x)'}",
    )
    refused(
        my_course,
        "my-course/assessments/final.yml:17:3: error: question 'permission' choice 'a' feedback: "
        "link to 'vbscript:x' uses the 'vbscript:' scheme",
    )


@pytest.mark.parametrize(
    ("written", "at"),
    [
        # Escapes are shorter in the text than in the file: \" and \x41 and \\ and \t.
        (r'"A \"quoted\" \x41 \\ word\tthen [x](javascript:y)"', "11:46"),
        ("'It''s a ''word'' then [x](javascript:y)'", "11:36"),
        # An escaped line break joins without a space; the next line's indent is dropped.
        ('"Pick \\\n      a, then [x](javascript:y)"', "12:15"),
        # Plain text folds too: its second line is the file's next line.
        ("Pick a\n      then [x](javascript:y)", "12:12"),
        # A blank line in a quoted text is a line break in the text.
        ('"Pick a.\n\n      Then \\u00e9 [x](javascript:y)"', "13:19"),
        # A folded block's more-indented lines keep their breaks [YAML 1.2 §8.1.3].
        (">\n      Pick a.\n\n        - one\n      [x](javascript:y)", "15:7"),
        ("|-\n      Pick a.\n\n      [x](javascript:y)", "14:7"),
    ],
)
def test_a_link_is_at_its_place_in_any_style_of_text(
    course: Path, edit: Edit, written: str, at: str
) -> None:
    edit(course / "assessments/quiz.yml", "prompt: Pick a.", f"prompt: {written}")
    refused(course, f"course/assessments/quiz.yml:{at}: error: question 'one' prompt: link")


def test_a_block_in_a_folded_choice_is_at_its_line(course: Path, edit: Edit) -> None:
    edit(
        course / "assessments/quiz.yml",
        "      - {id: b, text: B, feedback: No.}",
        "      - id: b\n        text: >-\n          B,\n          then\n\n          > quoted\n"
        "        feedback: No.",
    )
    refused(
        course,
        "course/assessments/quiz.yml:19:11: error: question 'one' choice 'b': a block quote is "
        "not allowed here",
    )
