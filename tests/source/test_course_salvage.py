"""A value of course.yml that cannot be read is one error at its place: the rest of the course is
still checked in the same run (a modules entry in error hid every page and the assessment), and
nothing is said that follows only from the value left unread (a completion rule, or the targets,
standing in as their defaults)."""

from __future__ import annotations

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


NAME = "expected a name of up to 63 lowercase letters, digits and hyphens (such as 'intro')"


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        (
            "  - page: intro",
            "  - page: Intro",
            f"my-course/course.yml:8:11: error: modules[0].page: {NAME}, found 'Intro' "
            "[bad-value]\n",
        ),
        (
            "  - page: intro",
            "  - page: 1",
            "my-course/course.yml:8:11: error: modules[0].page: expected text, found '1' "
            '[wrong-type]\n    hint: YAML reads 1 as a number; write "1" in quotes for text\n',
        ),
        (
            "  - page: intro",
            "  - pgae: intro",
            "my-course/course.yml:8:5: error: unknown key 'modules[0].pgae' [unknown-key]\n"
            "    hint: did you mean 'page'?\n",
        ),
        (
            "  - page: intro",
            "  - intro",
            "my-course/course.yml:8:5: error: modules[0]: expected a mapping, found 'intro' "
            "[wrong-type]\n",
        ),
        (
            "  - page: video",
            "  - page: video\n    check: Quiz",
            f"my-course/course.yml:10:12: error: modules[1].check: {NAME}, found 'Quiz' "
            "[bad-value]\n",
        ),
        (
            "  - page: video",
            "  - page: video\n  - pretest: Pre",
            f"my-course/course.yml:10:14: error: modules[2].pretest: {NAME}, found 'Pre' "
            "[bad-value]\n",
        ),
        (
            "  - page: video",
            "  - page: video\n  - page: [outro]",
            "my-course/course.yml:10:11: error: modules[2].page: expected text, found a list "
            "[wrong-type]\n",
        ),
    ],
    ids=["page-name", "page-number", "misspelt-key", "not-a-mapping", "check", "pretest", "list"],
)
def test_a_modules_entry_in_error_leaves_the_others_checked(
    my_course: Path, old: str, new: str, error: str
) -> None:
    replace(my_course / "course.yml", old, new)
    assert refusal(my_course) == f"{PASS_MARK_120}\n{error}2 error(s), 0 warning(s)\n"


def test_a_page_named_in_error_leaves_the_next_page_s_errors_said(my_course: Path) -> None:
    replace(my_course / "course.yml", "  - page: intro", "  - page: Intro")
    replace(my_course / "modules/video.fr.md", "Regardez", "[x](javascript:alert(1)) Regardez")
    assert refusal(my_course) == (
        f"{PASS_MARK_120}\n"
        f"my-course/course.yml:8:11: error: modules[0].page: {NAME}, found 'Intro' [bad-value]\n"
        "my-course/modules/video.fr.md:9:1: error: link to 'javascript:alert(1)' uses the "
        "'javascript:' scheme; expected http:, https:, mailto: or a file in the course "
        "[unsafe-link]\n"
        "3 error(s), 0 warning(s)\n"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  - assessment: final", "  - assessment: Final"),
        ("  - assessment: final", "  - assesment: final"),
        ("  - assessment: final", "  - final"),
    ],
    ids=["name", "misspelt-key", "not-a-mapping"],
)
def test_an_assessment_entry_in_error_is_no_course_without_an_assessment(
    my_course: Path, old: str, new: str
) -> None:
    """completion.assessment: passed names the assessment the entry meant: no
    completion-no-assessment (its file, which no entry read names, is checked on its own)."""
    replace(my_course / "course.yml", old, new)
    replace(my_course / "course.yml", "  - page: intro", "  - page: intro\n  - page: intro")
    said = refusal(my_course)
    assert "[completion-no-assessment]" not in said, said
    assert "module 'intro' is listed twice" in said, said  # the pages were still read
    assert PASS_MARK_120 in said, said
    assert said.endswith("3 error(s), 0 warning(s)\n"), said


def _checked_only(course: Path) -> None:
    """The course without an assessment: its file is the video page's knowledge check."""
    replace(
        course / "course.yml",
        "  - page: video\n  - assessment: final",
        "  - page: video\n    check: final",
    )


@pytest.mark.parametrize(
    ("completion", "error"),
    [
        (
            "{pages: all, video: 150, assessment: none}",
            "my-course/course.yml:11:33: error: completion.video: expected a number in 0-100, "
            "found '150' [bad-value]",
        ),
        (
            "{pages: some, assessment: none}",
            "my-course/course.yml:11:21: error: completion.pages: expected one of 'all' or "
            "'none', found 'some' [bad-value]",
        ),
        (
            "{pages: all, assessment: non}",
            "my-course/course.yml:11:38: error: completion.assessment: expected one of 'passed', "
            "'attempted' or 'none', found 'non' [bad-value]",
        ),
        (
            "{pages: all, assessment: yes}",
            "my-course/course.yml:11:38: error: completion.assessment: expected one of 'passed', "
            "'attempted' or 'none', found 'true' [bad-value]",
        ),
    ],
    ids=["video", "pages", "assessment", "assessment-yes"],
)
def test_a_completion_key_in_error_is_no_completion_without_an_assessment(
    my_course: Path, completion: str, error: str
) -> None:
    """One key of `completion` in error left the others their defaults: 'passed' was then said
    to need an assessment the author had asked none of."""
    _checked_only(my_course)
    replace(my_course / "course.yml", "{pages: all, video: 0, assessment: passed}", completion)
    said = refusal(my_course)
    assert "[completion-no-assessment]" not in said, said
    assert f"{error}\n" in said, said
    assert PASS_MARK_120 in said, said
    assert said.endswith("2 error(s), 5 warning(s)\n"), said


def test_a_completion_read_as_written_still_needs_an_assessment(my_course: Path) -> None:
    _checked_only(my_course)
    replace(my_course / "course.yml", "video: 0,", "video: 150,")
    said = refusal(my_course)
    assert "completion.assessment is 'passed' but the course has no assessment" in said, said
    assert said.endswith("3 error(s), 5 warning(s)\n"), said


LONG = "title: {en: " + "A long course title " * 11 + ", fr: Mon cours}"


@pytest.mark.parametrize(
    ("targets", "warned"),
    [
        ("targets: [xapi, scorm13]", False),
        ("targets: [scorm13]", False),
        ("targets: xapi", False),
        ("targets: [scorm12, scorm13]", True),
        ("targets: [scorm12, yes]", True),
    ],
    ids=["misspelt-beside-xapi", "misspelt", "not-a-list", "beside-scorm12", "yes"],
)
def test_targets_in_error_are_no_scorm12_manifest(
    my_course: Path, targets: str, warned: bool
) -> None:
    """The SCORM 1.2 title limit is said only when scorm12 was read among the targets (the
    default list, standing in for targets in error, named it whatever the author wrote)."""
    replace(my_course / "course.yml", "title: {en: My course, fr: Mon cours}", LONG)
    replace(my_course / "course.yml", "targets: [scorm12]", targets)
    said = refusal(my_course)
    assert ("[title-too-long]" in said) is warned, said
    assert PASS_MARK_120 in said, said
    assert said.endswith(f"2 error(s), {int(warned)} warning(s)\n"), said


BESIDE = {
    "xapi": (
        'xapi: {endpoint: "ftp://lrs.example.ca/xapi/", colour: red}',
        "my-course/course.yml:14:18: error: xapi.endpoint: expected an LRS address such as "
        "https://lrs.example.ca/xapi/ (or a path on the package's server such as "
        "/lrs-proxy/xapi/), found 'ftp://lrs.example.ca/xapi/' [bad-xapi-endpoint]\n"
        "my-course/course.yml:14:48: error: unknown key 'xapi.colour' [unknown-key]\n"
        "    hint: allowed keys: endpoint\n",
    ),
    "theme": (
        "theme: {custom_dir: brand, colour: red}",
        "my-course/course.yml:14:21: error: theme.custom_dir 'brand' does not exist; expected a "
        "folder at my-course/brand [file-not-found]\n"
        "my-course/course.yml:14:28: error: unknown key 'theme.colour' [unknown-key]\n"
        "    hint: allowed keys: custom_dir\n",
    ),
}


@pytest.mark.parametrize(("key", "errors"), BESIDE.values(), ids=BESIDE.keys())
def test_a_key_in_error_hides_nothing_of_the_keys_read_beside_it(
    my_course: Path, key: str, errors: str
) -> None:
    """An unknown key in `xapi` or `theme` dropped the mapping whole: its endpoint or folder,
    read as written, went unchecked."""
    replace(my_course / "course.yml", "targets: [scorm12]", f"targets: [scorm12]\n{key}")
    assert refusal(my_course) == f"{PASS_MARK_120}\n{errors}3 error(s), 0 warning(s)\n"


@pytest.mark.parametrize(
    "key", ["xapi: {endpont: https://lrs.example.ca/xapi/}", "theme: {custom_di: brand}"]
)
def test_a_misspelt_key_in_xapi_or_theme_is_one_error(my_course: Path, key: str) -> None:
    """What the misspelt key was meant to say is unknown: nothing is checked in its place."""
    replace(my_course / "course.yml", "targets: [scorm12]", f"targets: [scorm12]\n{key}")
    said = refusal(my_course)
    assert "[unknown-key]" in said and said.endswith("2 error(s), 0 warning(s)\n"), said
