"""Text made only of characters that show nothing is blank, wherever text may not be: alt text,
link text, page and transcript bodies, titles, choices, details summaries and attachment
titles. A zero-width space, a Hangul filler or a blank braille cell reads as nothing to a
sighted learner and as nothing (or noise) to a screen reader, yet each passed where a plain
space was refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import example_course, replace
from typer.testing import CliRunner

from builder.cli import app
from builder.source.schema_types import is_blank

INVISIBLE = {
    "zero-width-space": "\u200b",
    "hangul-filler": "\u3164",
    "hangul-choseong-filler": "\u115f",
    "halfwidth-hangul-filler": "\uffa0",
    "braille-blank": "\u2800",
    "grapheme-joiner": "\u034f",
    "soft-hyphen-and-bom": "\u00ad\ufeff",
    "word-joiner-and-variation-selector": "\u2060\ufe0f",
    "spaces-and-zero-width": " \u200b\u3000\u200d",
    "tag-characters": "\U000e0020\U000e0041",
}
CASES = pytest.mark.parametrize("blank", list(INVISIBLE.values()), ids=list(INVISIBLE))
INTRO = "my-course/modules/intro.en.md"


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course, with an image to point at."""
    course = example_course(tmp_path)
    (course / "media").mkdir()
    (course / "media/a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return course


def validate(course: Path) -> tuple[int, list[str]]:
    """`coursebuild validate` of the course: its exit code and stderr lines (folders cut)."""
    result = CliRunner().invoke(app, ["validate", str(course)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.replace(str(course.parent) + "/", "").splitlines()


def refused(course: Path, expected: str) -> None:
    """Validate, expecting exactly one error: `expected`."""
    code, lines = validate(course)
    assert code == 1, lines
    assert expected in lines, lines
    assert lines[-1].startswith("1 error(s), "), lines


def _intro(course: Path, markdown: str) -> None:
    replace(
        course / "modules/intro.en.md",
        "This course shows what to do before you post about work.",
        markdown,
    )


@CASES
def test_blank_alt_text_is_no_alt_text(my_course: Path, blank: str) -> None:
    _intro(my_course, f"See ![{blank}](media/a.png) here.")
    refused(
        my_course,
        f"{INTRO}:7:5: error: image 'media/a.png' has no alt text; expected ![what the image "
        "shows](media/a.png) [image-no-alt]",
    )


@CASES
def test_blank_link_text_is_no_link_text(my_course: Path, blank: str) -> None:
    _intro(my_course, f"See [{blank}](https://example.org/) here.")
    refused(
        my_course,
        f"{INTRO}:7:5: error: link to 'https://example.org/' has no text; expected [where it "
        "leads](https://example.org/) (screen readers announce links by their text) "
        "[link-no-text]",
    )


@CASES
def test_a_blank_transcript_is_empty(my_course: Path, blank: str) -> None:
    (my_course / "transcripts/video.fr.md").write_text(f"{blank}\n", encoding="utf-8")
    refused(
        my_course,
        "my-course/transcripts/video.fr.md:1:1: error: transcript 'transcripts/video.fr.md' is "
        "empty; expected the full text of the video [transcript-empty]",
    )


@CASES
def test_a_blank_page_body_has_no_text(my_course: Path, blank: str) -> None:
    replace(
        my_course / "modules/intro.fr.md",
        "# Bienvenue\n\nCe cours montre quoi faire avant de publier au sujet du travail.",
        blank,
    )
    refused(
        my_course,
        "my-course/modules/intro.fr.md:1:1: error: module 'intro' has a title but no text in "
        "'fr'; expected the 'fr' text of my-course/modules/intro.en.md [missing-translation]",
    )


@CASES
def test_a_blank_page_title_is_blank(my_course: Path, blank: str) -> None:
    replace(my_course / "modules/intro.en.md", "title: Introduction", f'title: "{blank}"')
    refused(
        my_course,
        f"{INTRO}:2:8: error: title is blank; expected a title in 'en' (screen readers announce "
        "it) [blank-title]",
    )


@CASES
def test_a_blank_course_title_has_no_text(my_course: Path, blank: str) -> None:
    replace(my_course / "course.yml", "{en: My course,", f'{{en: "{blank}",')
    refused(
        my_course,
        "my-course/course.yml:5:8: error: title has no 'en' text; expected 'en: ...' "
        "beside fr [missing-translation]",
    )


@CASES
def test_a_blank_choice_has_no_text(my_course: Path, blank: str) -> None:
    replace(
        my_course / "assessments/final.yml",
        "fr: la publiez tout de suite.}",
        f'fr: "{blank}"}}',
    )
    code, lines = validate(my_course)
    assert code == 1, lines
    assert (
        "my-course/assessments/final.yml:17:15: error: question 'permission' choice 'b' has no "
        "'fr' text; expected 'fr: ...' beside en [missing-translation]"
    ) in lines, lines


@CASES
def test_a_blank_details_summary_is_no_summary(my_course: Path, blank: str) -> None:
    _intro(my_course, f"::: details {blank}\nMore.\n:::")
    refused(
        my_course,
        f"{INTRO}:7:1: error: '::: details' has no summary; expected '::: details <what the "
        "reader opens>', such as '::: details Learn more' [markdown-block]",
    )


@CASES
def test_a_blank_attachment_title_is_blank(my_course: Path, blank: str) -> None:
    replace(
        my_course / "modules/intro.en.md",
        "title: Introduction",
        f'title: Introduction\nattachments:\n  - file: media/a.png\n    title: "{blank}"\n'
        "    language: en",
    )
    refused(
        my_course,
        f"{INTRO}:5:12: error: attachments[0].title is blank; expected what the link says "
        "[blank-text]",
    )


def test_visible_text_is_not_blank() -> None:
    for text in ("a", "\u200bé", "\u3164한", "\u2801", "\u00a0-", "e\u0301", "🙂"):
        assert not is_blank(text), repr(text)
    assert is_blank("")
