"""The build's progress bar: courses built, on stderr when it is a terminal, else nothing.

Drawn with rich (Typer's own dependency), imported only when a terminal shows the bar and there
are courses to build: an unchanged build, `--help` and a redirected build never load it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Progress


@contextmanager
def build_progress() -> Iterator[Progress | None]:
    """A progress bar of the courses built, on stderr when it is a terminal; else None."""
    if not sys.stderr.isatty():  # CI logs and redirected output stay as they were
        yield None
        return
    with ExitStack() as stack:
        bars: list[Any] = []

        def advance(course: str, built: int, total: int) -> None:
            # Drawn once there are courses to build: an unchanged build loads and shows nothing.
            if not bars:  # the task first, so that the first frame drawn is this one
                bars.append(_bar())
                bars.append(
                    bars[0].add_task("courses", total=total, completed=built, course=course)
                )
                stack.enter_context(bars[0])
            bars[0].update(bars[1], completed=built, course=course)

        yield advance


def _bar() -> Any:
    """rich's progress display of courses built: count, elapsed time, the last course."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[course]}"),
    )
    # Transient: the bar is erased when the build ends, so what follows reads as without it.
    return Progress(*columns, console=Console(stderr=True), transient=True)
