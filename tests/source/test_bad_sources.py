"""One broken course per kind of mistake, each with the exact diagnostic it must produce."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

Edit = Callable[[Path, str, str], None]


def _yaml_syntax(c: Path, edit: Edit) -> None:
    edit(c / "course.yml", "title: A minimal course", "title: [A minimal course")


def _missing_field(c: Path, edit: Edit) -> None:
    edit(c / "course.yml", "code: MIN-1\n", "")


def _wrong_type(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "attempts: 2", "attempts: twice")


def _completion_not_a_mapping(c: Path, edit: Edit) -> None:
    edit(
        c / "course.yml",
        "completion:\n  pages: all\n  video: 0\n  assessment: passed",
        "completion: true",
    )


def _unknown_key(c: Path, edit: Edit) -> None:
    edit(c / "course.yml", "description:", "descripton:")


def _missing_module(c: Path, edit: Edit) -> None:
    (c / "modules/intro.en.md").unlink()


def _missing_media(c: Path, edit: Edit) -> None:
    edit(c / "modules/intro.en.md", "# Welcome", "# Welcome\n\n![A chart](media/chart.png)")


def _dotdot_path(c: Path, edit: Edit) -> None:
    edit(c / "modules/video.en.md", "transcripts/video.en.md", "../outside.md")


def _absolute_path(c: Path, edit: Edit) -> None:
    edit(c / "modules/video.en.md", "transcripts/video.en.md", "/etc/hostname")


def _symlink_out(c: Path, edit: Edit) -> None:
    outside = c.parent / "secret.md"
    outside.write_text("secret", encoding="utf-8")
    (c / "transcripts/video.en.md").unlink()
    os.symlink(outside, c / "transcripts/video.en.md")


def _duplicate_question(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "id: many", "id: one")


def _interaction_id_clash(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "id: one", "id: q-1")
    edit(c / "assessments/quiz.yml", "id: many", "id: q1")


def _duplicate_module(c: Path, edit: Edit) -> None:
    edit(c / "course.yml", "  - page: video", "  - page: video\n  - page: intro")


def _no_correct_answer(c: Path, edit: Edit) -> None:
    edit(
        c / "assessments/quiz.yml",
        "{id: a, text: A, correct: true, feedback: Yes.}",
        "{id: a, text: A, feedback: Yes.}",
    )


def _pass_mark(c: Path, edit: Edit) -> None:
    edit(c / "assessments/quiz.yml", "pass_mark: 80", "pass_mark: 120")


def _unsupported_video(c: Path, edit: Edit) -> None:
    edit(
        c / "modules/video.en.md",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "ftp://videos.example.ca/clip.mp4",
    )


def _empty_transcript(c: Path, edit: Edit) -> None:
    (c / "transcripts/video.en.md").write_text("\n  \n", encoding="utf-8")


def _javascript_link(c: Path, edit: Edit) -> None:
    edit(c / "modules/intro.en.md", "# Welcome", "# Welcome\n\n[Click](javascript:alert(1))")


def _suspend_budget(c: Path, edit: Edit) -> None:
    extra = "".join(
        f"  - id: essay-{i}\n    type: fill-in\n    prompt: Say more.\n    answers: [x]\n"
        f"    max_length: 255\n"
        for i in range(4)
    )
    quiz = c / "assessments/quiz.yml"
    text = quiz.read_text(encoding="utf-8").replace("questions:\n", "questions:\n" + extra, 1)
    quiz.write_text(text, encoding="utf-8")


def _latin1_page(c: Path, edit: Edit) -> None:
    # What an editor set to Windows-1252 saves: "Caf\xe9" is not UTF-8.
    (c / "modules/intro.en.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nText.\n")


CASES = [
    (
        _yaml_syntax,
        "course/course.yml:6:12: error: YAML syntax error: did not find expected ',' "
        "or ']' (while parsing a flow sequence started at line 5) [yaml-syntax]",
    ),
    (
        _missing_field,
        "course/course.yml:1:1: error: missing required key 'code' in the document [missing-field]",
    ),
    (
        _wrong_type,
        "course/assessments/quiz.yml:3:11: error: attempts: expected a whole number, "
        "found 'twice' [wrong-type]",
    ),
    (
        _completion_not_a_mapping,
        "course/course.yml:11:13: error: completion: expected a mapping, found 'true' [wrong-type]",
    ),
    (
        _unknown_key,
        "course/course.yml:6:1: error: unknown key 'descripton' [unknown-key]\n"
        "    hint: did you mean 'description'?",
    ),
    (
        _missing_module,
        "course/course.yml:8:5: error: module 'intro' has no 'en' file; expected "
        "course/modules/intro.en.md [file-not-found]",
    ),
    (
        _missing_media,
        "course/modules/intro.en.md:7:1: error: image 'media/chart.png' does not "
        "exist; expected a file at course/media/chart.png [file-not-found]",
    ),
    (
        _dotdot_path,
        "course/modules/video.en.md:6:13: error: transcript '../outside.md' goes up "
        "with '..'; expected a path inside the course folder [path-outside-course]",
    ),
    (
        _absolute_path,
        "course/modules/video.en.md:6:13: error: transcript '/etc/hostname' is an "
        "absolute path; expected a path relative to the course folder [path-outside-course]",
    ),
    (
        _symlink_out,
        "course/modules/video.en.md:6:13: error: transcript 'transcripts/video.en.md' "
        "leads outside the course folder (through a symbolic link) [path-outside-course]",
    ),
    (
        _duplicate_question,
        "course/assessments/quiz.yml:15:9: error: question id 'one' is used "
        "twice (first at line 9); expected unique ids [duplicate-id]",
    ),
    (
        _interaction_id_clash,
        "course/assessments/quiz.yml:15:9: error: question ids 'q-1' and 'q1' are both "
        "'quizQ1' in the LMS (interaction ids keep only letters and digits); expected ids that "
        "differ by more than their hyphens [interaction-id-clash]",
    ),
    (
        _duplicate_module,
        "course/course.yml:10:5: error: module 'intro' is listed twice (first at "
        "line 8); expected each module once [duplicate-id]",
    ),
    (
        _no_correct_answer,
        "course/assessments/quiz.yml:13:7: error: question 'one': no choice is "
        "marked 'correct: true'; expected exactly one [no-correct-answer]",
    ),
    (
        _pass_mark,
        "course/assessments/quiz.yml:2:12: error: pass_mark: expected a number in "
        "0-100, found '120' [bad-value]",
    ),
    (
        _unsupported_video,
        "course/modules/video.en.md:4:3: error: video link "
        "'ftp://videos.example.ca/clip.mp4' uses the 'ftp:' scheme; expected a YouTube or Vimeo "
        "address, an https:// page, or a video file in the course [video-unsupported]",
    ),
    (
        _empty_transcript,
        "course/transcripts/video.en.md:1:1: error: transcript "
        "'transcripts/video.en.md' is empty; expected the full text of the video "
        "[transcript-empty]",
    ),
    (
        _latin1_page,
        "course/modules/intro.en.md:2:11: error: file is not valid UTF-8 (byte 0xE9 at line 2, "
        "column 11); expected UTF-8 text [file-encoding]\n"
        "    hint: save it as UTF-8 (in most editors: Save As, then the encoding UTF-8)",
    ),
    (
        _javascript_link,
        "course/modules/intro.en.md:7:1: error: link to 'javascript:alert(1)' uses "
        "the 'javascript:' scheme; expected http:, https:, mailto: or a file in the course "
        "[unsafe-link]",
    ),
    (
        _suspend_budget,
        "course/assessments/quiz.yml:1:1: error: the learner's resume state could reach 5,678 "
        "characters, "
        "over the 4,096 that scorm12 allows in cmi.suspend_data; expected fewer questions, a "
        "smaller max_length on fill-in questions, or fewer pages [suspend-data-budget]",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), CASES, ids=[c[0].__name__[1:] for c in CASES])
def test_bad_source_gives_its_diagnostic_and_writes_nothing(
    course: Path, edit: Edit, mutate: Callable[[Path, Edit], None], expected: str
) -> None:
    mutate(course, edit)
    out = course.parent / "dist"
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(out)])
    stderr = result.stderr.replace(str(course.parent) + "/", "")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert expected in stderr, stderr
    assert "Traceback" not in result.output
    assert not out.exists()
