"""Question texts are placed in their YAML file without splitting the file once per text: only a
diagnostic to place splits it, once per file."""

from __future__ import annotations

from pathlib import Path

from support.hostile_sources import run

from builder.diagnostics import Diagnostics
from builder.source import scalar_map
from builder.source.course import load_course

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"


def test_a_course_without_diagnostics_splits_no_yaml_file_into_lines() -> None:
    scalar_map.line_starts.cache_clear()
    diagnostics = Diagnostics()
    load_course(SEED, diagnostics)
    assert len(diagnostics) == 0, [d.format() for d in diagnostics]
    assert scalar_map.line_starts.cache_info().misses == 0


def test_diagnostics_in_one_file_split_it_once(course: Path) -> None:
    quiz = course / "assessments/quiz.yml"
    text = quiz.read_text(encoding="utf-8")
    for old in ("Yes.}", "No.}", "Right.", "Over 94%."):
        text = text.replace(old, "'[x](javascript:y)'" + ("}" if old.endswith("}") else ""), 1)
    quiz.write_text(text, encoding="utf-8")
    scalar_map.line_starts.cache_clear()
    assert run("validate", course).stderr.count("[unsafe-link]") == 4
    assert scalar_map.line_starts.cache_info().misses == 1
