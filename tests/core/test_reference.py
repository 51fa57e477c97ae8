"""docs/reference.md is generated from the source schema, and kept in step with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel, Field
from support.paths import REPO_ROOT

from builder import reference
from builder.source.schema import AssessmentSpec, CourseSpec, PageFront, QuestionSpec


def test_the_reference_is_up_to_date() -> None:
    shown = (REPO_ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert shown == reference.render(), (
        "run: .venv/bin/python -m builder.reference > docs/reference.md"
    )


def test_every_key_is_listed_with_a_description() -> None:
    text = reference.render()
    for model in (CourseSpec, PageFront, AssessmentSpec, QuestionSpec):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
            assert f"| `{name}` |" in text
    for key in ("completion.video", "max_length", "choices[].correct", "xapi.endpoint"):
        assert f"| `{key}` |" in text
    assert "I watched the video or read its transcript" in text


def test_a_new_field_appears_by_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    class ThemeSpec(BaseModel):
        accent: str = Field(default="#26374a", description="The accent colour.")

    class Extended(CourseSpec):
        theme: ThemeSpec | None = Field(default=None, description="The course's look.")

    monkeypatch.setattr(reference, "ROOTS", (("course.yml", "", Extended),))
    text = reference.render()
    assert "| `theme` | a mapping (keys below) | — | The course's look. |" in text
    assert "| `theme.accent` | text | `#26374a` | The accent colour. |" in text


def test_the_module_prints_the_reference() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "builder.reference"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == reference.render()


def test_the_command_reference_is_up_to_date(tmp_path: Path) -> None:
    """docs/commands.md is Typer's own Markdown of the command line: every command and option."""
    written = tmp_path / "commands.md"
    typer_docs = [sys.executable, "-m", "typer", "builder.cli", "utils", "docs"]
    subprocess.run(
        [
            *typer_docs,
            "--name",
            "coursebuild",
            "--title",
            "Command reference",
            "--output",
            str(written),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        check=True,
    )
    made = written.read_text(encoding="utf-8")
    assert (REPO_ROOT / "docs" / "commands.md").read_text(encoding="utf-8") == made, (
        "run: make docs"
    )
    for command in ("build", "validate", "check", "preview", "audit", "statements", "report"):
        assert f"## `coursebuild {command}`" in made
    assert "* `--min-group <int range>`:" in made
