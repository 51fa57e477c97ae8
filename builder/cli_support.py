"""What the commands in `cli` do besides parsing options: checks, reports, printing.

The stages a command drives are imported when it runs, so `--help`, `--version` and `validate`
load neither the renderer (Jinja2) nor the manifest writers (lxml) nor the xAPI library.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .cli_run import report as report

if TYPE_CHECKING:
    from .check.package import Report
    from .model import Course

UploadLimitOpt = Annotated[
    str | None,
    typer.Option(
        "--upload-limit",
        metavar="SIZE",
        help="The largest package the LMS takes, such as 500MB or 1.5GiB: a larger one is "
        "a package-size warning; none (or 0) for no limit. Default: "
        "$COURSEBUILD_UPLOAD_LIMIT, else 100MiB (Moodle's 100MB).",
        show_default=False,
    ),
]


def check_targets(names: list[str]) -> None:
    """Refuse a --target that no target module provides."""
    from .pipeline import ALL_TARGETS
    from .targets import available

    for name in names:
        if name != ALL_TARGETS and name not in available():
            raise typer.BadParameter(
                f"unknown target '{name}'; expected one of: "
                f"{', '.join([*sorted(available()), ALL_TARGETS])}",
                param_hint="--target",
            )


def folder_option(value: str | Path) -> Path:
    """An --out folder; an empty one is refused, never taken for the current folder."""
    if not str(value):
        raise typer.BadParameter("expected a folder, such as dist; found nothing")
    return Path(value)


def check_epoch() -> None:
    """Stop with status 2 on a bad SOURCE_DATE_EPOCH; print its warning, if any."""
    from .output.archive import EpochError, source_date_epoch

    try:
        epoch = source_date_epoch()
    except EpochError as error:
        typer.echo(f"coursebuild: error: {error}", err=True)
        raise typer.Exit(2) from None
    if epoch.warning:
        typer.echo(f"coursebuild: warning: {epoch.warning}", err=True)


def upload_limit(given: str | None) -> int:
    """The --upload-limit (else $COURSEBUILD_UPLOAD_LIMIT) in bytes, 0 for none, or a usage
    error saying what is expected."""
    from .output.upload_limit import DEFAULT_LIMIT, limit_text, parse_limit

    written = limit_text(given)
    if written is None:
        return DEFAULT_LIMIT
    try:
        return parse_limit(written[0])
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint=written[1]) from None


def check_audit_sources(sources: list[Path]) -> None:
    """Refuse a file given to `audit` that is not a .zip package."""
    for source in sources:
        if source.is_file() and source.suffix != ".zip":
            raise typer.BadParameter(
                f"'{source.as_posix()}' is a file but not a package; expected a course folder, "
                "a folder of courses or a .zip package",
                param_hint="SOURCES",
            )


def parse_agent(actor: str | None) -> dict[str, Any] | None:
    """The --actor option as an xAPI Agent, or None when not given."""
    from .xapi.agent import parse_actor

    if actor is None:
        return None
    try:
        return parse_actor(actor)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--actor") from None


def parse_registration(registration: str | None) -> str | None:
    """The --registration option as a canonical UUID, or None when not given."""
    if registration is None:
        return None
    try:
        return str(uuid.UUID(registration))
    except ValueError:
        raise typer.BadParameter(
            f"'{registration}' is not a UUID", param_hint="--registration"
        ) from None


def check_language(courses: list[Course], lang: str | None) -> None:
    """Refuse a --lang that one of the courses does not have."""
    if lang is None:
        return
    for course in courses:
        if lang not in course.languages:
            raise typer.BadParameter(
                f"course '{course.slug}' has no language '{lang}'; expected one of: "
                f"{', '.join(course.languages)}",
                param_hint="--lang",
            )


def print_json(items: list[dict[str, Any]], as_array: bool) -> None:
    """Print items as one indented JSON array, or one JSON object per line."""
    if as_array:
        typer.echo(json.dumps(items, indent=2, ensure_ascii=False))
    else:
        for item in items:
            typer.echo(json.dumps(item, ensure_ascii=False))


def check_packages(packages: list[Path], max_size: str) -> list[Report]:
    """Check each package zip; a usage error for a bad --max-size or a path not a file (which
    checks nothing); a file that cannot be read is an error of its own, the others checked."""
    from .check.package import READ_FROM_END, ZIP, PackageError, check_path, unopened
    from .check.zip import Limits, parse_size
    from .file_kind import not_a_file

    try:
        limits = Limits(max_total=parse_size(max_size))
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--max-size") from None
    for path in packages:
        if (problem := not_a_file(path, ZIP, READ_FROM_END)) is not None:
            raise typer.BadParameter(problem, param_hint="PACKAGE.zip")
    reports = []
    for path in packages:
        try:
            reports.append(check_path(path, limits))
        except PackageError as error:  # removed while the others were checked
            reports.append(unopened(path.as_posix(), "package-unreadable", str(error)))
    return reports


def report_checks(reports: list[Report], json_output: bool, strict: bool) -> None:
    """Print check reports as text or one JSON document; exit 1 when one failed."""
    from .check.package import format_summary, to_json

    if json_output:
        typer.echo(json.dumps(to_json(reports, strict), indent=2, ensure_ascii=False))
    else:
        for one in reports:
            for finding in one.findings:
                typer.echo(finding.format(one.package))
            typer.echo(format_summary(one))
        if len(reports) > 1:
            failed = sum(1 for r in reports if r.failed(strict))
            typer.echo(f"checked {len(reports)} packages: {failed} with problems to fix")
    if any(r.failed(strict) for r in reports):
        raise typer.Exit(1)
