"""Course fixtures for every test folder: scratch copies of the minimal and bilingual courses."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A fresh, editable copy of tests/fixtures/minimal named `course`."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "minimal", target)
    return target


@pytest.fixture
def bilingual(tmp_path: Path) -> Path:
    """A fresh, editable copy of tests/fixtures/bilingual (English and French) named `course`."""
    target = tmp_path / "course"
    shutil.copytree(FIXTURES / "bilingual", target)
    return target


def replace(path: Path, old: str, new: str) -> None:
    """Replace the first `old` by `new` in `path`, failing loudly when `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def edit() -> Callable[[Path, str, str], None]:
    """Replace text in a file, failing loudly when the text is not there."""
    return replace


def add_questions(quiz: Path, questions: str) -> None:
    """Add YAML list items to an assessment's `questions:`, before any key that follows it."""
    lines = quiz.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("questions:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "-", "\n", "#")),
        len(lines),
    )
    lines.insert(end, questions if questions.endswith("\n") else questions + "\n")
    quiz.write_text("".join(lines), encoding="utf-8")
