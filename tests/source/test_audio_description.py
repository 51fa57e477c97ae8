"""Audio description of a local video [WCAG 2.1 SC 1.2.5]: a description track, a described
version, or the author's word that the sound describes everything; every mistake at its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

Edit = Callable[[Path, str, str], None]
FR = "modules/clip.fr.md"
FR_TRACK = "  descriptions: media/clip.fr.descriptions.vtt\n"


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr.splitlines()


def validate(course: Path, *extra: str) -> tuple[int, list[str]]:
    code, lines = run("validate", str(course), *extra)
    return code, [line.replace(str(course.parent) + "/", "") for line in lines]


def test_a_local_video_without_audio_description_is_a_warning(bilingual: Path, edit: Edit) -> None:
    edit(bilingual / FR, FR_TRACK, "")
    code, lines = validate(bilingual)
    assert code == 0
    assert lines == [
        "course/modules/clip.fr.md:4:3: warning: local video 'media/clip.mp4' has no 'fr' audio "
        "description; expected 'descriptions: media/<file>.fr.vtt' or 'described: "
        "media/<file>-described.mp4', or 'described_audio: true' when its sound already "
        "describes everything it shows (WCAG 2.1 SC 1.2.5) [audio-description-missing]",
        "0 error(s), 1 warning(s)",
    ]
    assert validate(bilingual, "--strict")[0] == 1


def test_described_audio_true_silences_the_warning_honestly(bilingual: Path, edit: Edit) -> None:
    edit(bilingual / FR, FR_TRACK, "  described_audio: true\n")
    assert validate(bilingual, "--strict") == (0, [])


def test_a_described_version_alone_is_enough(bilingual: Path, edit: Edit) -> None:
    (bilingual / "media/clip-described.fr.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    edit(bilingual / FR, FR_TRACK, "  described: media/clip-described.fr.mp4\n")
    assert validate(bilingual, "--strict") == (0, [])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "  descriptions: media/nowhere.vtt\n",
            "course/modules/clip.fr.md:8:17: error: descriptions 'media/nowhere.vtt' does not "
            "exist; expected a file at course/media/nowhere.vtt [file-not-found]",
        ),
        (
            "  descriptions: ../outside.vtt\n",
            "[path-outside-course]",
        ),
        (
            "  descriptions: media/clip.mp4\n",
            "course/modules/clip.fr.md:8:17: error: descriptions 'media/clip.mp4' do not start "
            "with 'WEBVTT'; expected a WebVTT file whose cues say what the video shows "
            "[audio-description-format]",
        ),
        (
            "  descriptions: media/clip.en.descriptions.vtt\n",
            "course/modules/clip.fr.md:8:17: error: descriptions 'media/clip.en.descriptions.vtt' "
            "are the 'en' descriptions; expected descriptions in 'fr' [missing-translation]",
        ),
        (
            "  described: media/clip.fr.vtt\n",
            "course/modules/clip.fr.md:8:14: error: described version 'media/clip.fr.vtt' is not a "
            "web video; expected one of .m4v, .mp4, .ogv, .webm [audio-description-format]",
        ),
        (
            "  described: media/gone.mp4\n",
            "[file-not-found]",
        ),
    ],
    ids=["missing", "outside", "not-webvtt", "other-language", "not-video", "described-missing"],
)
def test_a_bad_audio_description_fails_at_its_line(
    bilingual: Path, edit: Edit, line: str, expected: str
) -> None:
    edit(bilingual / FR, FR_TRACK, line)
    out = bilingual.parent / "dist"
    code, lines = run("build", str(bilingual), "--out", str(out))
    lines = [x.replace(str(bilingual.parent) + "/", "") for x in lines]
    assert code == 1, lines
    first = lines[0]
    assert first == expected or (expected.startswith("[") and first.endswith(expected)), lines
    assert first.startswith("course/modules/clip.fr.md:8:"), lines
    assert lines[1] == "1 error(s), 0 warning(s)", lines
    assert not out.exists()


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "YouTube's player offers its own audio tracks"),
        ("https://vimeo.com/76979871", "Vimeo's player offers its own audio tracks"),
        ("https://www.example.ca/clip", "the linked page plays the video with its own player"),
    ],
)
def test_audio_description_keys_on_a_hosted_video_are_refused_with_the_way_out(
    bilingual: Path, edit: Edit, url: str, host: str
) -> None:
    (bilingual / "media/clip-described.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    for lang in ("en", "fr"):
        page = bilingual / f"modules/clip.{lang}.md"
        edit(page, "url: media/clip.mp4", f"url: {url}")
        edit(page, "  captions:", "  described: media/clip-described.mp4\n  captions:")
    code, lines = validate(bilingual)
    assert code == 1
    found = [x for x in lines if "audio-description-unsupported" in x]
    kind = {"YouTube's": "youtube", "Vimeo's": "vimeo"}.get(host.split()[0], "link")
    assert found[0] == (
        f"course/modules/clip.en.md:7:3: error: 'described:' is for a video file in the course, "
        f"not a {kind} video; expected it removed: {host}; link a described version as a page "
        "link in the text [audio-description-unsupported]"
    )
    # Both keys in both languages, all reported at once.
    assert len(found) == 4, lines
