"""Links and images to course files become percent-encoded relative URLs in every target: a file
whose name looks like a scheme never becomes a runnable href, and names with spaces or accents
resolve from their encoded or plain spelling."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from builder.pipeline import build
from builder.targets import available

Edit = Callable[[Path, str, str], None]
SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
PNG = b"\x89PNG\r\n\x1a\n"
XSS = "javascript:alert(document.domain)"


class _Urls(HTMLParser):
    """Every href and src of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [v or "" for k, v in attrs if k in ("href", "src")]


def urls(html: bytes) -> list[str]:
    """The href and src values of a page (as the browser reads them: entities decoded)."""
    parser = _Urls()
    parser.feed(html.decode("utf-8"))
    return parser.urls


def build_target(course: Path, target: str, out_name: str = "") -> zipfile.ZipFile:
    """Build `course` for `target`; its zip, open."""
    out = course.parent / (out_name or f"dist-{target}")
    outcome = build([course], [target], out, force=True)
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    return zipfile.ZipFile(out / f"course-{target}.zip")


def scheme_urls(package: zipfile.ZipFile) -> set[tuple[str, str, str]]:
    """Every href and src with a scheme in the package's HTML: (file, URL, scheme)."""
    found = set()
    for name in package.namelist():
        if name.endswith(".html"):
            for url in urls(package.read(name)):
                if scheme := SCHEME_RE.match(url):
                    found.add((name, url, scheme.group(1).lower()))
    return found


def local_urls(package: zipfile.ZipFile) -> dict[str, str]:
    """Every relative href/src of every HTML file, mapped to the zip entry it names."""
    found: dict[str, str] = {}
    for name in package.namelist():
        if name.endswith(".html"):
            for url in urls(package.read(name)):
                if url and not SCHEME_RE.match(url) and not url.startswith(("#", "//")):
                    found[url] = unquote(url.split("#")[0].split("?")[0]).removeprefix("./")
    return found


@pytest.mark.parametrize("target", sorted(available()))
def test_a_file_named_like_a_scheme_is_never_a_runnable_link(
    course: Path, edit: Edit, target: str
) -> None:
    # The theme's own URLs with a scheme (such as its empty icon, data:,) are not the author's.
    theme = scheme_urls(build_target(course, target, "before"))
    (course / XSS).write_text("not a script", encoding="utf-8")
    edit(course / "modules/intro.en.md", "# Welcome", f"# Welcome\n\n[Open](./{XSS})")
    package = build_target(course, target)
    for name, url, scheme in scheme_urls(package):
        assert scheme in ("http", "https", "mailto") or (name, url, scheme) in theme, (name, url)
    linked = {url: entry for url, entry in local_urls(package).items() if "alert" in url}
    assert linked, local_urls(package)
    assert set(linked.values()) == {XSS}
    assert XSS in package.namelist()


@pytest.mark.parametrize(
    ("on_disk", "written", "url"),
    [
        ("café.png", "media/café.png", "media/caf%C3%A9.png"),
        ("my file.png", "media/my%20file.png", "media/my%20file.png"),
        ("my file.png", "<media/my file.png>", "media/my%20file.png"),
        ("100% & #1?.png", "media/100%25%20&%20%231%3F.png", "media/100%25%20&amp;%20%231%3F.png"),
        # An author typing the NFD spelling (e. then a combining accent) finds the NFC file.
        ("café.png", unicodedata.normalize("NFD", "media/café.png"), "media/caf%C3%A9.png"),
    ],
)
def test_images_with_spaces_and_accents_resolve(
    course: Path, edit: Edit, on_disk: str, written: str, url: str
) -> None:
    (course / "media").mkdir()
    (course / "media" / on_disk).write_bytes(PNG)
    edit(course / "modules/intro.en.md", "# Welcome", f"# Welcome\n\n![A chart]({written})")
    package = build_target(course, "scorm12")
    index = package.read("index.html")
    assert f'src="{url}"'.encode() in index, re.findall(rb'src="media/[^"]*"', index)
    assert local_urls(package)[url.replace("&amp;", "&")] == f"media/{on_disk}"
    assert package.read(f"media/{on_disk}") == PNG


def test_a_link_to_a_file_with_spaces_keeps_its_fragment(course: Path, edit: Edit) -> None:
    (course / "media").mkdir()
    (course / "media/my file.pdf").write_bytes(b"%PDF-1.4\n")
    edit(
        course / "modules/intro.en.md",
        "# Welcome",
        "# Welcome\n\n[The guide](<media/my file.pdf#page=2>)",
    )
    package = build_target(course, "cmi5")
    assert b'href="media/my%20file.pdf#page=2"' in package.read("index.html")
    assert local_urls(package)["media/my%20file.pdf#page=2"] == "media/my file.pdf"


def test_a_local_video_and_captions_with_spaces_are_encoded_urls(course: Path, edit: Edit) -> None:
    (course / "media").mkdir()
    (course / "media/my clip.mp4").write_bytes(b"\0\0\0\x18ftypmp42")
    (course / "media/my clip.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n", encoding="utf-8"
    )
    edit(
        course / "modules/video.en.md",
        "url: https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "url: media/my clip.mp4\n  captions: media/my clip.en.vtt",
    )
    package = build_target(course, "scorm2004")
    index = package.read("index.html")
    assert b'src="media/my%20clip.mp4"' in index
    assert b'src="media/my%20clip.en.vtt"' in index
    assert {"media/my clip.mp4", "media/my clip.en.vtt"} <= set(local_urls(package).values())
    manifest = package.read("imsmanifest.xml")
    assert b'href="media/my%20clip.mp4"' in manifest
