"""Theme overrides (docs/theming.md): a course's `theme.custom_dir` and a catalogue's `_theme/`
add brand blocks and static files to every package, course over catalogue over built-in."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from support.theme_kit import use_theme, write

from builder.pipeline import Outcome, build
from builder.source.files import source_hash

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "docs" / "examples" / "theme-gc"

BRAND = """{% extends "brand-base.html.j2" %}
{% block header_brand %}<img class="dept" src="assets/logo.svg"
 alt="{{ t[lang].language_name }} logo">{% endblock %}
{% block footer %}<p>Made by {{ view.course.title[lang] }}</p>{{ super() }}{% endblock %}
{% block extra_head %}<meta name="x-brand" content="{{ lang }}">{% endblock %}
"""


def built(course: Path, out: Path) -> tuple[Outcome, dict[str, bytes]]:
    """Build the course's SCORM 1.2 package; the outcome and the zip's files by name."""
    outcome = build([course], ["scorm12"], out)
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    data = (out / f"{course.name}-scorm12.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return outcome, {n: z.read(n) for n in z.namelist()}


def test_course_override_adds_blocks_and_static_files(bilingual: Path, tmp_path: Path) -> None:
    use_theme(bilingual)
    write(bilingual / "theme" / "brand.html.j2", BRAND)
    write(bilingual / "theme" / "static" / "extra.css", ":root { --cb-brand: #333; }\n")
    write(bilingual / "theme" / "static" / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    _, files = built(bilingual, tmp_path / "out")
    index = files["index.html"].decode()
    assert files["assets/extra.css"] == b":root { --cb-brand: #333; }\n"
    assert "assets/logo.svg" in files
    assert not any(name.startswith("theme/") for name in files)
    header = index.split('<header class="cb-header">')[1].split("</header>")[0]
    assert '<img class="dept" src="assets/logo.svg"\n alt="English logo">' in header
    assert '<img class="dept" src="assets/logo.svg"\n alt="Français logo">' in header
    assert "<p>Made by A bilingual course</p>" in index
    assert "<p>Made by Un cours bilingue</p>" in index
    assert "BIL-1" in index.split('<footer class="cb-footer">')[1]  # super(): the default stays
    head = index.split("</head>")[0]
    assert '<meta name="x-brand" content="en">' in head
    assert head.index("assets/coursebuild.css") < head.index('href="assets/extra.css"')


def test_without_override_the_builtin_brand(bilingual: Path, tmp_path: Path) -> None:
    _, files = built(bilingual, tmp_path / "out")
    index = files["index.html"].decode()
    assert "extra.css" not in index
    assert "cb-brand" not in index.split("<body>")[1].split('<p class="cb-course">')[0]
    assert "BIL-1" in index.split('<footer class="cb-footer">')[1]


def test_catalogue_theme_and_course_precedence(bilingual: Path, tmp_path: Path) -> None:
    catalogue = tmp_path / "_theme"
    write(catalogue / "brand.html.j2", BRAND.replace("Made by", "Catalogue of"))
    write(catalogue / "static" / "extra.css", "/* catalogue */\n")
    write(catalogue / "static" / "seal.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    _, files = built(bilingual, tmp_path / "out1")
    assert "<p>Catalogue of A bilingual course</p>" in files["index.html"].decode()
    assert files["assets/extra.css"] == b"/* catalogue */\n"
    use_theme(bilingual)
    write(bilingual / "theme" / "brand.html.j2", BRAND)
    write(bilingual / "theme" / "static" / "extra.css", "/* course */\n")
    _, files = built(bilingual, tmp_path / "out2")
    index = files["index.html"].decode()
    assert "<p>Made by A bilingual course</p>" in index and "Catalogue of" not in index
    assert files["assets/extra.css"] == b"/* course */\n"
    assert "assets/seal.svg" in files  # the catalogue's other files stay


def test_an_override_edit_rebuilds_and_builds_are_identical(
    bilingual: Path, tmp_path: Path
) -> None:
    css = write(tmp_path / "_theme" / "static" / "extra.css", "/* one */\n")
    before = source_hash(bilingual)
    out = tmp_path / "out"
    _, first = built(bilingual, out)
    again = build([bilingual], ["scorm12"], out)
    assert again.skipped == ["course"]
    _, same = built(bilingual, tmp_path / "other")
    assert same == first  # byte-identical for the same sources
    css.write_text("/* two */\n", encoding="utf-8")
    assert source_hash(bilingual) != before
    outcome, files = built(bilingual, out)
    assert outcome.skipped == [] and files["assets/extra.css"] == b"/* two */\n"


def test_the_example_override_builds(bilingual: Path, tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, bilingual / "theme")
    use_theme(bilingual)
    _, files = built(bilingual, tmp_path / "out")
    index = files["index.html"].decode()
    assert "assets/extra.css" in files
    assert 'class="cb-brand"' in index and "assets/gc-signature-placeholder-en.svg" in index
