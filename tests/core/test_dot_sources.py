"""`.` and `..` as SOURCE: the folder they mean, named as it is named from its parent.

`Path('.').name` is `''` and `Path('.').parent` is `Path('.')`: read as written, `build .` in a
course wrote `-scorm12.zip` and left out the catalogue's `_theme/` (docs/theming.md: the same
packages however the course is named).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from support.preview_process import PreviewProcess
from support.theme_kit import write
from typer.testing import CliRunner

from builder.cli import app

THEMED = ":root { --cb-brand: #333f50; }\n"


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    """`coursebuild ARGS` run from `folder`."""
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def catalogue(bilingual: Path) -> Path:
    """The `course` fixture in a catalogue whose `_theme/` adds a stylesheet."""
    write(bilingual.parent / "_theme" / "static" / "extra.css", THEMED)
    return bilingual


def packages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_build_dot_in_a_course_is_build_name_from_its_parent(
    catalogue: Path, tmp_path: Path
) -> None:
    assert run(catalogue.parent, "build", "course", "--out", str(tmp_path / "named"))[0] == 0
    code, out, err = run(catalogue, "build", ".", "--out", str(tmp_path / "dot"))
    assert (code, err) == (0, ""), out
    named, dot = packages(tmp_path / "named"), packages(tmp_path / "dot")
    assert sorted(dot) == ["course-scorm12.zip", "course-xapi-activities.json", "course.build.json"]
    assert dot == named
    with zipfile.ZipFile(tmp_path / "dot" / "course-scorm12.zip") as package:
        assert package.read("assets/extra.css").decode() == THEMED


def test_build_dot_dot_from_inside_a_course(catalogue: Path, tmp_path: Path) -> None:
    assert run(catalogue.parent, "build", "course", "--out", str(tmp_path / "named"))[0] == 0
    code, out, err = run(catalogue / "modules", "build", "..", "--out", str(tmp_path / "up"))
    assert (code, err) == (0, ""), out
    assert packages(tmp_path / "up") == packages(tmp_path / "named")


def test_build_dot_in_a_catalogue_names_its_courses(catalogue: Path, tmp_path: Path) -> None:
    code, out, err = run(catalogue.parent, "build", ".", "--out", str(tmp_path / "dot"))
    assert (code, err) == (0, ""), out
    assert "course-scorm12.zip" in packages(tmp_path / "dot")


def test_validate_dot_and_dot_dot_name_the_course(catalogue: Path) -> None:
    assert run(catalogue, "validate", ".")[:2] == (0, "ok course (3 modules, en, fr)\n")
    assert run(catalogue / "modules", "validate", "..")[:2] == (
        0,
        "ok course (3 modules, en, fr)\n",
    )


def test_a_diagnostic_of_build_dot_names_a_file_that_opens(catalogue: Path) -> None:
    spec = catalogue / "course.yml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("title:", "titel:", 1))
    code, _, err = run(catalogue, "validate", ".")
    assert code == 1
    assert err.startswith("course.yml:5:1: error: unknown key 'titel'"), err
    code, _, err = run(catalogue / "modules", "validate", "..")
    assert code == 1 and err.startswith("../course.yml:5:1: error:"), err


def test_new_dot_names_the_course_after_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-course"
    folder.mkdir()
    code, out, err = run(folder, "new", ".")
    assert (code, err) == (0, ""), out
    assert out.endswith("next: coursebuild validate .\n")
    assert "/courses/my-course" in (folder / "course.yml").read_text(encoding="utf-8")
    assert run(folder, "validate", ".")[:2] == (0, "ok my-course (2 modules, en)\n")


def test_preview_dot_previews_the_course_it_is_in(catalogue: Path, tmp_path: Path) -> None:
    assert run(catalogue.parent, "build", "course", "--out", str(tmp_path / "named"))[0] == 0
    preview = PreviewProcess(Path("."), cwd=catalogue)  # `preview .` inside the course folder
    preview.stop()
    line = preview.serving
    assert "previewing course (scorm12, LMS strict)" in line, line
    built = catalogue / ".coursebuild" / "preview"
    assert sorted(p.name for p in built.glob("*.zip")) == ["course-scorm12.zip"]
    named = tmp_path / "named" / "course-scorm12.zip"
    assert (built / "course-scorm12.zip").read_bytes() == named.read_bytes()
