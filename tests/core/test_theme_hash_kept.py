"""The theme's hash is of its files' bytes; it is kept under their names, sizes and times in the
user's cache, so that a build whose theme did not change reads no theme file to know it."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from builder import theme

REPO = Path(__file__).resolve().parents[2]
LONG_AGO = 1_600_000_000_000_000_000  # 2020: far from "just now"


def content_hash(root: Path) -> str:
    """The hash as the bytes give it: every file, in its path parts' order."""
    digest = hashlib.sha256()
    for name in sorted(theme.folder_files(root), key=lambda name: name.split("/")):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in theme as the theme, its files settled: their times are trusted
    (a file changed within RACY_NS of now is read whatever its time says: its last test)."""
    root = tmp_path / "theme"
    shutil.copytree(REPO / "templates" / "theme", root)
    for name in theme.folder_files(root):
        os.utime(root / name, ns=(LONG_AGO, LONG_AGO))
    monkeypatch.setattr(theme, "theme_dir", lambda: root)
    monkeypatch.setattr(theme, "RACY_NS", 0)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return root


def fresh() -> str:
    theme.theme_hash.cache_clear()
    return theme.theme_hash()


def memos(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "coursebuild" / "theme").iterdir())


def test_the_hash_is_the_bytes_hash_read_or_kept(folder: Path, tmp_path: Path) -> None:
    assert fresh() == content_hash(folder)  # read, then kept
    assert len(memos(tmp_path)) == 1
    assert fresh() == content_hash(folder)  # kept


def test_a_kept_hash_is_used_while_the_files_stand(folder: Path, tmp_path: Path) -> None:
    fresh()
    (kept,) = memos(tmp_path)
    kept.write_text("f" * 64, encoding="ascii")
    assert fresh() == "f" * 64  # no file was read


def test_a_file_changed_since_is_read_again(folder: Path, tmp_path: Path) -> None:
    before = fresh()
    css = folder / "static" / "coursebuild.css"
    text = css.read_bytes()
    css.write_bytes(text.replace(b"a", b"b", 1))  # the same size, other bytes, another time
    os.utime(css, ns=(LONG_AGO + 10**9, LONG_AGO + 10**9))
    after = fresh()
    assert after != before and after == content_hash(folder)
    assert len(memos(tmp_path)) == 2


def test_a_file_changed_just_now_is_read_whatever_is_kept(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh()
    (kept,) = memos(tmp_path)
    kept.write_text("f" * 64, encoding="ascii")
    monkeypatch.setattr(theme, "RACY_NS", 10**19)  # every file "changed just now"
    assert fresh() == content_hash(folder)


def test_only_the_newest_kept_hashes_stay(folder: Path, tmp_path: Path) -> None:
    css = folder / "static" / "coursebuild.css"
    for n in range(20):
        os.utime(css, ns=(LONG_AGO + n * 10**9, LONG_AGO + n * 10**9))
        fresh()
    assert len(memos(tmp_path)) == 16


def test_an_unwritable_cache_is_only_a_cache_not_kept(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "blocked").write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    assert fresh() == content_hash(folder)
