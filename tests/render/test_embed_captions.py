"""Author captions of a YouTube or Vimeo video reach the learner (issue 15): the embed is asked
for the page's language, and the captions file is always offered as a text to read or keep."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from support.hostile_sources import run

Edit = Callable[[Path, str, str], None]


def _index(course: Path) -> str:
    built = run("build", course)
    assert built.exit_code == 0, built.stderr
    with zipfile.ZipFile(built.out / "course-scorm12.zip") as package:
        return package.read("index.html").decode("utf-8")


def test_the_embed_asks_for_the_page_s_language(course: Path) -> None:
    src = re.search(r'<iframe src="([^"]+)"', _index(course))
    assert src is not None
    assert src[1] == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1&amp;hl=en&amp;cc_lang_pref=en"
    )


def test_author_captions_of_an_embed_are_offered_as_a_file(course: Path, edit: Edit) -> None:
    (course / "media").mkdir(exist_ok=True)
    (course / "media" / "video.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n", encoding="utf-8"
    )
    page = course / "modules" / "video.en.md"
    edit(page, '  duration: "2:14"\n', '  duration: "2:14"\n  captions: media/video.en.vtt\n')
    html = _index(course)
    link = re.search(r'<a class="cb-captions-file" href="([^"]+)"[^>]*>([^<]+)<', html)
    assert link is not None, html
    assert link[1] == "media/video.en.vtt"
    assert link[2].strip() == "Captions (WebVTT file)"
    assert "download" in link[0] and 'hreflang="en"' in link[0]
