"""Seed course packages, built once per test session into a temporary dist/."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from builder.cli import app

REPO = Path(__file__).resolve().parents[2]
SEED_SLUGS = ("navigating-social-media", "social-media-at-work")


@pytest.fixture(scope="session")
def seed_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seed courses built to SCORM 1.2, as `make build` does."""
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(app, ["build", str(REPO / "course_src"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(params=SEED_SLUGS)
def seed_zip(request: pytest.FixtureRequest, seed_dist: Path) -> Path:
    """Each seed course's SCORM 1.2 zip."""
    return seed_dist / f"{request.param}-scorm12.zip"
