"""Loaded courses cached between runs: same bytes, never stale, warnings kept, never an error."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.source import cache
from builder.source import course as validate

Edit = Callable[[Path, str, str], None]


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", "--force", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def packages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "coursebuild" / "courses"


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every course folder read from its files (not from the cache)."""
    seen: list[Path] = []
    real = validate.read_course

    def counting(course_dir: Path, *args: object) -> object:
        seen.append(course_dir)
        return real(course_dir, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(validate, "read_course", counting)
    return seen


def test_a_rebuild_reads_the_cache_and_gives_the_same_bytes(
    tmp_path: Path, course: Path, own_cache: Path, loads: list[Path]
) -> None:
    assert build(str(course), "--out", str(tmp_path / "cold"))[0] == 0
    assert len(list(own_cache.iterdir())) == 1
    assert build(str(course), "--out", str(tmp_path / "warm"))[0] == 0
    assert loads == [course]
    assert packages(tmp_path / "cold") == packages(tmp_path / "warm")


def test_an_edited_file_is_read_again(
    tmp_path: Path, course: Path, own_cache: Path, loads: list[Path], edit: Edit
) -> None:
    assert build(str(course), "--out", str(tmp_path / "a"))[0] == 0
    edit(course / "modules/intro.en.md", "two", "three")
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0
    assert loads == [course, course]
    assert packages(tmp_path / "a") != packages(tmp_path / "b")


def test_warnings_are_given_again_from_the_cache(
    tmp_path: Path, course: Path, own_cache: Path, loads: list[Path], edit: Edit
) -> None:
    edit(course / "modules/intro.en.md", "**two**", "<b>two</b>")
    first = build(str(course), "--out", str(tmp_path / "a"))
    second = build(str(course), "--out", str(tmp_path / "b"))
    assert "[raw-html]" in first[1]
    assert first == second
    assert loads == [course]


def test_a_course_with_errors_is_not_cached(
    tmp_path: Path, course: Path, own_cache: Path, edit: Edit
) -> None:
    edit(course / "modules/intro.en.md", "**two**", "[](https://example.ca)")
    code, stderr = build(str(course), "--out", str(tmp_path / "a"))
    assert code == 1 and "[link-no-text]" in stderr
    assert not own_cache.exists() or not list(own_cache.iterdir())
    assert build(str(course), "--out", str(tmp_path / "a")) == (code, stderr)


def test_a_broken_or_unwritable_cache_is_no_cache_not_an_error(
    tmp_path: Path,
    course: Path,
    own_cache: Path,
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert build(str(course), "--out", str(tmp_path / "a"))[0] == 0
    [entry] = own_cache.iterdir()
    entry.write_bytes(b"not a pickle")
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0
    assert loads == [course, course]
    assert packages(tmp_path / "a") == packages(tmp_path / "b")
    (tmp_path / "blocked").write_text("a file, not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    assert build(str(course), "--out", str(tmp_path / "c"))[0] == 0
    assert packages(tmp_path / "a") == packages(tmp_path / "c")


def test_the_tool_changing_means_reading_again(
    tmp_path: Path,
    course: Path,
    own_cache: Path,
    loads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert build(str(course), "--out", str(tmp_path / "a"))[0] == 0
    monkeypatch.setattr(cache, "tool_fingerprint", lambda: "another version")
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0
    assert loads == [course, course]


def test_the_cache_keeps_its_newest_entries(
    tmp_path: Path, course: Path, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for n in range(4):
        copy = tmp_path / f"copy{n}" / "course"
        shutil.copytree(course, copy)
        assert build(str(copy), "--out", str(tmp_path / f"out{n}"))[0] == 0
    assert len(list(own_cache.iterdir())) == 2


def test_pointing_a_link_elsewhere_changes_the_source_hash(course: Path) -> None:
    from builder.source.files import source_hash

    (course / "media").mkdir()
    (course / "media/a.txt").write_text("a")
    (course / "media/b.txt").write_text("b")
    (course / "media/current.txt").symlink_to("a.txt")
    before = source_hash(course)
    (course / "media/current.txt").unlink()
    (course / "media/current.txt").symlink_to("b.txt")
    assert source_hash(course) != before


def test_the_theme_strings_are_part_of_the_tool_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Callout labels ("Note", "Remarque") are written into the cached pages from the catalogues.
    cache.tool_fingerprint.cache_clear()
    before = cache.tool_fingerprint()
    cache.tool_fingerprint.cache_clear()
    monkeypatch.setattr(cache, "catalogues", lambda: {"en": {"callout_note": "Heads up"}})
    assert cache.tool_fingerprint() != before
    cache.tool_fingerprint.cache_clear()


def test_the_tool_code_stamp_follows_every_module_and_nothing_else(tmp_path: Path) -> None:
    # The cache key's part for the tool's own code: an edited, added or removed module changes
    # it (even an edit that keeps the size); compiled files and other files do not.
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    module = tmp_path / "sub" / "b.py"
    module.write_text("y = 2\n", encoding="utf-8")
    before = cache.code_stamp(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compiled")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    assert cache.code_stamp(tmp_path) == before
    written = module.stat().st_mtime_ns
    module.write_text("y = 3\n", encoding="utf-8")
    os.utime(module, ns=(written + 1_000_000, written + 1_000_000))
    assert cache.code_stamp(tmp_path) != before
    module.write_text("y = 2\n", encoding="utf-8")
    os.utime(module, ns=(written, written))
    assert cache.code_stamp(tmp_path) == before
    (tmp_path / "c.py").write_text("", encoding="utf-8")
    assert cache.code_stamp(tmp_path) != before
