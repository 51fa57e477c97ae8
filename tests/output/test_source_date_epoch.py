"""SOURCE_DATE_EPOCH: a value no zip entry can hold is a usage error; before 1980, a clamp."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

ARABIC_INDIC = "\u0661\u0667" + "\u0660" * 8  # 1700000000 in digits that str.isdigit() accepts


def build_with(epoch: str, course: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "builder", "build", str(course), "--out", str(out), "--jobs", "1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("value", ["99999999999", "9" * 5000])
def test_an_epoch_after_2107_is_a_usage_error_not_an_internal_error(
    tmp_path: Path, course: Path, value: str
) -> None:
    done = build_with(value, course, tmp_path / "dist")
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "SOURCE_DATE_EPOCH" in done.stderr and "2107-12-31" in done.stderr
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("value", ["abc", "1.5", "1e9", " 1700000000", ARABIC_INDIC])
def test_a_malformed_epoch_is_a_usage_error(
    tmp_path: Path, course: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(tmp_path / "d")])
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.stderr and "integer" in result.stderr
    assert not (tmp_path / "d").exists()


def entry_times(package: Path) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(package) as archive:
        return {info.date_time for info in archive.infolist()}


def test_the_last_second_zip_can_hold_is_accepted(
    tmp_path: Path, course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819199")  # 2107-12-31T23:59:59Z
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    # zip keeps seconds in units of two [APPNOTE 4.4.6, MS-DOS time]
    assert entry_times(tmp_path / "d" / "course-scorm12.zip") == {(2107, 12, 31, 23, 59, 58)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4354819200")
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(tmp_path / "e")])
    assert result.exit_code == 2 and "2107-12-31" in result.stderr


@pytest.mark.parametrize("value", ["0", "-1", "315532799"])
def test_an_epoch_before_1980_is_clamped_with_a_warning(
    tmp_path: Path, course: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    # reproducible-builds.org's own advice for zip files: max(315532800, SOURCE_DATE_EPOCH)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr and "1980-01-01" in result.stderr
    assert entry_times(tmp_path / "d" / "course-scorm12.zip") == {(1980, 1, 1, 0, 0, 0)}


def test_an_empty_epoch_is_as_if_unset(
    tmp_path: Path, course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    result = CliRunner().invoke(app, ["build", str(course), "--out", str(tmp_path / "d")])
    assert result.exit_code == 0 and result.stderr == ""
    assert entry_times(tmp_path / "d" / "course-scorm12.zip") == {(2000, 1, 1, 0, 0, 0)}
