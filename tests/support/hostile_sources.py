"""Helpers for the hostile-value tests: run a command on a broken course, read its verdict."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app


@dataclass(frozen=True)
class Run:
    """What a command said: exit code, stderr (paths relative to the course's parent)."""

    exit_code: int
    stderr: str
    output: str
    out: Path


def run(command: str, *courses: Path) -> Run:
    """`coursebuild validate|build COURSE...`, with the output folder beside the first course."""
    parent = courses[0].parent
    out = parent / "dist"
    args = [command, *map(str, courses)]
    if command == "build":
        args += ["--out", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output, result.output
    return Run(result.exit_code, result.stderr.replace(f"{parent}/", ""), result.output, out)


def refused(course: Path, expected: str) -> Run:
    """Both `validate` and `build` fail with `expected` among their diagnostics; nothing written."""
    for command in ("validate", "build"):
        verdict = run(command, course)
        assert verdict.exit_code == 1, verdict.output
        assert expected in verdict.stderr, verdict.stderr
        assert not verdict.out.exists()
    return verdict


def refusal(course: Path, built_too: bool = True) -> str:
    """What `validate` says of a course it refuses (exit 1); with `built_too`, `build` refuses it
    alike, saying the same and writing nothing."""
    verdict = run("validate", course)
    assert verdict.exit_code == 1, verdict.stderr
    if built_too:
        built = refused(course, "error:").stderr
        assert built == verdict.stderr + "build failed: nothing written to dist/\n", built
    return verdict.stderr


def write(path: Path, text: str) -> None:
    """Write a source file as UTF-8."""
    path.write_text(text, encoding="utf-8")


def append(path: Path, text: str) -> None:
    """Add lines at the end of a source file."""
    write(path, path.read_text(encoding="utf-8") + text)
