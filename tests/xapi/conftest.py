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
_TESTS = str(Path(__file__).resolve().parents[1])
if _TESTS not in sys.path:
    sys.path.insert(0, _TESTS)

from support.lrs import RalphLRS, RalphUnavailable  # noqa: E402

# The session LRS allows this origin, so CORS can be checked without a browser.
TEST_ORIGIN = "http://127.0.0.1:8765"


def _start(workdir: Path, cors_origins: Iterable[str]) -> RalphLRS:
    try:
        return RalphLRS.start(workdir, cors_origins=cors_origins)
    except RalphUnavailable as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RalphLRS]:
    """One Ralph for the session: ``lrs.endpoint``, ``lrs.auth`` (the Basic header value),
    ``lrs.post(...)``, ``lrs.statements(registration=...)``. Statements pile up across tests,
    so query by a registration of your own."""
    server = _start(tmp_path_factory.mktemp("ralph"), [TEST_ORIGIN])
    yield server
    server.stop()


@pytest.fixture
def start_lrs(tmp_path: Path) -> Iterator[Callable[..., RalphLRS]]:
    """``start_lrs(cors_origins=[...])``: a fresh Ralph of your own, stopped after the test."""
    started: list[RalphLRS] = []

    def start(cors_origins: Iterable[str] = ()) -> RalphLRS:
        server = _start(tmp_path / f"ralph-{len(started)}", cors_origins)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
