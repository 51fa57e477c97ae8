"""End-to-end fixtures: each seed course (built once per session: ``seed_dist``), one LMS per
test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support.lms import Scorm12LMS
from support.seed import SEED_SLUGS, SEEDS, SeedCourse


@pytest.fixture(params=SEED_SLUGS)
def seed(request: pytest.FixtureRequest) -> SeedCourse:
    """Each seed course's source."""
    return SEEDS[request.param]


@pytest.fixture
def lms(scorm12_lms: Callable[[Path], Scorm12LMS], seed_dist: Path, seed: SeedCourse) -> Scorm12LMS:
    """A SCORM 1.2 LMS (scorm-again) serving the seed course's package."""
    package = seed_dist / f"{seed.slug}-scorm12.zip"
    assert package.is_file(), f"the build did not write {package.name}"
    return scorm12_lms(package)
