"""SCORM 2004 fixtures: both seed courses built to ``scorm2004`` once per session, and an LMS
(scorm-again's ``Scorm2004API``) per test. See ``tests/support/lms2004.py``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext
from support.lms import StaticServer
from support.lms2004 import Scorm2004LMS
from typer.testing import CliRunner

from builder.cli import app

REPO = Path(__file__).resolve().parents[2]
SEED_SLUGS = ("navigating-social-media", "social-media-at-work")


@pytest.fixture(scope="session")
def seed_dist_2004(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seed courses built with ``--target scorm2004``."""
    out = tmp_path_factory.mktemp("dist2004")
    result = CliRunner().invoke(
        app, ["build", str(REPO / "course_src"), "--target", "scorm2004", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(params=SEED_SLUGS)
def seed_slug(request: pytest.FixtureRequest) -> str:
    """Each seed course's folder name."""
    slug: str = request.param
    return slug


@pytest.fixture
def seed_zip_2004(seed_dist_2004: Path, seed_slug: str) -> Path:
    """Each seed course's SCORM 2004 zip."""
    return seed_dist_2004 / f"{seed_slug}-scorm2004.zip"


@pytest.fixture
def scorm2004_lms(
    http_server: StaticServer, context: BrowserContext
) -> Callable[[Path], Scorm2004LMS]:
    """``lms = scorm2004_lms(zip_path)``: a SCORM 2004 LMS (scorm-again) serving one package."""
    count = 0

    def make(package_zip: Path) -> Scorm2004LMS:
        nonlocal count
        count += 1
        return Scorm2004LMS(package_zip, http_server, context, folder=f"lms2004-{count}")

    return make
