"""SCORM 2004 fixtures: each seed course's ``scorm2004`` package (from ``seed_dist``, built once
per session); the LMS is ``scorm2004_lms`` (``tests/conftest.py``, ``tests/support/lms2004.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.seed import SEED_SLUGS


@pytest.fixture(params=SEED_SLUGS)
def seed_slug(request: pytest.FixtureRequest) -> str:
    """Each seed course's folder name."""
    slug: str = request.param
    return slug


@pytest.fixture
def seed_zip_2004(seed_dist: Path, seed_slug: str) -> Path:
    """Each seed course's SCORM 2004 zip."""
    return seed_dist / f"{seed_slug}-scorm2004.zip"
