"""What `coursebuild preview` is asked to play: an LMS profile only with a SCORM package, and
one package in its build folder, the one it plays."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.preview_process import serving_line
from typer.testing import CliRunner

from builder.cli import app
from builder.preview import run
from builder.preview.build import build_preview

NOT_SCORM = (
    "preview: --lms {lms} plays {lms}'s SCORM behaviours, and the {target} package is not SCORM "
    "(it reports to the preview's LRS); expected --lms strict, or --target scorm12 or scorm2004"
)


@pytest.mark.parametrize(("lms", "target"), [("forma", "xapi"), ("moodle", "cmi5")])
def test_an_lms_profile_with_a_package_that_is_not_scorm_is_a_usage_error(
    course: Path, lms: str, target: str
) -> None:
    result = CliRunner().invoke(
        app, ["preview", str(course), "--lms", lms, "--target", target, "--no-open"]
    )
    assert result.exit_code == 2, result.output
    assert result.stderr == NOT_SCORM.format(lms=lms, target=target) + "\n"
    assert not (course / ".coursebuild").exists()


def test_the_course_s_first_target_is_checked_too(course: Path) -> None:
    spec = course / "course.yml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("targets: [", "targets: [xapi, ", 1), encoding="utf-8")
    said: list[tuple[str, bool]] = []
    assert run.run_preview(course, None, 0, False, lambda t, e: said.append((t, e)), lms="forma")
    assert said == [(NOT_SCORM.format(lms="forma", target="xapi"), True)]


def test_a_package_that_is_not_scorm_is_not_said_to_play_an_lms(course: Path) -> None:
    line = serving_line(course, "xapi")
    assert f"previewing {course.name} (xapi); edits rebuild" in line, line


def test_a_build_leaves_only_its_own_zip_and_the_learner_s_data(course: Path) -> None:
    out = course / ".coursebuild" / "preview"
    out.mkdir(parents=True)
    for old in ("old-name-scorm12.zip", f"{course.name}-xapi.zip", "learner.sqlite3"):
        (out / old).write_bytes(b"from an earlier preview")
    built = build_preview(course, "scorm12", out)
    assert built.ok, [d.format() for d in built.diagnostics]
    assert sorted(p.name for p in out.iterdir()) == [
        "learner.sqlite3",
        f"{course.name}-scorm12.zip",
    ]
