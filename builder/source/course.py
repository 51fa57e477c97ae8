"""The course loader: a course folder to one typed, frozen Course, or diagnostics."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from ..diagnostics import Diagnostic, Diagnostics, Location, relative_name
from ..model import Assessment, Completion, Course, MediaFile, Module, Page, Text
from ..standards.types import is_absolute_iri
from ..theme import catalogues
from .assessment import build_assessment
from .checks import assessment_path, check_interaction_ids, check_names, with_check
from .context import CourseContext
from .files import COURSE_FILE, source_hash
from .load import Loc, SourceDoc, parse_yaml, read_text
from .lrs_endpoint import endpoint_problem
from .pages import load_page
from .parity import Counterpart, check_stale_translations
from .paths import control_character, locate_source, package_path, shown
from .pretest import as_pretest, check_pretest_place
from .schema import CourseSpec, validate_spec, within
from .theme_layers import theme_layers


def load_course(
    course_dir: Path, diagnostics: Diagnostics, digest: str | None = None
) -> Course | None:
    """Read and check one course folder; None when it cannot be read (see `diagnostics`).

    `digest` is the folder's `source_hash` when the caller has already computed it.
    """
    course, counterparts = read_course(course_dir, diagnostics, digest)
    check_stale_translations(course_dir, counterparts, diagnostics)
    return course


def read_course(
    course_dir: Path, diagnostics: Diagnostics, digest: str | None = None
) -> tuple[Course | None, list[Counterpart]]:
    """Everything `load_course` does but ask git: the course and its (translation, source) pairs.

    What this returns depends only on the folder's files, so it can be cached by their hash;
    git history is checked afresh each time.
    """
    doc = _course_doc(course_dir, diagnostics)
    if doc is None:
        return None, []
    spec, problems = validate_spec(CourseSpec, doc, _PLACEHOLDERS)
    diagnostics.extend(problems)
    if spec is None or within(doc, problems, "languages"):
        return None, []
    # A broken modules list stands in as a placeholder: checks of it would only mislead.
    modules_broken = within(doc, problems, "modules")
    languages = tuple(spec.languages)
    if not _supported(languages, doc, diagnostics):
        return None, []
    ctx = CourseContext(course_dir, languages, diagnostics)
    _check_identity(spec, doc, languages, diagnostics)
    title, description = _titles(spec, doc, problems, ctx)
    modules = [] if modules_broken else _load_modules(spec, doc, ctx)
    assessment = next((m for m in modules if isinstance(m, Assessment)), None)
    completion = _completion(spec, doc, modules_broken, assessment is not None, diagnostics)
    completion = _survey_completion(completion, assessment, doc, diagnostics)
    mastery = spec.mastery_score
    if assessment is not None:
        mastery = _mastery(mastery, assessment.pass_mark, doc, diagnostics, ctx.unread)
    custom_dir = spec.theme.custom_dir if spec.theme is not None else None
    where = doc.at(("theme", "custom_dir")) if custom_dir is not None else doc.at(())
    theme = theme_layers(course_dir, custom_dir, where, diagnostics)
    course = Course(
        slug=course_dir.name,
        source_dir=course_dir,
        id=spec.id,
        code=spec.code,
        version=spec.version,
        languages=languages,
        title=title,
        description=description,
        modules=tuple(modules),
        completion=completion,
        mastery_score=mastery,
        targets=tuple(dict.fromkeys(spec.targets)),
        media=tuple(MediaFile(p, package_path(course_dir, p)) for p in sorted(ctx.media)),
        source_hash=digest or source_hash(course_dir),
        xapi_endpoint=spec.xapi.endpoint if spec.xapi is not None else None,
        theme=theme,
    )
    return course, ctx.counterparts


def _titles(
    spec: CourseSpec, doc: SourceDoc, problems: list[Diagnostic], ctx: CourseContext
) -> tuple[Text, Text]:
    """The course's title and description in every language (diagnostics for what lacks)."""
    languages = ctx.languages
    # A title in error stands in as a placeholder: checking its languages would only mislead.
    if within(doc, problems, "title"):
        title = dict.fromkeys(languages, "")
    else:
        title = ctx.text(spec.title, doc, ("title",), "title")
        if "scorm12" in spec.targets:
            _check_scorm12_title(title, languages, doc, ctx.diagnostics)
    description = (
        ctx.text(spec.description, doc, ("description",), "description")
        if spec.description is not None
        else dict.fromkeys(languages, "")
    )
    return title, description


def _course_doc(course_dir: Path, diagnostics: Diagnostics) -> SourceDoc | None:
    """The course file parsed, or None (with a diagnostic) when it cannot be read or parsed."""
    course_file = course_dir / COURSE_FILE
    where = relative_name(course_file, course_dir)
    if (char := control_character(course_dir.name)) is not None:
        diagnostics.error(
            Location(where, 1, 1),
            "path-control-char",
            f"course folder '{shown(course_dir.name)}' has a control character "
            f"('{shown(char)}') in its name; expected a name of printable characters (it names "
            "the packages)",
        )
        return None
    found = locate_source(course_dir, COURSE_FILE, "course file", diagnostics)
    if found.missing:  # a link to nothing: discovery counted it as the course file
        diagnostics.error(Location(where, 1, 1), found.code, found.problem)
    text = read_text(course_file, where, diagnostics) if found.path is not None else None
    if text is None:
        return None
    doc = parse_yaml(text, where, diagnostics)
    return doc if doc.parsed else None


def _check_identity(
    spec: CourseSpec, doc: SourceDoc, languages: tuple[str, ...], diagnostics: Diagnostics
) -> None:
    """Languages declared once, an absolute IRI as id, a usable xAPI endpoint."""
    if len(set(languages)) != len(languages):
        diagnostics.error(
            doc.at(("languages",)),
            "duplicate-language",
            "languages: each language may be declared once",
        )
    if not is_absolute_iri(spec.id):
        diagnostics.error(
            doc.at(("id",)),
            "bad-iri",
            f"id: expected an absolute IRI such as https://example.gc.ca/courses/my-course, "
            f"found '{spec.id}'",
        )
    if spec.xapi is not None and (problem := endpoint_problem(spec.xapi.endpoint)):
        diagnostics.error(
            doc.at(("xapi", "endpoint")),
            "bad-xapi-endpoint",
            f"xapi.endpoint: {problem}",
        )


def _completion(
    spec: CourseSpec,
    doc: SourceDoc,
    modules_broken: bool,
    has_assessment: bool,
    diagnostics: Diagnostics,
) -> Completion:
    """The completion rule as declared; without an assessment, none is required of it."""
    completion = Completion(
        spec.completion.pages,
        spec.completion.video,
        spec.completion.assessment,
        spec.completion.assessment_opens,
    )
    declared = doc.data.get("completion")
    # Not a mapping: the schema has said so already, and the default rule stands.
    explicit_rule = isinstance(declared, dict) and "assessment" in declared
    if (
        explicit_rule
        and not modules_broken
        and completion.assessment != "none"
        and not any(ref.assessment for ref in spec.modules)
    ):
        diagnostics.error(
            doc.at(("completion", "assessment")),
            "completion-no-assessment",
            f"completion.assessment is '{completion.assessment}' but the course has no "
            "assessment; expected 'none' or an assessment in modules",
        )
    if not has_assessment:
        completion = Completion(completion.pages, completion.video, "none", "always")
    return completion


def _survey_completion(
    completion: Completion, assessment: Module | None, doc: SourceDoc, diagnostics: Diagnostics
) -> Completion:
    """A survey (likert questions alone) has no score to pass: submitting it is what counts."""
    if not isinstance(assessment, Assessment) or completion.assessment != "passed":
        return completion
    if not assessment.questions or any(q.graded for q in assessment.questions):
        return completion
    written = doc.data.get("completion") if isinstance(doc.data, dict) else None
    if isinstance(written, dict) and written.get("assessment") == "passed":
        diagnostics.warning(
            doc.at(("completion", "assessment")),
            "survey-no-pass",
            f"completion.assessment is 'passed' but assessment '{assessment.id}' has survey "
            "questions only, with no score to pass: it counts as done when submitted; expected "
            "completion.assessment: attempted",
        )
    return replace(completion, assessment="attempted")


def _mastery(
    mastery: int | None, pass_mark: int, doc: SourceDoc, diagnostics: Diagnostics, unread: set[str]
) -> int:
    """The course's mastery score: the assessment's pass mark, which a declared one must match
    (a pass mark that could not be read stands in as its default: nothing to compare)."""
    if mastery is not None and mastery != pass_mark and "pass_mark" not in unread:
        diagnostics.error(
            doc.at(("mastery_score",)),
            "mastery-mismatch",
            f"mastery_score {mastery} differs from the assessment's pass_mark "
            f"{pass_mark}; expected the same value (or leave mastery_score out)",
        )
    return pass_mark if mastery is None else mastery


def _supported(languages: tuple[str, ...], doc: SourceDoc, diagnostics: Diagnostics) -> bool:
    """True when the player has its strings in every declared language."""
    supported = sorted(catalogues())
    for i, lang in enumerate(languages):
        if lang not in supported:
            diagnostics.error(
                doc.at(("languages", i)),
                "unsupported-language",
                f"languages: '{lang}' is not supported; expected one of: {', '.join(supported)}",
            )
    return all(lang in supported for lang in languages)


def _check_scorm12_title(
    title: Text, languages: tuple[str, ...], doc: SourceDoc, diagnostics: Diagnostics
) -> None:
    """Warn when the SCORM 1.2 manifest cannot hold the whole title (and say what it holds)."""
    from ..targets.titles import TITLE_MAX, fit_title

    titles = [title[lang] for lang in languages]
    whole = " / ".join(dict.fromkeys(titles))
    if len(whole) > TITLE_MAX:
        diagnostics.warning(
            doc.at(("title",)),
            "title-too-long",
            f"title is {len(whole)} characters in the SCORM 1.2 manifest, over the {TITLE_MAX} "
            f"it allows; the LMS catalogue will show '{fit_title(titles)}'",
        )


_PLACEHOLDERS = {
    "id": "urn:coursebuild:invalid",
    "code": "INVALID",
    "version": "0",
    "title": "invalid",
    "languages": ["en"],
    "modules": [{"page": "invalid"}],
}


def _load_modules(spec: CourseSpec, doc: SourceDoc, ctx: CourseContext) -> list[Module]:
    modules: list[Module] = []
    seen: dict[str, Loc] = {}
    counts = {"assessment": 0, "pretest": 0}
    # The scored assessment keeps its file; a check or pre-test naming the same one is refused.
    refs = sorted(
        (
            (("modules", i), kind, name)
            for i, ref in enumerate(spec.modules)
            for kind, name in (
                ("assessment", ref.assessment),
                ("check", ref.check),
                ("pretest", ref.pretest),
            )
            if name is not None and (kind != "check" or ref.page is not None)
        ),
        key=lambda ref: ref[1] != "assessment",
    )
    reused = check_names(refs, doc, ctx)
    where: dict[str, Location] = {}
    for i, ref in enumerate(spec.modules):
        loc: Loc = ("modules", i)
        named = [n for n in (ref.page, ref.assessment, ref.pretest) if n is not None]
        if len(named) != 1 or (ref.check and not ref.page):
            ctx.diagnostics.error(
                doc.at(loc),
                "module-kind",
                "modules: each entry needs exactly one of 'page: <name>', 'assessment: <name>' "
                "or 'pretest: <name>' ('check: <name>' goes with a page)",
            )
            continue
        name = named[0]
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
            page = _page_with_check(name, check, doc, loc, ctx, where)
            if page is not None:
                modules.append(page)
        else:
            kind = "assessment" if ref.assessment is not None else "pretest"
            counts[kind] += 1
            module = _scored(name, kind, counts[kind], doc, loc, ctx, where)
            if module is not None:
                modules.append(module)
    check_pretest_place(modules, seen, doc, ctx)
    check_interaction_ids(modules, where, ctx)
    return modules


def _scored(
    name: str,
    kind: str,
    count: int,
    doc: SourceDoc,
    loc: Loc,
    ctx: CourseContext,
    where: dict[str, Location],
) -> Module | None:
    """The assessment or the pre-test (`kind`), loaded; None for a second one, or on errors."""
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
    where[name] = doc.at((*loc, kind))
    path = assessment_path(name, doc.at(loc), ctx)
    pretest = kind == "pretest"
    assessment = build_assessment(name, path, ctx, pretest=pretest) if path is not None else None
    if assessment is None or not pretest:
        return assessment
    return as_pretest(assessment)


def _page_with_check(
    name: str,
    check: str | None,
    doc: SourceDoc,
    loc: Loc,
    ctx: CourseContext,
    where: dict[str, Location],
) -> Page | None:
    """A page and its knowledge check, each loaded (None when the page has errors)."""
    page = load_page(name, doc.at(loc), ctx)
    model = None
    if check is not None:
        where[check] = doc.at((*loc, "check"))
        found = assessment_path(check, where[check], ctx)
        model = build_assessment(check, found, ctx, check=True) if found else None
    return None if page is None else with_check(page, model)
