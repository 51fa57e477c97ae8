"""Seed course packages (``seed_dist``: built once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.seed import SEED_SLUGS


@pytest.fixture(params=SEED_SLUGS)
def seed_zip(request: pytest.FixtureRequest, seed_dist: Path) -> Path:
    """Each seed course's SCORM 1.2 zip."""
    return seed_dist / f"{request.param}-scorm12.zip"


@pytest.fixture
def seed_zip_2004(seed_dist: Path, seed_slug: str) -> Path:
    """Each seed course's SCORM 2004 zip."""
    return seed_dist / f"{seed_slug}-scorm2004.zip"


@pytest.fixture(params=SEED_SLUGS)
def seed_slug(request: pytest.FixtureRequest) -> str:
    """Each seed course's folder name."""
    slug: str = request.param
    return slug
