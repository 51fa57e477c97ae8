"""A course skipped as unchanged says its last build's warnings again, word for word: an author
who ran the build a second time read a clean result for a package the LMS would refuse (the
package-size warning, decided as the package is written, was said only by the first build)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from support.console import console_script

from builder import pipeline
from builder.output.upload_limit import ENV, MIB


def heavy_course(bilingual: Path) -> Path:
    """The bilingual course with a 3 MiB video that does not compress, and no English audio
    description: a package-size warning (at build time) and a source warning."""
    with (bilingual / "media" / "clip.mp4").open("wb") as clip:
        clip.write(os.urandom(3 * MIB))
    page = bilingual / "modules" / "clip.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("  descriptions: media/clip.en.descriptions.vtt\n", ""))
    return bilingual


def launch(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The console script, as an author runs it (the fast path, then Typer)."""
    return console_script(args, cwd=cwd, unset=[ENV])


def test_an_unchanged_build_says_the_warnings_of_the_build_it_skips(
    bilingual: Path, tmp_path: Path
) -> None:
    course = heavy_course(bilingual)
    args = ["build", "course", "-t", "scorm12", "-o", "dist", "--upload-limit", "2MiB"]
    first = launch(args, tmp_path)
    assert first.returncode == 0 and "wrote dist/course-scorm12.zip" in first.stdout, first
    said = first.stderr
    assert "[package-size]" in said and "[audio-description-missing]" in said, said
    assert said.endswith("0 error(s), 2 warning(s)\n"), said
    for _ in range(2):  # the stamp is written by the first skip: the second trusts it
        again = launch(args, tmp_path)
        assert again.returncode == 0, again
        assert again.stdout.startswith("unchanged course: "), again
        assert again.stderr == said
    strict = launch([*args, "--strict"], tmp_path)  # judged again, so it fails as it should
    assert strict.returncode == 1 and "failed: --strict treats the 2 warning(s)" in strict.stderr
    # The full command's own skip says them too, named from where it runs.
    outcome = pipeline.build([course], ["scorm12"], tmp_path / "dist", upload_limit=2 * MIB)
    assert outcome.skipped == ["course"] and not outcome.written
    codes = [(d.code, d.location.file) for d in outcome.diagnostics]
    assert codes == [
        ("package-size", f"{course.as_posix()}/media/clip.mp4"),
        ("audio-description-missing", f"{course.as_posix()}/modules/clip.en.md"),
    ]


def test_a_build_report_keeps_its_warnings_and_a_clean_one_none(
    bilingual: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    assert not pipeline.build([bilingual], ["scorm12"], out).diagnostics
    assert json.loads((out / "course.build.json").read_text())["warnings"] == []
    heavy_course(bilingual)
    pipeline.build([bilingual], ["scorm12"], out, upload_limit=2 * MIB)
    kept = json.loads((out / "course.build.json").read_text())["warnings"]
    assert [w["code"] for w in kept] == ["package-size", "audio-description-missing"]
    assert kept[0]["location"] == {"file": "course/media/clip.mp4", "line": 0, "col": 0}
