"""Shared fixtures: a local web server, Debian's Chromium, and a SCORM 1.2 LMS harness.

See ``tests/support/lms.py`` for how a test drives the harness.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Make ``support`` importable however pytest is started (``tests/`` is not a package).
_TESTS = str(Path(__file__).resolve().parent)
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright  # noqa: E402
from support.lms import (  # noqa: E402
    ChromiumMissing,
    Scorm12LMS,
    StaticServer,
    guard_network,
    launch_chromium,
)
from support.paths import REPO_ROOT  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The run's own cache folder (compiled templates, loaded courses), shared by every test
    and the processes they start, so that a test run never fills the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[StaticServer]:
    """A threaded web server on 127.0.0.1 (free port) serving ``tmp_path / "www"``."""
    server = StaticServer(tmp_path / "www")
    yield server
    server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, hermetic. Fails (never skips) when chromium is missing."""
    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as exc:
            pytest.fail(str(exc), pytrace=False)
        yield browser
        browser.close()


@pytest.fixture
def blocked_requests() -> list[str]:
    """URLs the ``context`` fixture refused because they were not on 127.0.0.1."""
    return []


@pytest.fixture
def context(browser: Browser, blocked_requests: list[str]) -> Iterator[BrowserContext]:
    """A fresh browser context per test; requests beyond 127.0.0.1 are aborted and recorded.

    Its language is en-CA whatever the machine's: a course without an LMS language preference
    starts in the browser's language.
    """
    ctx = browser.new_context(service_workers="block", locale="en-CA")
    guard_network(ctx, blocked_requests)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def scorm12_lms(http_server: StaticServer, context: BrowserContext) -> Callable[[Path], Scorm12LMS]:
    """``lms = scorm12_lms(zip_path)``: a SCORM 1.2 LMS (scorm-again) serving one package.

    ``lms.launch()``, ``lms.launch(cmi)``, ``lms.launch(api=False)``, ``lms.relaunch()``
    return an ``LMSSession``; see ``tests/support/lms.py``.
    """
    count = 0

    def make(package_zip: Path) -> Scorm12LMS:
        nonlocal count
        count += 1
        return Scorm12LMS(package_zip, http_server, context, folder=f"lms-{count}")

    return make
