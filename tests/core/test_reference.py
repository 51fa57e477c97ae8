"""docs/reference.md is generated from the source schema, and kept in step with it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
from msgspec import Meta, Struct
from support.paths import REPO_ROOT

from builder import reference
from builder.source.schema import AssessmentSpec, CourseSpec, PageFront, QuestionSpec
from builder.source.spec_check import struct_fields


def test_the_reference_is_up_to_date() -> None:
    shown = (REPO_ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert shown == reference.render(), (
        "run: .venv/bin/python -m builder.reference > docs/reference.md"
    )


def test_every_key_is_listed_with_a_description() -> None:
    text = reference.render()
    for model in (CourseSpec, PageFront, AssessmentSpec, QuestionSpec):
        for name, field in struct_fields(model).items():
            assert reference._description(field.type), f"{model.__name__}.{name} has no description"
            assert f"| `{name}` |" in text
    for key in ("completion.video", "max_length", "choices[].correct", "xapi.endpoint"):
        assert f"| `{key}` |" in text
    assert "I watched the video or read its transcript" in text


class LookSpec(Struct, kw_only=True):
    accent: Annotated[str, Meta(description="The accent colour.")] = "#26374a"


class Extended(CourseSpec, frozen=True, kw_only=True):
    look: Annotated[LookSpec | None, Meta(description="The course's look.")] = None


def test_a_new_field_appears_by_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "ROOTS", (("course.yml", "", Extended),))
    text = reference.render()
    assert "| `look` | a mapping (keys below) | — | The course's look. |" in text
    assert "| `look.accent` | text | `#26374a` | The accent colour. |" in text


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
