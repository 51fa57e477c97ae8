"""`coursebuild report --out`: an earlier report is replaced all or nothing, anything else that is
already in the folder is never touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.report_statements import ACTIVITIES, lines
from typer.testing import CliRunner

from builder.cli import app

runner = CliRunner()


@pytest.fixture
def args(tmp_path: Path) -> list[str]:
    source = tmp_path / "c-xapi-activities.json"
    source.write_text(json.dumps(ACTIVITIES))
    statements = tmp_path / "statements.jsonl"
    statements.write_bytes(lines())
    return ["report", str(source), "--statements", str(statements)]


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder)."""
    return {
        p.relative_to(folder).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize(
    ("files", "named"),
    [
        ({"notes.txt": "mine"}, "notes.txt"),
        # a copy of a course: a folder of its own
        ({"course/course.yml": "title: x", "course/modules/a.en.md": "# A"}, "course/"),
        # a web page of the user's: a report's file name alone does not make a report
        ({"index.html": "<p>my site</p>"}, "index.html"),
    ],
)
def test_a_folder_holding_other_files_is_refused_and_left_alone(
    args: list[str], tmp_path: Path, files: dict[str, str], named: str
) -> None:
    out = tmp_path / "work" / "mine"
    for name, text in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)
    before, beside = tree(out), sorted(p.name for p in out.parent.iterdir())
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1, result.output
    assert result.output.startswith(f"coursebuild: error: {out.as_posix()}/ holds {named}")
    assert "expected an empty folder or an earlier report" in result.output
    assert tree(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == beside  # no staging folder left


def test_an_earlier_report_with_a_file_added_is_refused(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    (out / "notes.txt").write_text("my reading of it")
    before = tree(out)
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 1 and "holds notes.txt" in result.output, result.output
    assert tree(out) == before


def test_an_earlier_report_is_replaced(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    first = tree(out)
    (out / "report.json").write_bytes((out / "report.json").read_bytes() + b" ")
    (out / "items.csv").unlink()  # an earlier report may lack a table
    (out / ".DS_Store").write_bytes(b"\0")  # what macOS's Finder leaves in a folder it showed
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert tree(out) == first
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["c-xapi-activities.json", "statements.jsonl", "report"]
    )


def test_an_empty_folder_is_filled(args: list[str], tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    assert runner.invoke(app, [*args, "--out", str(out)]).exit_code == 0
    assert (out / "report.json").is_file()


def test_a_link_to_an_earlier_report_replaces_the_report_it_points_to(
    args: list[str], tmp_path: Path
) -> None:
    real = tmp_path / "published" / "report"
    real.parent.mkdir()
    assert runner.invoke(app, [*args, "--out", str(real)]).exit_code == 0
    (real / "report.json").write_bytes((real / "report.json").read_bytes() + b" ")
    link = tmp_path / "report"
    link.symlink_to(real, target_is_directory=True)
    assert runner.invoke(app, [*args, "--out", str(link)]).exit_code == 0
    assert link.is_symlink() and (real / "report.json").read_bytes().endswith(b"}\n")
