"""Build: byte-identical, all-or-nothing, every file listed, and a report beside the zips."""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from support.file_limit import build_under_a_file_limit
from typer.testing import CliRunner

from builder import pipeline
from builder.check.package import self_check
from builder.cli import app
from builder.model import Course
from builder.output.folder import STAGING_PREFIX
from builder.output.report import Package, build_report

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "course_src"
MINIMAL = REPO / "tests" / "fixtures" / "minimal"
Edit = Callable[[Path, str, str], None]


def build(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["build", *args])
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every entry under `folder`: its bytes (files), mode and modification time."""
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes() if p.is_file() else b"",
            p.stat().st_mode,
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
    }


def staging_debris(root: Path) -> list[Path]:
    return sorted(root.rglob(f"{STAGING_PREFIX}*"))


def good_and_bad(tmp_path: Path, edit: Edit) -> tuple[Path, Path]:
    """A catalogue of two copies of the minimal course; the one named `bad` does not load."""
    catalogue = tmp_path / "src"
    for name in ("good", "bad"):
        shutil.copytree(MINIMAL, catalogue / name)
    edit(catalogue / "bad" / "assessments/quiz.yml", "pass_mark: 80", "pass_mark: 101")
    return catalogue, catalogue / "good"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    assert build(str(SEEDS), "--out", str(tmp_path / "a"))[0] == 0
    assert build(str(SEEDS), "--out", str(tmp_path / "b"))[0] == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [
        "navigating-social-media-cmi5.zip",
        "navigating-social-media-scorm12.zip",
        "navigating-social-media-scorm2004.zip",
        "navigating-social-media-xapi-activities.json",
        "navigating-social-media-xapi.zip",
        "navigating-social-media.build.json",
        "social-media-at-work-cmi5.zip",
        "social-media-at-work-scorm12.zip",
        "social-media-at-work-scorm2004.zip",
        "social-media-at-work-xapi-activities.json",
        "social-media-at-work-xapi.zip",
        "social-media-at-work.build.json",
    ]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_source_date_epoch_sets_every_entry_time(
    tmp_path: Path, course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build(str(course), "--out", str(tmp_path / "d"))[0] == 0
    with zipfile.ZipFile(tmp_path / "d" / "course-scorm12.zip") as archive:
        infos = archive.infolist()
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_every_file_is_listed_in_the_manifest(tmp_path: Path) -> None:
    assert build(str(SEEDS), "--out", str(tmp_path))[0] == 0
    for package in tmp_path.glob("*-scorm12.zip"):
        with zipfile.ZipFile(package) as archive:
            names = archive.namelist()
            manifest = archive.read("imsmanifest.xml")
        assert names[0] != "" and "imsmanifest.xml" in names
        assert self_check(package.read_bytes(), package.name).findings == []
        assert b"<adlcp:masteryscore>80</adlcp:masteryscore>" in manifest


def test_a_broken_manifest_fails_the_build_with_checks_rule_code(
    tmp_path: Path, course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    assert build(str(course), "--out", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    from builder.targets.scorm12 import manifest as scorm12

    written = scorm12.build_manifest

    def duplicated(model: Course, files: Sequence[object]) -> bytes:
        xml = written(model, files)  # type: ignore[arg-type]
        return xml.replace(b'identifier="RES-', b'identifier="ORG-', 1)

    monkeypatch.setattr(scorm12, "build_manifest", duplicated)
    code, _, errors = build(str(course), "--out", str(out), "--force")
    assert code == 1
    assert "course-scorm12.zip:imsmanifest.xml:" in errors
    assert "[identifier-duplicate]" in errors
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_failed_build_leaves_the_output_folder_untouched(
    tmp_path: Path, course: Path, edit: Edit
) -> None:
    out = tmp_path / "dist"
    assert build(str(course), "--out", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    edit(course / "modules/intro.en.md", "# Welcome", "# Welcome changed")
    edit(course / "assessments/quiz.yml", "pass_mark: 80", "pass_mark: 101")
    code, _, stderr = build(str(course), "--out", str(out))
    assert code == 1 and "pass_mark" in stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_bad_course_stops_the_whole_batch(tmp_path: Path, course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "version: 1.0.0", "version: [1]")
    out = tmp_path / "dist"
    code, _, _ = build(str(SEEDS), str(course), "--out", str(out))
    assert code == 1 and not out.exists()


def test_build_report_names_what_was_built(tmp_path: Path) -> None:
    code, stdout, _ = build(str(SEEDS / "social-media-at-work"), "--out", str(tmp_path))
    assert code == 0
    report = json.loads((tmp_path / "social-media-at-work.build.json").read_text())
    (package,) = [p for p in report["packages"] if p["target"] == "scorm12"]
    assert {p["target"] for p in report["packages"]} == {"scorm12", "scorm2004", "xapi", "cmi5"}
    data = (tmp_path / package["file"]).read_bytes()
    assert package["bytes"] == len(data) and package["target"] == "scorm12"
    assert report["course"]["languages"] == ["en", "fr"]
    assert (
        f"wrote {tmp_path.as_posix()}/social-media-at-work-scorm12.zip ({len(data):,} bytes"
        in stdout
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        runtime = sum(
            i.file_size
            for i in archive.infolist()
            if i.filename == "index.html" or i.filename.startswith("assets/")
        )
    assert package["runtime_bytes"] == runtime


def test_parallel_build_gives_the_same_bytes(tmp_path: Path) -> None:
    assert build(str(SEEDS), "--jobs", "1", "--out", str(tmp_path / "one"))[0] == 0
    assert build(str(SEEDS), "--jobs", "2", "--out", str(tmp_path / "two"))[0] == 0
    one, two = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert sorted(one) == sorted(two) and len(one) == 12
    for name, (data, mode, _) in one.items():
        assert (data, mode) == two[name][:2], name
        assert mode & 0o777 == 0o644, name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_failed_catalogue_leaves_the_output_folder_as_it_was(
    tmp_path: Path, edit: Edit, jobs: str
) -> None:
    catalogue, good = good_and_bad(tmp_path, edit)
    out = tmp_path / "dist"
    assert build(str(good), "--out", str(out))[0] == 0
    (out / "notes.txt").write_text("the author's own file")
    before = snapshot(out)
    edit(good / "modules/intro.en.md", "# Welcome", "# Welcome changed")
    code, stdout, stderr = build(str(catalogue), "--out", str(out), "--jobs", jobs)
    assert code == 1 and "pass_mark" in stderr and "nothing written" in stderr
    assert stdout == ""
    assert snapshot(out) == before
    assert staging_debris(tmp_path) == []


def test_a_failed_build_creates_no_output_folder(tmp_path: Path, edit: Edit) -> None:
    catalogue, _ = good_and_bad(tmp_path, edit)
    out = tmp_path / "new" / "dist"
    assert build(str(catalogue), "--out", str(out), "--jobs", "2")[0] == 1
    assert not (tmp_path / "new").exists()
    assert staging_debris(tmp_path) == []


def test_a_successful_build_leaves_only_its_files(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "notes.txt").write_text("the author's own file")
    assert build(str(SEEDS / "social-media-at-work"), "--out", str(out), "--jobs", "2")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "notes.txt",
        "social-media-at-work-cmi5.zip",
        "social-media-at-work-scorm12.zip",
        "social-media-at-work-scorm2004.zip",
        "social-media-at-work-xapi-activities.json",
        "social-media-at-work-xapi.zip",
        "social-media-at-work.build.json",
    ]
    assert staging_debris(tmp_path) == []


def test_an_interrupted_build_leaves_the_output_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dist"
    assert build(str(SEEDS), "--out", str(out))[0] == 0
    before = snapshot(out)
    reports: list[str] = []

    def interrupted(
        course: Course, packages: Sequence[Package], inputs: str, *said: object
    ) -> bytes:
        reports.append(course.slug)
        if len(reports) == 2:  # Ctrl-C while the second course is built, the first is staged
            raise KeyboardInterrupt
        return build_report(course, packages, inputs, *said)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "build_report", interrupted)
    with pytest.raises(KeyboardInterrupt):
        pipeline.build([SEEDS], [], out, jobs=1, force=True)
    assert snapshot(out) == before and staging_debris(tmp_path) == []


def test_a_write_error_is_a_diagnostic_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "notes.txt").write_text("the author's own file")
    before = snapshot(out)
    # The zips' writes fail with a real OSError (EFBIG), as a full disk would; --jobs 2 so
    # that it happens in the worker processes.
    done = build_under_a_file_limit(SEEDS, out, jobs=2)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert "could not write" in done.stderr and "[output-not-written]" in done.stderr
    assert f"build failed: nothing written to {out.as_posix()}/" in done.stderr
    assert snapshot(out) == before and staging_debris(tmp_path) == []


def test_an_output_path_that_is_a_file_is_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "dist").write_text("not a folder")
    code, _, stderr = build(str(SEEDS), "--out", str(tmp_path / "dist" / "sub"))
    assert code == 1 and "could not create the output folder" in stderr
    assert (tmp_path / "dist").read_text() == "not a folder"


def test_a_worker_hands_back_metadata_not_package_bytes(tmp_path: Path) -> None:
    result = pipeline.build_course(SEEDS / "social-media-at-work", [], "inputs", tmp_path / "0")
    on_disk = sum(path.stat().st_size for path in result.files.values())
    assert len(result.files) == 6 and on_disk > 200_000
    assert len(pickle.dumps(result)) < 4096


def peak_rss_mib(args: list[str]) -> float:
    """Peak resident memory of one `coursebuild build` process, in MiB."""
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    assert status == 0, process.stderr.read() if process.stderr else b""
    return usage.ru_maxrss / 1024  # KiB on Linux


def test_build_memory_does_not_grow_with_the_catalogue(tmp_path: Path) -> None:
    # When every course's packages were kept until the end, 30 courses peaked about 10 MiB
    # above 2 (each copy of the seed is ~250 KB of zips); staged on disk, under 1 MiB.
    catalogue = tmp_path / "src"
    for n in range(30):
        shutil.copytree(SEEDS / "social-media-at-work", catalogue / f"course-{n:02d}")
    few = [str(catalogue / f"course-{n:02d}") for n in range(2)]
    small = peak_rss_mib([*few, "--out", str(tmp_path / "few"), "--jobs", "1"])
    large = peak_rss_mib([str(catalogue), "--out", str(tmp_path / "many"), "--jobs", "1"])
    assert len(list((tmp_path / "many").glob("*.zip"))) == 120
    assert large - small < 4, f"2 courses: {small:.1f} MiB, 30 courses: {large:.1f} MiB"


def test_unchanged_course_is_skipped_until_it_changes_or_is_forced(
    tmp_path: Path, course: Path, edit: Edit
) -> None:
    out = tmp_path / "dist"
    assert build(str(course), "--out", str(out))[0] == 0
    zip_path = out / "course-scorm12.zip"
    first = zip_path.stat().st_mtime_ns
    code, stdout, _ = build(str(course), "--out", str(out))
    assert code == 0 and stdout.startswith("unchanged course:")
    assert zip_path.stat().st_mtime_ns == first
    code, stdout, _ = build(str(course), "--out", str(out), "--force")
    assert code == 0 and "wrote" in stdout and zip_path.stat().st_mtime_ns != first
    edit(course / "modules/intro.en.md", "# Welcome", "# Welcome back")
    code, stdout, _ = build(str(course), "--out", str(out))
    assert code == 0 and "unchanged course" not in stdout
    zip_path.write_bytes(b"tampered")
    code, stdout, _ = build(str(course), "--out", str(out))
    assert code == 0 and "unchanged course" not in stdout and zip_path.read_bytes() != b"tampered"


def test_every_target_shares_one_rendered_body(tmp_path: Path) -> None:
    assert build(str(SEEDS / "social-media-at-work"), "--out", str(tmp_path))[0] == 0
    bodies = set()
    heads = set()
    for package in sorted(tmp_path.glob("*.zip")):
        with zipfile.ZipFile(package) as archive:
            html = archive.read("index.html").decode()
        head, body = html.split("</head>\n", 1)
        heads.add(head)
        bodies.add(body)
    assert len(heads) == 4 and len(bodies) == 1
    assert body.startswith("<body>") and body.endswith("</body>\n</html>\n")


def test_compiled_templates_are_cached_between_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinja2 import Environment, FileSystemLoader

    from builder.render.compiled import bytecode_cache
    from builder.theme import theme_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cache = bytecode_cache()
    assert cache is not None
    env = Environment(loader=FileSystemLoader(str(theme_dir())))
    env.bytecode_cache = cache
    env.get_template("body.html.j2")
    assert list((tmp_path / "cache" / "coursebuild" / "jinja").glob("*/__jinja2_*"))
    (tmp_path / "blocked").write_text("a file, not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
    assert bytecode_cache() is None  # an unwritable cache is no cache, not an error


@pytest.mark.parametrize(
    ("rule", "mastery"), [("passed", True), ("attempted", False), ("none", False)]
)
def test_scorm12_mastery_score_only_when_a_pass_completes_the_course(
    tmp_path: Path, rule: str, mastery: bool
) -> None:
    """An LMS judges lesson_status by adlcp:masteryscore at LMSFinish: right only under a rule
    that needs a pass (docs/tracking.md). The runtime gets the rule and the assessment lock."""
    course = tmp_path / "course"
    shutil.copytree(MINIMAL, course)
    spec = course / "course.yml"
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "assessment: passed", f"assessment: {rule}\n  assessment_opens: after-pages"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "dist"
    code, _, err = build(str(course), "--target", "scorm12", "--out", str(out))
    assert code == 0, err
    with zipfile.ZipFile(out / "course-scorm12.zip") as archive:
        manifest = archive.read("imsmanifest.xml")
        index = archive.read("index.html").decode("utf-8")
    assert (b"<adlcp:masteryscore>80</adlcp:masteryscore>" in manifest) is mastery
    config = json.loads(index.split('id="coursebuild-config">', 1)[1].split("</script>", 1)[0])
    assert config["completion"] == {
        "pages": "all",
        "video": 0,
        "assessment": rule,
        "assessmentOpens": "after-pages",
    }
    assert config["masteryScore"] == 80
    assert [q["interactionId"] for q in config["assessment"]["questions"]][:2] == [
        "quizTf",
        "quizOne",
    ]
