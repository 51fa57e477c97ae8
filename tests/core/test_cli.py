"""The command line: help, version, exit codes, and one real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from builder import __version__
from builder.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"coursebuild {__version__}\n"


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.stdout and "validate" in result.stdout


def test_build_help_names_every_target() -> None:
    import typer

    from builder.targets import available

    build = typer.main.get_command(app).commands["build"]  # type: ignore[attr-defined]
    (option,) = [p for p in build.params if "--target" in p.opts]
    named = {word.strip(",.:'()") for word in option.help.split()}
    assert set(available()) <= named, option.help
    assert "all" in named


def test_usage_errors_exit_2(tmp_path: Path, course: Path) -> None:
    assert runner.invoke(app, ["build", str(tmp_path / "nope")]).exit_code == 2
    result = runner.invoke(app, ["build", str(course), "--target", "scorm13"])
    assert result.exit_code == 2 and "unknown target 'scorm13'" in result.output
    assert runner.invoke(app, ["frobnicate"]).exit_code == 2
    for command in (["build", str(course)], ["report", str(course), "--statements", "-"]):
        result = runner.invoke(app, [*command, "--out", ""], env={"COLUMNS": "200"})
        assert result.exit_code == 2, result.output  # never the current folder
        assert "expected a folder, such as dist; found nothing" in result.output


def test_validate_writes_nothing(tmp_path: Path, course: Path) -> None:
    result = runner.invoke(app, ["validate", str(course)])
    assert result.exit_code == 0 and result.stdout == "ok course (3 modules, en)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]


def test_a_folder_without_courses_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["validate", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "[no-course]" in result.stderr


def test_strict_turns_warnings_into_errors(course: Path) -> None:
    intro = course / "modules" / "intro.en.md"
    intro.write_text(intro.read_text() + "\nA <b>bold</b> claim.\n")
    assert runner.invoke(app, ["validate", str(course)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--strict", str(course)])
    assert result.exit_code == 1 and "warning: raw HTML '<b' is shown as text" in result.stderr


def test_real_process_builds_with_python_m_builder(tmp_path: Path, course: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(course), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "course-scorm12.zip").is_file()
    bad = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
