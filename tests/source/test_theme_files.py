"""A theme override's files: a static file is copied into every package, so it has a size limit,
and a file the theme layer does not use is said, not silently ignored (docs/theming.md)."""

from __future__ import annotations

import contextlib
import os
import tracemalloc
from pathlib import Path

from support.theme_kit import use_theme

from builder.pipeline import build, validate
from builder.source.theme_layers import MAX_THEME_FILE_BYTES


def said(course: Path, out: Path | None = None, failed: bool = True) -> list[str]:
    """The diagnostics of validating (or, with `out`, building) the course, as printed from
    the course's parent folder."""
    with contextlib.chdir(course.parent):
        outcome = validate([course]) if out is None else build([course], ["scorm12"], out)
    assert outcome.failed is failed, [d.format() for d in outcome.diagnostics]
    return [d.format() for d in outcome.diagnostics]


def sparse(path: Path, size: int) -> Path:
    """A file of `size` zero bytes that takes no room on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.truncate(size)
    return path


def test_a_huge_catalogue_static_file_is_refused_at_the_file_unread(
    bilingual: Path, tmp_path: Path
) -> None:
    sparse(tmp_path / "_theme" / "static" / "logo.png", 300_000_000)
    out = tmp_path / "dist"
    tracemalloc.start()
    try:
        found = said(bilingual, out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found == [
        "_theme/static/logo.png:1:1: error: theme file is 300,000,000 bytes, over the "
        f"{MAX_THEME_FILE_BYTES:,}-byte limit for a theme's static file (it is copied into every "
        "package); expected a smaller file (docs/theming.md) [file-too-large]"
    ]
    assert peak < 50_000_000, f"{peak:,} bytes at peak: the file was read"
    assert not out.exists()


def test_a_course_static_file_over_the_limit_is_refused_in_validate(bilingual: Path) -> None:
    use_theme(bilingual)
    sparse(bilingual / "theme" / "static" / "fonts" / "big.woff2", MAX_THEME_FILE_BYTES + 1)
    (found,) = said(bilingual)
    assert found.startswith("course/theme/static/fonts/big.woff2:1:1: error: theme file is ")
    assert found.endswith("[file-too-large]")


def test_a_static_file_at_the_limit_is_packaged(bilingual: Path, tmp_path: Path) -> None:
    use_theme(bilingual)
    # Not compressible: a package holding a file of zeros is taken for a zip bomb.
    (bilingual / "theme" / "static").mkdir(parents=True)
    (bilingual / "theme" / "static" / "logo.png").write_bytes(os.urandom(MAX_THEME_FILE_BYTES))
    assert said(bilingual, tmp_path / "dist", failed=False) == []
    assert (tmp_path / "dist" / "course-scorm12.zip").is_file()
