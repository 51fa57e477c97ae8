"""End-to-end fixtures: both seed courses built once per test session, one LMS per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from seed import REPO, SEED_SLUGS, SEEDS, SeedCourse
from support.lms import Scorm12LMS
from typer.testing import CliRunner

from builder.cli import app


@pytest.fixture(scope="session")
def e2e_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seed courses built to SCORM 1.2 from ``course_src/``, as `make build` does."""
    out = tmp_path_factory.mktemp("e2e-dist")
    result = CliRunner().invoke(app, ["build", str(REPO / "course_src"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(params=SEED_SLUGS)
def seed(request: pytest.FixtureRequest) -> SeedCourse:
    """Each seed course's source."""
    return SEEDS[request.param]


@pytest.fixture
def lms(scorm12_lms: Callable[[Path], Scorm12LMS], e2e_dist: Path, seed: SeedCourse) -> Scorm12LMS:
    """A SCORM 1.2 LMS (scorm-again) serving the seed course's package."""
    package = e2e_dist / f"{seed.slug}-scorm12.zip"
    assert package.is_file(), f"the build did not write {package.name}"
    return scorm12_lms(package)
