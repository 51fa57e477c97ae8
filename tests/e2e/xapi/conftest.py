"""Fixtures for the xAPI tests: a real Ralph LRS (``lrs``) and a way to start more of them.

Ralph runs from ``.venv-ralph`` (``scripts/setup-ralph.sh``). When it is missing the tests
fail, with the command that fixes it: they never skip.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

# Make ``support`` importable however pytest is started (``tests/`` is not a package).
_TESTS = str(Path(__file__).resolve().parents[2])
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from support.lms import extract_package  # noqa: E402
from support.lrs import RalphLRS, start_or_fail  # noqa: E402
from support.lrs_front import LRSFront  # noqa: E402
from support.web import StaticServer  # noqa: E402

# The session LRS allows this origin, so CORS can be checked without a browser.
TEST_ORIGIN = "http://127.0.0.1:8765"


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RalphLRS]:
    """One Ralph for the session: ``lrs.endpoint``, ``lrs.auth`` (the Basic header value),
    ``lrs.post(...)``, ``lrs.statements(registration=...)``. Statements pile up across tests,
    so query by a registration of your own."""
    server = start_or_fail(tmp_path_factory.mktemp("ralph"), [TEST_ORIGIN])
    yield server
    server.stop()


@pytest.fixture
def start_lrs(tmp_path: Path) -> Iterator[Callable[..., RalphLRS]]:
    """``start_lrs(cors_origins=[...])``: a fresh Ralph of your own, stopped after the test."""
    started: list[RalphLRS] = []

    def start(cors_origins: Iterable[str] = ()) -> RalphLRS:
        server = start_or_fail(tmp_path / f"ralph-{len(started)}", cors_origins)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


# --- the runtime in a browser (test_xapi_runtime.py, test_cmi5_runtime.py) --------------------

SEEDS = Path(__file__).resolve().parents[3] / "course_src"


@pytest.fixture(scope="session")
def runtime_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seed courses built for xapi and cmi5 (plus their activities files), once."""
    from builder.pipeline import build

    out = tmp_path_factory.mktemp("xapi-dist")
    outcome = build([SEEDS], ["xapi", "cmi5"], out)
    assert not outcome.failed, outcome.diagnostics
    return out


@pytest.fixture(scope="session")
def runtime_site(
    tmp_path_factory: pytest.TempPathFactory, runtime_packages: Path
) -> Iterator[StaticServer]:
    """A web server on 127.0.0.1 with every built package extracted under ``<zip stem>/``."""
    server = StaticServer(tmp_path_factory.mktemp("xapi-www"))
    for package in sorted(runtime_packages.glob("*.zip")):
        extract_package(package, server.root / package.stem)
    (server.root / "blank.html").write_text("<!DOCTYPE html><title>blank</title>\n")
    yield server
    server.close()


@pytest.fixture(scope="session")
def runtime_lrs(
    tmp_path_factory: pytest.TempPathFactory, runtime_site: StaticServer
) -> Iterator[RalphLRS]:
    """A Ralph that lets the package's origin (exactly) call it from the browser."""
    server = start_or_fail(tmp_path_factory.mktemp("ralph-runtime"), [runtime_site.url.rstrip("/")])
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lms_front(
    tmp_path_factory: pytest.TempPathFactory, runtime_packages: Path, runtime_lrs: RalphLRS
) -> Iterator[LRSFront]:
    """An LMS on 127.0.0.1: the packages under ``/content/``, cmi5 ``fetch`` URLs, State and
    Agent Profile documents, and statements forwarded to Ralph (``support/lrs_front.py``)."""
    front = LRSFront(tmp_path_factory.mktemp("lms-front"), runtime_lrs)
    for package in sorted(runtime_packages.glob("*.zip")):
        extract_package(package, front.root / package.stem)
    (front.root / "returned.html").write_text("<!DOCTYPE html><title>LMS</title>\n")
    yield front
    front.close()
