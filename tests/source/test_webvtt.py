"""Captions and description tracks are WebVTT that a browser plays in full [WebVTT §4.1]: the
file signature, cue timings `[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt` that end after they start, and
at least one cue. Each mistake is reported at its line and column, with every other error of
the course; a file that only started with "WEBVTT" used to pass, and deaf learners got no
captions [WCAG 2.1 SC 1.2.2]."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import PASS_MARK_120, example_course, pass_mark_120, replace
from typer.testing import CliRunner

from builder.cli import app

CUE = "00:00.000 --> 00:05.000\nEvery word.\n"
EN = "my-course/media/clip.en.vtt"
TIME = (
    "expected a time [hh:]mm:ss.ttt such as 00:01.000 or 01:02:03.500 (minutes and seconds 00 "
    "to 59, three digits after the point)"
)


@pytest.fixture
def my_course(tmp_path: Path) -> Path:
    """The README's bilingual course with a local video, its captions in both languages."""
    course = example_course(tmp_path)
    (course / "media").mkdir()
    (course / "media/clip.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    for lang in ("en", "fr"):
        (course / f"media/clip.{lang}.vtt").write_text(f"WEBVTT\n\n{CUE}", encoding="utf-8")
        replace(
            course / f"modules/video.{lang}.md",
            "url: https://www.youtube.com/watch?v=XXXXXXXXXXX",
            f"url: media/clip.mp4\n  captions: media/clip.{lang}.vtt\n  described_audio: true",
        )
    return course


def validate(course: Path) -> tuple[int, list[str]]:
    """`coursebuild validate` of the course: its exit code and stderr lines (folders cut)."""
    result = CliRunner().invoke(app, ["validate", str(course)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr.replace(str(course.parent) + "/", "").splitlines()


def test_the_base_course_is_valid(my_course: Path) -> None:
    assert validate(my_course) == (0, [])


@pytest.mark.parametrize(
    ("captions", "expected"),
    [
        (
            f"WEBVTTX\n\n{CUE}",
            f"{EN}:1:7: error: the file starts with 'WEBVTTX'; expected 'WEBVTT' followed by a "
            "space, a tab or a line break [captions-format]",
        ),
        (
            "WEBVTT\n",
            f"{EN}:1:1: error: the file has no cue; expected at least one: a blank line, then a "
            "line such as '00:00:01.000 --> 00:00:04.000' and the text under it [captions-format]",
        ),
        (
            "WEBVTT - no cues yet\n\nNOTE to be done\n",
            f"{EN}:1:1: error: the file has no cue; expected at least one: a blank line, then a "
            "line such as '00:00:01.000 --> 00:00:04.000' and the text under it [captions-format]",
        ),
        (
            "WEBVTT\n\n00:05.000 --> 00:01.000\nToo late.\n",
            f"{EN}:3:15: error: the cue ends at 00:01.000, before it starts (00:05.000); expected "
            "an end time after the start time [captions-format]",
        ),
        (
            "WEBVTT\n\n00:01.000 --> 00:01.000\nNever seen.\n",
            f"{EN}:3:15: error: the cue ends at 00:01.000, before it starts (00:01.000); expected "
            "an end time after the start time [captions-format]",
        ),
        (
            "WEBVTT\n\n00:00:99.000 --> 00:01:00.000\nHi.\n",
            f"{EN}:3:1: error: {TIME}, found '00:00:99.000' [captions-format]",
        ),
        (
            "WEBVTT\n\n00:60.000 --> 01:00.000\nHi.\n",
            f"{EN}:3:1: error: {TIME}, found '00:60.000' [captions-format]",
        ),
        (
            "WEBVTT\n\n1:2 --> 3:4\nHi.\n",
            f"{EN}:3:1: error: {TIME}, found '1:2' [captions-format]",
        ),
        (
            "WEBVTT\n\n00:00.000 --> 00:05,000\nHi.\n",
            f"{EN}:3:15: error: {TIME}, found '00:05,000' [captions-format]",
        ),
        (
            "WEBVTT\n\n00:00.000 -> 00:05.000\nHi.\n",
            f"{EN}:3:11: error: expected '-->' between the start and end times, found '->' "
            "[captions-format]",
        ),
        (
            "WEBVTT\n00:00.000 -> 00:05.000\nHi.\n",
            f"{EN}:2:11: error: expected '-->' between the start and end times, found '->' "
            "[captions-format]",
        ),
        (
            "WEBVTT\n\nintro\n00:00.000 -> 00:05.000\nHi.\n",
            f"{EN}:4:11: error: expected '-->' between the start and end times, found '->' "
            "[captions-format]",
        ),
        (
            f"WEBVTT\n\n{CUE}\nThe rest of it.\n",
            f"{EN}:6:1: error: text 'The rest of it.' belongs to no cue (a blank line ends a "
            "cue's text); expected cue timings such as '00:00:01.000 --> 00:00:04.000' before "
            "it, or 'NOTE' to make it a comment [captions-format]",
        ),
        (
            f"WEBVTT\n\n{CUE}\nSTYLE\n::cue {{ color: red }}\n",
            f"{EN}:6:1: error: a STYLE block after the first cue is ignored; expected STYLE and "
            "REGION blocks before the first cue [captions-format]",
        ),
        (
            "WEBVTT\n\n00:00.000 --> 00:05.000\nLeft --> right.\n",
            f"{EN}:4:6: error: '-->' in a cue's text makes the line a new cue's timings; expected "
            "text without it (write '--&gt;') [captions-format]",
        ),
    ],
    ids=[
        "signature",
        "no-cue",
        "only-a-note",
        "ends-before-start",
        "ends-at-start",
        "seconds-99",
        "minutes-60",
        "short-times",
        "comma",
        "single-arrow",
        "single-arrow-under-the-signature",
        "single-arrow-after-id",
        "text-after-a-blank-line",
        "style-after-cues",
        "arrow-in-text",
    ],
)
def test_a_bad_captions_file_fails_at_its_line(
    my_course: Path, captions: str, expected: str
) -> None:
    (my_course / "media/clip.en.vtt").write_text(captions, encoding="utf-8")
    pass_mark_120(my_course)
    code, lines = validate(my_course)
    assert code == 1, lines
    assert expected in lines, lines
    assert PASS_MARK_120 in lines, lines
    assert lines[-1] == "2 error(s), 0 warning(s)", lines


def test_every_bad_cue_is_reported(my_course: Path) -> None:
    (my_course / "media/clip.en.vtt").write_text(
        f"WEBVTT\n\n1:2 --> 3:4\nOne.\n\n{CUE}\n00:09.000 --> 00:08.000\nThree.\n",
        encoding="utf-8",
    )
    (my_course / "media/clip.fr.vtt").write_text("WEBVTT\n", encoding="utf-8")
    code, lines = validate(my_course)
    assert code == 1, lines
    assert [line.split(" error: ")[0] for line in lines[:-1]] == [
        f"{EN}:3:1:",
        f"{EN}:9:15:",
        "my-course/media/clip.fr.vtt:1:1:",
    ], lines


def test_a_bad_description_track_fails_at_its_line(my_course: Path) -> None:
    (my_course / "media/clip.en.descriptions.vtt").write_text(
        "WEBVTT\n\n00:00.500 --> 00:00.100\nA hand points at the chart.\n", encoding="utf-8"
    )
    replace(
        my_course / "modules/video.en.md",
        "  described_audio: true",
        "  descriptions: media/clip.en.descriptions.vtt",
    )
    code, lines = validate(my_course)
    assert code == 1, lines
    assert lines == [
        "my-course/media/clip.en.descriptions.vtt:3:15: error: the cue ends at 00:00.100, before "
        "it starts (00:00.500); expected an end time after the start time "
        "[audio-description-format]",
        "1 error(s), 0 warning(s)",
    ]


@pytest.mark.parametrize(
    "captions",
    [
        f"\ufeffWEBVTT\n\n{CUE}",
        f"WEBVTT\n\n{CUE}".replace("\n", "\r\n"),
        f"WEBVTT\n\n{CUE}".replace("\n", "\r"),
        f"WEBVTT - Social media\n\n{CUE}",
        f"WEBVTT\tSocial media\n\n{CUE}",
        f"WEBVTT\nKind: captions\nLanguage: en\n\n{CUE}",
        f"WEBVTT\n\nSTYLE\n::cue {{ color: yellow }}\n\nNOTE made by hand\n\n{CUE}",
        "WEBVTT\n\nintro\n00:00.000 --> 00:05.000 align:start line:0\nHi.\n",
        "WEBVTT\n\n01:00:00.000 --> 01:00:05.000\nAn hour in.\n\n"
        "123:59:59.999 --> 124:00:00.000\nLong.\n",
        "WEBVTT\n\n00:01.000\t-->\t00:02.000\nTabs.\n\n00:00.500 --> 00:03.000\nOverlaps.\n",
        f"WEBVTT\n\n\n\n{CUE}\n\n\n",
    ],
    ids=[
        "bom",
        "crlf",
        "cr",
        "title",
        "tab",
        "header-lines",
        "style-and-note",
        "id-and-settings",
        "hours",
        "tabs-and-overlap",
        "blank-lines",
    ],
)
def test_valid_captions_build(my_course: Path, captions: str) -> None:
    (my_course / "media/clip.en.vtt").write_bytes(captions.encode("utf-8"))
    assert validate(my_course) == (0, [])
