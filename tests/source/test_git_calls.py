"""The stale-translation check asks git only what it must: nothing outside a repository, the
repository's top once for courses side by side, and warnings as before."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from builder.pipeline import validate
from builder.source import parity

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"


def _catalogue(root: Path, count: int) -> list[Path]:
    folders = [root / f"course-{n}" for n in range(count)]
    for folder in folders:
        shutil.copytree(SEED, folder)
    return folders


def _count_git(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str]]:
    calls: list[Sequence[str]] = []
    real_git = parity._git

    def counting_git(args: Sequence[str], cwd: Path) -> str | None:
        calls.append(args)
        return real_git(args, cwd)

    monkeypatch.setattr(parity, "_git", counting_git)
    return calls


def test_no_git_process_for_courses_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _catalogue(tmp_path, 3)
    calls = _count_git(monkeypatch)
    outcome = validate(folders)
    assert not outcome.failed
    assert calls == []


def _commit_all(root: Path) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "seeds"]):
        subprocess.run(
            ["git", "-c", "user.name=A", "-c", "user.email=a@example.ca", *args],
            cwd=root,
            env=env,
            check=True,
            capture_output=True,
        )


def test_courses_side_by_side_in_git_ask_for_the_top_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _catalogue(tmp_path, 3)
    _commit_all(tmp_path)
    calls = _count_git(monkeypatch)
    outcome = validate(folders)
    assert not outcome.failed and outcome.diagnostics == []
    assert [c for c in calls if "rev-parse" in c] == [["rev-parse", "--show-toplevel"]]
    assert len([c for c in calls if "log" in c]) == 3


def test_a_repository_made_after_a_build_is_asked_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long-lived process (the preview server) must see `git init` run beside it.
    folders = _catalogue(tmp_path, 1)
    calls = _count_git(monkeypatch)
    validate(folders)
    assert calls == []
    _commit_all(tmp_path)
    validate(folders)
    assert ["rev-parse", "--show-toplevel"] in calls and any("log" in c for c in calls)


def test_git_discovery_variables_are_left_to_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _catalogue(tmp_path, 1)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    calls = _count_git(monkeypatch)
    validate(folders)
    assert calls and calls[0] == ["rev-parse", "--show-toplevel"]
