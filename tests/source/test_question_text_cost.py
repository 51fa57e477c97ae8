"""Question texts are placed in their YAML file without splitting the file once per text."""

from __future__ import annotations

from pathlib import Path

from builder.diagnostics import Diagnostics
from builder.source import qtext
from builder.source.course import load_course

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"


def test_each_yaml_file_is_split_into_lines_once() -> None:
    qtext._lines.cache_clear()
    load_course(SEED, Diagnostics())
    info = qtext._lines.cache_info()
    yaml_files = len(list((SEED / "assessments").glob("*.yml")))
    assert info.misses <= yaml_files
    assert info.hits > 50  # every choice and feedback, in both languages
