"""`languages` in error is one error at its place: every page, transcript and assessment of the
course is still checked, in the languages its files and language maps use, each language on its
own (nothing compared between languages: that would only follow from the list left unread)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.course_fixtures import PASS_MARK_120, example_course, pass_mark_120, replace
from support.hostile_sources import refusal


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course, with a second error (pass_mark: 120) to be reported."""
    target = example_course(tmp_path)
    pass_mark_120(target)
    return target


LANGUAGES = "languages: [en, fr]"
MISTAKES = {
    "not-a-list": (
        "languages: en",
        "my-course/course.yml:4:12: error: languages: expected a list, found 'en' [wrong-type]\n",
    ),
    "bad-code": (
        "languages: [en, FR]",
        "my-course/course.yml:4:17: error: languages[1]: expected a language code of 2 or 3 "
        "lowercase letters, with a region in capitals if any (such as 'fr' or 'fr-CA'), found "
        "'FR' [bad-value]\n",
    ),
    "unsupported": (
        "languages: [en, de]",
        "my-course/course.yml:4:17: error: languages: 'de' is not supported; expected one of: "
        "en, fr [unsupported-language]\n",
    ),
    "empty": (
        "languages: []",
        "my-course/course.yml:4:12: error: languages: expected a non-empty value, found a list "
        "[bad-value]\n",
    ),
    "misspelt-key": (
        "langauges: [en, fr]",
        "my-course/course.yml:4:1: error: unknown key 'langauges' [unknown-key]\n"
        "    hint: did you mean 'languages'?\n",
    ),
}


@pytest.mark.parametrize(("new", "error"), MISTAKES.values(), ids=MISTAKES.keys())
def test_languages_in_error_leave_the_rest_of_the_course_checked(
    my_course: Path, new: str, error: str
) -> None:
    """The list left unread stopped every check: the pass mark's error went unsaid."""
    replace(my_course / "course.yml", LANGUAGES, new)
    assert refusal(my_course) == f"{PASS_MARK_120}\n{error}2 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(("new", "error"), MISTAKES.values(), ids=MISTAKES.keys())
def test_languages_in_error_leave_every_language_s_pages_checked(
    my_course: Path, new: str, error: str
) -> None:
    replace(my_course / "course.yml", LANGUAGES, new)
    replace(my_course / "modules/video.fr.md", "Regardez", "[x](javascript:alert(1)) Regardez")
    image = "# Welcome\n\n![A chart](media/none.png)"
    replace(my_course / "modules/intro.en.md", "# Welcome", image)
    said = refusal(my_course)
    assert said.startswith(PASS_MARK_120), said
    assert error in said, said
    assert "my-course/modules/intro.en.md:7:1: error: " in said, said
    assert "my-course/modules/video.fr.md:9:1: error: link to 'javascript:" in said, said
    assert said.endswith("4 error(s), 0 warning(s)\n"), said


def _no_french_intro(course: Path) -> None:
    (course / "modules/intro.fr.md").unlink()


def _plain_title(course: Path) -> None:
    replace(course / "course.yml", "title: {en: My course, fr: Mon cours}", "title: My course")


def _no_french_transcript(course: Path) -> None:
    replace(course / "modules/video.fr.md", "transcript: transcripts/video.fr.md\n", "")


def _no_french_answers(course: Path) -> None:
    replace(
        course / "assessments/final.yml",
        "    answer: true\n  - id: when-unsure",
        "    answer: true\n  - id: typed\n    type: fill-in\n    prompt: {en: Who?, fr: Qui?}\n"
        "    answers: {en: [you]}\n  - id: when-unsure",
    )


BETWEEN = {
    "page-file": (_no_french_intro, "module 'intro' has no 'fr' file"),
    "plain-title": (_plain_title, "title is plain text in a course declared in en, fr"),
    "transcript": (_no_french_transcript, "has a transcript in 'en' but not in 'fr'"),
    "answers": (_no_french_answers, "answers have no 'fr' list"),
}


@pytest.mark.parametrize(("mistake", "message"), BETWEEN.values(), ids=BETWEEN.keys())
@pytest.mark.parametrize("languages", [LANGUAGES, "languages: [en, FR]", "langauges: [en, fr]"])
def test_nothing_is_compared_between_languages_the_list_does_not_declare(
    my_course: Path, mistake: Callable[[Path], None], message: str, languages: str
) -> None:
    """What one language lacks beside another is said only against the list as read."""
    replace(my_course / "course.yml", LANGUAGES, languages)
    mistake(my_course)
    said = refusal(my_course)
    assert PASS_MARK_120 in said, said
    assert (message in said) is (languages == LANGUAGES), said
    assert ("[missing-translation]" in said) is (languages == LANGUAGES), said


TWICE = {
    # the French texts are in no language the course declares: each map says so, in a warning
    "en-en": ("languages: [en, en]", 17, 0, "en", 14),
    "en-fr-en": ("languages: [en, fr, en]", 21, 0, "en", 0),
    "en-fr-fr": ("languages: [en, fr, fr]", 21, 1, "fr", 0),
}


@pytest.mark.parametrize(
    ("new", "col", "first", "lang", "warnings"), TWICE.values(), ids=TWICE.keys()
)
def test_a_language_declared_twice_is_one_error_at_the_second(
    my_course: Path, new: str, col: int, first: int, lang: str, warnings: int
) -> None:
    """Said at the list, without naming the entry; the course is checked in each language
    once, as the list declares them, and nothing else is an error."""
    replace(my_course / "course.yml", LANGUAGES, new)
    said = refusal(my_course)
    assert f"{PASS_MARK_120}\n" in said, said
    assert (
        f"my-course/course.yml:4:{col}: error: languages: '{lang}' is declared twice (first as "
        f"languages[{first}]); expected each language once [duplicate-language]\n"
    ) in said, said
    assert said.endswith(f"\n2 error(s), {warnings} warning(s)\n"), said
    assert f"{lang}, {lang}" not in said, said


def test_english_declared_twice_checks_an_english_course_in_english_alone(
    course: Path, edit: Callable[[Path, str, str], None]
) -> None:
    """Each text of the course was said to lack a map {en: ..., en: ...}: 23 errors for one."""
    edit(course / "course.yml", "languages: [en]", "languages: [en, en]")
    assert refusal(course) == (
        "course/course.yml:4:17: error: languages: 'en' is declared twice (first as "
        "languages[0]); expected each language once [duplicate-language]\n"
        "1 error(s), 0 warning(s)\n"
    )
