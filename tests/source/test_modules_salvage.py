"""`modules` in error (not a list, or an entry whose name cannot be read) is one error at its
place: the pages and assessment files that can be known are still checked, each on its own, and
no file is said to be missing only because the list could not be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import (
    CLASHING,
    PASS_MARK_120,
    example_course,
    pass_mark_120,
    replace,
)
from support.hostile_sources import refusal, write


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course, with a second error (pass_mark: 120) to be reported."""
    target = example_course(tmp_path)
    pass_mark_120(target)
    return target


LIST = "modules:\n  - page: intro\n  - page: video\n  - assessment: final\n"
NOT_A_LIST = {
    "mapping": (
        "modules: {page: intro}\n",
        "my-course/course.yml:7:10: error: modules: expected a list, found a mapping "
        "[wrong-type]\n",
    ),
    "empty": (
        "modules: []\n",
        "my-course/course.yml:7:10: error: modules: expected a non-empty value, found a list "
        "[bad-value]\n",
    ),
    "nothing": (
        "modules:\n",
        "my-course/course.yml:7:9: error: modules: expected a list, found nothing [wrong-type]\n",
    ),
    "misspelt-key": (
        LIST.replace("modules:", "moduels:"),
        "my-course/course.yml:7:1: error: unknown key 'moduels' [unknown-key]\n"
        "    hint: did you mean 'modules'?\n",
    ),
}


@pytest.mark.parametrize(("new", "error"), NOT_A_LIST.values(), ids=NOT_A_LIST.keys())
def test_modules_not_a_list_leave_the_course_s_files_checked(
    my_course: Path, new: str, error: str
) -> None:
    """No module was known, so nothing else was checked: the pass mark's error went unsaid."""
    replace(my_course / "course.yml", LIST, new)
    assert refusal(my_course) == f"{PASS_MARK_120}\n{error}2 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(("new", "error"), NOT_A_LIST.values(), ids=NOT_A_LIST.keys())
def test_modules_not_a_list_leave_each_page_file_checked_on_its_own(
    my_course: Path, new: str, error: str
) -> None:
    """Each page file there is checked; none is said to be missing (its translation, here)."""
    replace(my_course / "course.yml", LIST, new)
    replace(my_course / "modules/video.fr.md", "Regardez", "[x](javascript:alert(1)) Regardez")
    (my_course / "modules/intro.fr.md").unlink()
    assert refusal(my_course) == (
        f"{PASS_MARK_120}\n{error}"
        "my-course/modules/video.fr.md:9:1: error: link to 'javascript:alert(1)' uses the "
        "'javascript:' scheme; expected http:, https:, mailto: or a file in the course "
        "[unsafe-link]\n"
        "3 error(s), 0 warning(s)\n"
    )


NAME = "expected a name of up to 63 lowercase letters, digits and hyphens (such as 'intro')"
ASSESSMENT = {
    "name": (
        "  - assessment: Final",
        f"my-course/course.yml:10:17: error: modules[2].assessment: {NAME}, found 'Final' "
        "[bad-value]\n",
    ),
    "misspelt-key": (
        "  - assesment: final",
        "my-course/course.yml:10:5: error: unknown key 'modules[2].assesment' [unknown-key]\n"
        "    hint: did you mean 'assessment'?\n",
    ),
    "not-a-mapping": (
        "  - final",
        "my-course/course.yml:10:5: error: modules[2]: expected a mapping, found 'final' "
        "[wrong-type]\n",
    ),
}


@pytest.mark.parametrize(("new", "error"), ASSESSMENT.values(), ids=ASSESSMENT.keys())
def test_an_assessment_named_in_error_leaves_its_file_checked(
    my_course: Path, new: str, error: str
) -> None:
    """The entry's file was unknown, so not read: the pass mark's error went unsaid."""
    replace(my_course / "course.yml", "  - assessment: final", new)
    assert refusal(my_course) == f"{PASS_MARK_120}\n{error}2 error(s), 0 warning(s)\n"


QUIZ = """title: {en: Quiz, fr: Quiz}
pass_mark: 80
questions:
  - id: ready
    type: true-false
    prompt: {en: Ready?, fr: Prêt?}
    answer: maybe
"""
PAGE = {
    "name": (
        "  - page: Video\n    check: quiz",
        f"my-course/course.yml:9:11: error: modules[1].page: {NAME}, found 'Video' [bad-value]\n",
    ),
    "misspelt-key": (
        "  - pgae: video\n    check: quiz",
        "my-course/course.yml:9:5: error: unknown key 'modules[1].pgae' [unknown-key]\n"
        "    hint: did you mean 'page'?\n",
    ),
}


@pytest.mark.parametrize(("new", "error"), PAGE.values(), ids=PAGE.keys())
def test_a_check_beside_a_page_named_in_error_is_still_checked(
    my_course: Path, new: str, error: str
) -> None:
    """The entry was skipped whole: its knowledge check's errors, and its page's, went unsaid."""
    write(my_course / "assessments/quiz.yml", QUIZ)
    replace(my_course / "modules/video.fr.md", "Regardez", "[x](javascript:alert(1)) Regardez")
    replace(my_course / "course.yml", "  - page: video", new)
    said = refusal(my_course)
    assert said.startswith(
        f"{PASS_MARK_120}\n"
        "my-course/assessments/quiz.yml:2:1: warning: pass_mark: a knowledge check is never "
    ), said  # loaded as what it is: a knowledge check
    assert (
        "my-course/assessments/quiz.yml:7:13: error: question 'ready': answer: expected true or "
        f"false, found 'maybe' [wrong-type]\n{error}"
        "my-course/modules/video.fr.md:9:1: error: link to 'javascript:"
    ) in said, said
    assert said.endswith("4 error(s), 1 warning(s)\n"), said


CLASH = (
    "my-course/assessments/final.yml:19:9: error: question 'code-24-7' of 'final' and question "
    "'24-7' of 'final-code' are both 'finalCode247' in the LMS; expected assessment or question "
    "ids that differ by more than their hyphens [interaction-id-clash]\n"
)
CLASH_CODE = (
    "my-course/assessments/final-code.yml:7:9: error: question '24-7' of 'final-code' and "
    "question 'code-24-7' of 'final' are both 'finalCode247' in the LMS; expected assessment or "
    "question ids that differ by more than their hyphens [interaction-id-clash]\n"
)


@pytest.mark.parametrize(("new", "error"), NOT_A_LIST.values(), ids=NOT_A_LIST.keys())
def test_files_checked_on_their_own_are_checked_against_each_other(
    my_course: Path, new: str, error: str
) -> None:
    """Each file was checked alone: two whose questions are one interaction in the LMS passed.
    The clash is said at the question of the file that comes second by name."""
    write(my_course / "assessments/final-code.yml", CLASHING)
    replace(my_course / "course.yml", LIST, new)
    said = refusal(my_course)
    assert said == f"{CLASH_CODE}{PASS_MARK_120}\n{error}3 error(s), 0 warning(s)\n"


def test_a_file_checked_on_its_own_is_checked_against_the_listed_ones(my_course: Path) -> None:
    """A knowledge check the list names and an assessment file its entry in error left unread."""
    write(my_course / "assessments/final-code.yml", CLASHING)
    replace(my_course / "course.yml", "  - page: intro", "  - page: intro\n    check: final-code")
    replace(my_course / "course.yml", "  - assessment: final", "  - assessment: Final")
    assert refusal(my_course) == (
        f"{PASS_MARK_120}\n{CLASH}"
        f"my-course/course.yml:11:17: error: modules[2].assessment: {NAME}, found 'Final' "
        "[bad-value]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_files_checked_on_their_own_clash_with_nothing_when_the_list_is_read(
    my_course: Path,
) -> None:
    """A file the list, read whole, leaves out is not the course's: nothing is said of it."""
    write(my_course / "assessments/final-code.yml", CLASHING)
    assert refusal(my_course) == f"{PASS_MARK_120}\n1 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(("new", "error"), NOT_A_LIST.values(), ids=NOT_A_LIST.keys())
def test_a_file_checked_on_its_own_is_not_held_to_a_pass_mark(
    my_course: Path, new: str, error: str
) -> None:
    """A file that may be a knowledge check or a pre-test, which no pass mark applies to, was
    told that its pass mark needs every answer right."""
    replace(my_course / "assessments/final.yml", "pass_mark: 120", "pass_mark: 90")
    replace(my_course / "course.yml", "mastery_score: 80 ", "")
    replace(my_course / "course.yml", LIST, new)
    assert refusal(my_course) == f"{error}1 error(s), 0 warning(s)\n"
