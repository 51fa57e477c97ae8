"""The build checks each package it makes, and skips a package it already checked clean:
the same bytes, name and kind, checked by the same tool."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.course_fixtures import replace
from typer.testing import CliRunner

from builder.check import package as check_package
from builder.check.common import finding
from builder.cli import app
from builder.output import checked


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", "--force", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture
def checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The packages the build checked (its own cache in `tmp_path`)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    seen: list[str] = []
    real = check_package.self_check

    def counting(data: bytes | Path, name: str) -> check_package.Report:
        seen.append(name)
        return real(data, name)

    monkeypatch.setattr(check_package, "self_check", counting)
    return seen


def test_a_package_checked_clean_is_not_checked_again(
    tmp_path: Path, course: Path, checks: list[str]
) -> None:
    assert build(str(course), "--out", str(tmp_path / "a"))[0] == 0
    assert checks == ["course-scorm12.zip"]
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0
    assert checks == ["course-scorm12.zip"]
    a, b = (tmp_path / d / "course-scorm12.zip" for d in "ab")
    assert a.read_bytes() == b.read_bytes()


def test_other_bytes_are_checked(tmp_path: Path, course: Path, checks: list[str]) -> None:
    assert build(str(course), "--out", str(tmp_path / "a"))[0] == 0
    replace(course / "course.yml", "version: 1.0.0", "version: 1.0.1")
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0
    assert checks == ["course-scorm12.zip", "course-scorm12.zip"]


def test_another_tool_checks_again(
    tmp_path: Path, course: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(str(course), "--out", str(tmp_path / "a"))[0] == 0
    monkeypatch.setattr(checked, "_fingerprint", lambda: "another version")
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0
    assert len(checks) == 2


def test_a_package_with_findings_is_checked_every_time(
    tmp_path: Path, course: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = check_package.self_check

    def with_a_warning(data: bytes | Path, name: str) -> check_package.Report:
        report = real(data, name)
        report.findings.append(finding("file-unlisted", "extra.txt", 0, "a warning"))
        return report

    monkeypatch.setattr(check_package, "self_check", with_a_warning)
    for out in "ab":
        code, output = build(str(course), "--out", str(tmp_path / out))
        assert code == 0 and "a warning" in output
