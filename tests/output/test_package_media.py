"""Course media in packages: the formats that are compressed already are stored, not deflated
again; they are read from the course folder in pieces, so that a build's memory does not grow
with a video; and a package too large for common LMS upload limits is a warning naming the
files that weigh most."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import wave
import zipfile
from pathlib import Path

import pytest
from support.paths import REPO_ROOT
from typer.testing import CliRunner

from builder.check.package import check_path
from builder.cli import app
from builder.diagnostics import Location
from builder.output import archive
from builder.output.size import PACKAGE_WARN_BYTES
from builder.pipeline import build

MIB = 1 << 20


def incompressible(path: Path, mebibytes: int) -> None:
    """A file of `mebibytes` MiB that deflate cannot shrink, as a video's bytes are: one random
    MiB over and over (deflate looks back 32 KiB only)."""
    block = os.urandom(MIB)
    with path.open("wb") as stream:
        for _ in range(mebibytes):
            stream.write(block)


def test_compressed_media_are_stored_and_text_is_deflated(bilingual: Path, tmp_path: Path) -> None:
    outcome = build([bilingual], ["scorm12", "cmi5"], tmp_path / "dist", force=True)
    assert not outcome.failed, outcome.diagnostics
    assert not [d for d in outcome.diagnostics if d.code == "package-size"]
    for target in ("scorm12", "cmi5"):
        package = tmp_path / "dist" / f"course-{target}.zip"
        with zipfile.ZipFile(package) as archive_:
            methods = {i.filename: i.compress_type for i in archive_.infolist()}
            assert archive_.testzip() is None
        assert methods["media/clip.mp4"] == zipfile.ZIP_STORED
        assert methods["media/chart.png"] == zipfile.ZIP_STORED
        for text in ("index.html", "assets/runtime.js", "media/clip.en.vtt"):
            assert methods[text] == zipfile.ZIP_DEFLATED, text
        report = check_path(package)
        assert report.errors == 0, report.findings


def test_a_build_with_media_is_the_same_bytes_twice(bilingual: Path, tmp_path: Path) -> None:
    incompressible(bilingual / "media" / "clip.mp4", 3)
    for out in ("one", "two"):
        assert not build([bilingual], ["scorm2004"], tmp_path / out, force=True).failed
    one, two = ((tmp_path / out / "course-scorm2004.zip").read_bytes() for out in ("one", "two"))
    assert one == two


_PEAK = """
import resource, sys
from pathlib import Path
from builder.pipeline import build
outcome = build([Path(sys.argv[1])], ["scorm12"], Path(sys.argv[2]), force=sys.argv[3] == "force")
assert not outcome.failed, outcome.diagnostics
print(outcome.skipped, "|", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_mib(course: Path, out: Path, force: bool) -> tuple[str, float]:
    """What a build in a process of its own skipped, and its peak resident memory in MiB."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    args = [sys.executable, "-c", _PEAK, str(course), str(out), "force" if force else "judge"]
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    skipped, kib = done.stdout.split(" | ")
    return skipped, int(kib) / 1024  # ru_maxrss is in KiB on Linux


def test_memory_does_not_grow_with_the_media(bilingual: Path, tmp_path: Path) -> None:
    # A 160 MiB video: the package was built in memory from the whole file read at once (over
    # 320 MiB more at the peak), and judging an unchanged course read each whole zip. A whole
    # process's peak also holds what it compiles (modules, templates), which differs from one
    # machine and cache to another: so the peak is compared with the same build of a 1 MiB
    # video, made just before in the same state (caches warm).
    video = bilingual / "media" / "clip.mp4"
    peaks = {}
    for mebibytes in (1, 1, 160):
        incompressible(video, mebibytes)
        out = tmp_path / f"dist-{mebibytes}"
        shutil.rmtree(out, ignore_errors=True)
        skipped, peaks[mebibytes] = _peak_mib(bilingual, out, force=True)
        assert skipped == "[]"
    assert (tmp_path / "dist-160" / "course-scorm12.zip").stat().st_size > 160 * MIB
    assert peaks[160] - peaks[1] < 32, peaks
    (bilingual / "course.yml").touch()  # its stamp no longer matches: hashes are compared
    skipped, unchanged = _peak_mib(bilingual, tmp_path / "dist-160", force=False)
    assert skipped == "['course']" and unchanged - peaks[1] < 32, (unchanged, peaks)


def test_a_package_over_the_upload_limit_warns_naming_its_heaviest_files(
    bilingual: Path, tmp_path: Path
) -> None:
    with (bilingual / "media" / "clip.mp4").open("wb") as clip:
        clip.truncate(PACKAGE_WARN_BYTES + MIB)  # sparse: no disk for the source
    out = tmp_path / "dist"
    result = CliRunner().invoke(
        app, ["build", str(bilingual), "-t", "scorm12", "-t", "xapi", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    package = out / "course-xapi.zip"  # the larger of the two: its runtime is
    with zipfile.ZipFile(package) as archive_:
        entries = sorted(archive_.infolist(), key=lambda i: -i.compress_size)[:3]
    assert entries[0].filename == "media/clip.mp4"
    heaviest = ", ".join(f"{i.filename} {shown(i.compress_size)}" for i in entries)
    warnings = [line for line in result.output.splitlines() if "[package-size]" in line]
    assert len(warnings) == 1  # one for the course, not one per package
    where, message = warnings[0].split(": warning: ")
    assert where.endswith("course/media/clip.mp4")
    assert message == (
        f"course-xapi.zip is {shown(package.stat().st_size)}, over 100 MiB, where common "
        "LMS upload limits stop (Moodle's 'Maximum uploaded file size' and PHP's "
        "upload_max_filesize; a Canvas course's 500 MB in all); the heaviest files: "
        f"{heaviest}; expected a package an LMS administrator can upload: a smaller or shorter "
        "video, or one hosted elsewhere (a YouTube or Vimeo link, or an address on the "
        "organisation's video server) [package-size]"
    )
    assert "101 MiB" in heaviest
    hint = result.output.splitlines()[result.output.splitlines().index(warnings[0]) + 1]
    assert hint == (
        "    hint: an LMS that takes larger packages: say its limit with --upload-limit (such as "
        "--upload-limit 500MB) or COURSEBUILD_UPLOAD_LIMIT; none turns this warning off"
    )
    strict = CliRunner().invoke(
        app, ["build", str(bilingual), "-t", "scorm12", "-o", str(tmp_path / "s"), "--strict"]
    )
    assert strict.exit_code != 0 and not (tmp_path / "s" / "course-scorm12.zip").exists()


def shown(size: int) -> str:
    """A size as the warning shows it."""
    return f"{size / MIB:,.0f} MiB" if size >= MIB else f"{size / 1024:,.0f} KiB"


def test_an_unreadable_media_file_is_a_diagnostic_and_dist_is_untouched(
    bilingual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Readable when the course was loaded, then not when it is packaged (its permissions
    # changed, a network drive went away).
    out = tmp_path / "dist"
    assert not build([bilingual], ["scorm12"], out, force=True).failed
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = open

    def refusing(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith("clip.mp4"):
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(archive, "open", refusing, raising=False)
    outcome = build([bilingual], ["scorm12"], out, force=True)
    assert outcome.failed
    found = [(d.location.file, d.code, d.message) for d in outcome.diagnostics]
    assert found == [
        (
            str(bilingual / "media" / "clip.mp4"),
            "file-unreadable",
            "cannot read this file to package it (Permission denied); expected a file "
            "coursebuild can read",
        )
    ]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_media_that_deflate_like_a_zip_bomb_are_stored(bilingual: Path, tmp_path: Path) -> None:
    # 80 seconds of silence (1.3 MB of WAV) deflated 981:1, and the build's own check refused
    # its package as a zip bomb: the course could not be built.
    for lang, label in (("en", "Listen"), ("fr", "Écouter")):
        with (bilingual / "modules" / f"intro.{lang}.md").open("a", encoding="utf-8") as page:
            page.write(f"\n[{label}](media/silence.wav)\n")
    with wave.open(str(bilingual / "media" / "silence.wav"), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * 8000 * 80)
    outcome = build([bilingual], ["scorm12"], tmp_path / "dist", force=True)
    assert not outcome.failed, outcome.diagnostics
    package = tmp_path / "dist" / "course-scorm12.zip"
    with zipfile.ZipFile(package) as archive_:
        assert archive_.getinfo("media/silence.wav").compress_type == zipfile.ZIP_STORED
        assert archive_.getinfo("media/clip.en.vtt").compress_type == zipfile.ZIP_DEFLATED
    assert check_path(package).findings == []


@pytest.mark.parametrize("writer", ["own", "zipfile"])
@pytest.mark.parametrize("change", ["grows", "rewritten"])
def test_a_media_file_that_changes_while_it_is_packaged_fails_the_build(
    bilingual: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, change: str
) -> None:
    # A video still being exported when the build runs: the entry's size came from one moment
    # and its bytes from another, and the package held a video no one made.
    out = tmp_path / "dist"
    assert not build([bilingual], ["scorm12"], out, force=True).failed
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    clip = bilingual / "media" / "clip.mp4"
    real = open

    class Changing:
        """The clip as it is read while something writes it: after the first read."""

        def __init__(self, file: io.BufferedReader) -> None:
            self.file = file
            self.reads = 0

        def read(self, size: int = -1) -> bytes:
            piece = self.file.read(size)
            self.reads += 1
            if self.reads == 1:
                with real(clip, "ab" if change == "grows" else "r+b") as other:
                    other.write(b"more")
                    os.utime(clip, ns=(0, clip.stat().st_mtime_ns + 1_000_000_000))
            return piece

        def __enter__(self) -> Changing:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

    def changing(path: object, *args: object, **kwargs: object) -> object:
        file = real(path, *args, **kwargs)  # type: ignore[call-overload]
        return Changing(file) if str(path).endswith("clip.mp4") else file

    monkeypatch.setattr(archive, "open", changing, raising=False)
    if writer == "zipfile":  # the writer of packages of over a GiB
        monkeypatch.setattr(archive, "_MAX_BYTES", 0)
    outcome = build([bilingual], ["scorm12"], out, force=True)
    assert outcome.failed
    found = [(d.location, d.code, d.message) for d in outcome.diagnostics]
    assert found == [
        (
            Location(str(clip)),
            "file-changed",
            "this file changed while it was being packaged; expected it left as it is until "
            "the build ends: build again once it is written",
        )
    ]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
