"""The course loader: a course folder to one typed, frozen Course, or diagnostics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from ..diagnostics import Diagnostic, Diagnostics, Location, relative_name
from ..model import Assessment, Completion, Course, MediaFile, Module, Text
from ..standards.types import is_absolute_iri
from ..theme import catalogues
from .context import CourseContext
from .course_modules import load_modules
from .files import COURSE_FILE, source_hash
from .load import SourceDoc, parse_yaml, read_text
from .lrs_endpoint import endpoint_problem
from .parity import Counterpart, check_stale_translations
from .paths import control_character, locate_source, package_path, shown
from .schema import CourseSpec, XapiSpec, salvage_spec, validate_spec, within
from .schema_types import PAGE_FILE_RE
from .spec_places import Broken
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
    doc, spec, problems = _checked(doc, diagnostics)
    if spec is None:
        return None, []
    read, broken = _salvaged(spec, doc, problems)
    languages, declared = _languages(read, broken, doc, course_dir, diagnostics)
    _check_targets(read, broken, doc, diagnostics)
    ctx = CourseContext(course_dir, languages, diagnostics, compare=declared)
    # A key in error inside `xapi` or `theme` leaves the keys read beside it to check.
    xapi = read.xapi if broken.usable(("xapi", "endpoint")) else None
    custom_dir = (
        read.theme.custom_dir if read.theme and broken.usable(("theme", "custom_dir")) else None
    )
    _check_identity(spec.id, xapi, doc, diagnostics)
    title, description = _titles(spec, read, broken, doc, problems, ctx)
    entries = read.modules if broken.usable(("modules",)) else []
    modules = load_modules(entries, broken, doc, ctx)
    assessment = next((m for m in modules if isinstance(m, Assessment)), None)
    completion = _completion(read, broken, doc, assessment is not None, diagnostics)
    completion = _survey_completion(completion, assessment, doc, diagnostics)
    mastery = spec.mastery_score
    if assessment is not None:
        mastery = _mastery(mastery, assessment.pass_mark, doc, diagnostics, ctx.unread)
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
        xapi_endpoint=xapi.endpoint if xapi is not None else None,
        theme=theme,
    )
    # Languages not declared as read: no course to model, no translation to compare with git.
    return (course, ctx.counterparts) if declared else (None, [])


def _checked(
    doc: SourceDoc, diagnostics: Diagnostics
) -> tuple[SourceDoc, CourseSpec | None, list[Diagnostic]]:
    """course.yml checked against its schema (its problems said), with placeholders for keys
    in error; a course.yml that is unread, not a mapping or empty is said once, then stands as
    one of no keys (whose missing keys are not said again), so the course's files are checked."""
    spec, problems = validate_spec(CourseSpec, doc, _PLACEHOLDERS)
    if doc.parsed:
        diagnostics.extend(problems)
    if isinstance(doc.data, dict):
        return doc, spec, problems
    doc = replace(doc, data={}, value_marks={(): (1, 1)}, key_marks={})
    spec, problems = validate_spec(CourseSpec, doc, _PLACEHOLDERS)
    return doc, spec, problems


def _salvaged(
    spec: CourseSpec, doc: SourceDoc, problems: list[Diagnostic]
) -> tuple[CourseSpec, Broken]:
    """What could be read of course.yml, and where it could not: `spec` holds placeholders and
    defaults for whole keys in error, which no check may take as written."""
    if not problems:
        return spec, Broken()
    read, _, broken = salvage_spec(CourseSpec, doc)
    return (spec, broken) if read is None else (read, broken)


def _titles(
    spec: CourseSpec,
    read: CourseSpec,
    broken: Broken,
    doc: SourceDoc,
    problems: list[Diagnostic],
    ctx: CourseContext,
) -> tuple[Text, Text]:
    """The course's title and description in every language (diagnostics for what lacks)."""
    languages = ctx.languages
    # A title in error stands in as a placeholder: checking its languages would only mislead.
    if within(doc, problems, "title"):
        title = dict.fromkeys(languages, "")
    else:
        title = ctx.text(spec.title, doc, ("title",), "title")
        # Targets in error stand in as the default, scorm12: only one read as written counts.
        targets = read.targets if broken.usable(("targets",)) else []
        if "scorm12" in targets and ctx.compare:
            _check_scorm12_title(title, languages, doc, ctx.diagnostics)
    description = (
        ctx.text(spec.description, doc, ("description",), "description")
        if spec.description is not None
        else dict.fromkeys(languages, "")
    )
    return title, description


def _course_doc(course_dir: Path, diagnostics: Diagnostics) -> SourceDoc | None:
    """The course file parsed (not `parsed` when it cannot be read or parsed, said), or None
    when the course's folder name cannot name packages."""
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
        return SourceDoc(where, None, parsed=False)
    return parse_yaml(text, where, diagnostics)


def _check_identity(
    course_id: str, xapi: XapiSpec | None, doc: SourceDoc, diagnostics: Diagnostics
) -> None:
    """An absolute IRI as id, a usable xAPI endpoint."""
    if not is_absolute_iri(course_id):
        diagnostics.error(
            doc.at(("id",)),
            "bad-iri",
            f"id: expected an absolute IRI such as https://example.gc.ca/courses/my-course, "
            f"found '{course_id}'",
        )
    if xapi is not None and (problem := endpoint_problem(xapi.endpoint)):
        diagnostics.error(
            doc.at(("xapi", "endpoint")),
            "bad-xapi-endpoint",
            f"xapi.endpoint: {problem}",
        )


def _completion(
    read: CourseSpec,
    broken: Broken,
    doc: SourceDoc,
    has_assessment: bool,
    diagnostics: Diagnostics,
) -> Completion:
    """The completion rule as declared; without an assessment, none is required of it."""
    completion = Completion(
        read.completion.pages,
        read.completion.video,
        read.completion.assessment,
        read.completion.assessment_opens,
    )
    declared = doc.data.get("completion")
    # Not a mapping, or a rule in error: the schema has said so already, the default stands in.
    explicit_rule = (
        isinstance(declared, dict)
        and "assessment" in declared
        and broken.usable(("completion", "assessment"))
    )
    # An entry in error may be the assessment: whether the course has one is then unknown.
    if (
        explicit_rule
        and broken.intact(("modules",))
        and completion.assessment != "none"
        and not any(ref.assessment for ref in read.modules)
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


def _languages(
    read: CourseSpec, broken: Broken, doc: SourceDoc, course_dir: Path, diagnostics: Diagnostics
) -> tuple[tuple[str, ...], bool]:
    """The languages to check the course in, and whether they are the list as declared (read
    whole, each with the player's strings, a repeat said and dropped): only then are languages
    compared with each other.

    Otherwise they are the list's entries that could be read and are supported, then those of
    the course's title and description maps, then those of its page files (English when none
    says): each is checked on its own.
    """
    supported = sorted(catalogues())
    entries = read.languages if broken.usable(("languages",)) and read.languages else []
    readable = [(i, lang) for i, lang in enumerate(entries) if broken.usable(("languages", i))]
    first: dict[str, int] = {}
    for i, lang in readable:
        if lang in first:  # said once, at its repeat: the list stands as if written once
            diagnostics.error(
                doc.at(("languages", i)),
                "duplicate-language",
                f"languages: '{lang}' is declared twice (first as languages[{first[lang]}]); "
                "expected each language once",
            )
            continue
        first[lang] = i
        if lang not in supported:
            diagnostics.error(
                doc.at(("languages", i)),
                "unsupported-language",
                f"languages: '{lang}' is not supported; expected one of: {', '.join(supported)}",
            )
    listed = tuple(lang for lang in first if lang in supported)
    if broken.intact(("languages",)) and len(listed) == len(first):
        return listed, True
    found = [*listed, *_map_keys(doc.data, "title"), *_map_keys(doc.data, "description")]
    found += sorted(_page_languages(course_dir))
    known = tuple(lang for lang in dict.fromkeys(found) if lang in supported)
    return known or ("en",), False


def _check_targets(
    read: CourseSpec, broken: Broken, doc: SourceDoc, diagnostics: Diagnostics
) -> None:
    """A target listed twice, said at its repeat (the course builds each target once)."""
    entries = read.targets if broken.usable(("targets",)) else []
    first: dict[str, int] = {}
    for i, name in enumerate(entries):
        if not broken.usable(("targets", i)):
            continue
        if name in first:
            diagnostics.error(
                doc.at(("targets", i)),
                "duplicate-target",
                f"targets: '{name}' is declared twice (first as targets[{first[name]}]); "
                "expected each target once, such as [scorm12, scorm2004]",
            )
        first.setdefault(name, i)


def _map_keys(data: Any, key: str) -> list[str]:
    """The keys of course.yml's language map at `key` (none when it is not a map)."""
    value = data.get(key) if isinstance(data, dict) else None
    return [k for k in value if isinstance(k, str)] if isinstance(value, dict) else []


def _page_languages(course_dir: Path) -> set[str]:
    """The languages of the page files in `modules/` (`<name>.<lang>.md`)."""
    try:
        names = [path.name for path in (course_dir / "modules").iterdir()]
    except OSError:
        return set()
    return {found.group(2) for name in names if (found := re.fullmatch(PAGE_FILE_RE, name))}


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
