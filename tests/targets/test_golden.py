"""Golden manifests: any change to what the LMS reads is a reviewed change.

Update after an intended change with `make golden` (UPDATE_GOLDEN=1), then review the diff.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
COURSES = sorted(p.parent.name for p in (REPO / "course_src").glob("*/course.yml"))
TARGETS = ("scorm12", "scorm2004")


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("slug", COURSES)
def test_manifest_matches_golden(slug: str, target: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["build", str(REPO / "course_src" / slug), "--target", target, "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / f"{slug}-{target}.zip") as archive:
        manifest = archive.read("imsmanifest.xml")
    golden = GOLDEN / f"{slug}-{target}.imsmanifest.xml"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_bytes(manifest)
    assert golden.is_file(), f"no golden file {golden.name}: run `make golden`"
    assert manifest.decode() == golden.read_text(encoding="utf-8")
