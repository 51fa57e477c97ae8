"""Video links become embeds on privacy-enhanced domains, local players or link cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.diagnostics import Diagnostics, Location
from builder.source.video import classify_video, parse_duration

HERE = Location("c/m.md", 3, 3)


@pytest.mark.parametrize(
    ("url", "kind", "embed"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1",
        ),
        (
            "https://youtu.be/dQw4w9WgXcQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1",
        ),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("https://www.csps-efpc.gc.ca/video/navigating-social-media-eng.aspx", "link", None),
        (None, "none", None),
    ],
)
def test_links_are_classified(
    url: str | None, kind: str, embed: str | None, tmp_path: Path
) -> None:
    diagnostics = Diagnostics()
    link = classify_video(url, tmp_path, HERE, diagnostics)
    assert link is not None and link.kind == kind and link.embed_url == embed
    assert len(diagnostics) == 0


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("https://www.youtube.com/watch?v=short", "video-unsupported"),
        ("javascript:alert(1)", "video-unsupported"),
        ("media/clip.avi", "video-unsupported"),
        ("media/missing.mp4", "file-not-found"),
        ("../clip.mp4", "path-outside-course"),
        # Found by the fuzzer: urlsplit raises on these, which was an internal error.
        ("https://[www.youtube.com/watch?v=dQw4w9WgXcQ", "video-unsupported"),
        ("https://www.youtube.com:99999/watch?v=dQw4w9WgXcQ", "video-unsupported"),
        # Characters no URL holds [RFC 3986 §2]: shipped, the link was broken.
        ("https://example.org/my video.html", "video-unsupported"),
        ('https://example.org/a"b.html', "video-unsupported"),
        ("https://example.org/<b>.html", "video-unsupported"),
        ("https://vimeo.com/76979871 extra", "video-unsupported"),
    ],
)
def test_unusable_links_are_errors(url: str, code: str, tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert classify_video(url, tmp_path, HERE, diagnostics) is None
    assert [d.code for d in diagnostics] == [code]


def test_local_file_plays_from_the_package(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "clip.mp4").write_bytes(b"")
    link = classify_video("media/clip.mp4", tmp_path, HERE, Diagnostics())
    assert link is not None and link.kind == "file" and link.embed_url == "media/clip.mp4"
    assert link.mime_type == "video/mp4"


def test_durations() -> None:
    assert parse_duration("2:14") == 134
    assert parse_duration("1:02:03") == 3723


def test_a_captions_file_with_a_byte_order_mark_is_webvtt(bilingual: Path) -> None:
    # A WebVTT file may start with a BOM before "WEBVTT" [WebVTT §4.1], as editors on Windows
    # save it; the descriptions track already took one, the captions refused it.
    from builder.source.course import load_course

    captions = bilingual / "media" / "clip.en.vtt"
    captions.write_bytes(b"\xef\xbb\xbf" + captions.read_bytes())
    found = Diagnostics()
    assert load_course(bilingual, found) is not None
    assert [d.code for d in found if d.code == "captions-format"] == []
