"""The command line's half that needs no Typer: the error boundary and the build command's run.

The launcher runs a `build` whose options it parses (`fastpath.parse`) straight through here,
without Typer: Typer 0.29 converts every parameter with a pydantic TypeAdapter, so parsing
`build`'s options through it loads pydantic and builds its validators, which costs more than a
small course's build. The Typer command (`cli.build`) calls the same functions, so both print
the same lines and exit with the same status.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .output.upload_limit import DEFAULT_LIMIT

if TYPE_CHECKING:
    from .pipeline import Outcome


def say(text: str, err: bool = False) -> None:
    """Print one line on stdout (or stderr), as `typer.echo` does for text."""
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def report(outcome: Outcome) -> None:
    """Print an outcome's diagnostics and their summary on stderr."""
    from .diagnostics import count, summary

    for diagnostic in outcome.diagnostics:
        say(diagnostic.format(), err=True)
    if outcome.diagnostics:
        say(summary(outcome.diagnostics), err=True)
    errors, warnings = count(outcome.diagnostics)
    if outcome.failed and not errors and warnings:  # only --strict fails on warnings alone
        say(f"failed: --strict treats the {warnings} warning(s) as errors", err=True)


def report_build(outcome: Outcome, out: Path) -> int:
    """Print what a build wrote or skipped; the exit status (1 when it failed)."""
    from .fastpath import UNCHANGED

    report(outcome)
    if any(d.code == "output-partly-written" for d in outcome.diagnostics):
        say(f"build failed: {out.as_posix()}/ is partly replaced (see above)", err=True)
        return 1
    if outcome.failed:
        say(f"build failed: nothing written to {out.as_posix()}/", err=True)
        return 1
    packages = {p.file_name: p for p in outcome.packages}
    for path in outcome.written:
        package = packages.get(path.name)
        detail = (
            f" ({package.size:,} bytes; runtime {package.runtime_bytes:,} bytes)" if package else ""
        )
        say(f"wrote {path.as_posix()}{detail}")
    for name in outcome.removed:
        say(f"removed {(out / name).as_posix()} (a target no longer built)")
    for slug in outcome.skipped:
        say(UNCHANGED.format(slug=slug))
    return 0


def run_build(
    sources: Sequence[Path],
    targets: Sequence[str],
    out: Path,
    strict: bool,
    jobs: int | None,
    force: bool,
    split: bool,
    debug_runtime: bool = False,
    upload_limit: int = DEFAULT_LIMIT,
) -> int:
    """Build courses and print what was written; the exit status (options already checked)."""
    from .interrupt import exit_status
    from .pipeline import build
    from .progress import build_progress

    try:
        with build_progress() as progress:
            workers = jobs or os.cpu_count() or 1
            outcome = build(
                list(sources),
                list(targets),
                out,
                strict,
                workers,
                force,
                split,
                debug_runtime,
                progress,
                upload_limit,
            )
    except KeyboardInterrupt as stop:  # Ctrl-C or SIGTERM: staging removed, commit undone
        say(f"coursebuild: interrupted, nothing written to {out.as_posix()}/", err=True)
        return exit_status(stop)
    return report_build(outcome, out)


def direct_build(args: Sequence[str]) -> Callable[[], int] | None:
    """`build ARGS` to run without Typer, when the fast path's parser reads every option and
    Typer would accept them all (known targets, a quiet SOURCE_DATE_EPOCH); else None."""
    from .fastpath import epoch_is_quiet, parse
    from .pipeline import ALL_TARGETS
    from .targets import available

    parsed = parse(args)
    if parsed is None or not epoch_is_quiet():
        return None
    if any(name != ALL_TARGETS and name not in available() for name in parsed.targets):
        return None  # Typer says which targets exist
    sources = [Path(source) for source in parsed.sources]
    out = Path(parsed.out)
    limit = parsed.upload_limit
    return lambda: run_build(
        sources, parsed.targets, out, False, parsed.jobs, False, parsed.split, upload_limit=limit
    )


def guarded(run: Callable[[], None]) -> None:
    """Run a command inside the one error boundary: an unexpected exception is a bug, said
    plainly (exit 70), never a traceback; Ctrl-C and SIGTERM exit 130 and 143."""
    from .interrupt import Terminated, exit_status, install, received

    install()
    try:
        run()
    except KeyboardInterrupt as stop:
        say("coursebuild: interrupted", err=True)
        sys.exit(exit_status(stop))
    except BrokenPipeError:  # the reader left (`| head`): status 1, quietly, as click does
        _quiet_stdout()
        sys.exit(1)
    except Exception as exc:  # the one error boundary: a course never causes a traceback
        # An EpochError is raised by its module: when that was never loaded, this is not one.
        archive = sys.modules.get(f"{__package__}.output.archive")
        if archive is not None and isinstance(exc, archive.EpochError):
            say(f"coursebuild: error: {exc}", err=True)
            sys.exit(2)
        if (signum := received()) is not None:  # e.g. workers killed by the same SIGTERM first
            say("coursebuild: interrupted", err=True)
            sys.exit(exit_status(Terminated() if signum == 15 else KeyboardInterrupt()))
        say(
            f"coursebuild: internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in coursebuild, not in your course; please report it with the "
            "command you ran.",
            err=True,
        )
        sys.exit(70)


def _quiet_stdout() -> None:
    """Point stdout at the null device: Python's flush at exit would fail on the broken pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
