"""The coursebuild command line: thin commands over the pipeline, one error boundary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__

if TYPE_CHECKING:
    from .pipeline import Outcome

app = typer.Typer(
    name="coursebuild",
    help="Compile plain-text courses into packages any LMS can import and track.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

SourcesArg = Annotated[
    list[Path],
    typer.Argument(
        help="Course folders, or folders of courses such as course_src/.",
        exists=True,
        file_okay=False,
        show_default=False,
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coursebuild {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Compile plain-text courses into SCORM packages any LMS can import and track."""


def _report(outcome: Outcome) -> None:
    for diagnostic in outcome.diagnostics:
        typer.echo(diagnostic.format(), err=True)
    errors = sum(1 for d in outcome.diagnostics if d.severity.value == "error")
    warnings = len(outcome.diagnostics) - errors
    if outcome.diagnostics:
        typer.echo(f"{errors} error(s), {warnings} warning(s)", err=True)


@app.command()
def build(
    sources: SourcesArg,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            help="Target to build (repeatable): scorm12, or 'all' for every target "
            "the course declares. Default: the course's targets.",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("dist"),
    strict: StrictOpt = False,
) -> None:
    """Build courses into packages in the output folder (all of them, or nothing)."""
    from .pipeline import ALL_TARGETS
    from .pipeline import build as run_build
    from .targets import available

    for name in target or []:
        if name != ALL_TARGETS and name not in available():
            raise typer.BadParameter(
                f"unknown target '{name}'; expected one of: "
                f"{', '.join([*sorted(available()), ALL_TARGETS])}",
                param_hint="--target",
            )
    outcome = run_build(sources, target or [], out, strict)
    _report(outcome)
    if outcome.failed:
        typer.echo(f"build failed: nothing written to {out.as_posix()}/", err=True)
        raise typer.Exit(1)
    for package in outcome.packages:
        typer.echo(
            f"wrote {(out / package.file_name).as_posix()} ({len(package.data):,} bytes; "
            f"runtime {package.runtime_bytes:,} bytes)"
        )
    for course in outcome.courses:
        typer.echo(f"wrote {(out / f'{course.slug}.build.json').as_posix()}")


@app.command()
def validate(sources: SourcesArg, strict: StrictOpt = False) -> None:
    """Check courses without writing anything."""
    from .pipeline import validate as run_validate

    outcome = run_validate(sources, strict)
    _report(outcome)
    if outcome.failed:
        raise typer.Exit(1)
    for course in outcome.courses:
        typer.echo(
            f"ok {course.slug} ({len(course.modules)} modules, {', '.join(course.languages)})"
        )


def main() -> None:
    """Entry point: run the app; any unexpected exception is a bug, said plainly."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
