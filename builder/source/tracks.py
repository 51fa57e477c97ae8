"""A video's WebVTT text tracks (captions, descriptions): a file in the course, in its language."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Location
from .context import CourseContext
from .load import read_text
from .parity import same_file
from .paths import package_url, resolve_inside
from .webvtt import problems


def text_track(
    ref: str,
    lang: str,
    at: Location,
    seen: dict[str, Path],
    ctx: CourseContext,
    *,
    what: str,
    reused: str,
    not_webvtt: tuple[str, str, bool],
) -> str | None:
    """The package URL of a WebVTT track in `lang`, or None (with a diagnostic) when unusable.

    `seen`: each language's track so far (the first language's is the one a translation must
    differ from); `reused`: the message when it is that very file; `not_webvtt`: (code,
    message, at the file rather than at `at`) when it is not WebVTT; every other problem of
    the file is reported at its own line, under that code.
    """
    first = ctx.languages[0]
    path = resolve_inside(ctx.course_dir, ref, at, ctx.diagnostics, what)
    if path is None:
        return None
    if lang != first and same_file(path, seen.get(first)):
        ctx.diagnostics.error(at, "missing-translation", reused)
        return None
    where = ctx.name(path)
    text = read_text(path, where, ctx.diagnostics)  # (read without a byte order mark)
    if text is None:
        return None
    code, message, at_file = not_webvtt
    usable = True
    for problem in problems(text):
        usable = False
        if problem.signature:
            ctx.diagnostics.error(Location(where, 1, 1) if at_file else at, code, message)
        else:
            ctx.diagnostics.error(
                Location(where, problem.line, problem.column), code, problem.message
            )
    if not usable:
        return None
    ctx.media.add(path)
    seen[lang] = path
    if lang != first and first in seen:
        ctx.counterparts.append((path, seen[first]))
    return package_url(ctx.course_dir, path)
