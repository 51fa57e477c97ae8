"""What can be read of a broken source is still checked in the same run, and a value that
cannot be read is no ground for a further check: a YAML syntax error in a page's front matter
leaves its body checked, a video with one bad key leaves its other keys checked, and an
assessment's unreadable attempts, pass mark, reveal, display, draw or pool causes no second
diagnostic of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.hostile_sources import refused, run, write

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "my-course"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The README's bilingual example course (it validates)."""
    target = tmp_path / "course"
    shutil.copytree(EXAMPLE, target)
    return target


def _said(course: Path) -> str:
    """What validate says of a course it refuses, with build refusing it too, writing nothing."""
    verdict = run("validate", course)
    assert verdict.exit_code == 1, verdict.stderr
    built = refused(course, "error:").stderr
    assert built == verdict.stderr + "build failed: nothing written to dist/\n", built
    return verdict.stderr


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, text
    write(path, text.replace(old, new, 1))


def test_the_example_course_validates(example: Path) -> None:
    assert run("validate", example).exit_code == 0


BODY_ERRORS = (
    "error: link to 'javascript:alert(1)' uses the 'javascript:' scheme; expected http:, "
    "https:, mailto: or a file in the course [unsafe-link]\n"
    "course/modules/intro.en.md:9:1: error: image 'media/none.png' does not exist; expected a "
    "file at course/media/none.png [file-not-found]\n"
    "course/modules/intro.en.md:9:1: error: image 'media/none.png' has no alt text; expected "
    "![what the image shows](media/none.png) [image-no-alt]\n"
)


def test_a_yaml_syntax_error_in_front_matter_hides_nothing_in_the_body(example: Path) -> None:
    write(
        example / "modules/intro.en.md",
        "---\ntitle: Intro\nfoo: [1\n---\n\n# W\n\n[x](javascript:alert(1))\n![](media/none.png)\n",
    )
    assert _said(example) == (
        "course/modules/intro.en.md:4:1: error: YAML syntax error: did not find expected ',' or "
        "']' (while parsing a flow sequence started at line 3) [yaml-syntax]\n"
        "    hint: check indentation and quote values that contain ':' or '#'\n"
        "course/modules/intro.en.md:8:1: " + BODY_ERRORS + "4 error(s), 0 warning(s)\n"
    )


def test_a_yaml_syntax_error_is_no_missing_title_nor_text(example: Path) -> None:
    """The front matter unread, nothing is said of its title; an empty body still is."""
    write(example / "modules/intro.fr.md", "---\ntitle: [Intro\n---\n")
    assert _said(example) == (
        "course/modules/intro.fr.md:1:1: error: module 'intro' has a title but no text in 'fr'; "
        "expected the 'fr' text of course/modules/intro.en.md [missing-translation]\n"
        "course/modules/intro.fr.md:3:1: error: YAML syntax error: did not find expected ',' or "
        "']' (while parsing a flow sequence started at line 2) [yaml-syntax]\n"
        "    hint: check indentation and quote values that contain ':' or '#'\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_unclosed_front_matter_in_a_transcript_is_not_also_an_empty_one(example: Path) -> None:
    write(example / "transcripts/video.fr.md", "---\ntitle: x\n\nLe texte de la vidéo.\n")
    assert _said(example) == (
        "course/transcripts/video.fr.md:1:1: error: front matter starts with '---' but has no "
        "closing '---' line [front-matter-unclosed]\n"
        "1 error(s), 0 warning(s)\n"
    )
