"""What the report's read-error tests share: a folder with a course's activities file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.report_statements import ACTIVITIES


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the course's activities file, made the current folder (short names)."""
    (tmp_path / "c-xapi-activities.json").write_text(json.dumps(ACTIVITIES))
    monkeypatch.chdir(tmp_path)
    return tmp_path
