"""`coursebuild new`: a course that builds for every target, in one language or two."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.targets import available


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("languages", "pages"), [("en", ["en"]), ("en,fr", ["en", "fr"])])
def test_the_scaffold_builds_for_every_target(
    languages: str, pages: list[str], tmp_path: Path
) -> None:
    course = tmp_path / "src" / "my-course"
    code, out, _ = _run("new", str(course), "--languages", languages)
    assert code == 0
    assert sorted(p.relative_to(course).as_posix() for p in course.rglob("*.*")) == sorted(
        ["course.yml", "assessments/final.yml", *(f"modules/intro.{lang}.md" for lang in pages)]
    )
    assert out.endswith(f"next: coursebuild validate {course.as_posix()}\n")
    assert _run("validate", "--strict", str(course))[:2] == (
        0,
        f"ok my-course (2 modules, {', '.join(pages)})\n",
    )
    targets = [arg for name in sorted(available()) for arg in ("-t", name)]
    dist = tmp_path / "dist"
    code, _, err = _run("build", "--strict", str(course), *targets, "--out", str(dist))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in dist.glob("*.zip")) == [
        f"my-course-{name}.zip" for name in sorted(available())
    ]


# Slugs that a YAML reader takes for a number, a boolean, null or a date when unquoted.
@pytest.mark.parametrize(
    "slug", ["123", "true", "yes", "On", "no", "null", "1_000", "2024-01-01", "1e3", "0x1F", "nan"]
)
def test_a_slug_yaml_reads_as_another_type_still_validates(slug: str, tmp_path: Path) -> None:
    course = tmp_path / slug
    assert _run("new", str(course))[0] == 0
    assert _run("validate", "--strict", str(course))[:2] == (
        0,
        f"ok {slug} (2 modules, en)\n",
    )


def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    course = tmp_path / "my-course"
    course.mkdir()
    (course / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = _run("new", str(course))
    assert code == 1
    assert err == (
        f"coursebuild: error: '{course.as_posix()}' already exists and is not an empty folder; "
        "expected a new or empty folder\n"
    )
    assert [p.name for p in course.iterdir()] == ["notes.txt"]


def test_new_fills_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert _run("new", str(tmp_path / "empty"))[0] == 0
    assert (tmp_path / "empty" / "course.yml").is_file()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["new", "my course"], "'my course' cannot name a course"),
        (["new", "a\nb"], "'a\\nb' cannot name a course"),
        (["new", "a\x1b[31mb"], "'a\\x1b[31mb' cannot name a course"),
        (["new", "-x"], "No such option"),
        (["new", "ok", "--languages", "en,iu"], "'iu' is not supported; expected one of: en, fr"),
        (["new", "ok", "--languages", "en,en"], "expected each language once"),
        (["new", "ok", "--languages", ""], "is not supported"),
    ],
)
def test_new_usage_errors(
    args: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    code, _, err = _run(*args)
    assert code == 2
    assert expected in " ".join(err.split())
    assert list(tmp_path.iterdir()) == []
