"""A local video's audio description reaches the page [WCAG 2.1 SC 1.2.5]: a `descriptions`
track, a live region the runtime fills with its cues, the track as a file to read, and a
labelled switch to the described version, in both languages."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from support.hostile_sources import run

Edit = Callable[[Path, str, str], None]


def _package(course: Path) -> zipfile.ZipFile:
    built = run("build", course)
    assert built.exit_code == 0, built.stderr
    (package,) = sorted(built.out.glob("*scorm12*.zip"))
    return zipfile.ZipFile(package)


def _section(html: str, lang: str) -> str:
    found = re.search(
        rf'<section [^>]*id="{lang}_clip".*?</section>\s*(?=<section|</main|$)', html, re.S
    )
    assert found is not None, html
    return found[0]


def test_the_descriptions_track_its_live_region_and_its_file(bilingual: Path) -> None:
    with _package(bilingual) as package:
        html = package.read("index.html").decode("utf-8")
        names = set(package.namelist())
    assert {"media/clip.en.descriptions.vtt", "media/clip.fr.descriptions.vtt"} <= names
    for lang, label, cue, file in (
        ("en", "Audio description", "Audio description:", "Audio description (WebVTT file)"),
        ("fr", "Audiodescription", "Audiodescription\u00a0:", "Audiodescription (fichier WebVTT)"),
    ):
        section = _section(html, lang)
        assert (
            f'<track kind="descriptions" src="media/clip.{lang}.descriptions.vtt" '
            f'srclang="{lang}" label="{label}">'
        ) in section
        region = re.search(r"<p [^>]*data-cb-description-box[^>]*>(.*?)</p>", section, re.S)
        assert region is not None, section
        assert cue in region[1]
        assert '<span data-cb-description aria-live="polite"></span>' in region[1]
        link = re.search(r'<a class="cb-descriptions-file" href="([^"]+)"[^>]*>([^<]+)<', section)
        assert link is not None and link.groups() == (
            f"media/clip.{lang}.descriptions.vtt",
            file,
        )
        assert "data-cb-described=" not in section


def test_the_described_version_is_a_labelled_switch_in_each_language(
    bilingual: Path, edit: Edit
) -> None:
    for lang in ("en", "fr"):
        (bilingual / f"media/clip-described.{lang}.webm").write_bytes(b"\x1aE\xdf\xa3")
        edit(
            bilingual / f"modules/clip.{lang}.md",
            "  captions:",
            f"  described: media/clip-described.{lang}.webm\n  captions:",
        )
    with _package(bilingual) as package:
        html = package.read("index.html").decode("utf-8")
        assert "media/clip-described.fr.webm" in package.namelist()
    for lang, label in (
        ("en", "Version with audio description"),
        ("fr", "Version avec audiodescription"),
    ):
        button = re.search(
            r"<button [^>]*data-cb-described=[^>]*>([^<]+)</button>", _section(html, lang)
        )
        assert button is not None
        assert f'data-cb-described="media/clip-described.{lang}.webm"' in button[0]
        assert 'data-cb-described-type="video/webm"' in button[0]
        assert 'type="button"' in button[0] and 'aria-pressed="false"' in button[0]
        assert button[1] == label


def test_a_video_without_audio_description_has_none_of_it(bilingual: Path, edit: Edit) -> None:
    for lang in ("en", "fr"):
        edit(
            bilingual / f"modules/clip.{lang}.md",
            f"  descriptions: media/clip.{lang}.descriptions.vtt\n",
            "  described_audio: true\n",
        )
    with _package(bilingual) as package:
        html = package.read("index.html").decode("utf-8")
    assert 'kind="descriptions"' not in html and "data-cb-description" not in html
    assert "data-cb-described" not in html
