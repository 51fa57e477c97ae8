"""Compiled templates in the user's cache: used between runs, never stale after a change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
from jinja2 import Environment, FileSystemLoader

from builder.render.compiled import bytecode_cache


def _env(folder: Path) -> Environment:
    cache = bytecode_cache()
    assert cache is not None
    return Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=cache)


@pytest.fixture
def theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "page.j2").write_text("one {{ x }}", encoding="utf-8")
    return folder


def _compiles(env: Environment, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the templates compiled from source (not loaded from the bytecode cache)."""
    compiled: list[str] = []
    original = env.compile

    def counting(source: str, *args: Any, **kwargs: Any) -> Any:
        compiled.append(source)
        return original(source, *args, **kwargs)

    monkeypatch.setattr(env, "compile", counting)
    return compiled


def test_a_second_run_loads_the_compiled_template(
    theme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _env(theme).get_template("page.j2").render(x=1) == "one 1"
    again = _env(theme)
    compiled = _compiles(again, monkeypatch)
    assert again.get_template("page.j2").render(x=2) == "one 2" and compiled == []


def test_an_edited_template_is_compiled_afresh(
    theme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(theme).get_template("page.j2")
    (theme / "page.j2").write_text("two {{ x }}", encoding="utf-8")
    again = _env(theme)
    compiled = _compiles(again, monkeypatch)
    assert again.get_template("page.j2").render(x=3) == "two 3" and len(compiled) == 1


def test_another_jinja2_version_never_reads_this_one_s_code(
    theme: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env(theme).get_template("page.j2")
    monkeypatch.setattr(jinja2, "__version__", "0.0.other")
    again = _env(theme)
    compiled = _compiles(again, monkeypatch)
    assert again.get_template("page.j2").render(x=4) == "one 4" and len(compiled) == 1
