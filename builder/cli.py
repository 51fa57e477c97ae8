"""The coursebuild command line: thin commands over the pipeline, one error boundary.

Each command imports what it drives when it runs: `--help` and `--version` load none of it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from . import cli_report as rep
from . import cli_support as support
from .preview.profiles import LmsProfile

app = typer.Typer(
    name="coursebuild",
    help="Compile plain-text courses into packages any LMS can import and track.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: rich (and the Markdown parser it loads) cost ~100 ms
    pretty_exceptions_enable=False,
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


@app.command()
def build(
    sources: SourcesArg,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            help="Target to build (repeatable): scorm12, scorm2004, xapi, cmi5, or 'all' for "
            "every target the course declares. Default: the course's targets.",
        ),
    ] = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", parser=support.folder_option, metavar="<path>", help="Output folder."
        ),
    ] = Path("dist"),
    strict: StrictOpt = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Courses built in parallel. Default: the cores."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild courses whose sources have not changed.")
    ] = False,
    split_languages: Annotated[
        bool,
        typer.Option(
            "--split-languages",
            help="One package per language (<course>-<lang>-<target>.zip) instead of one "
            "bilingual package with a language toggle.",
        ),
    ] = False,
    debug_runtime: Annotated[
        bool,
        typer.Option(
            "--debug-runtime",
            help="Ship the runtime readable, each module under its name (for support), "
            "instead of minified.",
        ),
    ] = False,
    upload_limit: support.UploadLimitOpt = None,
) -> None:
    """Build courses into packages in the output folder (all of them, or nothing)."""
    from .cli_run import run_build

    support.check_targets(target or [])
    support.check_epoch()
    limit = support.upload_limit(upload_limit)
    status = run_build(
        sources, target or [], out, strict, jobs, force, split_languages, debug_runtime, limit
    )
    if status:
        raise typer.Exit(status)


@app.command()
def new(
    slug: Annotated[
        Path,
        typer.Argument(
            help="The new course's folder; its name is the course's slug (e.g. my-course).",
            show_default=False,
        ),
    ],
    languages: Annotated[
        str, typer.Option("--languages", "-l", help="The course's languages, first the default.")
    ] = "en",
) -> None:
    """Start a course: a folder with a page and an assessment that validates and builds."""
    from .scaffold import ScaffoldError, check_languages, check_slug, scaffold
    from .source.files import named_folder

    name = named_folder(slug).name  # `new .` in an empty folder names the course after it
    if (problem := check_slug(name)) is not None:
        raise typer.BadParameter(problem, param_hint="SLUG")
    chosen = [lang.strip() for lang in languages.split(",")]
    if (problem := check_languages(chosen)) is not None:
        raise typer.BadParameter(problem, param_hint="--languages")
    try:
        written = scaffold(slug, chosen, name)
    except ScaffoldError as error:
        typer.echo(f"coursebuild: error: {error}; expected a new or empty folder", err=True)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(f"wrote {path.as_posix()}")
    typer.echo(f"next: coursebuild validate {slug.as_posix()}")


@app.command()
def validate(sources: SourcesArg, strict: StrictOpt = False) -> None:
    """Check courses without writing anything."""
    from .pipeline import validate as run_validate

    outcome = run_validate(sources, strict)
    support.report(outcome)
    if outcome.failed:
        raise typer.Exit(1)
    for course in outcome.courses:
        typer.echo(
            f"ok {course.slug} ({len(course.modules)} modules, {', '.join(course.languages)})"
        )


@app.command()
def audit(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Course folders, folders of courses, or packages already built (.zip).",
            exists=True,
            show_default=False,
        ),
    ],
    axe: Annotated[
        Path | None,
        typer.Option(
            "--axe",
            dir_okay=False,
            help="axe-core's axe.min.js. Default: $COURSEBUILD_AXE, else "
            "node_modules/axe-core/axe.min.js here or in a parent folder.",
        ),
    ] = None,
) -> None:
    """Check every page of every language in headless Chromium with axe-core (WCAG 2.1 A, AA).

    Builds courses to a temporary folder (dist/ is left alone; a .zip is checked as it is),
    then prints each violation with its course, language, page and element. Exit 1 on any
    violation; 2 when Chromium, Playwright or axe-core is missing (it says how to install them).
    """
    from .audit import run_audit

    support.check_audit_sources(sources)
    code = run_audit(sources, axe, lambda text, err: typer.echo(text, err=err))
    if code:
        raise typer.Exit(code)


class StatementFormat(StrEnum):
    """How `statements` prints: one JSON statement per line, or one JSON array."""

    jsonl = "jsonl"
    json = "json"


@app.command()
def statements(
    sources: SourcesArg,
    output_format: Annotated[
        StatementFormat,
        typer.Option("--format", "-f", help="jsonl: one statement per line; json: one array."),
    ] = StatementFormat.jsonl,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language the learner takes the course in. Default: the first."
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="The learner as an xAPI Agent (JSON) with one identifier. Default: the "
            "account 'learner' at https://lms.example.ca.",
        ),
    ] = None,
    registration: Annotated[
        str | None,
        typer.Option(
            "--registration", help="Registration UUID. Default: one derived from the course id."
        ),
    ] = None,
) -> None:
    """Print the xAPI statements a learner sends for a full pass of each course.

    The statements are valid xAPI 1.0.3, in the order they are sent; ids and timestamps are
    derived from the course, so two runs print the same thing.
    """
    from .pipeline import validate as run_validate
    from .xapi.statements import statements as model_statements

    agent = support.parse_agent(actor)
    registration = support.parse_registration(registration)
    outcome = run_validate(sources)
    support.report(outcome)
    if outcome.failed:
        raise typer.Exit(1)
    support.check_language(outcome.courses, lang)
    sent = [
        statement
        for course in outcome.courses
        for statement in model_statements(course, lang=lang, actor=agent, registration=registration)
    ]
    support.print_json(sent, as_array=output_format is StatementFormat.json)


@app.command()
def report(
    source: rep.SourceArg,
    statements_file: rep.StatementsOpt = None,
    lrs: rep.LrsOpt = None,
    auth: rep.AuthOpt = None,
    since: rep.SinceOpt = None,
    until: rep.UntilOpt = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            parser=support.folder_option,
            metavar="<path>",
            help="Report folder: new, empty, or an earlier report to replace.",
        ),
    ] = Path("report"),
    lang: rep.LangOpt = None,
    learners: rep.LearnersOpt = False,
    min_group: rep.MinGroupOpt = 5,
) -> None:
    """Report what learners did in a course: funnel, video, items, scores, time, by language.

    Writes report.json, one CSV per table and index.html to the report folder (all of them, or
    nothing). Learners are counted, never named. Exit 1 when the statements cannot be read.
    """
    secret = rep.check_input(statements_file, lrs, auth)
    start, since_text = rep.parse_moment(since, "--since")
    end, until_text = rep.parse_moment(until, "--until")
    rep.check_period(start, end, since_text)
    info = rep.load_course(source)
    from .report.run import Request

    request = Request(
        statements_file,
        lrs,
        secret,
        start,
        end,
        since_text,
        until_text,
        out,
        rep.check_lang(info, lang),
        learners,
        min_group,
    )
    rep.write(info, request)


@app.command()
def check(
    packages: Annotated[
        list[Path],
        typer.Argument(
            help="Package zips: SCORM 1.2 or 2004, Tin Can or cmi5, made by any tool.",
            metavar="PACKAGE.zip",
            show_default=False,
        ),
    ],
    json_output: Annotated[
        bool, typer.Option("--json", help="Print one JSON report (for CI) instead of text.")
    ] = False,
    strict: StrictOpt = False,
    max_size: Annotated[
        str,
        typer.Option(
            "--max-size", help="Largest total uncompressed size accepted, e.g. 2GiB or 500MB."
        ),
    ] = "2GiB",
) -> None:
    """Find out why a package will not import or track: one line per problem, with its rule.

    Exit 0: no errors; 1: errors (or warnings, with --strict), a package that cannot be read
    among them, every package checked; 2: usage error (a path not a file). Never extracts.
    """
    reports = support.check_packages(packages, max_size)
    support.report_checks(reports, json_output, strict)


@app.command()
def preview(
    source: Annotated[
        Path,
        typer.Argument(
            help="A course folder (it has a course.yml).",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ],
    port: Annotated[
        int,
        typer.Option(
            "--port", "-p", min=0, max=65535, help="Port on 127.0.0.1 (the next free one if taken)."
        ),
    ] = 8000,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            "-t",
            help="scorm12, scorm2004, xapi or cmi5. Default: the course's first target the "
            "preview plays.",
        ),
    ] = None,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Do not open the page in a browser.")
    ] = False,
    lms: Annotated[
        LmsProfile,
        typer.Option(
            "--lms",
            help="The LMS the page behaves like: strict (the SCORM standards as written), moodle "
            "(Moodle 4.3's mastery override, exitAll answer, completion rules), forma "
            "(forma.lms's identifier check, forced finish on close, entry), edition2 (SCORM "
            "2004 2nd edition's limits: 4,000 characters of suspend_data, 250 interactions) or "
            "successfactors (the grade is the score at the first passed or completed status; "
            "SCORM 2004 completed on the LMS's Quit, unless the content sets its status). "
            "SCORM packages only.",
        ),
    ] = LmsProfile.strict,
) -> None:
    """Preview a course in a local LMS page that shows everything it reports.

    Builds the course into <course>/.coursebuild/preview/, serves it on 127.0.0.1 inside a
    strict LMS page (or one that behaves like Moodle, forma.lms or an LMS with SCORM 2004 2nd
    edition's limits, --lms) with a live panel
    (CMI values, interactions, every API call and its error), keeps the learner's data in
    SQLite there so a relaunch resumes, and rebuilds and reloads the course when a source file
    changes. Ctrl-C stops.
    """
    from .preview.run import run_preview

    code = run_preview(
        source, target, port, not no_open, lambda t, err: typer.echo(t, err=err), lms=lms.value
    )
    if code:
        raise typer.Exit(code)


def main() -> None:
    """Entry point: run the app inside the one error boundary (no traceback, ever)."""
    from .cli_run import guarded

    guarded(app)
