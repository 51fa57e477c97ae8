"""Theme overrides are author content: their paths stay inside the course (or catalogue), their
templates run sandboxed and cannot reach a file, and every problem is a diagnostic."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from support.theme_kit import use_theme, write

from builder.pipeline import build, validate
from builder.preview.watcher import Watcher


def codes(course: Path, out: Path | None = None) -> list[str]:
    """The diagnostics of validating (or, with `out`, building) the course, formatted, as
    printed from the course's parent folder (files named `course/...`)."""
    with contextlib.chdir(course.parent):
        outcome = validate([course]) if out is None else build([course], ["scorm12"], out)
    assert outcome.failed
    return [d.format() for d in outcome.diagnostics]


def test_custom_dir_outside_the_course_is_refused(bilingual: Path, tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "brand.html.j2", "x")
    use_theme(bilingual, "../elsewhere")
    (found,) = codes(bilingual)
    assert found.startswith("course/course.yml:")
    assert "[path-outside-course]" in found and "theme.custom_dir" in found


def test_custom_dir_linked_outside_is_refused(bilingual: Path, tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "brand.html.j2", "x")
    os.symlink(tmp_path / "elsewhere", bilingual / "theme")
    use_theme(bilingual)
    (found,) = codes(bilingual)
    assert "[path-outside-course]" in found and "symbolic link" in found


def test_missing_custom_dir(bilingual: Path) -> None:
    use_theme(bilingual, "brand")
    (found,) = codes(bilingual)
    assert "[file-not-found]" in found and "expected a folder" in found


def test_a_file_linked_outside_is_refused_each_reported(bilingual: Path, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "top secret")
    use_theme(bilingual)
    write(bilingual / "theme" / "brand.html.j2", '{% extends "brand-base.html.j2" %}')
    (bilingual / "theme" / "static").mkdir()
    os.symlink(secret, bilingual / "theme" / "static" / "leak.txt")
    os.symlink(secret, bilingual / "theme" / "leak.html.j2")
    found = codes(bilingual)
    assert len(found) == 2, found
    assert all("[path-outside-course]" in f for f in found)
    assert found[0].startswith("course/theme/leak.html.j2:1:1: error:")
    assert found[1].startswith("course/theme/static/leak.txt:1:1: error:")


def test_catalogue_link_outside_is_refused(bilingual: Path, tmp_path: Path) -> None:
    secret = write(tmp_path.parent / f"{tmp_path.name}-secret.css", "x")
    (tmp_path / "_theme" / "static").mkdir(parents=True)
    os.symlink(secret, tmp_path / "_theme" / "static" / "extra.css")
    (found,) = codes(bilingual)
    assert found.startswith("_theme/static/extra.css:1:1: error:")
    assert "[path-outside-course]" in found


def test_a_template_cannot_include_a_file_outside(bilingual: Path, tmp_path: Path) -> None:
    write(tmp_path / "secret.html.j2", "top secret")
    use_theme(bilingual)
    write(
        bilingual / "theme" / "brand.html.j2",
        '{% extends "brand-base.html.j2" %}\n'
        '{% block footer %}{% include "../../secret.html.j2" %}{% endblock %}\n',
    )
    found = codes(bilingual, tmp_path / "out")
    assert len(found) == 1 and "[theme-template]" in found[0], found
    assert found[0].startswith("course/theme/brand.html.j2:2:")
    assert "top secret" not in found[0]
    assert not (tmp_path / "out").exists()


def test_a_template_runs_sandboxed(bilingual: Path, tmp_path: Path) -> None:
    use_theme(bilingual)
    write(
        bilingual / "theme" / "brand.html.j2",
        '{% extends "brand-base.html.j2" %}\n{% block footer %}\n'
        "{{ view.__class__.__mro__[1].__subclasses__() }}{% endblock %}\n",
    )
    (found,) = codes(bilingual, tmp_path / "out")
    assert found.startswith("course/theme/brand.html.j2:3:") and "[theme-template]" in found
    assert "unsafe" in found


def test_a_template_syntax_error_is_a_diagnostic(bilingual: Path) -> None:
    use_theme(bilingual)
    write(bilingual / "theme" / "brand.html.j2", "line one\n{% block footer %}\n")
    (found,) = codes(bilingual)
    assert found.startswith("course/theme/brand.html.j2:2:1: error:")
    assert "[theme-template]" in found


def test_theme_files_may_not_be_replaced(bilingual: Path) -> None:
    use_theme(bilingual)
    write(bilingual / "theme" / "index.html.j2", "x")
    write(bilingual / "theme" / "static" / "player.js", "x")
    found = codes(bilingual)
    assert [f.split(": error:")[0] for f in found] == [
        "course/theme/index.html.j2:1:1",
        "course/theme/static/player.js:1:1",
    ]
    assert all("[theme-reserved]" in f for f in found)


def test_course_text_is_escaped_in_a_brand_block(bilingual: Path, tmp_path: Path) -> None:
    spec = bilingual / "course.yml"
    text = spec.read_text(encoding="utf-8").replace(
        "en: A bilingual course", "en: '<script>alert(1)</script>'"
    )
    spec.write_text(text, encoding="utf-8")
    use_theme(bilingual)
    write(
        bilingual / "theme" / "brand.html.j2",
        '{% extends "brand-base.html.j2" %}'
        "{% block header_brand %}<b>{{ view.course.title[lang] }}</b>{% endblock %}",
    )
    outcome = build([bilingual], ["scorm12"], tmp_path / "out")
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    import zipfile

    with zipfile.ZipFile(tmp_path / "out" / "course-scorm12.zip") as z:
        index = z.read("index.html").decode()
    assert "<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>" in index
    assert "<script>alert(1)" not in index


def test_the_preview_sees_a_catalogue_edit(bilingual: Path, tmp_path: Path) -> None:
    css = write(tmp_path / "_theme" / "static" / "extra.css", "/* one */\n")
    watcher = Watcher(bilingual, lambda files: None, interval=0.01)
    css.write_text("/* two, longer */\n", encoding="utf-8")
    assert watcher.poll() == ["../_theme/static/extra.css"]


@pytest.mark.parametrize("name", ["runtime.js", "runtime-questions.js", "runtime-video.js"])
def test_the_bundled_runtime_may_not_be_replaced(bilingual: Path, name: str) -> None:
    # The package's scripts, assets/runtime.js and its chunks, are built from the theme's runtime
    # files: an override of one of those names would be a second file at the same path in the zip.
    use_theme(bilingual)
    write(bilingual / "theme" / "static" / name, "x")
    (found,) = codes(bilingual)
    assert found.startswith(f"course/theme/static/{name}:1:1: error:")
    assert "[theme-reserved]" in found
