"""Helpers for the theme-override tests: point a course at an override folder, write its files."""

from __future__ import annotations

from pathlib import Path


def use_theme(course: Path, folder: str = "theme") -> None:
    """Point course.yml's theme.custom_dir at `folder`."""
    spec = course / "course.yml"
    spec.write_text(
        spec.read_text(encoding="utf-8") + f"theme:\n  custom_dir: {folder}\n", encoding="utf-8"
    )


def write(path: Path, text: str) -> Path:
    """Write `text` to `path` as UTF-8, making its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
