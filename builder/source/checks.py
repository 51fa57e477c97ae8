"""Knowledge checks: an assessment file shown, ungraded, under a page (course.yml `check:`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msgspec.structs import replace

from ..diagnostics import Location
from ..model import Assessment, Page, interaction_id
from .context import CourseContext
from .load import Loc, SourceDoc
from .paths import locate_source

CHECK_IGNORES = (
    "pass_mark",
    "attempts",
    "draw",
    "shuffle",
    "display",
    "feedback",
    "reveal",
    "answer_key",
)
"""Assessment keys that mean nothing for a check: it shows every question, checked one by one
with its feedback and the right answer at once, retried freely, never scored."""


def assessment_path(name: str, where: Location, ctx: CourseContext) -> Path | None:
    """The file of assessment `name`, or None (with a diagnostic when it is missing)."""
    path = ctx.course_dir / "assessments" / f"{name}.yml"
    found = locate_source(
        ctx.course_dir, f"assessments/{name}.yml", "assessment file", ctx.diagnostics
    )
    if found.missing:
        ctx.diagnostics.error(
            where, "file-not-found", f"assessment '{name}' has no file; expected {ctx.name(path)}"
        )
        return None
    return found.path


def warn_ignored_keys(doc: SourceDoc, ctx: CourseContext) -> None:
    """Warn about each assessment key a knowledge check has no use for."""
    warn_keys(
        doc,
        ctx,
        CHECK_IGNORES,
        "check-key-ignored",
        "a knowledge check is never scored and shows every question, each checked at once and "
        "retried freely",
    )


def warn_keys(doc: SourceDoc, ctx: CourseContext, keys: Sequence[str], code: str, why: str) -> None:
    """Warn at each of `keys` the file has: they mean nothing where it is used, for `why`."""
    if not isinstance(doc.data, dict):
        return
    for key in keys:
        if key in doc.data:
            ctx.diagnostics.warning(
                doc.at((key,), key=True),
                code,
                f"{key}: {why}; expected no '{key}' (it applies to the course's assessment only)",
            )


def with_check(page: Page, check: Assessment | None) -> Page:
    """The page with its knowledge check."""
    return page if check is None else replace(page, check=check)


def check_names(
    refs: Sequence[tuple[Loc, str, str]], doc: SourceDoc, ctx: CourseContext
) -> set[Loc]:
    """Each assessment file used once across `assessment:` and `check:` entries; the
    (entry, kind, name) triples that reuse one are reported and returned."""
    first: dict[str, Loc] = {}
    reused: set[Loc] = set()
    for loc, kind, name in refs:
        if name in first:
            ctx.diagnostics.error(
                doc.at((*loc, kind)),
                "assessment-reused",
                f"assessment file '{name}' is already used (line {doc.at(first[name]).line}); "
                "expected each assessment file once (its questions' LMS ids must be distinct)",
            )
            reused.add(loc)
        else:
            first[name] = loc
    return reused


def check_interaction_ids(
    listed: dict[str, dict[str, Location]],
    where: dict[str, Location],
    ctx: CourseContext,
    unlisted: Sequence[tuple[str, dict[str, Location]]] = (),
) -> None:
    """Every question's LMS interaction id distinct across the course's assessment files, each
    given by name with where each readable question id of it is: the `listed` ones (a clash
    said at the entry in `where`), then the `unlisted` files (at the id). A question with some
    other error is compared all the same: its id was read."""
    owners: dict[str, tuple[str, str]] = {}
    files: list[tuple[str, dict[str, Location], bool]] = [
        *((name, ids, True) for name, ids in listed.items()),
        *((name, ids, False) for name, ids in unlisted),
    ]
    for name, ids, by_entry in files:
        for qid, at in ids.items():
            lms_id = interaction_id(name, qid)
            other = owners.get(lms_id)
            if other is not None and other[0] != name:
                ctx.diagnostics.error(
                    where[name] if by_entry else at,
                    "interaction-id-clash",
                    f"question '{qid}' of '{name}' and question '{other[1]}' of "
                    f"'{other[0]}' are both '{lms_id}' in the LMS; expected assessment or "
                    "question ids that differ by more than their hyphens",
                )
            owners.setdefault(lms_id, (name, qid))
