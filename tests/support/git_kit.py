"""Git for tests: commands with a fixed identity and no user configuration, and a record of the
git processes the stale-translation check starts."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pytest

from builder.source import parity


def git(root: Path, *args: str, when: str | None = None) -> str:
    """Run git in `root` (committing at `when`, an ISO date, if given); its output."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(
        ["git", "-c", "user.name=Author", "-c", "user.email=author@example.ca", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def commit_all(root: Path, message: str = "seeds", when: str | None = None) -> None:
    """Make `root` a repository if it is not one, and commit everything in it."""
    if not (root / ".git").exists():
        git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, when=when)


def count_git(monkeypatch: pytest.MonkeyPatch) -> list[Sequence[str]]:
    """The arguments of every git process the stale-translation check starts from now on."""
    calls: list[Sequence[str]] = []
    real_git = parity._git

    def counting_git(args: Sequence[str], cwd: Path) -> str | None:
        calls.append(args)
        return real_git(args, cwd)

    monkeypatch.setattr(parity, "_git", counting_git)
    return calls
