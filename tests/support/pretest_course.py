"""A seed course with a pre-test opening it (issue 15), built for the browser tests: the seeds
themselves have none (the team decides that later)."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app

from .seed import SeedCourse

SLUG = "social-media-at-work"
PRETEST_ID = "baseline"


def pretest_course(tmp_path: Path, slug: str = SLUG, keys: str = "shuffle: true\n") -> SeedCourse:
    """The seed ``slug`` with ``- pretest: baseline`` first: its knowledge check's questions
    again, with ``keys`` (YAML lines) added; built into tmp/dist."""
    src = tmp_path / "course_src" / slug
    shutil.copytree(SeedCourse(slug).src, src)
    check = next((src / "assessments").glob("*-check.yml"))
    text = check.read_text(encoding="utf-8")
    (src / "assessments" / f"{PRETEST_ID}.yml").write_text(keys + text, encoding="utf-8")
    course = src / "course.yml"
    spec = course.read_text(encoding="utf-8")
    assert "modules:\n" in spec
    course.write_text(
        spec.replace("modules:\n", f"modules:\n  - pretest: {PRETEST_ID}\n", 1), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["build", str(src), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    return SeedCourse(slug, root=src.parent)
