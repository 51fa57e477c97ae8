"""The `coursebuild` console script: `--version` and an unchanged build, before anything heavy.

Both answer with the standard library alone; everything else (and any doubt) goes to the Typer
command line in `cli`, which decides as always.
"""

from __future__ import annotations

import sys

from . import __version__


def main() -> None:
    """Entry point: answer --version or an unchanged build here, else run the command line."""
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"coursebuild {__version__}\n")
        sys.exit(0)
    if args[:1] == ["build"]:
        from .fastpath import replay

        if (lines := replay(args[1:])) is not None:
            sys.stdout.write("".join(f"{line}\n" for line in lines))
            sys.exit(0)
    from .cli import main as cli_main

    cli_main()
