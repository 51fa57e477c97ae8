"""A rebuild removes the course's zips of targets it no longer builds, with the commit."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.output.folder import OutputError, staging

Edit = Callable[[Path, str, str], None]


def _build(course: Path, out: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(out), *options])
    return result.exit_code, result.output


def _listed(out: Path) -> list[str]:
    report = json.loads((out / "course.build.json").read_text(encoding="utf-8"))
    return sorted(p["file"] for p in report["packages"])


def test_a_target_dropped_loses_its_zip(bilingual: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert _build(bilingual, out, "-t", "scorm12", "-t", "cmi5")[0] == 0
    for name in ("notes.zip", "other-cmi5.zip", "course-cmi5.zip.bak", "course-draft.zip"):
        (out / name).write_bytes(b"the author's")
    code, output = _build(bilingual, out, "-t", "scorm12")
    assert code == 0, output
    assert f"removed {(out / 'course-cmi5.zip').as_posix()} (a target no longer built)" in output
    assert _listed(out) == ["course-scorm12.zip"]
    assert sorted(p.name for p in out.glob("*.zip")) == [
        "course-draft.zip",
        "course-scorm12.zip",
        "notes.zip",
        "other-cmi5.zip",
    ]
    assert (out / "course-cmi5.zip.bak").read_bytes() == b"the author's"


def test_split_language_zips_go_when_no_longer_split(bilingual: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert _build(bilingual, out, "-t", "scorm12", "--split-languages")[0] == 0
    assert _listed(out) == ["course-en-scorm12.zip", "course-fr-scorm12.zip"]
    assert _build(bilingual, out, "-t", "scorm12")[0] == 0
    assert sorted(p.name for p in out.glob("*.zip")) == ["course-scorm12.zip"] == _listed(out)


def test_a_failed_build_removes_nothing(bilingual: Path, tmp_path: Path, edit: Edit) -> None:
    out = tmp_path / "dist"
    assert _build(bilingual, out, "-t", "scorm12", "-t", "cmi5")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(bilingual / "assessments/quiz.yml", "attempts: 2", "attempts: twice")
    assert _build(bilingual, out, "-t", "scorm12")[0] == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failed_removal_puts_everything_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    for name in ("a.zip", "b.zip", "c.zip"):
        (out / name).write_bytes(f"old {name}".encode())
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self.name == "c.zip" and self.parent == out:
            raise PermissionError(13, "Permission denied")
        real_unlink(self, missing_ok=missing_ok)

    with pytest.raises(OutputError, match=r"remove c\.zip"), staging(out) as stage:
        (stage.folder / "a.zip").write_bytes(b"new")
        monkeypatch.setattr(Path, "unlink", unlink)
        stage.commit({"a.zip": stage.folder / "a.zip"}, ["b.zip", "c.zip"])
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {
        "a.zip": b"old a.zip",
        "b.zip": b"old b.zip",
        "c.zip": b"old c.zip",
    }
