"""The import budget: which modules `--version`, `--help` and an unchanged build load.

Guarded by what is in sys.modules (not by time): a heavy library imported on these paths again
costs tens of milliseconds on every run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from support.paths import REPO_ROOT
from typer.testing import CliRunner

from builder import __version__, fastpath
from builder.cli import app

HEAVY = {"typer", "pydantic", "jinja2", "markdown_it", "lxml", "yaml", "rich", "babel"}
PROBE = """
import json, sys
sys.argv = ["coursebuild", *json.loads(sys.argv[1])]
from builder.launch import main
try:
    main()
except SystemExit as stop:
    code = stop.code
print(json.dumps([code, sorted(sys.modules)]), file=sys.stderr)
"""


def launch(args: list[str]) -> tuple[int, str, set[str]]:
    """Run the console script's launcher in a fresh Python: exit status, stdout, modules."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    code, modules = json.loads(done.stderr.splitlines()[-1])
    return code or 0, done.stdout, set(modules)


def outside_stdlib(modules: set[str]) -> set[str]:
    """The top-level packages loaded that are not Python's own."""
    return {m.split(".")[0] for m in modules} - set(sys.stdlib_module_names) - {"__main__"}


def test_version_loads_only_the_standard_library() -> None:
    code, out, modules = launch(["--version"])
    assert (code, out) == (0, f"coursebuild {__version__}\n")
    assert outside_stdlib(modules) <= {"builder", "_distutils_hack"}
    assert {m for m in modules if m.startswith("builder")} == {"builder", "builder.launch"}
    assert "importlib.metadata" not in modules


def test_the_version_is_pyproject_s() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == __version__
    assert project["project"]["scripts"]["coursebuild"] == "builder.launch:main"


def test_help_is_typer_s_without_rich() -> None:
    code, out, modules = launch(["--help"])
    assert code == 0 and "Usage: coursebuild" in out and "build" in out and "validate" in out
    assert "typer" in outside_stdlib(modules)
    assert not outside_stdlib(modules) & (HEAVY - {"typer"})


def test_an_unchanged_build_loads_no_heavy_module(
    course: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["build", str(course), "--out", str(tmp_path / "dist")]
    built = CliRunner().invoke(app, args)
    assert built.exit_code == 0, built.output
    full = CliRunner().invoke(app, args).stdout
    assert full.startswith("unchanged course")
    # Judged by content hashes (no stamp yet: the files are seconds old), then by the stamp.
    for _ in range(2):
        code, out, modules = launch(args)
        assert (code, out) == (0, full)
        assert not outside_stdlib(modules) & HEAVY
        assert "importlib.metadata" not in modules
        monkeypatch.setattr(fastpath, "RACY_NS", 0)
        assert fastpath.replay(args[1:]) is not None  # stamps the course


def test_a_build_to_do_still_runs_the_full_command(course: Path, tmp_path: Path) -> None:
    code, out, _ = launch(["build", str(course), "--out", str(tmp_path / "dist")])
    assert code == 0 and "wrote " in out and (tmp_path / "dist" / "course-scorm12.zip").is_file()
    code, _, modules = launch(["build", str(tmp_path / "missing")])
    assert code == 2 and "typer" in outside_stdlib(modules)
