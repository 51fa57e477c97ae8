"""The `coursebuild` console script: `--version`, `--help` and `build`, before anything heavy.

`--version`, `--help` (Typer's text replayed, `cli_help`) and an unchanged build answer with
the standard library alone; a build whose options the fast path parses runs without Typer
(`cli_run`); everything else (and any doubt) goes to the Typer command line in `cli`, which
decides as always.
"""

from __future__ import annotations

import sys

from . import __version__


def main() -> None:
    """Entry point: --version, --help, an unchanged or a plain build here, else the CLI."""
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"coursebuild {__version__}\n")
        sys.exit(0)
    if args == ["--help"]:
        from .cli_help import run_help

        run_help()
    if args[:1] == ["build"]:
        from .fastpath import replay

        if (lines := replay(args[1:])) is not None:
            sys.stdout.write("".join(f"{line}\n" for line in lines))
            sys.exit(0)
        from .cli_run import direct_build, guarded

        if (build := direct_build(args[1:])) is not None:
            guarded(lambda: sys.exit(build()))
    from .cli import main as cli_main

    cli_main()
