"""What `coursebuild report` does besides parsing options: checks, the run, its messages."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .file_kind import is_stream, not_a_file

if TYPE_CHECKING:
    from .report.course import CourseInfo
    from .report.run import Request

AUTH_VARIABLE = "COURSEBUILD_LRS_AUTH"

SourceArg = Annotated[
    Path,
    typer.Argument(
        help="A course folder, or the <course>-xapi-activities.json its build wrote.",
        exists=True,
        metavar="SOURCE",
        show_default=False,
    ),
]
StatementsOpt = Annotated[
    str | None,
    typer.Option(
        "--statements", help="Statements: a JSON array or JSON lines file, or - for stdin."
    ),
]
LrsOpt = Annotated[
    str | None, typer.Option("--lrs", help="Read the statements from this LRS's xAPI endpoint.")
]
AuthOpt = Annotated[
    str | None,
    typer.Option("--auth", help="USER:PASS for the LRS (Basic). Default: $COURSEBUILD_LRS_AUTH."),
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Only statements stored after this time.")
]
UntilOpt = Annotated[
    str | None, typer.Option("--until", help="Only statements stored up to this time.")
]
LangOpt = Annotated[
    str | None, typer.Option("--lang", help="Language of the page. Default: the course's first.")
]
LearnersOpt = Annotated[
    bool, typer.Option("--learners", help="List learners (by a hash of their identifier).")
]
MinGroupOpt = Annotated[
    int, typer.Option("--min-group", min=1, help="Smaller groups of learners are shown as <N.")
]


def parse_moment(text: str | None, option: str) -> tuple[float | None, str | None]:
    """--since/--until: a date or an ISO 8601 time (UTC when it has no offset), as seconds
    since the epoch and as the UTC timestamp an LRS is sent [xAPI 1.0.3 Part Three §2.1.3]."""
    if text is None:
        return None, None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"'{text}' is not a date or time; expected e.g. 2026-01-31 or 2026-01-31T12:00:00Z",
            param_hint=option,
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    utc = when.astimezone(UTC)
    return utc.timestamp(), utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def check_period(start: float | None, end: float | None, since: str | None) -> None:
    """Refuse an --until that is not after --since: the period would hold no statement."""
    if start is not None and end is not None and end <= start:
        raise typer.BadParameter(f"expected a time after --since ({since})", param_hint="--until")


def check_input(statements: str | None, lrs: str | None, auth: str | None) -> str | None:
    """Exactly one of --statements and --lrs; the Basic auth (option, else the environment)."""
    if (statements is None) == (lrs is None):
        raise typer.BadParameter(
            "give exactly one of --statements FILE (or - for stdin) and --lrs ENDPOINT",
            param_hint="--statements/--lrs",
        )
    if lrs is None:
        if auth is not None:
            raise typer.BadParameter("--auth goes with --lrs only", param_hint="--auth")
        if statements != "-" and not is_stream(path := Path(str(statements))):
            expected = "a JSON array or JSON lines file, or - for stdin"
            if (problem := not_a_file(path, expected)) is not None:
                raise typer.BadParameter(problem, param_hint="--statements")
        return None
    from .report.lrs_address import check_endpoint

    if (problem := check_endpoint(lrs)) is not None:
        raise typer.BadParameter(problem, param_hint="--lrs")
    auth = auth if auth is not None else os.environ.get(AUTH_VARIABLE) or None
    if auth is not None and ":" not in auth:
        raise typer.BadParameter(
            f"expected USER:PASS (from --auth or ${AUTH_VARIABLE})", param_hint="--auth"
        )
    return auth


def load_course(source: Path) -> CourseInfo:
    """The course of SOURCE: a course folder (loaded and checked) or an activities file."""
    from .report.course import CourseError, from_document, load_source

    if source.is_file():
        try:
            return load_source(source)
        except CourseError as error:  # it says where: file[:line:col]: error: ...
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
    from .cli_run import report
    from .pipeline import validate
    from .xapi.activities import activities_document

    outcome = validate([source])
    report(outcome)
    if outcome.failed:
        raise typer.Exit(1)
    if len(outcome.courses) != 1:
        raise typer.BadParameter(
            f"'{source.as_posix()}' holds {len(outcome.courses)} courses; expected one course "
            "folder or its xapi-activities.json",
            param_hint="SOURCE",
        )
    return from_document(activities_document(outcome.courses[0]), source.name)


def check_lang(info: CourseInfo, lang: str | None) -> str:
    """The page's language: --lang if the course has it, else the course's first."""
    if lang is None:
        return info.languages[0]
    if lang not in info.languages:
        raise typer.BadParameter(
            f"the course has no language '{lang}'; expected one of: {', '.join(info.languages)}",
            param_hint="--lang",
        )
    return lang


def write(info: CourseInfo, request: Request) -> None:
    """Compute and write the report; exit 1, with nothing written, when that fails."""
    from .report.output import OutputError
    from .report.read import InputError
    from .report.run import run

    try:
        report = run(info, request)
    except (InputError, OutputError) as error:
        where = error.where if isinstance(error, InputError) else "coursebuild"
        typer.echo(f"{where}: error: {error}; no report written", err=True)
        raise typer.Exit(1) from None
    counts = report["input"]
    typer.echo(
        f"read {counts['read']:,} statements: {counts['used']:,} used, "
        f"{counts['other_courses']:,} of other courses, {counts['voided']:,} voided, "
        f"{counts['duplicates']:,} duplicates, {counts['malformed']:,} malformed, "
        f"{counts['outside_period']:,} outside the period"
    )
    typer.echo(f"wrote {request.out.as_posix()}/ (report.json, index.html, CSV tables)")
