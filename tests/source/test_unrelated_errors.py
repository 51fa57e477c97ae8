"""A question or page with an error of its own is still checked for what does not depend on
that error: its id against the other files' (one LMS interaction each), its partial credit
against a hashed answer key. Every problem is said in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import CLASHING, example_course, replace
from support.hostile_sources import refusal, write


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course, its intro page with the knowledge check `final-code`."""
    target = example_course(tmp_path)
    write(target / "assessments/final-code.yml", CLASHING)
    replace(target / "course.yml", "  - page: intro", "  - page: intro\n    check: final-code")
    return target


CLASH = (
    "my-course/course.yml:11:17: error: question 'code-24-7' of 'final' and question '24-7' of "
    "'final-code' are both 'finalCode247' in the LMS; expected assessment or question ids that "
    "differ by more than their hyphens [interaction-id-clash]\n"
)
MAYBE_24_7 = "Toujours?}\n    answer: maybe"
MAYBE = "error: question '{}': answer: expected true or false, found 'maybe' [wrong-type]\n"


def test_a_question_in_error_is_still_checked_against_the_other_files(my_course: Path) -> None:
    """The final assessment's clashing question has a bad answer: the clash went unsaid."""
    replace(my_course / "assessments/final.yml", "answer: false        #", "answer: maybe  #")
    assert refusal(my_course) == (
        f"my-course/assessments/final.yml:22:13: {MAYBE.format('code-24-7')}"
        f"{CLASH}2 error(s), 0 warning(s)\n"
    )


def test_a_check_s_question_in_error_is_still_checked_against_the_other_files(
    my_course: Path,
) -> None:
    """The knowledge check's clashing question has a bad answer: the clash went unsaid."""
    replace(my_course / "assessments/final-code.yml", "Toujours?}\n    answer: true", MAYBE_24_7)
    assert refusal(my_course) == (
        f"my-course/assessments/final-code.yml:10:13: {MAYBE.format('24-7')}"
        f"{CLASH}2 error(s), 0 warning(s)\n"
    )


def test_a_question_in_error_in_a_file_checked_on_its_own_is_still_compared(
    my_course: Path,
) -> None:
    """`modules` unread: each file is checked on its own, then against the others."""
    replace(my_course / "course.yml", "modules:\n", "moduls:\n")
    replace(my_course / "assessments/final-code.yml", "Toujours?}\n    answer: true", MAYBE_24_7)
    said = refusal(my_course)
    assert (
        "my-course/assessments/final-code.yml:7:9: error: question '24-7' of 'final-code' and "
        "question 'code-24-7' of 'final' are both 'finalCode247' in the LMS; expected assessment "
        "or question ids that differ by more than their hyphens [interaction-id-clash]\n"
        f"my-course/assessments/final-code.yml:10:13: {MAYBE.format('24-7')}"
    ) in said, said
    assert said.endswith("3 error(s), 0 warning(s)\n"), said


def test_an_id_in_error_is_one_error_not_a_clash(my_course: Path) -> None:
    """An id that could not be read is compared with none: its error is all there is to say."""
    replace(my_course / "assessments/final.yml", "id: code-24-7", "id: Code-24-7")
    said = refusal(my_course)
    assert "[interaction-id-clash]" not in said, said
    assert said.endswith("1 error(s), 0 warning(s)\n"), said


def test_a_page_in_error_leaves_its_check_compared_with_the_other_files(
    my_course: Path,
) -> None:
    """The intro page's title is no text: its knowledge check was left out of the clash check."""
    replace(my_course / "modules/intro.fr.md", "title: Introduction", "title: [Introduction]")
    said = refusal(my_course)
    assert "my-course/modules/intro.fr.md:2:8: error: title: expected " in said, said
    assert CLASH in said, said
    assert said.endswith("2 error(s), 0 warning(s)\n"), said


HASHED = """title: {en: Codes, fr: Codes}
answer_key: hashed
questions:
  - id: both
    type: multiple
    partial: true
    prompt: {en: Pick, fr: Choisir}
    choices:
      - {id: a, text: {en: A, fr: A}}
      - {id: b, text: {en: B, fr: B}}
"""


def test_a_question_in_error_still_has_its_partial_credit_checked_against_a_hashed_key(
    my_course: Path,
) -> None:
    """No choice is correct, and partial credit needs a key that hashed leaves out: only the
    first was said."""
    write(my_course / "assessments/final.yml", HASHED)
    said = refusal(my_course)
    assert (
        "my-course/assessments/final.yml:6:14: error: question 'both': partial credit needs "
    ) in said, said
    assert "[no-correct-answer]" in said, said
    assert said.endswith("2 error(s), 0 warning(s)\n"), said


def test_a_page_missing_a_translation_still_has_its_video_checked(tmp_path: Path) -> None:
    """The video page has no French file: its English video file, which does not exist, was
    not checked until the translation was written."""
    my_course = example_course(tmp_path)
    (my_course / "modules/video.fr.md").unlink()
    old = "https://www.youtube.com/watch?v=XXXXXXXXXXX"
    replace(my_course / "modules/video.en.md", old, "media/nothing.mp4")
    assert refusal(my_course) == (
        "my-course/course.yml:9:5: error: module 'video' has no 'fr' file; expected "
        "my-course/modules/video.fr.md [missing-translation]\n"
        "my-course/modules/video.en.md:4:3: error: video file 'media/nothing.mp4' does not "
        "exist; expected a file at my-course/media/nothing.mp4 [file-not-found]\n"
        "2 error(s), 0 warning(s)\n"
    )
