"""The commit of the output folder is all-or-nothing, whichever rename fails, and says so."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.output.folder import PREVIOUS_PREFIX, STAGING_PREFIX

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "course_src" / "social-media-at-work"
Edit = Callable[[Path, str, str], None]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int, int]]:
    """Every entry under `folder`: its bytes, mode, modification time and inode."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes() if p.is_file() else b"",
            p.stat().st_mode,
            p.stat().st_mtime_ns,
            p.stat().st_ino,
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def rebuilt(tmp_path: Path, edit: Edit) -> tuple[Path, Path]:
    """Two courses built into dist/, then both changed and a third added: every file differs."""
    catalogue = tmp_path / "src"
    for name in ("alpha", "beta"):
        shutil.copytree(SEED, catalogue / name)
    out = tmp_path / "dist"
    result = CliRunner().invoke(app, ["build", str(catalogue), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    (out / "notes.txt").write_text("the author's own file")
    for name in ("alpha", "beta"):
        edit(catalogue / name / "course.yml", "version: ", "version: 9")
    shutil.copytree(SEED, catalogue / "gamma")  # new files, no old ones to restore
    return catalogue, out


class FailingCall:
    """A function whose `fail_at`-th call (from 1) raises OSError, or every one after."""

    def __init__(self, real: Callable[..., Any], fail_at: int, after: bool = False) -> None:
        self.real, self.fail_at, self.after, self.calls = real, fail_at, after, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls == self.fail_at or (self.after and self.calls > self.fail_at):
            raise OSError(28, "No space left on device")
        return self.real(*args, **kwargs)


def count_calls(monkeypatch: pytest.MonkeyPatch, catalogue: Path, out: Path, name: str) -> int:
    """How often a successful build (into a copy of `out`) calls os.`name`."""
    spare = out.with_name("spare")
    shutil.copytree(out, spare)
    spy = FailingCall(getattr(os, name), 0)
    with monkeypatch.context() as patch:
        patch.setattr(os, name, spy)
        result = CliRunner().invoke(app, ["build", str(catalogue), "--out", str(spare), "-j", "1"])
    assert result.exit_code == 0, result.output
    return spy.calls


@pytest.mark.parametrize("name", ["replace", "link"])
def test_a_rename_failing_mid_commit_leaves_dist_as_it_was(
    rebuilt: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    catalogue, out = rebuilt
    before = snapshot(out)
    calls = count_calls(monkeypatch, catalogue, out, name)
    if name == "replace":  # at least one rename per file written (3 courses, 6 files each)
        assert calls >= 18
    for fail_at in range(1, calls + 1):
        with monkeypatch.context() as patch:
            patch.setattr(os, name, FailingCall(getattr(os, name), fail_at))
            result = CliRunner().invoke(
                app, ["build", str(catalogue), "--out", str(out), "-j", "1"]
            )
        if result.exit_code == 0:  # a call whose failure the build can do without
            continue
        assert result.exit_code == 1, (fail_at, result.output)
        assert "nothing written" in result.stderr, (fail_at, result.stderr)
        assert "[output-not-written]" in result.stderr
        assert snapshot(out) == before, f"os.{name} call {fail_at} of {calls}"
        assert sorted(out.parent.rglob(f"{STAGING_PREFIX}*")) == []
        assert sorted(out.parent.rglob(f"{PREVIOUS_PREFIX}*")) == []


def test_a_commit_that_cannot_be_undone_says_so(
    rebuilt: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue, out = rebuilt
    calls = count_calls(monkeypatch, catalogue, out, "replace")
    # The disk fails for good halfway through the commit: neither forward nor back.
    monkeypatch.setattr(os, "replace", FailingCall(os.replace, calls // 2, after=True))
    result = CliRunner().invoke(app, ["build", str(catalogue), "--out", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert "nothing written" not in result.stderr
    assert "[output-partly-written]" in result.stderr
    assert "partly replaced" in result.stderr and "previous files" in result.stderr
