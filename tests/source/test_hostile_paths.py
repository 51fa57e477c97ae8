"""Hostile course folders: links out, link loops, NUL, over-long and control-character names,
and module names that try to leave the course. Each gives one clear diagnostic, never a
traceback, and writes nothing."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.source.files import source_hash

Edit = Callable[[Path, str, str], None]


def build(course: Path, *args: str) -> tuple[int, str, Path]:
    """Build one course with the CLI; its exit code, stderr (folders made relative), output."""
    out = course.parent / "dist"
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(out), *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.replace(str(course.parent) + "/", ""), out


def refused(course: Path, expected: str) -> str:
    """Build and expect exit code 1 with `expected` among the diagnostics, nothing written."""
    code, stderr, out = build(course)
    assert code == 1, stderr
    assert expected in stderr, stderr
    assert not out.exists()
    return stderr


def outside(course: Path, name: str, text: str) -> Path:
    """A file beside the course folder (outside it)."""
    path = course.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def relink(path: Path, target: Path | str) -> None:
    """Replace `path` by a symbolic link to `target`."""
    path.unlink()
    os.symlink(target, path)


# --- 3. symbolic links out of the course -----------------------------------------------------


def test_course_file_linked_out_of_the_course_is_refused(course: Path) -> None:
    target = outside(course, "other.yml", (course / "course.yml").read_text(encoding="utf-8"))
    relink(course / "course.yml", target)
    refused(
        course,
        "course/course.yml:1:1: error: course file 'course.yml' leads outside the course folder "
        "(through a symbolic link) [path-outside-course]",
    )


def test_module_linked_out_of_the_course_is_refused(course: Path) -> None:
    target = outside(course, "secret.md", "---\ntitle: Secret\n---\n\nTOP SECRET TEXT\n")
    relink(course / "modules/intro.en.md", target)
    stderr = refused(
        course,
        "course/modules/intro.en.md:1:1: error: module file 'modules/intro.en.md' leads outside "
        "the course folder (through a symbolic link) [path-outside-course]",
    )
    assert stderr.count("error:") == 1, stderr


def test_assessment_linked_out_of_the_course_is_refused(course: Path) -> None:
    quiz = course / "assessments/quiz.yml"
    target = outside(course, "quiz.yml", quiz.read_text(encoding="utf-8"))
    relink(quiz, target)
    stderr = refused(
        course,
        "course/assessments/quiz.yml:1:1: error: assessment file 'assessments/quiz.yml' leads "
        "outside the course folder (through a symbolic link) [path-outside-course]",
    )
    assert stderr.count("error:") == 1, stderr


def test_modules_folder_linked_out_of_the_course_is_refused(course: Path) -> None:
    elsewhere = course.parent / "elsewhere"
    (course / "modules").rename(elsewhere)
    os.symlink(elsewhere, course / "modules")
    stderr = refused(
        course,
        "course/modules/intro.en.md:1:1: error: module file 'modules/intro.en.md' leads outside "
        "the course folder (through a symbolic link) [path-outside-course]",
    )
    assert "course/modules/video.en.md:1:1: error: module file" in stderr


def test_links_inside_the_course_are_followed(course: Path) -> None:
    (course / "drafts").mkdir()
    (course / "modules/intro.en.md").rename(course / "drafts/intro.md")
    os.symlink("../drafts/intro.md", course / "modules/intro.en.md")
    (course / "sections").mkdir()
    (course / "transcripts").rename(course / "sections/transcripts")
    os.symlink("sections/transcripts", course / "transcripts")
    code, stderr, out = build(course, "--target", "xapi")
    assert code == 0, stderr
    with zipfile.ZipFile(out / "course-xapi.zip") as package:
        assert b"Welcome" in package.read("index.html")


def test_an_edit_through_a_link_out_is_never_missed(course: Path) -> None:
    # The reproduction: the course cache was keyed on the link, not on what it reads, so the
    # second build shipped the first text even with --force. Now the link is refused each time.
    target = outside(course, "secret.md", "---\ntitle: Secret\n---\n\nFIRST\n")
    relink(course / "modules/intro.en.md", target)
    expected = "course/modules/intro.en.md:1:1: error: module file"
    refused(course, expected)
    target.write_text("---\ntitle: Secret\n---\n\nSECOND\n", encoding="utf-8")
    code, stderr, out = build(course, "--force")
    assert code == 1 and expected in stderr and not out.exists(), stderr


def test_the_source_hash_covers_what_a_link_reads(course: Path) -> None:
    # .coursebuild/ is not hashed (it holds the preview's data), yet a link may read from it.
    hidden = course / ".coursebuild/intro.md"
    hidden.parent.mkdir()
    (course / "modules/intro.en.md").rename(hidden)
    os.symlink("../.coursebuild/intro.md", course / "modules/intro.en.md")
    before = source_hash(course)
    hidden.write_text(hidden.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert source_hash(course) != before


def test_an_edit_read_through_a_link_is_built(course: Path) -> None:
    hidden = course / ".coursebuild/intro.md"
    hidden.parent.mkdir()
    (course / "modules/intro.en.md").rename(hidden)
    os.symlink("../.coursebuild/intro.md", course / "modules/intro.en.md")
    assert build(course, "--target", "xapi")[0] == 0
    hidden.write_text(hidden.read_text(encoding="utf-8") + "\nSECOND EDIT\n", encoding="utf-8")
    code, stderr, out = build(course, "--target", "xapi", "--force")
    assert code == 0, stderr
    with zipfile.ZipFile(out / "course-xapi.zip") as package:
        assert b"SECOND EDIT" in package.read("index.html")


# --- 10. link loops, NUL, over-long names ----------------------------------------------------


def test_a_transcript_link_loop_is_a_diagnostic(course: Path) -> None:
    relink(course / "transcripts/video.en.md", "video.en.md")
    refused(
        course,
        "course/modules/video.en.md:6:13: error: transcript 'transcripts/video.en.md' is a "
        "symbolic link that leads back to itself (a loop); expected a file [path-symlink-loop]",
    )


def test_a_module_link_loop_is_a_diagnostic(course: Path) -> None:
    relink(course / "modules/intro.en.md", "intro.en.md")
    refused(
        course,
        "course/modules/intro.en.md:1:1: error: module file 'modules/intro.en.md' is a symbolic "
        "link that leads back to itself (a loop); expected a file [path-symlink-loop]",
    )


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("course.yml", "symbolic link that leads back to itself (a loop)"),
        ("missing.yml", "does not exist"),
    ],
)
def test_a_course_file_link_that_leads_nowhere_is_named_in_the_course(
    course: Path, target: str, problem: str
) -> None:
    # Found by the fuzzer: the course was not recognised as one, and the error named the folder.
    relink(course / "course.yml", target)
    stderr = refused(course, "course/course.yml:1:1: error: course file 'course.yml' ")
    assert problem in stderr and "[no-course]" not in stderr, stderr


def test_a_nul_in_a_path_is_a_diagnostic(course: Path, edit: Edit) -> None:
    edit(
        course / "modules/video.en.md", "transcript: transcripts/video.en.md", 'transcript: "a\\0b"'
    )
    refused(
        course,
        "course/modules/video.en.md:6:13: error: transcript 'a\\x00b' has a control character "
        "('\\x00'); expected a path of printable characters [path-control-char]",
    )


def test_a_nul_in_an_image_path_is_a_diagnostic(course: Path, edit: Edit) -> None:
    edit(course / "modules/intro.en.md", "# Welcome", "# Welcome\n\n![A chart](media/a%00b.png)")
    refused(
        course,
        "course/modules/intro.en.md:7:1: error: image 'media/a\\x00b.png' has a control "
        "character ('\\x00'); expected a path of printable characters [path-control-char]",
    )


def test_an_over_long_name_is_a_diagnostic(course: Path, edit: Edit) -> None:
    name = "a" * 300 + ".png"
    edit(course / "modules/intro.en.md", "# Welcome", f"# Welcome\n\n![A chart](media/{name})")
    refused(
        course,
        f"course/modules/intro.en.md:7:1: error: image '{('media/' + name)[:40]}…' has a name "
        "of 304 bytes; expected at most 255 bytes per folder or file name [path-too-long]",
    )


def test_an_over_long_path_is_a_diagnostic(course: Path, edit: Edit) -> None:
    ref = "media/" + "folder/" * 600 + "chart.png"
    edit(course / "modules/intro.en.md", "# Welcome", f"# Welcome\n\n![A chart]({ref})")
    refused(
        course,
        f"course/modules/intro.en.md:7:1: error: image '{ref[:40]}…' is {len(ref)} bytes long; "
        "expected at most 4096 bytes [path-too-long]",
    )


# --- 15. control characters in folder and file names ------------------------------------------


@pytest.mark.parametrize("name", ["bad\ncourse", "red\x1b[31mcourse", "csi\x9bcourse"])
def test_a_course_folder_with_a_control_character_is_refused(course: Path, name: str) -> None:
    hostile = course.rename(course.parent / name)
    shown = repr(name)[1:-1]
    code, stderr, out = build(hostile)
    assert code == 1, stderr
    assert (
        f"{shown}/course.yml:1:1: error: course folder '{shown}' has a control character "
        f"('{repr(next(c for c in name if not c.isprintable()))[1:-1]}') in its name; expected a "
        "name of printable characters (it names the packages) [path-control-char]"
    ) in stderr, stderr
    assert not any(c in stderr for c in "\x1b\x9b"), stderr
    # The newline in the name is shown escaped: the diagnostic stays on one line.
    assert stderr.splitlines()[0].startswith(f"{shown}/course.yml:1:1: error:"), stderr
    assert not out.exists()


def test_a_file_name_with_an_escape_sequence_is_refused(course: Path, edit: Edit) -> None:
    (course / "media").mkdir()
    (course / "media/\x1b[2Jchart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    edit(
        course / "modules/intro.en.md",
        "# Welcome",
        "# Welcome\n\n![A chart](media/%1B[2Jchart.png)",
    )
    stderr = refused(
        course,
        "course/modules/intro.en.md:7:1: error: image 'media/\\x1b[2Jchart.png' has a control "
        "character ('\\x1b'); expected a path of printable characters [path-control-char]",
    )
    assert "\x1b" not in stderr


def test_a_folder_argument_with_an_escape_sequence_is_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "red\x1b[31mcourses"
    folder.mkdir()
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1, result.output
    assert "red\\x1b[31mcourses' has no course.yml" in result.stderr, result.stderr
    assert "\x1b" not in result.output


def test_a_percent_encoded_byte_that_is_not_utf8_is_a_diagnostic(course: Path, edit: Edit) -> None:
    edit(course / "modules/intro.en.md", "# Welcome", "# Welcome\n\n![A chart](media/caf%E9.png)")
    refused(
        course,
        "course/modules/intro.en.md:7:1: error: image 'media/caf%E9.png' has a percent-encoded "
        "byte that is not UTF-8; expected a path such as media/café.png or media/caf%C3%A9.png "
        "[path-encoding]",
    )


# --- 16. a module name that tries to leave the course -----------------------------------------


@pytest.mark.parametrize("kind", ["page", "assessment"])
def test_a_path_as_module_name_is_one_clear_error(course: Path, edit: Edit, kind: str) -> None:
    line = {"page": "  - page: video", "assessment": "  - assessment: quiz"}[kind]
    edit(course / "course.yml", line, f"  - {kind}: ../../etc/passwd")
    index = {"page": 1, "assessment": 2}[kind]
    column = len(f"  - {kind}: ") + 1
    stderr = refused(
        course,
        f"course/course.yml:{9 + index - 1}:{column}: error: modules[{index}].{kind}: expected "
        "a name of up to 63 lowercase letters, digits and hyphens (such as 'intro'), found "
        "'../../etc/passwd' [bad-value]",
    )
    assert stderr.count("error:") == 1, stderr
