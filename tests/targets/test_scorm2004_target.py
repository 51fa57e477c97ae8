"""The scorm2004 target from the command line: `--target scorm2004`, `--target all`, courses with
and without a mastery score, deterministic output, and its self-check."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree
from support.bundle import bundled_modules
from support.xsd import validate_scorm2004
from typer.testing import CliRunner

from builder.check.package import self_check
from builder.cli import app
from builder.output.archive import PackageFile, zip_bytes
from builder.targets import available
from builder.targets.scorm2004.manifest import scaled_mastery

Edit = Callable[[Path, str, str], None]
IMSSS = "{http://www.imsglobal.org/xsd/imsss}"


def build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["build", *args])
    return result.exit_code, result.output


def manifest_of(package: Path) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read("imsmanifest.xml")


def test_target_scorm2004_builds_a_valid_package(tmp_path: Path, course: Path) -> None:
    code, output = build(str(course), "--target", "scorm2004", "--out", str(tmp_path))
    assert code == 0, output
    assert sorted(p.name for p in tmp_path.glob("*.zip")) == ["course-scorm2004.zip"]
    manifest = manifest_of(tmp_path / "course-scorm2004.zip")
    assert validate_scorm2004(manifest) == []
    root = etree.fromstring(manifest)
    measure = root.find(f".//{IMSSS}primaryObjective")
    assert measure is not None and measure.get("satisfiedByMeasure") == "true"
    assert measure.findtext(f"{IMSSS}minNormalizedMeasure") == "0.8"  # pass_mark 80
    with zipfile.ZipFile(tmp_path / "course-scorm2004.zip") as archive:
        html = archive.read("index.html").decode()
    assert '"suspendDataLimit":64000' in html and '"target":"scorm2004"' in html
    modules = bundled_modules(tmp_path / "course-scorm2004.zip")
    assert "adapter-scorm2004.js" in modules and "adapter-scorm12.js" not in modules


def test_target_all_builds_every_declared_target(tmp_path: Path, course: Path, edit: Edit) -> None:
    edit(course / "course.yml", "completion:", "targets: [scorm12, scorm2004]\ncompletion:")
    code, output = build(str(course), "--target", "all", "--out", str(tmp_path / "a"))
    assert code == 0, output
    names = sorted(p.name for p in (tmp_path / "a").glob("*.zip"))
    assert names == ["course-scorm12.zip", "course-scorm2004.zip"]
    assert build(str(course), "--out", str(tmp_path / "b"))[0] == 0  # the same without --target
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_without_a_mastery_score_there_is_no_objective(
    tmp_path: Path, course: Path, edit: Edit
) -> None:
    edit(course / "course.yml", "  - assessment: quiz\n", "")
    edit(course / "course.yml", "assessment: passed", "assessment: none")
    code, output = build(str(course), "--target", "scorm2004", "--out", str(tmp_path))
    assert code == 0, output
    manifest = manifest_of(tmp_path / "course-scorm2004.zip")
    assert validate_scorm2004(manifest) == []
    assert b"primaryObjective" not in manifest
    assert b'completionSetByContent="true" objectiveSetByContent="true"' in manifest


@pytest.mark.parametrize(
    ("mastery", "scaled"), [(80, "0.8"), (0, "0"), (100, "1"), (75, "0.75"), (7, "0.07")]
)
def test_the_mastery_score_is_a_normalized_measure(mastery: int, scaled: str) -> None:
    assert scaled_mastery(mastery) == scaled


def test_the_target_is_registered_and_checks_its_packages() -> None:
    assert "scorm2004" in available()
    report = self_check(zip_bytes([PackageFile("index.html", b"")]), "package.zip")
    assert [f.code for f in report.findings] == ["no-manifest"]


def test_an_unknown_target_lists_scorm2004(tmp_path: Path, course: Path) -> None:
    code, output = build(str(course), "--target", "scorm2005", "--out", str(tmp_path))
    assert code == 2 and "scorm2004" in output


def test_each_package_ships_only_its_own_scorm_adapter(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"
    result = CliRunner().invoke(app, ["build", str(seed), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    shipped = {
        target: {
            f"assets/{n}"
            for n in bundled_modules(tmp_path / f"social-media-at-work-{target}.zip")
            if n.startswith(("adapter-", "scorm-"))
        }
        for target in ("scorm12", "scorm2004", "xapi", "cmi5")
    }
    common = {"assets/adapter-none.js", "assets/scorm-common.js"}
    assert shipped["scorm12"] == {*common, "assets/adapter-scorm12.js"}
    assert shipped["scorm2004"] == {*common, "assets/adapter-scorm2004.js"}
    assert shipped["xapi"] == {"assets/adapter-none.js", "assets/adapter-xapi.js"}
    assert shipped["cmi5"] == {
        "assets/adapter-none.js",
        "assets/adapter-xapi.js",
        "assets/adapter-cmi5.js",
    }
