"""One run reports every error of a question or a page: a schema error in one of its fields
hides none of the others, and causes no second error of its own (no cascade). And a YAML 1.1
reading (`Yes` is true, `2024` a number) where text is expected is said at the value, with
what to write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.course_fixtures import replace
from support.hostile_sources import refusal, run, write

from builder.diagnostics import Diagnostics
from builder.source.course import load_course

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "my-course"
QUOTE_FALSE = "    hint: in quotes, 'false' is text; write false without quotes for true/false\n"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The README's bilingual example course, its assessment's pass mark 50."""
    target = tmp_path / "course"
    shutil.copytree(EXAMPLE, target)
    for name, old in (
        ("course.yml", "mastery_score: 80"),
        ("assessments/final.yml", "pass_mark: 80"),
    ):
        path = target / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, old.replace("80", "50")), encoding="utf-8")
    return target


def _final(course: Path, questions: str) -> None:
    write(
        course / "assessments/final.yml",
        "title: {en: Final assessment, fr: Évaluation finale}\n"
        "pass_mark: 50\nattempts: 1\nquestions:\n" + questions,
    )


def test_the_example_course_validates(example: Path) -> None:
    assert run("validate", example).exit_code == 0


def test_a_bad_weight_hides_neither_a_missing_translation_nor_a_quoted_answer(
    example: Path,
) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q}
    answer: "false"
    weight: 0
  - id: q2
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: true
""",
    )
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/assessments/final.yml:8:13: error: question 'q1': answer: expected true or "
        "false, found 'false' [wrong-type]\n" + QUOTE_FALSE + "course/assessments/final.yml:9:13: "
        "error: questions[0].weight: expected a number in 1-100, found '0' [bad-value]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_bad_choice_id_hides_no_missing_translation_of_another_choice(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: single
    prompt: {en: Q, fr: Qf}
    choices:
      - {id: A, text: {en: Right, fr: Juste}, correct: true}
      - {id: b, text: {en: Wrong}}
""",
    )
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:9:14: error: questions[0].choices[0].id: expected text "
        "matching ^[a-z0-9]$, found 'A' [bad-value]\n"
        "course/assessments/final.yml:10:23: error: question 'q1' choice 'b' has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_choice_with_a_bad_id_still_has_its_text_and_the_count_checked(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: single
    prompt: {en: Q, fr: Qf}
    choices:
      - {id: A, text: {en: Right}}
      - {id: b, text: {en: Wrong, fr: Faux}, correct: 1}
      - {id: c, text: {en: Also, fr: Aussi}}
""",
    )
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:9:14: error: questions[0].choices[0].id: expected text "
        "matching ^[a-z0-9]$, found 'A' [bad-value]\n"
        "course/assessments/final.yml:9:23: error: question 'q1' choice 1 has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        # A `correct` that cannot be read says nothing of how many choices are right.
        "course/assessments/final.yml:10:55: error: questions[0].choices[1].correct: expected "
        "true or false, found '1' [wrong-type]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_bad_question_id_hides_no_quoted_answer(example: Path) -> None:
    _final(
        example,
        """\
  - id: Q1
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: "false"
""",
    )
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:5:9: error: questions[0].id: expected a name of up to 63 "
        "lowercase letters, digits and hyphens (such as 'intro'), found 'Q1' [bad-value]\n"
        "course/assessments/final.yml:8:13: error: question 1: answer: expected true or false, "
        "found 'false' [wrong-type]\n" + QUOTE_FALSE + "2 error(s), 0 warning(s)\n"
    )


def test_a_repeated_question_id_hides_no_repeated_choice_id(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: true
  - id: q1
    type: single
    prompt: {en: Q, fr: Qf}
    choices:
      - {id: a, text: {en: A, fr: A}, correct: true}
      - {id: a, text: {en: B, fr: B}}
""",
    )
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:9:9: error: question id 'q1' is used twice (first at line "
        "5); expected unique ids [duplicate-id]\n"
        "course/assessments/final.yml:14:14: error: question 'q1': choice id 'a' is used twice "
        "[duplicate-id]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_bad_type_still_checks_the_prompt_and_feedback(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: yes-no
    prompt: {en: Q}
    answer: true
    feedback: {correct: {fr: Oui}}
""",
    )
    # No answer check and no key-not-for-type: both need to know the type.
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:6:11: error: questions[0].type: expected one of "
        "'true-false', 'single', 'multiple', 'fill-in', 'matching', 'numeric', 'ordering' or "
        "'likert', found 'yes-no' [bad-value]\n"
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/assessments/final.yml:9:25: error: question 'q1' feedback (correct) has no 'en' "
        "text; expected 'en: ...' beside fr [missing-translation]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_misspelt_key_is_not_also_a_missing_one(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q}
    answr: true
""",
    )
    # 'answr' is 'answer': no "a true-false question needs 'answer: ...'" on top.
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/assessments/final.yml:8:5: error: unknown key 'questions[0].answr' "
        "[unknown-key]\n    hint: did you mean 'answer'?\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_question_with_a_schema_error_is_not_modelled(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    type: true-false
    prompt: {en: Q, fr: Qf}
    answer: true
    weight: 0
""",
    )
    diagnostics = Diagnostics()
    course = load_course(example, diagnostics)
    assert [d.code for d in diagnostics] == ["bad-value"]
    assert course is not None and course.assessment is not None
    assert course.assessment.questions == ()


PAGE = """\
---
title: Intro
foo: 1
---

# W

[x](javascript:alert(1))
![](media/none.png)
"""


def test_an_unknown_front_matter_key_hides_nothing_in_the_page_body(example: Path) -> None:
    write(example / "modules/intro.en.md", PAGE)
    assert refusal(example, built_too=False) == (
        "course/modules/intro.en.md:3:1: error: unknown key 'foo' [unknown-key]\n"
        "    hint: allowed keys: attachments, title, transcript, video\n"
        "course/modules/intro.en.md:8:1: error: link to 'javascript:alert(1)' uses the "
        "'javascript:' scheme; expected http:, https:, mailto: or a file in the course "
        "[unsafe-link]\n"
        "course/modules/intro.en.md:9:1: error: image 'media/none.png' does not exist; expected "
        "a file at course/media/none.png [file-not-found]\n"
        "course/modules/intro.en.md:9:1: error: image 'media/none.png' has no alt text; expected "
        "![what the image shows](media/none.png) [image-no-alt]\n"
        "4 error(s), 0 warning(s)\n"
    )


def test_a_bad_title_hides_nothing_in_the_body_and_is_not_a_missing_translation(
    example: Path,
) -> None:
    write(example / "modules/intro.fr.md", PAGE.replace("title: Intro\nfoo: 1", "title: [x]"))
    assert refusal(example, built_too=False) == (
        "course/modules/intro.fr.md:2:8: error: title: expected text, found a list "
        "[wrong-type]\n"
        "course/modules/intro.fr.md:7:1: error: link to 'javascript:alert(1)' uses the "
        "'javascript:' scheme; expected http:, https:, mailto: or a file in the course "
        "[unsafe-link]\n"
        "course/modules/intro.fr.md:8:1: error: image 'media/none.png' does not exist; expected "
        "a file at course/media/none.png [file-not-found]\n"
        "course/modules/intro.fr.md:8:1: error: image 'media/none.png' has no alt text; expected "
        "![what the image shows](media/none.png) [image-no-alt]\n"
        "4 error(s), 0 warning(s)\n"
    )


def test_a_bad_video_in_one_language_is_no_missing_translation(example: Path) -> None:
    page = example / "modules/video.en.md"
    text = page.read_text(encoding="utf-8")
    write(page, text.replace("video:\n", "video:\n  colour: red\n", 1) + "\n![](media/x.png)\n")
    said = refusal(example, built_too=False)
    assert "[missing-translation]" not in said
    assert "unknown key 'video.colour'" in said
    assert "image 'media/x.png' has no alt text" in said
    assert said.endswith("3 error(s), 0 warning(s)\n"), said


def test_front_matter_that_is_not_a_mapping_hides_nothing_in_the_body(example: Path) -> None:
    write(example / "modules/intro.fr.md", "---\n- Intro\n---\n\n![](media/x.png)\n")
    assert refusal(example, built_too=False) == (
        "course/modules/intro.fr.md:2:1: error: the document: expected a mapping, found a list "
        "[wrong-type]\n"
        "course/modules/intro.fr.md:5:1: error: image 'media/x.png' does not exist; expected "
        "a file at course/media/x.png [file-not-found]\n"
        "course/modules/intro.fr.md:5:1: error: image 'media/x.png' has no alt text; expected "
        "![what the image shows](media/x.png) [image-no-alt]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_unclosed_front_matter_is_not_also_a_missing_title(example: Path) -> None:
    write(example / "modules/intro.en.md", "---\ntitle: Intro\n\n# Welcome\n")
    assert refusal(example, built_too=False) == (
        "course/modules/intro.en.md:1:1: error: front matter starts with '---' but has no "
        "closing '---' line [front-matter-unclosed]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_a_course_title_in_error_is_not_also_a_missing_translation(example: Path) -> None:
    course = example / "course.yml"
    replace(course, "title: {en: My course, fr: Mon cours}", "title: [My course]")
    assert refusal(example, built_too=False) == (
        "course/course.yml:5:8: error: title: expected text or a language map like "
        "{en: ..., fr: ...}, found a list [bad-value]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_an_assessment_title_or_questions_in_error_cause_nothing_more(example: Path) -> None:
    write(example / "assessments/final.yml", "title: [T]\npass_mark: 50\nquestions: 5\n")
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:1:8: error: title: expected text or a language map like "
        "{en: ..., fr: ...}, found a list [bad-value]\n"
        "course/assessments/final.yml:3:12: error: questions: expected a list, found '5' "
        "[wrong-type]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_pools_drawn_from_questions_in_error_are_no_crash(example: Path) -> None:
    write(
        example / "assessments/final.yml",
        "title: {en: T, fr: T}\npass_mark: 50\ndraw: {rules: 1}\nquestions: 5\n",
    )
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:4:12: error: questions: expected a list, found '5' "
        "[wrong-type]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_a_misspelt_required_key_is_not_also_missing(example: Path) -> None:
    _final(
        example,
        """\
  - id: q1
    tpye: true-false
    prompt: {en: Q}
    answer: true
""",
    )
    course = example / "course.yml"
    replace(course, "title:", "tilte:")
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:6:5: error: unknown key 'questions[0].tpye' "
        "[unknown-key]\n    hint: did you mean 'type'?\n"
        "course/assessments/final.yml:7:13: error: question 'q1' prompt has no 'fr' text; "
        "expected 'fr: ...' beside en [missing-translation]\n"
        "course/course.yml:5:1: error: unknown key 'tilte' [unknown-key]\n"
        "    hint: did you mean 'title'?\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_yes_in_a_language_map_is_said_at_the_yes(example: Path) -> None:
    final = example / "assessments/final.yml"
    replace(final, "{en: ask your team., fr:", "{en: Yes, fr:")
    assert refusal(example, built_too=False) == (
        "course/assessments/final.yml:13:20: error: questions[0].choices[0].text.en: expected "
        "text, found 'true' [bad-value]\n"
        '    hint: YAML reads Yes as true; write "Yes" in quotes for text\n'
        "1 error(s), 0 warning(s)\n"
    )


def test_a_number_in_a_language_map_is_said_at_the_number(example: Path) -> None:
    course = example / "course.yml"
    replace(course, "fr: Ce qu'il enseigne.}", "fr: 2024}")
    assert refusal(example, built_too=False) == (
        "course/course.yml:6:41: error: description.fr: expected text, found '2024' "
        "[bad-value]\n"
        '    hint: YAML reads 2024 as a number; write "2024" in quotes for text\n'
        "1 error(s), 0 warning(s)\n"
    )


def test_a_plain_yes_title_gets_the_hint(example: Path) -> None:
    course = example / "course.yml"
    replace(course, "title: {en: My course, fr: Mon cours}", "title: Yes")
    page = example / "modules/intro.fr.md"
    replace(page, "title: Introduction", "title: Off")
    assert refusal(example, built_too=False) == (
        "course/course.yml:5:8: error: title: expected text or a language map like "
        "{en: ..., fr: ...}, found 'true' [bad-value]\n"
        '    hint: YAML reads Yes as true; write "Yes" in quotes for text\n'
        "course/modules/intro.fr.md:2:8: error: title: expected text, found 'false' "
        "[wrong-type]\n"
        '    hint: YAML reads Off as false; write "Off" in quotes for text\n'
        "2 error(s), 0 warning(s)\n"
    )


def test_a_number_for_text_gets_the_hint(example: Path) -> None:
    course = example / "course.yml"
    replace(course, "version: 1.0.0", "version: 1.0")
    assert refusal(example, built_too=False) == (
        "course/course.yml:3:10: error: version: expected text, found '1.0' [wrong-type]\n"
        '    hint: YAML reads 1.0 as a number; write "1.0" in quotes for text\n'
        "1 error(s), 0 warning(s)\n"
    )


def test_yes_and_no_among_accepted_answers_are_said_at_each(example: Path) -> None:
    """A learner types yes: YAML 1.1 made the answer true, kept as 'True', marked wrong."""
    _final(
        example,
        """\
  - id: q1
    type: fill-in
    prompt: {en: Can you post it?, fr: Pouvez-vous le publier?}
    answers: {en: [yes, ok], fr: [oui, No]}
""",
    )
    said = refusal(example, built_too=False)
    assert "final.yml:8:20: error: questions[0].answers.en[0]: expected text, found 'true'" in said
    assert 'hint: YAML reads yes as true; write "yes" in quotes for text' in said
    assert "final.yml:8:40: error: questions[0].answers.fr[1]: expected text, found 'false'" in said
