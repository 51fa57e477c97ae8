"""The import budget: which modules `--version`, `--help`, an unchanged and a first build load.

Guarded by what is in sys.modules (not by time): a heavy library imported on these paths again
costs tens of milliseconds on every run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from support.paths import REPO_ROOT
from typer.testing import CliRunner

from builder import __version__, fastpath
from builder.cli import app

HEAVY = {"typer", "pydantic", "jinja2", "markdown_it", "lxml", "yaml", "rich", "babel", "msgspec"}
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


def launch(args: list[str], env: dict[str, str] | None = None) -> tuple[int, str, set[str]]:
    """Run the console script's launcher in a fresh Python: exit status, stdout, modules."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=None if env is None else {**os.environ, **env},
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
        # A dataclass compiles its methods at import, and `dataclasses` loads `inspect`: the
        # fast path's records are named tuples (docs/startup.md, "Records").
        assert not {"dataclasses", "inspect"} & modules
        monkeypatch.setattr(fastpath, "RACY_NS", 0)
        assert fastpath.replay(args[1:]) is not None  # stamps the course


def test_a_build_to_do_runs_without_typer_and_any_doubt_with_it(
    course: Path, tmp_path: Path
) -> None:
    code, out, modules = launch(["build", str(course), "--out", str(tmp_path / "dist")])
    assert code == 0 and "wrote " in out and (tmp_path / "dist" / "course-scorm12.zip").is_file()
    assert "typer" not in outside_stdlib(modules)  # nor the pydantic its TypeAdapters load
    # One course is built in this process: no process pool (a tenth of a warm first build).
    assert not {"concurrent.futures", "multiprocessing"} & modules
    code, _, modules = launch(["build", str(tmp_path / "missing")])
    assert code == 2 and "typer" in outside_stdlib(modules)
    code, _, modules = launch(["build", str(course), "-t", "nope", "--out", str(tmp_path / "d")])
    assert code == 2 and "typer" in outside_stdlib(modules)


def test_a_cold_first_build_checks_the_sources_without_pydantic(
    course: Path, tmp_path: Path
) -> None:
    """An empty cache: the course's YAML is read and checked against the schema, which is
    msgspec's Structs walked by spec_check, not pydantic (its import alone is ~180 M
    instructions: docs/startup.md)."""
    cold = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    code, out, modules = launch(["build", str(course), "--out", str(tmp_path / "d")], cold)
    assert code == 0 and "wrote " in out
    assert {"builder.source.schema", "yaml", "markdown_it"} <= modules | outside_stdlib(modules)
    assert not outside_stdlib(modules) & {"pydantic", "pydantic_core", "annotated_types"}


def test_a_command_through_typer_loads_no_pydantic(course: Path) -> None:
    """validate, check, report and every subcommand's --help go through Typer: a Typer that
    builds pydantic TypeAdapters for its options would cost each of them ~0.4 s."""
    for args in (["validate", str(course)], ["build", "--help"], ["check", "--help"]):
        code, _, modules = launch(args)
        assert code == 0 and "typer" in outside_stdlib(modules), args
        assert not outside_stdlib(modules) & {"pydantic", "pydantic_core"}, args


def test_a_direct_build_prints_what_the_typer_command_prints(course: Path, tmp_path: Path) -> None:
    twin = tmp_path / "twin" / course.name
    shutil.copytree(course, twin)
    args = ["build", str(course), "-t", "scorm12", "-j", "1", "--out", str(tmp_path / "a")]
    code, direct, modules = launch(args)
    assert code == 0 and "typer" not in outside_stdlib(modules)
    typer_args = ["build", str(twin), "-t", "scorm12", "-j", "1", "--out", str(tmp_path / "b")]
    full = CliRunner().invoke(app, typer_args)
    assert full.exit_code == 0, full.output
    assert direct.replace(str(tmp_path / "a"), "OUT") == full.stdout.replace(
        str(tmp_path / "b"), "OUT"
    )
    for name in ("course-scorm12.zip", "course.build.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_a_warm_first_build_loads_only_what_it_renders_with(course: Path, tmp_path: Path) -> None:
    """The course comes from the loaded-course cache: no YAML, schema or Markdown parser; no
    Typer (nor the pydantic its option parsing loads), no Babel when no plural is printed."""
    assert launch(["build", str(course), "--out", str(tmp_path / "first")])[0] == 0
    code, out, modules = launch(["build", str(course), "--out", str(tmp_path / "fresh")])
    assert code == 0 and "wrote " in out
    loaded = outside_stdlib(modules)
    assert not loaded & {"typer", "pydantic", "pydantic_core", "yaml", "markdown_it", "babel"}
    assert not loaded & {"rich", "mdit_py_plugins", "annotated_types"}
    assert "jinja2" in loaded  # what the build does: render the pages and the manifest
    # the same package bytes were checked clean by the first build: no check, no lxml
    assert "lxml" not in loaded and "builder.check.package" not in modules
    assert "builder.source.schema" not in modules and "builder.source.markdown" not in modules
    # the brand blocks' markup check (an HTML parser) runs on a theme override's blocks alone
    assert "builder.render.brand_markup" not in modules and "html.parser" not in modules
    assert "importlib.metadata" not in modules  # the cache's library versions, read plainly
    assert "difflib" not in modules  # "did you mean" hints: only for a misspelt key
    assert "dataclasses" not in modules  # records are Structs, made in C
    # packages are written by the build's own zip writer: zipfile (and shutil, bz2, lzma it
    # loads) only for a ZIP64 package or a package-size warning
    assert "zipfile" not in modules
    assert "pkgutil" not in modules  # the targets are found by a folder listing


@pytest.mark.parametrize("force", [[], ["--force"]])  # without Typer, and through it
def test_a_closed_stdout_ends_the_build_as_click_does(
    course: Path, tmp_path: Path, force: list[str]
) -> None:
    """`coursebuild build … | head -0`: exit 1 quietly, as click's standalone mode does, never
    an internal error."""
    args = ["build", str(course), "--out", str(tmp_path / "dist"), *force]
    reader = subprocess.Popen(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None
    reader.stdout.close()
    _, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and "internal error" not in err and "Traceback" not in err
    assert json.loads(err.splitlines()[-1])[0] == 1
