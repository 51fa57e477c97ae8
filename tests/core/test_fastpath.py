"""The unchanged build's fast path: it says "unchanged" exactly when the full command would,
with the same lines, and any change a build depends on sends it back to the full command."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder import fastpath, theme
from builder.cli import app
from builder.output import report
from builder.source.files import source_hash
from builder.user_cache import cache_root

Change = Callable[[Path, Path], None]


@pytest.fixture(autouse=True)
def trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files a test just wrote are stamped (no two-second wait for the clock to move on)."""
    monkeypatch.setattr(fastpath, "RACY_NS", 0)


def full(args: list[str]) -> str:
    """What the full command prints for `build ARGS` (it must succeed)."""
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def fast(args: list[str]) -> str | None:
    """What the fast path prints for `build ARGS`, or None when it hands over."""
    lines = fastpath.replay(args)
    return None if lines is None else "".join(f"{line}\n" for line in lines)


def stamped(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Build, stamp, and check that the stamp alone now decides (no content is hashed)."""
    full(args)
    assert fast(args) == full(args)  # the full command's test, then a stamp
    with monkeypatch.context() as patch:
        patch.setattr(fastpath, "source_hash", _no_hash)
        assert fast(args) == full(args)


def _no_hash(folder: Path) -> str:
    raise AssertionError(f"{folder} hashed although its stamp matches")


def test_the_fast_path_prints_what_the_full_command_prints(course: Path, tmp_path: Path) -> None:
    args = [str(course), "--out", str(tmp_path / "dist")]
    assert fast(args) is None  # never built: the full command builds
    full(args)
    slow = full(args)
    assert slow.startswith("unchanged course: ") and fast(args) == slow


def test_a_stamped_course_is_not_hashed_again(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamped([str(course), "-o", str(tmp_path / "dist"), "--target", "scorm12"], monkeypatch)
    assert len(list((cache_root() / "stamps").glob("*.json"))) >= 1


def _edit_same_size(course: Path, out: Path) -> None:
    page = course / "modules" / "intro.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("a", "b", 1), encoding="utf-8")


def _append(course: Path, out: Path) -> None:
    with (course / "modules" / "intro.en.md").open("a", encoding="utf-8") as page:
        page.write("\nOne more line.\n")


def _add_file(course: Path, out: Path) -> None:
    (course / "modules" / "extra.en.md").write_text("# Extra\n", encoding="utf-8")


def _add_folder(course: Path, out: Path) -> None:
    (course / "media").mkdir()


def _remove_file(course: Path, out: Path) -> None:
    (course / "transcripts" / "video.en.md").unlink()


def _touch(course: Path, out: Path) -> None:
    page = course / "course.yml"
    seen = page.stat()
    os.utime(page, ns=(seen.st_atime_ns, seen.st_mtime_ns + 1_000_000_000))


def _delete_zip(course: Path, out: Path) -> None:
    (out / "course-scorm12.zip").unlink()


def _delete_activities(course: Path, out: Path) -> None:
    (out / "course-xapi-activities.json").unlink()


def _change_zip(course: Path, out: Path) -> None:
    with (out / "course-scorm12.zip").open("ab") as package:
        package.write(b"\0")


def _catalogue_theme(course: Path, out: Path) -> None:
    (course.parent / "_theme").mkdir()


@pytest.mark.parametrize(
    "change",
    [
        _edit_same_size,
        _append,
        _add_file,
        _add_folder,
        _remove_file,
        _touch,
        _delete_zip,
        _delete_activities,
        _change_zip,
        _catalogue_theme,
    ],
)
def test_any_change_hands_over_to_the_full_command(
    change: Change, course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    args = [str(course), "--out", str(out)]
    stamped(args, monkeypatch)
    change(course, out)
    hashed: list[Path] = []

    def recorded(folder: Path) -> str:
        hashed.append(folder)
        return source_hash(folder)

    with monkeypatch.context() as patch:
        patch.setattr(fastpath, "source_hash", recorded)
        said = fast(args)
    assert said is None or hashed == [course]  # the stamp no longer decides alone
    assert said is None or said == full(args)  # and a replay is what the full command says


@pytest.mark.parametrize(
    "options",
    [
        ["--target", "scorm2004"],
        ["--target", "scorm12", "--target", "xapi"],
        ["--split-languages"],
        ["--out", "elsewhere"],
        ["--force"],
        ["--strict"],
        ["--jobs", "0"],
        ["-j=2"],
        ["--help"],
        ["--frobnicate"],
    ],
)
def test_other_options_are_the_full_command_s(
    options: list[str], course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = [str(course), "--out", "dist", "--target", "scorm12"]
    stamped(args, monkeypatch)
    assert fast([*args, "--jobs", "2"]) == fast(["-j", "1", *args]) is not None
    assert fast([*args, *options]) is None


def test_a_theme_change_hands_over(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "theme"
    shutil.copytree(theme.theme_dir(), copy)
    monkeypatch.setattr(theme, "theme_dir", lambda: copy)
    monkeypatch.setattr(fastpath, "theme_dir", lambda: copy)
    theme.theme_hash.cache_clear()  # one theme per process, but this test has two
    try:
        args = [str(course), "--out", str(tmp_path / "dist")]
        full(args)
        assert fast(args) is not None
        with (copy / "static" / "coursebuild.css").open("a", encoding="utf-8") as css:
            css.write("/* a change */\n")
        theme.theme_hash.cache_clear()
        assert fast(args) is None
    finally:
        theme.theme_hash.cache_clear()


def test_another_builder_version_hands_over(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [str(course), "--out", str(tmp_path / "dist")]
    stamped(args, monkeypatch)
    monkeypatch.setattr(fastpath, "__version__", "9.9.9")
    monkeypatch.setattr(report, "__version__", "9.9.9")
    assert fast(args) is None


def test_a_folder_of_courses_is_replayed_in_order(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = tmp_path / "catalogue"
    for name in ("b-course", "a-course", "c-course"):
        shutil.copytree(course, catalogue / name)
    args = [str(catalogue), "--out", str(tmp_path / "dist")]
    stamped(args, monkeypatch)
    assert [line.split(":")[0] for line in fast(args).splitlines()] == [  # type: ignore[union-attr]
        "unchanged a-course",
        "unchanged b-course",
        "unchanged c-course",
    ]
    _append(catalogue / "c-course", tmp_path)
    assert fast(args) is None


def test_two_courses_of_one_name_hand_over(course: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "course"
    shutil.copytree(course, other)
    args = [str(course), str(other), "--out", str(tmp_path / "dist")]
    full(args)
    assert fast(args) is None


def test_a_source_date_epoch_that_warns_hands_over(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [str(course), "--out", str(tmp_path / "dist")]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped(args, monkeypatch)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    assert fast(args) is None  # another date: other zips
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "100")
    assert fast(args) is None  # the full command prints a warning


def _pathlib_theme_hash(root: Path) -> str:
    """The theme hash as it was first written (sorted Paths), which built outputs record."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_the_theme_hash_is_every_file_s_name_and_bytes_in_path_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "theme"
    shutil.copytree(theme.theme_dir(), copy)
    # Names whose order differs as strings and as paths ('-' sorts before '/').
    (copy / "static" / "a-b.css").write_text("x", encoding="utf-8")
    (copy / "static" / "a").mkdir()
    (copy / "static" / "a" / "b.css").write_text("y", encoding="utf-8")
    monkeypatch.setattr(theme, "theme_dir", lambda: copy)
    seen = set()
    for change in ("", "static/a/b.css", "i18n/fr.json"):
        if change:
            (copy / change).write_bytes((copy / change).read_bytes() + b" ")
        theme.theme_hash.cache_clear()
        assert theme.theme_hash() == _pathlib_theme_hash(copy)
        seen.add(theme.theme_hash())
    theme.theme_hash.cache_clear()
    assert len(seen) == 3
