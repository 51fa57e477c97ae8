"""`coursebuild report`: read the course and the statements, count, write the report folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..file_kind import is_stream
from .consume import Tally
from .course import CourseInfo
from .figures import document
from .lrs import fetched
from .lrs_address import public_endpoint
from .output import check_out, files, write_folder
from .read import InputError, spooled, statements, voided_ids


class Request(Struct, frozen=True):
    """What to report on, as the command line gave it (already checked)."""

    statements: str | None  # a file, or "-" for stdin
    lrs: str | None
    auth: str | None
    since: float | None
    until: float | None
    since_text: str | None
    until_text: str | None
    out: Path
    lang: str
    learners: bool
    min_group: int


@contextmanager
def _input(info: CourseInfo, request: Request) -> Iterator[tuple[Path, dict[str, str]]]:
    if request.lrs is not None:
        with fetched(
            request.lrs,
            info.id,
            auth=request.auth,
            since=request.since_text,
            until=request.until_text,
        ) as path:
            yield path, {"kind": "lrs", "name": public_endpoint(request.lrs)}
    elif request.statements == "-":
        with spooled(sys.stdin.buffer) as path:
            yield path, {"kind": "stdin", "name": "-"}
    else:
        assert request.statements is not None
        path = Path(request.statements)
        # A file by its name, never the folders it sits in; a pipe of the shell's, bash's <(…),
        # as bash gives it (/dev/fd/63): its number alone says nothing.
        shell_pipe = path.parent.name == "fd" and path.name.isdigit()
        source = {"kind": "file", "name": path.as_posix() if shell_pipe else path.name}
        if is_stream(path):  # bash's <(…) or a named pipe: read once, spooled as stdin is
            with path.open("rb") as stream, spooled(stream) as spool:
                yield spool, source
        else:
            yield path, source


def _label(request: Request) -> str:
    """The statements as a message names them: the file as given, <stdin>, or the LRS's."""
    if request.lrs is not None:
        return "the LRS's statements"
    return "<stdin>" if request.statements == "-" else Path(str(request.statements)).as_posix()


def reason(error: OSError) -> str:
    """An operating system error in words, as a sentence goes on: "permission denied"."""
    said = error.strerror or str(error) or type(error).__name__
    return said[:1].lower() + said[1:]


def compute(info: CourseInfo, request: Request) -> dict[str, Any]:
    """report.json for the request (raises InputError when the statements cannot be read)."""
    name = _label(request)
    try:
        with _input(info, request) as (path, source):
            tally = Tally(info, voided_ids(path, name), request.since, request.until)
            tally.add_all(statements(path, name))
    except OSError as error:  # at any open or read: the file of another user, a failing disk
        where = "coursebuild" if request.lrs is not None else name
        raise InputError(f"cannot read {name}: {reason(error)}", where) from None
    return document(
        tally,
        source=source,
        since=request.since,
        until=request.until,
        min_group=request.min_group,
        learners=request.learners,
    )


def run(info: CourseInfo, request: Request) -> dict[str, Any]:
    """Compute the report and write its folder; the report."""
    from .page import render_page

    check_out(request.out)  # before the statements are read: a refusal costs nothing
    report = compute(info, request)
    write_folder(request.out, files(report, render_page(report, request.lang)))
    return report
