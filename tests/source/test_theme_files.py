"""A theme override's files: a static file is copied into every package, so it has a size limit,
and a file the theme layer does not use is said, not silently ignored (docs/theming.md)."""

from __future__ import annotations

import contextlib
import os
import tracemalloc
from pathlib import Path

from support.theme_kit import use_theme, write

from builder.pipeline import build, validate
from builder.source.files import MAX_THEME_BYTES, MAX_THEME_FILE_BYTES


def said(course: Path, out: Path | None = None, failed: bool = True) -> list[str]:
    """The diagnostics of validating (or, with `out`, building) the course, as printed from
    the course's parent folder."""
    with contextlib.chdir(course.parent):
        outcome = validate([course]) if out is None else build([course], ["scorm12"], out)
    assert outcome.failed is failed, [d.format() for d in outcome.diagnostics]
    return [d.format() for d in outcome.diagnostics]


def said_and_peak(course: Path, out: Path) -> tuple[list[str], int]:
    """What a failed build of the course said, and the most memory Python held meanwhile."""
    tracemalloc.start()
    try:
        return said(course, out), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


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
    found, peak = said_and_peak(bilingual, out)
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


def test_a_theme_over_its_total_is_one_error_naming_the_folder_and_the_heaviest_files(
    bilingual: Path, tmp_path: Path
) -> None:
    """Each file under its own limit, a theme of any weight went into every package."""
    static = tmp_path / "_theme" / "static"
    for i in range(5):
        sparse(static / "fonts" / f"f{i}.woff2", 1_900_000 - i)
    sparse(static / "logo.svg", 1_999_999)
    sparse(static / "huge.png", MAX_THEME_FILE_BYTES + 1)  # said at itself, not counted again
    out = tmp_path / "dist"
    found, peak = said_and_peak(bilingual, out)
    assert found[0] == (
        "_theme:1:1: error: theme folder '_theme' has 6 static files of 11,499,989 bytes in "
        f"all, over the {MAX_THEME_BYTES:,}-byte limit for a theme (every package the course "
        "makes holds them all); expected a lighter theme; the heaviest are static/logo.svg "
        "(1,999,999 bytes), static/fonts/f0.woff2 (1,900,000 bytes) and static/fonts/f1.woff2 "
        "(1,899,999 bytes) [theme-too-large]"
    ), found
    assert found[1].startswith("_theme/static/huge.png:1:1: error: theme file is "), found
    assert len(found) == 2, found
    assert peak < 20_000_000, f"{peak:,} bytes at peak: the files were read"
    assert not out.exists()


def test_a_theme_at_its_total_is_checked_no_further(bilingual: Path) -> None:
    use_theme(bilingual)
    share, rest = divmod(MAX_THEME_BYTES, MAX_THEME_FILE_BYTES)
    for i in range(share):
        sparse(bilingual / "theme" / "static" / f"part-{i}.woff2", MAX_THEME_FILE_BYTES)
    sparse(bilingual / "theme" / "static" / "rest.css", rest)
    assert said(bilingual, failed=False) == []
    sparse(bilingual / "theme" / "static" / "one-more.css", 1)
    (found,) = said(bilingual)
    assert found.startswith(
        f"course/theme:1:1: error: theme folder 'theme' has {share + 2} static files of "
        f"{MAX_THEME_BYTES + 1:,} bytes in all, over the {MAX_THEME_BYTES:,}-byte limit"
    ), found


def test_a_stylesheet_beside_static_is_said_with_where_it_goes(bilingual: Path) -> None:
    write(bilingual.parent / "_theme" / "extra.css", ":root { --cb-brand: #333f50; }\n")
    with contextlib.chdir(bilingual.parent):
        outcome = validate([bilingual])
    assert not outcome.failed
    assert [d.format() for d in outcome.diagnostics] == [
        "_theme/extra.css:1:1: warning: theme file 'extra.css' is not used: an override "
        "folder's theme is brand.html.j2, the templates it includes and static/ files "
        "(docs/theming.md); expected it under static/, or out of the folder "
        "[theme-unused-file]\n    hint: did you mean 'static/extra.css'?"
    ]


def test_a_strings_file_is_said_the_player_strings_are_not_overridden(bilingual: Path) -> None:
    use_theme(bilingual)
    write(bilingual / "theme" / "i18n" / "en.json", '{"next": "Onward"}\n')
    (found,) = said(bilingual, failed=False)
    assert found.startswith("course/theme/i18n/en.json:1:1: warning: theme file 'i18n/en.json'")
    assert "[theme-unused-file]\n    hint: the player's strings (i18n/) come with" in found


def test_a_readme_and_the_files_the_theme_uses_are_not_said(bilingual: Path) -> None:
    use_theme(bilingual)
    theme = bilingual / "theme"
    write(theme / "README.md", "# Our look\n")
    write(theme / "brand.html.j2", '{% extends "brand-base.html.j2" %}\n')
    write(theme / "_logo.html.j2", "<b>Dept</b>\n")
    write(theme / "static" / "extra.css", ":root { --cb-brand: #333f50; }\n")
    assert said(bilingual, failed=False) == []


def test_a_misplaced_file_fails_under_strict(bilingual: Path) -> None:
    write(bilingual.parent / "_theme" / "logo.svg", "<svg/>\n")
    with contextlib.chdir(bilingual.parent):
        outcome = validate([bilingual], strict=True)
    assert outcome.failed


def test_the_theme_limit_is_what_one_package_carries_from_both_folders(
    bilingual: Path, tmp_path: Path
) -> None:
    """A course's custom_dir and its catalogue's _theme/ each held up to the limit: one package
    carried twice the limit of theme. Both are counted together, and said once."""
    use_theme(bilingual)
    for i in range(3):
        sparse(bilingual / "theme" / "static" / f"c{i}.woff2", 1_900_000 - i)
        sparse(tmp_path / "_theme" / "static" / f"k{i}.woff2", 1_800_000 - i)
    out = tmp_path / "dist"
    assert said(bilingual, out) == [
        "course/theme:1:1: error: theme folders 'theme' and '_theme' have 6 static files of "
        f"11,099,994 bytes in all, over the {MAX_THEME_BYTES:,}-byte limit for a theme (every "
        "package the course makes holds them all); expected a lighter theme; the heaviest are "
        "theme/static/c0.woff2 (1,900,000 bytes), theme/static/c1.woff2 (1,899,999 bytes) and "
        "theme/static/c2.woff2 (1,899,998 bytes) [theme-too-large]"
    ]
    assert not out.exists()


def test_a_file_of_both_folders_is_counted_once_as_the_package_carries_it_once(
    bilingual: Path, tmp_path: Path
) -> None:
    """The course's own file wins over the catalogue's of the same name: only it is packaged."""
    use_theme(bilingual)
    for i in range(5):
        sparse(bilingual / "theme" / "static" / f"f{i}.woff2", 1_900_000)
        sparse(tmp_path / "_theme" / "static" / f"f{i}.woff2", 1_999_999)
    assert said(bilingual, failed=False) == []
