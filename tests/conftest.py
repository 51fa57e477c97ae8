"""Shared fixtures: the seed courses built once, a local web server, Debian's Chromium, and the
SCORM 1.2 and 2004 LMS harnesses.

See ``tests/support/lms.py`` and ``tests/support/lms2004.py`` for how a test drives them.
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
from support.lms import Scorm12LMS  # noqa: E402
from support.lms2004 import Scorm2004LMS  # noqa: E402
from support.paths import REPO_ROOT  # noqa: E402
from support.web import ChromiumMissing, StaticServer, guard_network, launch_chromium  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from builder.cli import app  # noqa: E402

# `course`, `bilingual`, `edit`: scratch copies of the fixture courses, for every folder.
pytest_plugins = ["support.course_fixtures"]


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


@pytest.fixture(scope="session")
def seed_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seed courses built from ``course_src/`` for every target they list, as `make build`
    does, once per test session: ``<slug>-scorm12.zip``, ``<slug>-scorm2004.zip``..."""
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(app, ["build", str(REPO_ROOT / "course_src"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


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
