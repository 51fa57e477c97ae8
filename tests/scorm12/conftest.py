"""Seed course packages (``seed_dist``: built once per test session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.seed import SEED_SLUGS


@pytest.fixture(params=SEED_SLUGS)
def seed_zip(request: pytest.FixtureRequest, seed_dist: Path) -> Path:
    """Each seed course's SCORM 1.2 zip."""
    return seed_dist / f"{request.param}-scorm12.zip"
