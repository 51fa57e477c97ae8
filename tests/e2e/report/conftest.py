"""The report's cohort (``support/report_cohort.py``), taken once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser
from support.report_cohort import Cohort, cohort_taken


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[Cohort]:
    """Build, start Ralph and the LMS, and let every scripted learner take their course."""
    with cohort_taken(tmp_path_factory.mktemp("report-cohort"), browser) as taken:
        yield taken
