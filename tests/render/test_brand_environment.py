"""The brand blocks' sandbox is made once per distinct set of templates, not once per course,
and its compiled templates are kept between runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import SandboxedEnvironment

from builder.pipeline import validate
from builder.render.brand import _shared_environment, render_brand
from builder.render.view import course_view, mark_safe

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"


def _seed_view() -> dict[str, Any]:
    outcome = validate([SEED])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    view: dict[str, Any] = mark_safe(course_view(course))
    return view


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per template a sandbox compiles from source (not loaded from the cache)."""
    compiled: list[int] = []
    original = SandboxedEnvironment.compile

    def counting(self: SandboxedEnvironment, *args: Any, **kwargs: Any) -> Any:
        compiled.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SandboxedEnvironment, "compile", counting)
    _shared_environment.cache_clear()
    return compiled


def test_courses_without_overrides_share_one_compiled_brand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # nothing compiled yet
    view = _seed_view()
    compiled = _compiles(monkeypatch)
    first = render_brand(view)
    after_first = len(compiled)
    second = render_brand(view)
    assert after_first > 0
    assert len(compiled) == after_first, "the second course compiled the brand templates again"
    assert first == second


def test_the_compiled_brand_is_kept_between_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    view = _seed_view()
    compiled = _compiles(monkeypatch)
    first = render_brand(view)
    assert compiled, "an empty cache compiles the brand"
    compiled.clear()
    _shared_environment.cache_clear()  # as a new process: no environment in memory
    assert render_brand(view) == first
    assert compiled == [], "the next run compiled the brand again instead of loading it"
    assert list((tmp_path / "cache" / "coursebuild" / "jinja").rglob("sandbox/*"))
