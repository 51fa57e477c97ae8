"""`build --strict` judges every course, also one unchanged since a build without it: a warning
it would make fatal must not hide behind the incremental skip."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app

Edit = Callable[[Path, str, str], None]


def test_strict_fails_on_a_course_that_an_earlier_build_skipped_for(
    course: Path, edit: Edit, tmp_path: Path
) -> None:
    edit(course / "assessments" / "quiz.yml", "pass_mark: 80\n", "pass_mark: 90\n")  # a warning
    out = str(tmp_path / "dist")
    first = CliRunner().invoke(app, ["build", str(course), "--out", out])
    assert first.exit_code == 0, first.output
    assert "[pass-needs-all]" in first.stderr
    strict = CliRunner().invoke(app, ["build", "--strict", str(course), "--out", out])
    assert strict.exit_code == 1, strict.output
    assert "[pass-needs-all]" in strict.stderr
    again = CliRunner().invoke(app, ["build", str(course), "--out", out])
    assert again.exit_code == 0 and "unchanged" in again.output + again.stderr
