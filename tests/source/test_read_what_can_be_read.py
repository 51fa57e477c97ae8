"""What can be read of a broken source is still checked in the same run, and a value that
cannot be read is no ground for a further check: a YAML syntax error in a page's front matter
leaves its body checked, a video with one bad key leaves its other keys checked, and an
assessment's unreadable attempts, pass mark, reveal, display, draw or pool causes no second
diagnostic of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.course_fixtures import EXAMPLE, replace
from support.hostile_sources import refusal, run, write


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The README's bilingual example course (it validates)."""
    target = tmp_path / "course"
    shutil.copytree(EXAMPLE, target)
    return target


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
    assert refusal(example) == (
        "course/modules/intro.en.md:4:1: error: YAML syntax error: did not find expected ',' or "
        "']' (while parsing a flow sequence started at line 3) [yaml-syntax]\n"
        "    hint: check indentation and quote values that contain ':' or '#'\n"
        "course/modules/intro.en.md:8:1: " + BODY_ERRORS + "4 error(s), 0 warning(s)\n"
    )


def test_a_yaml_syntax_error_is_no_missing_title_nor_text(example: Path) -> None:
    """The front matter unread, nothing is said of its title; an empty body still is."""
    write(example / "modules/intro.fr.md", "---\ntitle: [Intro\n---\n")
    assert refusal(example) == (
        "course/modules/intro.fr.md:1:1: error: module 'intro' has a title but no text in 'fr'; "
        "expected the 'fr' text of course/modules/intro.en.md [missing-translation]\n"
        "course/modules/intro.fr.md:3:1: error: YAML syntax error: did not find expected ',' or "
        "']' (while parsing a flow sequence started at line 2) [yaml-syntax]\n"
        "    hint: check indentation and quote values that contain ':' or '#'\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_unclosed_front_matter_in_a_transcript_is_not_also_an_empty_one(example: Path) -> None:
    write(example / "transcripts/video.fr.md", "---\ntitle: x\n\nLe texte de la vidéo.\n")
    assert refusal(example) == (
        "course/transcripts/video.fr.md:1:1: error: front matter starts with '---' but has no "
        "closing '---' line [front-matter-unclosed]\n"
        "1 error(s), 0 warning(s)\n"
    )


WEBVTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour.\n"


def _video(course: Path, lang: str, video: str) -> None:
    """The page 'video' in `lang` with this `video:` mapping (a local clip and its French
    captions in the course's media folder)."""
    (course / "media").mkdir(exist_ok=True)
    (course / "media/clip.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    write(course / "media/clip.fr.vtt", WEBVTT)
    page = course / f"modules/video.{lang}.md"
    text = page.read_text(encoding="utf-8")
    start, end = text.index("video:\n"), text.index("transcript:")
    write(page, text[:start] + video + text[end:])


def test_a_bad_duration_leaves_the_video_s_files_checked(example: Path) -> None:
    _video(
        example,
        "fr",
        "video:\n  url: media/clip.mp4\n  duration: 2:14\n  captions: media/none.fr.vtt\n"
        "  descriptions: media/none-ad.fr.vtt\n",
    )
    assert refusal(example) == (
        "course/modules/video.fr.md:5:13: error: video.duration: expected text, found '134' "
        "[wrong-type]\n"
        '    hint: without quotes, 2:14 is the base-60 number 134; write "2:14"\n'
        "course/modules/video.fr.md:6:13: error: captions 'media/none.fr.vtt' does not exist; "
        "expected a file at course/media/none.fr.vtt [file-not-found]\n"
        "course/modules/video.fr.md:7:17: error: descriptions 'media/none-ad.fr.vtt' does not "
        "exist; expected a file at course/media/none-ad.fr.vtt [file-not-found]\n"
        "3 error(s), 0 warning(s)\n"
    )


def test_a_bad_duration_leaves_the_url_and_captions_checked(example: Path) -> None:
    _video(
        example,
        "fr",
        "video:\n  url: media/none.mp4\n  duration: 2:14\n  captions: media/none.fr.vtt\n",
    )
    said = refusal(example)
    assert "video.fr.md:4:3: error: video file 'media/none.mp4' does not exist" in said, said
    assert "video.fr.md:6:13: error: captions 'media/none.fr.vtt' does not exist" in said, said
    assert said.endswith("3 error(s), 0 warning(s)\n"), said


def test_misspelt_captions_and_a_bad_flag_are_no_missing_captions_or_description(
    example: Path,
) -> None:
    _video(
        example,
        "fr",
        "video:\n  url: media/clip.mp4\n  captoins: media/clip.fr.vtt\n  described_audio: maybe\n",
    )
    # Neither captions-missing nor audio-description-missing: what they need was not read.
    assert refusal(example) == (
        "course/modules/video.fr.md:5:3: error: unknown key 'video.captoins' [unknown-key]\n"
        "    hint: did you mean 'captions'?\n"
        "course/modules/video.fr.md:6:20: error: video.described_audio: expected true or "
        "false, found 'maybe' [wrong-type]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_an_unreadable_url_leaves_the_captions_checked_and_nothing_that_needs_the_url(
    example: Path,
) -> None:
    _video(example, "fr", "video:\n  url: [media/clip.mp4]\n  captions: media/none.fr.vtt\n")
    assert refusal(example) == (
        "course/modules/video.fr.md:4:8: error: video.url: expected text, found a list "
        "[wrong-type]\n"
        "course/modules/video.fr.md:5:13: error: captions 'media/none.fr.vtt' does not exist; "
        "expected a file at course/media/none.fr.vtt [file-not-found]\n"
        "2 error(s), 0 warning(s)\n"
    )


def test_a_bad_key_in_the_first_language_s_video_is_no_missing_translation(
    example: Path,
) -> None:
    """The French page borrows the English video, whose one bad key says nothing of French."""
    _video(example, "en", "video:\n  url: https://vimeo.com/76979871\n  duration: 2:14\n")
    _video(example, "fr", "")
    assert refusal(example) == (
        "course/modules/video.en.md:5:13: error: video.duration: expected text, found '134' "
        "[wrong-type]\n"
        '    hint: without quotes, 2:14 is the base-60 number 134; write "2:14"\n'
        "1 error(s), 0 warning(s)\n"
    )


def test_a_bad_duration_leaves_a_missing_audio_description_said(example: Path) -> None:
    _video(
        example,
        "fr",
        "video:\n  url: media/clip.mp4\n  duration: 2:14\n  captions: media/clip.fr.vtt\n",
    )
    said = refusal(example)
    assert "video.fr.md:4:3: warning: local video 'media/clip.mp4' has no 'fr' audio" in said
    assert said.endswith("1 error(s), 1 warning(s)\n"), said


def _assessment(course: Path, *edits: tuple[str, str]) -> None:
    for old, new in edits:
        replace(course / "assessments/final.yml", old, new)


REVEAL = ("reveal: false", "reveal: true ")


def test_attempts_out_of_range_is_no_trivial_reveal(example: Path) -> None:
    _assessment(example, ("attempts: 3 ", "attempts: -1"), REVEAL)
    assert refusal(example) == (
        "course/assessments/final.yml:3:11: error: attempts: expected a number in 0-99, found "
        "'-1' [bad-value]\n"
        "1 error(s), 0 warning(s)\n"
    )


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (
            ("reveal: false", "reveal: maybe"),
            "course/assessments/final.yml:6:9: error: reveal: expected true or false, found "
            "'maybe' [wrong-type]\n",
        ),
        (
            ("display: one ", "display: some"),
            "course/assessments/final.yml:5:10: error: display: expected one of 'one' or 'all', "
            "found 'some' [bad-value]\n",
        ),
        (
            ("shuffle: true", "feedback: soon"),
            "course/assessments/final.yml:4:11: error: feedback: expected one of 'immediate', "
            "'attempt' or 'never', found 'soon' [bad-value]\n",
        ),
        (
            ("shuffle: true", "answer_key: hashd"),
            "course/assessments/final.yml:4:13: error: answer_key: expected one of 'plain' or "
            "'hashed', found 'hashd' [bad-value]\n",
        ),
        (
            ("shuffle: true", "draw: 0"),
            "course/assessments/final.yml:4:7: error: draw: expected a number ≥ 1, found '0' "
            "[bad-value]\n",
        ),
    ],
    ids=["reveal", "display", "feedback", "answer-key", "draw"],
)
def test_what_decides_a_trivial_reveal_unread_is_no_trivial_reveal(
    example: Path, edit: tuple[str, str], said: str
) -> None:
    """Each stands in as its default (reveal: true, display: one...), which is no ground."""
    _assessment(example, edit, *([REVEAL] if edit[0] != REVEAL[0] else []))
    assert refusal(example) == said + "1 error(s), 0 warning(s)\n"


def test_a_pass_mark_out_of_range_is_no_mastery_mismatch(example: Path) -> None:
    _assessment(example, ("pass_mark: 80", "pass_mark: 150"))
    replace(example / "course.yml", "mastery_score: 80", "mastery_score: 50")
    assert refusal(example) == (
        "course/assessments/final.yml:2:12: error: pass_mark: expected a number in 0-100, found "
        "'150' [bad-value]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_a_draw_in_error_is_no_ground_for_the_pass_mark_s_reach(example: Path) -> None:
    """Five questions at 90% would need all five right: but the draw meant fewer or more."""
    _assessment(example, ("pass_mark: 80", "pass_mark: 90"), ("shuffle: true", "draw: 0"))
    replace(example / "course.yml", "mastery_score: 80", "mastery_score: 90")
    assert refusal(example) == (
        "course/assessments/final.yml:4:7: error: draw: expected a number ≥ 1, found '0' "
        "[bad-value]\n"
        "1 error(s), 0 warning(s)\n"
    )


def _pools(course: Path, pools: list[str], draw: str) -> None:
    """The example's five questions put in `pools`, in order, and drawn from with `draw`."""
    final = course / "assessments/final.yml"
    lines, n = [], 0
    for line in final.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if line.startswith("  - id:"):
            lines.append(f"    pool: {pools[n]}")
            n += 1
    write(final, "\n".join(lines).replace("shuffle: true", f"draw: {draw}") + "\n")


def test_an_unreadable_pool_leaves_the_pool_sizes_unsaid(example: Path) -> None:
    """'Rules' may have been meant for 'rules': whether 'rules' holds the 3 drawn is unknown."""
    _pools(example, ["Rules", "rules", "rules", "privacy", "privacy"], "{rules: 3, privacy: 2}")
    assert refusal(example) == (
        "course/assessments/final.yml:9:11: error: questions[0].pool: expected a name of up to "
        "63 lowercase letters, digits and hyphens (such as 'intro'), found 'Rules' [bad-value]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_a_question_that_is_not_a_mapping_among_pools_is_one_error(example: Path) -> None:
    _pools(example, ["rules", "rules", "rules", "privacy", "privacy"], "{rules: 3, privacy: 2}")
    _assessment(example, ("questions:\n", "questions:\n  - just text\n"))
    assert refusal(example) == (
        "course/assessments/final.yml:8:5: error: questions[0]: expected a mapping, found 'just "
        "text' [wrong-type]\n"
        "1 error(s), 0 warning(s)\n"
    )


def test_a_draw_naming_no_pool_is_no_ground_for_the_pass_mark_s_reach(example: Path) -> None:
    """Only 2 of the 4 drawn are known: that 2 at 80% need both right is no ground."""
    _pools(example, ["rules", "rules", "rules", "privacy", "privacy"], "{rules: 2, privcy: 2}")
    said = refusal(example)
    assert "final.yml:4:18: error: draw names pool 'privcy', which no question is in" in said
    assert "[pass-needs-all]" not in said, said
    assert said.endswith("1 error(s), 0 warning(s)\n"), said


def test_a_misspelt_pool_in_the_draw_is_one_error_naming_the_pool_meant(example: Path) -> None:
    """'privcy' means 'privacy': its questions are not also 'in no pool drawn from' (the draw
    meant them), and the error says which pool it likely means."""
    _pools(example, ["rules", "rules", "rules", "privacy", "privacy"], "{rules: 2, privcy: 2}")
    assert refusal(example) == (
        "course/assessments/final.yml:4:18: error: draw names pool 'privcy', which no question is "
        "in; expected one of: privacy, rules [pool-unknown]\n"
        "    hint: did you mean 'privacy'?\n"
        "1 error(s), 0 warning(s)\n"
    )
