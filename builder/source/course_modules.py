"""course.yml `modules`: each entry's page, assessment, knowledge check or pre-test, loaded."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from ..diagnostics import Location
from ..model import Module, Page
from .assessment import build_assessment
from .checks import assessment_path, check_interaction_ids, check_names, with_check
from .context import CourseContext
from .load import Loc, SourceDoc
from .pages import load_page
from .pretest import as_pretest, check_pretest_place
from .schema import ModuleRef
from .spec_places import Broken

_NAMES = ("page", "assessment", "check", "pretest")
_Found = tuple[dict[str, Location], dict[str, dict[str, Location]]]
"""Where each assessment file's entry is, and where each of its readable question ids is."""


def readable_refs(
    entries: Sequence[ModuleRef | None], broken: Broken
) -> list[tuple[ModuleRef | None, bool]]:
    """Each entry with only its names that could be read (None: not a mapping), and whether it
    was read whole: an entry with a name in error is no ground for a check of its shape."""
    refs: list[tuple[ModuleRef | None, bool]] = []
    for i, ref in enumerate(entries):
        loc: Loc = ("modules", i)
        if ref is None or broken.intact(loc):
            refs.append((ref, ref is not None))
            continue
        unread = {name: None for name in _NAMES if not broken.usable((*loc, name))}
        refs.append((replace(ref, **unread), False))
    return refs


def load_modules(
    entries: Sequence[ModuleRef | None], broken: Broken, doc: SourceDoc, ctx: CourseContext
) -> list[Module]:
    """The modules of course.yml in order, each loaded and checked; an entry (or a name in it)
    that could not be read is skipped, its error said already."""
    modules: list[Module] = []
    seen: dict[str, Loc] = {}
    counts = {"assessment": 0, "pretest": 0}
    refs = readable_refs(entries, broken)
    reused = check_names(_file_uses(refs), doc, ctx)
    where: dict[str, Location] = {}
    ids: dict[str, dict[str, Location]] = {}  # each file's readable question ids, for the clash
    for i, (ref, whole) in enumerate(refs):
        loc: Loc = ("modules", i)
        if ref is None:
            continue
        name = _entry_name(ref, whole, loc, doc, ctx)
        if name is None:
            unnamed = all(n is None for n in (ref.page, ref.assessment, ref.pretest))
            unread = not whole and not broken.usable((*loc, "page")) and loc not in reused
            if unnamed and ref.check and unread:  # its page's name is unread: check alone
                _page_with_check(None, ref.check, doc, loc, ctx, (where, ids))
            continue
        if ref.page is None and loc in reused:  # said already: the file keeps its first use
            continue
        if name in seen:
            ctx.diagnostics.error(
                doc.at(loc),
                "duplicate-id",
                f"module '{name}' is listed twice (first at line {doc.at(seen[name]).line}); "
                "expected each module once",
            )
            continue
        seen[name] = loc
        if ref.page is not None:
            check = ref.check if loc not in reused else None
            page = _page_with_check(name, check, doc, loc, ctx, (where, ids))
            if page is not None:
                modules.append(page)
        else:
            kind = "assessment" if ref.assessment is not None else "pretest"
            counts[kind] += 1
            module = _scored(name, kind, counts[kind], doc, loc, ctx, (where, ids))
            if module is not None:
                modules.append(module)
    check_pretest_place(modules, seen, doc, ctx)
    unlisted: list[tuple[str, dict[str, Location]]] = []
    if not broken.intact(("modules",)):
        from .unlisted import check_unlisted  # a list read whole (most builds) never needs it

        unlisted = check_unlisted(refs, ctx)
    check_interaction_ids(ids, where, ctx, unlisted)
    return modules


def _entry_name(
    ref: ModuleRef, whole: bool, loc: Loc, doc: SourceDoc, ctx: CourseContext
) -> str | None:
    """The one module an entry names, or None: a name in error (said already), or a
    `module-kind` error said here."""
    named = [n for n in (ref.page, ref.assessment, ref.pretest) if n is not None]
    if not whole and len(named) != 1:  # a name in error: which one the entry meant is unknown
        return None
    if len(named) != 1 or (ref.check and not ref.page):
        ctx.diagnostics.error(
            doc.at(loc),
            "module-kind",
            "modules: each entry needs exactly one of 'page: <name>', 'assessment: <name>' "
            "or 'pretest: <name>' ('check: <name>' goes with a page)",
        )
        return None
    return named[0]


def _file_uses(refs: list[tuple[ModuleRef | None, bool]]) -> list[tuple[Loc, str, str]]:
    """Each (entry, kind, name) that uses an assessment file, the assessment's first: the scored
    assessment keeps its file; a check or pre-test naming the same one is refused."""
    return sorted(
        (
            (("modules", i), kind, name)
            for i, (ref, whole) in enumerate(refs)
            if ref is not None
            for kind, name in (
                ("assessment", ref.assessment),
                ("check", ref.check),
                ("pretest", ref.pretest),
            )
            if name is not None and (kind != "check" or ref.page is not None or not whole)
        ),
        key=lambda use: use[1] != "assessment",
    )


def _scored(
    name: str,
    kind: str,
    count: int,
    doc: SourceDoc,
    loc: Loc,
    ctx: CourseContext,
    found: _Found,
) -> Module | None:
    """The assessment or the pre-test (`kind`), loaded; None for a second one, or on errors
    (where its entry and its question ids are go in `found`)."""
    if count > 1:
        final = kind == "assessment"
        what = "assessment" if final else "pre-test"
        why = "it gives the course its score" if final else "it opens the course"
        ctx.diagnostics.error(
            doc.at(loc),
            "assessment-count" if final else "pretest-count",
            f"{what} '{name}' is the second {what}; a course has at most one ({why})",
        )
        return None
    where, ids = found
    where[name] = doc.at((*loc, kind))
    path = assessment_path(name, doc.at(loc), ctx)
    pretest = kind == "pretest"
    ids[name] = {}
    assessment = (
        build_assessment(name, path, ctx, pretest=pretest, places=ids[name])
        if path is not None
        else None
    )
    if assessment is None or not pretest:
        return assessment
    return as_pretest(assessment)


def _page_with_check(
    name: str | None,
    check: str | None,
    doc: SourceDoc,
    loc: Loc,
    ctx: CourseContext,
    found: _Found,
) -> Page | None:
    """A page and its knowledge check, each loaded (None when the page has errors, or is
    unnamed: its name could not be read; the check's entry and question ids go in `found`
    all the same)."""
    page = load_page(name, doc.at(loc), ctx) if name is not None else None
    model = None
    if check is not None:
        where, ids = found
        where[check] = doc.at((*loc, "check"))
        path = assessment_path(check, where[check], ctx)
        ids[check] = {}
        model = build_assessment(check, path, ctx, check=True, places=ids[check]) if path else None
    return None if page is None else with_check(page, model)
