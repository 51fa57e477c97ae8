"""The version to release is the same in pyproject, the package and the CHANGELOG, and the
CHANGELOG keeps the Keep a Changelog shape (issue 14)."""

from __future__ import annotations

import re
import tomllib

from support.paths import REPO_ROOT

import builder

RELEASE = re.compile(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$")
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}


def _headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def changelog_problems(text: str) -> list[str]:
    """What in a CHANGELOG's headings breaks the Keep a Changelog shape."""
    headings = _headings(text)
    problems = []
    if headings[:2] != ["# Changelog", "## [Unreleased]"]:
        problems.append("expected '# Changelog' then '## [Unreleased]' first")
    releases = [
        RELEASE.match(h) for h in headings if h.startswith("## ") and h != "## [Unreleased]"
    ]
    if not releases or not all(releases):
        problems.append("every release heading must read '## [x.y.z] - YYYY-MM-DD'")
    versions = [tuple(int(n) for n in m.group(1).split(".")) for m in releases if m]
    if versions != sorted(versions, reverse=True):
        problems.append("releases must be newest first")
    problems += [
        f"unknown section {h!r}" for h in headings if h.startswith("### ") and h[4:] not in KINDS
    ]
    return problems


def latest_release(text: str) -> str:
    """The newest released version named in a CHANGELOG."""
    for heading in _headings(text):
        if match := RELEASE.match(heading):
            return match.group(1)
    raise AssertionError("no release in the CHANGELOG")


def test_the_changelog_keeps_the_shape() -> None:
    assert changelog_problems((REPO_ROOT / "CHANGELOG.md").read_text("utf-8")) == []


def test_the_shape_check_catches_a_bad_changelog() -> None:
    bad = "# Changelog\n## [0.1.0] - 2026-01-01\n## [0.2.0] - 2026-02-01\n## [0.3]\n### Misc\n"
    assert len(changelog_problems(bad)) == 4  # no Unreleased, a bad heading, order, section


def test_one_version_everywhere() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    changelog = latest_release((REPO_ROOT / "CHANGELOG.md").read_text("utf-8"))
    assert project["version"] == builder.__version__ == changelog == "0.2.0"
