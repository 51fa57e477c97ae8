"""The full command writes the unchanged-build stamps after its commit and trusts a matching
one: an unchanged course is not read, and a catalogue where one course changed hashes and
builds only that course."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from builder import fastpath, pipeline
from builder.output.report import packages_intact
from builder.source.files import source_hash


@pytest.fixture(autouse=True)
def trust_fresh_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files a test just wrote are stamped (no two-second wait for the clock to move on)."""
    monkeypatch.setattr(fastpath, "RACY_NS", 0)


def build(
    sources: list[Path],
    out: Path,
    *,
    strict: bool = False,
    force: bool = False,
    debug_runtime: bool = False,
) -> pipeline.Outcome:
    """The full command's build (it must succeed)."""
    outcome = pipeline.build(
        sources, [], out, strict=strict, force=force, debug_runtime=debug_runtime
    )
    assert not outcome.failed, outcome.diagnostics
    return outcome


def hashing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The course folders whose files the full command (or a worker) hashes from now on."""
    hashed: list[Path] = []

    def recorded(folder: Path) -> str:
        hashed.append(folder)
        return source_hash(folder)

    monkeypatch.setattr(pipeline, "source_hash", recorded)
    return hashed


def stamp_of(course: Path, out: Path) -> dict[str, object] | None:
    """The course's stamp for this output folder, if there is one."""
    path = fastpath._stamp_path(course, out)
    return json.loads(path.read_text()) if path.is_file() else None


def catalogue_of(course: Path, root: Path, names: list[str]) -> Path:
    for name in names:
        shutil.copytree(course, root / name)
    return root


def test_a_build_writes_stamps_and_the_next_build_is_decided_by_them(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build([course], out)
    hashed = hashing(monkeypatch)
    assert build([course], out).skipped == ["course"]  # its outputs just written: checked once
    assert build([course], out).skipped == ["course"]  # then the stat alone decides
    assert hashed == []

    def unhashed(folder: Path) -> str:
        hashed.append(folder)
        return ""

    monkeypatch.setattr(fastpath, "source_hash", unhashed)
    assert fastpath.replay([str(course), "--out", str(out)]) is not None
    assert hashed == []  # the launcher's fast path trusts the build's stamp too


def test_outputs_just_written_are_checked_by_content_once(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build([course], out)
    stamp = stamp_of(course, out)
    assert stamp is not None and isinstance(
        stamp["verify"], str
    )  # the report's sha256: its outputs were racy
    checked: list[str] = []

    def intact(out: Path, slug: str, report_sha256: str) -> bool:
        checked.append(slug)
        return packages_intact(out, slug, report_sha256)

    monkeypatch.setattr(fastpath, "packages_intact", intact)
    build([course], out)
    build([course], out)
    assert checked == ["course"]  # once, then the stamp is refreshed without it
    assert "verify" not in (stamp_of(course, out) or {"verify": "no stamp"})


def test_a_stamp_whose_outputs_fail_their_check_is_not_trusted(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build([course], out)
    path = fastpath._stamp_path(course, out)
    path.write_text(json.dumps({**json.loads(path.read_text()), "verify": "0" * 64}))
    hashed = hashing(monkeypatch)
    assert build([course], out).skipped == ["course"]  # judged by content, as without a stamp
    assert hashed == [course]


def test_one_changed_course_of_several_is_the_only_one_hashed_and_built(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = catalogue_of(course, tmp_path / "catalogue", ["a-course", "b-course", "c-course"])
    out = tmp_path / "dist"
    build([catalogue], out)
    build([catalogue], out)  # the outputs' one check by content
    with (catalogue / "b-course" / "modules" / "intro.en.md").open("a", encoding="utf-8") as f:
        f.write("\nOne more line.\n")
    hashed = hashing(monkeypatch)
    outcome = build([catalogue], out)
    assert hashed == [catalogue / "b-course"]
    assert outcome.skipped == ["a-course", "c-course"]
    assert {p.slug for p in outcome.packages} == {"b-course"}
    hashed.clear()
    assert build([catalogue], out).skipped == ["a-course", "b-course", "c-course"]
    assert hashed == []  # the rebuilt course was stamped by its build


def test_a_racy_file_is_not_stamped(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastpath, "RACY_NS", 10**18)  # every file changed "just now"
    out = tmp_path / "dist"
    build([course], out)
    assert stamp_of(course, out) is None
    hashed = hashing(monkeypatch)
    assert build([course], out).skipped == ["course"]
    assert hashed == [course]  # judged by content again, and still not stamped
    assert stamp_of(course, out) is None


def test_a_stamp_that_cannot_be_written_is_silent(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    (cache / "coursebuild").mkdir(parents=True)
    (cache / "coursebuild" / "stamps").write_text("not a folder")  # any user can't write in it
    (cache / "coursebuild").chmod(0o500)  # and, for a user other than root, read-only
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    out = tmp_path / "dist"
    try:
        outcome = build([course], out)
        assert outcome.diagnostics == [] and (out / "course.build.json").is_file()
        hashed = hashing(monkeypatch)
        assert build([course], out).skipped == ["course"]
        assert hashed == [course]  # no stamp: judged by content
    finally:
        (cache / "coursebuild").chmod(0o700)


def test_a_debug_build_neither_writes_nor_trusts_stamps(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build([course], out, debug_runtime=True)
    assert stamp_of(course, out) is None
    build([course], out)
    build([course], out)
    hashed = hashing(monkeypatch)
    assert build([course], out, debug_runtime=True).packages  # another build: not skipped
    assert hashed == [course]


@pytest.mark.parametrize("option", ["force", "strict"])
def test_force_and_strict_do_not_trust_a_stamp(
    option: str, course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    build([course], out)
    build([course], out)
    outcome = build([course], out, **{option: True})
    assert outcome.skipped == [] and outcome.packages
