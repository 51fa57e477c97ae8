"""`coursebuild --help` replayed: Typer's text, served only while nothing that shapes it changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_startup import launch, outside_stdlib

from builder import cli_help

TYPER_HELP = (
    "import sys; sys.argv = ['coursebuild', '--help']; from builder.cli import main; main()"
)


def typer_help(env: dict[str, str]) -> str:
    """What the Typer command line itself prints for --help, in a fresh Python."""
    done = subprocess.run(
        [sys.executable, "-c", TYPER_HELP],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, **env},
    )
    return done.stdout


def test_help_is_replayed_without_typer_and_equals_typer_s(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "100"}
    code, first, modules = launch(["--help"], env)
    assert code == 0 and "typer" in outside_stdlib(modules)  # nothing kept yet
    code, again, modules = launch(["--help"], env)
    assert code == 0 and outside_stdlib(modules) <= {"builder", "_distutils_hack"}
    assert again == first == typer_help(env)
    assert "Usage: coursebuild" in again


def test_another_terminal_width_is_typer_s_again(tmp_path: Path) -> None:
    wide = {"XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "100"}
    launch(["--help"], wide)
    narrow = {**wide, "COLUMNS": "60"}
    code, text, modules = launch(["--help"], narrow)
    assert code == 0 and "typer" in outside_stdlib(modules)
    assert text == typer_help(narrow) != typer_help(wide)


def test_shell_completion_is_never_replayed(tmp_path: Path) -> None:
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    launch(["--help"], env)
    _, _, modules = launch(["--help"], {**env, "_COURSEBUILD_COMPLETE": "bash_source"})
    assert "typer" in outside_stdlib(modules)


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    """A replay kept for the current key, with the tool's and Typer's files in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name in ("cli", "typer"):
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "sub" / "module.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cli_help, "_cli_dir", lambda: str(tmp_path / "cli"))
    monkeypatch.setattr(cli_help, "_typer_dir", lambda: str(tmp_path / "typer"))
    key = cli_help.key()
    assert key is not None
    cli_help.keep(key, "Usage: coursebuild\n")
    assert cli_help.replay(cli_help.key()) == "Usage: coursebuild\n"
    return key


@pytest.mark.parametrize("name", cli_help._ENV)
def test_each_variable_that_shapes_help_invalidates(
    kept: tuple[object, ...], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, "other-value")
    assert cli_help.replay(cli_help.key()) is None


@pytest.mark.parametrize("folder", ["cli", "typer"])
def test_a_changed_module_invalidates(
    kept: tuple[object, ...], folder: str, tmp_path: Path
) -> None:
    module = tmp_path / folder / "sub" / "module.py"
    module.write_text("x = 22\n", encoding="utf-8")  # another size; a new file would do too
    assert cli_help.replay(cli_help.key()) is None


def test_a_touched_module_invalidates(kept: tuple[object, ...], tmp_path: Path) -> None:
    module = tmp_path / "cli" / "sub" / "module.py"
    stat = module.stat()
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cli_help.replay(cli_help.key()) is None


@pytest.mark.parametrize(
    ("owner", "name", "value"),
    [
        (cli_help, "__version__", "0.0.0-other"),
        (sys, "argv", ["other-name"]),
        (sys, "version", "0"),
    ],
)
def test_another_version_program_or_python_invalidates(
    kept: tuple[object, ...],
    monkeypatch: pytest.MonkeyPatch,
    owner: object,
    name: str,
    value: object,
) -> None:
    monkeypatch.setattr(owner, name, value)
    assert cli_help.replay(cli_help.key()) is None


def test_a_damaged_entry_is_a_miss(kept: tuple[object, ...]) -> None:
    Path(cli_help.entry_path()).write_bytes(b"\x00not marshal")
    assert cli_help.replay(kept) is None
