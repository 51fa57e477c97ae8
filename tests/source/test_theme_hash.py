"""A theme (or a course file) over its limits is refused before its bytes are read: the source
hash that decides whether a course is built read every byte of every theme file first (7.7 s for
500 files of 1.9 MB), and only then did loading say the theme was too large."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.theme_kit import use_theme

from builder.pipeline import build
from builder.source.files import source_hash

MB = 1_000_000


def sparse(path: Path, size: int) -> Path:
    """A file of `size` zero bytes that takes no room on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.truncate(size)
    return path


@contextlib.contextmanager
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files opened (by Path.open, or open) while the block runs, by name."""
    seen: list[str] = []
    path_open, builtin_open = Path.open, open

    def spy_path(self: Path, *args: object, **kwargs: object) -> object:
        seen.append(str(self))
        return path_open(self, *args, **kwargs)  # type: ignore[call-overload]

    def spy(file: object, *args: object, **kwargs: object) -> object:
        seen.append(str(file))
        return builtin_open(file, *args, **kwargs)  # type: ignore[call-overload]

    with monkeypatch.context() as patch:
        patch.setattr(Path, "open", spy_path)
        patch.setattr("builtins.open", spy)
        yield seen


def refused_unread(course: Path, heavy: Path, out: Path, mp: pytest.MonkeyPatch) -> list[str]:
    """Build the course (a build report in `out` first, so its sources are hashed to judge
    it): the codes said, having opened no file under `heavy`."""
    with opened(mp) as seen, contextlib.chdir(course.parent):
        outcome = build([course], ["scorm12"], out, jobs=1)
    assert outcome.failed and not outcome.written
    assert not [name for name in seen if name.startswith(str(heavy))], seen
    return sorted({d.code for d in outcome.diagnostics})


@pytest.fixture
def built(bilingual: Path, tmp_path: Path) -> Path:
    """The output folder of a first build of the course (its report says what was built)."""
    out = tmp_path / "dist"
    assert not build([bilingual], ["scorm12"], out).failed
    return out


@pytest.mark.parametrize("where", ["catalogue", "course"])
def test_a_theme_over_its_total_is_refused_before_its_files_are_read(
    bilingual: Path, tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    folder = tmp_path / "_theme" if where == "catalogue" else bilingual / "theme"
    if where == "course":
        use_theme(bilingual)
    for i in range(12):
        sparse(folder / "static" / "fonts" / f"f{i}.woff2", 1_900_000)
    static = folder / "static"
    assert refused_unread(bilingual, static, built, monkeypatch) == ["theme-too-large"]
    # A first build (no report: hashed in the build's worker) alike.
    assert refused_unread(bilingual, static, tmp_path / "first", monkeypatch) == ["theme-too-large"]


def test_a_static_file_over_its_limit_is_refused_unread(
    bilingual: Path, tmp_path: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logo = sparse(tmp_path / "_theme" / "static" / "logo.png", 300 * MB)
    assert refused_unread(bilingual, logo, built, monkeypatch) == ["file-too-large"]


def test_a_course_file_over_its_limit_leaves_the_course_unread(
    bilingual: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = bilingual / "course.yml"
    spec.write_text(spec.read_text(encoding="utf-8") + "#" * (2 * MB), encoding="utf-8")
    video = bilingual / "media" / "clip.mp4"  # (loading checks the pages and captions still)
    assert refused_unread(bilingual, video, built, monkeypatch) == ["file-too-large"]


def test_a_refused_theme_still_changes_the_hash_as_it_changes(
    bilingual: Path, tmp_path: Path
) -> None:
    """Hashed by size and time while it is refused: a file that shrinks (or is touched) makes
    another hash, so the course is judged again once it fits."""
    static = tmp_path / "_theme" / "static"
    files = [sparse(static / f"f{i}.woff2", 1_900_000) for i in range(6)]
    first = source_hash(bilingual)
    os.utime(files[0], ns=(1, 1))
    touched = source_hash(bilingual)
    sparse(files[0], 1_000_000)
    os.utime(files[0], ns=(1, 1))
    assert len({first, touched, source_hash(bilingual)}) == 3


def test_a_theme_within_its_limits_is_hashed_by_its_bytes(bilingual: Path, tmp_path: Path) -> None:
    """Its files go into the packages: an edit that keeps size and time still changes the hash."""
    logo = tmp_path / "_theme" / "static" / "logo.svg"
    logo.parent.mkdir(parents=True)
    logo.write_bytes(b"<svg>a</svg>")
    os.utime(logo, ns=(1, 1))
    before = source_hash(bilingual)
    logo.write_bytes(b"<svg>b</svg>")
    os.utime(logo, ns=(1, 1))
    assert source_hash(bilingual) != before
