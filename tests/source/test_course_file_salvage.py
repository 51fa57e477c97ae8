"""A course.yml that is not a mapping (a list, a text, nothing at all) is one error at the file:
the course's pages, transcripts and assessment files are still checked, each on its own, as when
`modules` cannot be read; nothing is said that follows only from the keys it could not give."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import PASS_MARK_120, example_course, pass_mark_120, replace
from support.hostile_sources import refusal, write


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course, with a second error (pass_mark: 120) to be reported."""
    target = example_course(tmp_path)
    pass_mark_120(target)
    return target


MISSING = "".join(
    f"my-course/course.yml:1:1: error: missing required key '{key}' in the document "
    "[missing-field]\n"
    for key in ("code", "id", "languages", "modules", "title", "version")
)
NOT_A_MAPPING = {
    "list": (
        "- id: https://training.example.gc.ca/courses/my-course\n- code: MY-101\n",
        "my-course/course.yml:1:1: error: the document: expected a mapping, found a list "
        "[wrong-type]\n",
    ),
    "text": (
        "My course\n",
        "my-course/course.yml:1:1: error: the document: expected a mapping, found 'My course' "
        "[wrong-type]\n",
    ),
    "number": (
        "42\n",
        "my-course/course.yml:1:1: error: the document: expected a mapping, found '42' "
        "[wrong-type]\n",
    ),
    "empty": ("", MISSING),
    "comments-only": ("# to do: the course's id, code, title...\n", MISSING),
    "yaml-syntax": (
        "id: https://training.example.gc.ca/courses/my-course\ntitle: [My course\n",
        "my-course/course.yml:3:1: error: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence started at line 2) [yaml-syntax]\n"
        "    hint: check indentation and quote values that contain ':' or '#'\n",
    ),
    "yaml-alias": (
        "id: &a https://training.example.gc.ca/courses/my-course\ncode: *a\n",
        "my-course/course.yml:2:7: error: YAML alias '*a' is not allowed in course sources; "
        "expected the value written out [yaml-alias]\n",
    ),
}


@pytest.mark.parametrize(("text", "error"), NOT_A_MAPPING.values(), ids=NOT_A_MAPPING.keys())
def test_a_course_file_that_is_not_a_mapping_leaves_the_assessment_checked(
    my_course: Path, text: str, error: str
) -> None:
    """Nothing but course.yml was checked: the pass mark's error went unsaid."""
    write(my_course / "course.yml", text)
    count = error.count(": error: ") + 1
    assert refusal(my_course) == f"{PASS_MARK_120}\n{error}{count} error(s), 0 warning(s)\n"


@pytest.mark.parametrize(("text", "error"), NOT_A_MAPPING.values(), ids=NOT_A_MAPPING.keys())
def test_a_course_file_that_is_not_a_mapping_leaves_pages_and_transcripts_checked(
    my_course: Path, text: str, error: str
) -> None:
    """Each page is checked in the languages of its files, each on its own: none is said to
    lack a translation (its French file, here) against a list of languages never read."""
    write(my_course / "course.yml", text)
    (my_course / "modules/intro.fr.md").unlink()
    replace(my_course / "modules/video.fr.md", "Regardez", "[x](javascript:alert(1)) Regardez")
    replace(my_course / "transcripts/video.en.md", "# Transcript", "# Transcript\n\n![](x.png)")
    said = refusal(my_course)
    assert said.startswith(f"{PASS_MARK_120}\n{error}"), said
    assert "my-course/modules/video.fr.md:9:1: error: link to 'javascript:alert(1)'" in said
    assert "my-course/transcripts/video.en.md:3:1: error: image 'x.png' has no alt text" in said
    assert "[missing-translation]" not in said and "[file-not-found]" in said, said
    assert said.endswith(f"{error.count(': error: ') + 4} error(s), 0 warning(s)\n"), said


def test_a_course_file_that_is_not_utf8_leaves_the_assessment_checked(my_course: Path) -> None:
    """A course.yml that cannot be read at all is one error, and hides nothing either."""
    (my_course / "course.yml").write_bytes(b"title: Caf\xe9\n")
    said = refusal(my_course)
    assert said == (
        f"{PASS_MARK_120}\n"
        "my-course/course.yml:1:11: error: file is not valid UTF-8 (byte 0xE9 at line 1, column "
        "11); expected UTF-8 text [file-encoding]\n"
        "    hint: save it as UTF-8 (in most editors: Save As, then the encoding UTF-8)\n"
        "2 error(s), 0 warning(s)\n"
    )
