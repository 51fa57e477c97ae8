"""A target is one complete record in one registry (issue 14): the schema, the render, the
suspend-data budget and the preview all read `builder.targets.REGISTRY`."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.descriptors import read_launch
from support.hostile_sources import refused, run

from builder import targets
from builder.diagnostics import Diagnostics
from builder.pipeline import RenderedCourse, package_course
from builder.preview.run import choose_target
from builder.render.config import runtime_config
from builder.render.html import render_index
from builder.render.runtime import package_scripts, runtime_assets, runtime_modules
from builder.render.view import course_view
from builder.source.course import load_course
from builder.targets.record import Target

Edit = Callable[[Path, str, str], None]
ROOT = Path(__file__).resolve().parents[2]


def _declare(course: Path, names: str) -> None:
    with (course / "course.yml").open("a", encoding="utf-8") as handle:
        handle.write(f"targets: [{names}]\n")


def test_web_target_is_refused_by_validate_with_the_registry_names(course: Path) -> None:
    # issue 14: `targets: [web]` passed validate, then build refused it
    _declare(course, "scorm12, web")
    refused(
        course,
        "course/course.yml:15:20: error: targets[1]: expected one of 'scorm12', 'scorm2004', "
        "'xapi' or 'cmi5', found 'web' [bad-value]",
    )


def test_every_registered_target_is_accepted(course: Path) -> None:
    _declare(course, ", ".join(targets.REGISTRY))
    verdict = run("validate", course)
    assert verdict.exit_code == 0, verdict.stderr


def test_validate_loads_no_manifest_or_template_library() -> None:
    # the registry is read by the schema: its manifest functions must not load lxml with it
    code = (
        "import runpy, sys\n"
        "sys.argv = ['coursebuild', 'validate', 'tests/fixtures/minimal']\n"
        "try:\n"
        "    runpy.run_module('builder', run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "heavy = ('lxml', 'jinja2', 'tincan')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_the_record_decides_the_suspend_data_limit(course: Path) -> None:
    model = load_course(course, Diagnostics())
    assert model is not None
    limits = {name: runtime_config(model, name)["suspendDataLimit"] for name in targets.REGISTRY}
    assert limits == {"scorm12": 4096, "scorm2004": 64000, "xapi": 64000, "cmi5": 64000}
    assert targets.REGISTRY["xapi"].suspend_data_limit is None


DUMMY = """\"\"\"A fifth target: SCORM 1.2's launch and manifest under another name.\"\"\"

from builder.targets.record import Target, lazy_launch_info, lazy_manifest

TARGET = Target(
    name="dummy",
    order=5,
    description="a dummy target",
    descriptor="imsmanifest.xml",
    check_label="SCORM 1.2",
    suspend_data_limit=4096,
    scripts=("scorm-common.js", "adapter-scorm12.js"),
    xapi_scripts=(),
    reports_xapi=False,
    launch="scorm12",
    launch_info=lazy_launch_info("builder.targets.scorm12"),
    manifest=lazy_manifest("builder.targets.scorm12"),
)
"""


@pytest.fixture
def fifth(tmp_path: Path) -> Iterator[Target]:
    """A dummy fifth target added as one new folder of `builder/targets/`, nothing else."""
    folder = tmp_path / "more-targets"
    (folder / "dummy").mkdir(parents=True)
    (folder / "dummy" / "__init__.py").write_text(DUMMY, encoding="utf-8")
    targets.__path__.append(str(folder))
    try:
        targets.REGISTRY.update(targets.discover())
        yield targets.REGISTRY["dummy"]
    finally:
        targets.__path__.remove(str(folder))
        sys.modules.pop("builder.targets.dummy", None)
        targets.REGISTRY.clear()
        targets.REGISTRY.update(targets.discover())


def test_the_registry_is_every_target_folder_in_order() -> None:
    assert list(targets.REGISTRY) == ["scorm12", "scorm2004", "xapi", "cmi5"]


def test_a_fifth_target_is_one_new_target_folder(course: Path, fifth: Target) -> None:
    _declare(course, "dummy")
    assert run("validate", course).exit_code == 0
    assert choose_target(course, None) == ("dummy", "")
    assert choose_target(course, "dummy") == ("dummy", "")
    built = run("build", course)
    assert built.exit_code == 0, built.stderr
    assert (built.out / "course-dummy.zip").is_file()
    model = load_course(course, Diagnostics())
    assert model is not None
    config = runtime_config(model, "dummy")
    assert {"adapter-scorm12.js", "scorm-common.js"} <= set(runtime_modules(config))
    html = render_index(course_view(model), config, "<body></body>")
    assert '<script src="assets/runtime.js" defer></script>' in html


@pytest.mark.parametrize("name", list(targets.REGISTRY))
@pytest.mark.parametrize("endpoint", [False, True])
def test_index_html_loads_what_the_package_ships(
    course: Path, edit: Edit, name: str, endpoint: bool
) -> None:
    if endpoint:
        with (course / "course.yml").open("a", encoding="utf-8") as handle:
            handle.write("xapi:\n  endpoint: https://lrs.example.org/xapi/\n")
    model = load_course(course, Diagnostics())
    assert model is not None
    config = runtime_config(model, name)
    html = render_index(course_view(model), config, "<body></body>")
    loaded = re.findall(r'<script src="assets/([^"]+)"', html)
    assert loaded == ["runtime.js"]
    modules = runtime_modules(config)
    # The target's own scripts sit between the always-loaded adapter and the player's files.
    player = next(i for i, script in enumerate(modules) if script.startswith("player"))
    assert modules[modules.index("adapter-none.js") + 1 : player] == package_scripts(config)
    assert {path for path, _ in runtime_assets(config)} >= {"assets/runtime.js"}
    shipped = set(modules)
    assert (name == "scorm12" and endpoint) == ("xapi-dual.js" in shipped)
    assert (targets.REGISTRY[name].reports_xapi or endpoint) == ("xapi-client.js" in shipped)


COURSES = [
    ROOT / "course_src" / name for name in ("navigating-social-media", "social-media-at-work")
]


@pytest.mark.parametrize("name", list(targets.REGISTRY))
@pytest.mark.parametrize("variant", ["minimal", "mastery-attempted", *(c.name for c in COURSES)])
def test_the_record_launches_what_the_descriptor_says(
    tmp_path: Path, course: Path, edit: Edit, name: str, variant: str
) -> None:
    # the preview used to parse the descriptor the target had just written (issue 14)
    source = next((c for c in COURSES if c.name == variant), course)
    if variant == "mastery-attempted":
        edit(course / "course.yml", "  assessment: passed", "  assessment: attempted")
        with (course / "course.yml").open("a", encoding="utf-8") as handle:
            handle.write("mastery_score: 75\n")
    model = load_course(source, Diagnostics())
    assert model is not None
    diagnostics = Diagnostics()
    package = package_course(model, name, diagnostics, RenderedCourse.of(model), tmp_path)
    assert package is not None, diagnostics.sorted()
    with zipfile.ZipFile(tmp_path / package.file_name) as archive:
        files = {path: archive.read(path) for path in archive.namelist()}
    assert targets.REGISTRY[name].launch_info(model) == read_launch(files)
    assert targets.REGISTRY[name].descriptor in files


@pytest.mark.timeout(30)
def test_the_preview_reads_targets_through_the_guarded_loader(course: Path, tmp_path: Path) -> None:
    # The preview read course.yml with yaml.safe_load: an alias bomb expanded before any check,
    # and a link out of the course was followed. It now goes through the build's own readers.
    levels = ["a: &a [" + ",".join(["x"] * 9) + "]"]
    pairs = zip("abcdefgh", "bcdefghi", strict=True)
    levels += [f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]" for p, c in pairs]
    (course / "course.yml").write_text("\n".join(levels) + "\ntargets: [cmi5]\n", "utf-8")
    assert choose_target(course, None) == ("scorm12", "")
    outside = tmp_path / "outside.yml"
    outside.write_text("targets: [cmi5]\n", "utf-8")
    (course / "course.yml").unlink()
    (course / "course.yml").symlink_to(outside)
    assert choose_target(course, None) == ("scorm12", "")
