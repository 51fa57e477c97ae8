"""The stale-translation check asks git only what it must: nothing outside a repository, the
repository's top once for courses side by side, and warnings as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.git_kit import commit_all, count_git, git

from builder.diagnostics import Diagnostic
from builder.pipeline import build, validate
from builder.source import parity

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"


def _catalogue(root: Path, count: int) -> list[Path]:
    folders = [root / f"course-{n}" for n in range(count)]
    for folder in folders:
        shutil.copytree(SEED, folder)
    return folders


def test_no_git_process_for_courses_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _catalogue(tmp_path, 3)
    calls = count_git(monkeypatch)
    outcome = validate(folders)
    assert not outcome.failed
    assert calls == []


def test_courses_side_by_side_in_git_ask_for_the_top_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _catalogue(tmp_path, 3)
    commit_all(tmp_path)
    calls = count_git(monkeypatch)
    outcome = validate(folders)
    assert not outcome.failed and outcome.diagnostics == []
    assert [c for c in calls if "rev-parse" in c] == [["rev-parse", "--show-toplevel"]]
    assert len([c for c in calls if "log" in c]) == 3


def test_a_repository_made_after_a_build_is_asked_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long-lived process (the preview server) must see `git init` run beside it.
    folders = _catalogue(tmp_path, 1)
    calls = count_git(monkeypatch)
    validate(folders)
    assert calls == []
    commit_all(tmp_path)
    validate(folders)
    assert ["rev-parse", "--show-toplevel"] in calls and any("log" in c for c in calls)


def test_git_discovery_variables_are_left_to_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders = _catalogue(tmp_path, 1)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    calls = count_git(monkeypatch)
    validate(folders)
    assert calls and calls[0] == ["rev-parse", "--show-toplevel"]


def test_an_unchanged_course_at_an_unchanged_head_asks_git_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (folder,) = _catalogue(tmp_path / "repo", 1)
    commit_all(tmp_path / "repo")
    english = folder / "modules" / "intro.en.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    git(
        tmp_path / "repo", "commit", "-q", "-am", "English first", when="2030-01-01T00:00:00Z"
    )  # the French is stale
    calls = count_git(monkeypatch)

    def rebuilt() -> list[Diagnostic]:  # a forced build loads the course through its cache
        return build([folder], ["scorm12"], tmp_path / "dist", force=True).diagnostics

    first = rebuilt()
    assert calls and any(d.code == "translation-stale" for d in first)
    calls.clear()
    again = rebuilt()
    assert calls == [], "an unchanged course at an unchanged HEAD asked git again"
    assert [d.format() for d in again] == [d.format() for d in first]
    french = folder / "modules" / "intro.fr.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nPlus.\n", encoding="utf-8")
    git(
        tmp_path / "repo", "commit", "-q", "-am", "French too", when="2031-01-01T00:00:00Z"
    )  # a new HEAD
    after = rebuilt()
    assert calls, "a new commit must be asked about"
    assert not any(d.code == "translation-stale" and "intro" in d.format() for d in after)


@pytest.mark.parametrize("layout", ["branch", "packed", "detached", "worktree"])
def test_head_is_read_as_git_reads_it(tmp_path: Path, layout: str) -> None:
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    (repo / "sub" / "a.txt").write_text("a\n", encoding="utf-8")
    commit_all(repo)
    at = repo / "sub"
    if layout == "packed":
        git(repo, "pack-refs", "--all")
    elif layout == "detached":
        git(repo, "checkout", "-q", "--detach")
    elif layout == "worktree":
        git(repo, "worktree", "add", "-q", "-b", "other", str(tmp_path / "wt"))
        at = tmp_path / "wt" / "sub"
    head = parity.head_commit(at)
    assert head is not None and head.endswith(git(at, "rev-parse", "HEAD"))
    if layout != "detached":
        assert head.startswith(git(at, "symbolic-ref", "HEAD"))


def test_head_is_none_outside_git_or_when_git_is_steered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parity.head_commit(tmp_path) is None
    (tmp_path / "repo").mkdir()
    git(tmp_path / "repo", "init", "-q")
    assert parity.head_commit(tmp_path / "repo") is not None  # an unborn branch: no commit yet
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "repo" / ".git"))
    assert parity.head_commit(tmp_path / "repo") is None
