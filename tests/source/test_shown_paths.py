"""Whatever a folder is named, a diagnostic names its file as the author typed the folder, so
that it can be found: a course folder with a tab or another control character in its name keeps
its catalogue's prefix (the name shown escaped, on one line), and so does a file of the
catalogue's own `_theme/`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.hostile_sources import run
from support.theme_kit import write
from typer.testing import CliRunner

from builder.cli import app

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
NAMES = ["a\tb", "bad\ncourse", "cr\rcourse", "red\x1b[31mcourse", "del\x7fcourse", "csi\x9bc"]


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A folder of courses holding one ordinary course, `plain`."""
    folder = tmp_path / "catalogue"
    shutil.copytree(FIXTURE, folder / "plain")
    return folder


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("name", NAMES, ids=repr)
def test_a_control_character_in_a_course_folder_keeps_the_catalogue_prefix(
    catalogue: Path, name: str, command: str
) -> None:
    shutil.copytree(FIXTURE, catalogue / name)
    said = run(command, catalogue)
    shown = repr(name)[1:-1]
    assert said.exit_code == 1, said.stderr
    assert said.stderr.splitlines()[0] == (
        f"catalogue/{shown}/course.yml:1:1: error: course folder '{shown}' has a control "
        f"character ('{repr(next(c for c in name if not c.isprintable()))[1:-1]}') in its name; "
        "expected a name of printable characters (it names the packages) [path-control-char]"
    ), said.stderr
    assert not any(c in said.stderr for c in "\t\r\x1b\x7f\x9b"), said.stderr
    assert said.stderr.count("\n") == 2 + (command == "build"), said.stderr


def _stderr(folder: Path) -> str:
    """What `coursebuild validate FOLDER` prints, run from a folder the course is not in (so
    that its files are named by the whole path typed)."""
    result = CliRunner().invoke(app, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    return result.stderr


@pytest.mark.parametrize("name", NAMES[:2], ids=repr)
def test_a_course_folder_named_alone_keeps_its_parent_folder(catalogue: Path, name: str) -> None:
    shutil.copytree(FIXTURE, catalogue / name)
    said = _stderr(catalogue / name)
    assert said.startswith(f"{catalogue.as_posix()}/{repr(name)[1:-1]}/course.yml:1:1:"), said


def test_the_catalogue_theme_is_named_from_where_the_command_runs(catalogue: Path) -> None:
    write(catalogue / "_theme" / "brand.html.j2", "{% if %}\n")
    for folder in (catalogue, catalogue / "plain"):
        said = _stderr(folder)
        assert said.startswith(f"{catalogue.as_posix()}/_theme/brand.html.j2:1:1: error:"), said
