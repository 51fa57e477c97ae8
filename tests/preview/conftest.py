"""The preview tests' fixtures: a copy of the seed course, and a preview served in-process."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.preview_process import SEED
from support.preview_server import Running

from builder.preview.app import Preview
from builder.preview.server import bind


@pytest.fixture
def course(tmp_path: Path) -> Path:
    target = tmp_path / "navigating-social-media"
    shutil.copytree(SEED, target, ignore=shutil.ignore_patterns(".coursebuild"))
    return target


@pytest.fixture
def serve(course: Path) -> Iterator[Callable[..., Running]]:
    started: list[Running] = []

    def start(folder: Path = course) -> Running:
        said: list[tuple[str, bool]] = []
        preview = Preview(folder, "scorm12", lambda text, err: said.append((text, err)))
        server, port = bind(0)
        server.preview = preview
        preview.rebuild()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}).start()
        running = Running(preview, server, port, said)
        started.append(running)
        return running

    yield start
    for running in started:
        running.server.shutdown()
        running.server.server_close()
        running.preview.close()
