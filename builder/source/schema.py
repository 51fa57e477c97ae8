"""Source schema: the shape of course.yml, page front matter and assessment files.

Each file's mapping is checked key by key against these Structs by `spec_check`, which
reports every error with its line; each field's `Meta` holds its bounds and its description
(docs/reference.md is generated from them).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from msgspec import Meta, Struct, field

from ..diagnostics import Diagnostic
from ..targets import REGISTRY
from .load import Loc, SourceDoc
from .schema_assessment import AssessmentSpec as AssessmentSpec
from .schema_assessment import QuestionSpec as QuestionSpec
from .schema_types import CODE_RE as CODE_RE
from .schema_types import LANGUAGE_RE as LANGUAGE_RE
from .schema_types import SLUG_RE as SLUG_RE
from .schema_types import Flag, Language, Slug, TargetName, Text, Whole
from .spec_check import Spec, check, salvage, to_diagnostics
from .spec_places import Broken, value_at

S = TypeVar("S", bound=Struct)

_PATTERNS = {
    SLUG_RE: "a name of up to 63 lowercase letters, digits and hyphens (such as 'intro')",
    CODE_RE: "a code of up to 64 letters, digits, '-' and '_' (such as 'SMW-01')",
    LANGUAGE_RE.pattern: "a language code of 2 or 3 lowercase letters, with a region in capitals "
    "if any (such as 'fr' or 'fr-CA')",
}


class ModuleRef(Spec, frozen=True, kw_only=True):
    """One entry of course.yml `modules`: a page, the assessment or the pre-test."""

    page: Annotated[Slug | None, Meta(description="A page: `modules/<page>.<lang>.md`.")] = None
    assessment: Annotated[
        Slug | None,
        Meta(description="The assessment: `assessments/<assessment>.yml` (one per course)."),
    ] = None
    check: Annotated[
        Slug | None,
        Meta(
            description="With `page:`, a knowledge check shown under the page: "
            "`assessments/<check>.yml`, ungraded (immediate feedback, retried freely, "
            "never scored)."
        ),
    ] = None
    pretest: Annotated[
        Slug | None,
        Meta(
            description="A pre-test: `assessments/<pretest>.yml`, one attempt before the "
            "assessment, its score shown to the learner but never the course's (at most one "
            "per course)."
        ),
    ] = None


class CompletionSpec(Spec, frozen=True, kw_only=True):
    """The course's completion rule."""

    pages: Annotated[
        Literal["all", "none"],
        Meta(description="`all`: every page must be seen for the course to be complete."),
    ] = "all"
    video: Annotated[
        Whole,
        Meta(
            ge=0,
            le=100,
            description="Percent of each video to watch (0: not required). A video that cannot "
            "be measured (a link, no `url`), or a page with a transcript, gets the button "
            '"I watched the video or read its transcript", which counts as 100%.',
        ),
    ] = 0
    assessment: Annotated[
        Literal["passed", "attempted", "none"],
        Meta(description="`passed`: a passing best score; `attempted`: any score."),
    ] = "passed"
    assessment_opens: Annotated[
        Literal["always", "after-pages"],
        Meta(description="`after-pages` locks the assessment until every page is seen."),
    ] = "always"


class XapiSpec(Spec, frozen=True, kw_only=True):
    """course.yml `xapi`: the LRS a SCORM package also sends statements to (dual tracking)."""

    endpoint: Annotated[
        str,
        Meta(min_length=1, description="The LRS's xAPI address (`https://…/xapi/`); docs/xapi.md."),
    ]


class ThemeSpec(Spec, frozen=True, kw_only=True):
    """course.yml `theme`: the course's theme override folder (docs/theming.md)."""

    custom_dir: Annotated[
        str,
        Meta(
            min_length=1,
            description="A folder inside the course whose brand.html.j2 and static/ files "
            "override the catalogue's _theme/ and the built-in theme (docs/theming.md).",
        ),
    ]


class CourseSpec(Spec, frozen=True, kw_only=True):
    """course.yml."""

    id: Annotated[
        str,
        Meta(
            min_length=1,
            description="The course's IRI, stable forever: the LMS and LRS know the course by it.",
        ),
    ]
    code: Annotated[
        str, Meta(pattern=CODE_RE, description="A short code: letters, digits, `-` and `_`.")
    ]
    version: Annotated[
        str,
        Meta(
            pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,19}$",
            description="The course's own version, such as `1.0.0`.",
        ),
    ]
    languages: Annotated[
        list[Language],
        Meta(
            min_length=1,
            description="The course's languages, the first the default; each needs the player's "
            "strings (`en`, `fr`).",
        ),
    ]
    title: Annotated[Text, Meta(description="The course's title, in every language.")]
    description: Annotated[Text | None, Meta(description="A sentence on what it teaches.")] = None
    modules: Annotated[
        list[ModuleRef],
        Meta(
            min_length=1, description="Pages and the assessment, in the order learners take them."
        ),
    ]
    completion: Annotated[
        CompletionSpec, Meta(description="What complete means; the LMS status follows it.")
    ] = field(default_factory=CompletionSpec)
    mastery_score: Annotated[
        Annotated[Whole, Meta(ge=0, le=100)] | None,
        Meta(description="The score that passes, 0-100; default: the assessment's pass_mark."),
    ] = None
    targets: Annotated[
        list[TargetName],
        Meta(
            description="The packages `build` makes without `--target`: "
            + ", ".join(f"`{name}`" for name in REGISTRY)
            + "."
        ),
    ] = field(default_factory=lambda: ["scorm12"])
    xapi: Annotated[
        XapiSpec | None,
        Meta(description="Dual tracking: a SCORM package also sends statements to an LRS."),
    ] = None
    theme: Annotated[
        ThemeSpec | None,
        Meta(description="The course's look: a theme override folder (docs/theming.md)."),
    ] = None


class VideoSpec(Spec, frozen=True, kw_only=True):
    """A page's video link."""

    url: Annotated[
        str | None,
        Meta(
            description="YouTube, Vimeo, a file in the course (`media/clip.mp4`) or any page "
            "(a link card); none: a note that the video has no address."
        ),
    ] = None
    title: Annotated[str | None, Meta(description="The video's title; default: the page's.")] = None
    duration: Annotated[
        Annotated[str, Meta(pattern=r"^(\d{1,2}:)?\d{1,2}:\d{2}$")] | None,
        Meta(description='`m:ss` or `h:mm:ss`, in quotes ("3:32"): without, YAML reads a number.'),
    ] = None
    captions: Annotated[
        str | None,
        Meta(description="A `.vtt` file in the course; required for a local video file."),
    ] = None
    descriptions: Annotated[
        str | None,
        Meta(
            description="Audio description of a local video: a WebVTT file of the page's language "
            "whose cues the player reads out (WCAG 2.1 SC 1.2.5)."
        ),
    ] = None
    described: Annotated[
        str | None,
        Meta(
            description="Audio description of a local video: the same video with the description "
            "in its sound, a file in the course the page offers as a switch."
        ),
    ] = None
    described_audio: Annotated[
        Flag,
        Meta(
            description="true: the video's own sound already describes everything it shows, so it "
            "needs no audio description (silences `audio-description-missing`)."
        ),
    ] = False


class AttachmentSpec(Spec, frozen=True, kw_only=True):
    """A file a page offers for download (a PDF job aid...)."""

    file: Annotated[str, Meta(min_length=1, description="the file, a path inside the course")]
    title: Annotated[str, Meta(min_length=1, description="what the link says")]
    language: Annotated[Language, Meta(description="the file's language, one the course declares")]


class PageFront(Spec, frozen=True, kw_only=True):
    """The front matter of a module page."""

    title: Annotated[str, Meta(min_length=1, description="The page's title.")]
    video: Annotated[
        VideoSpec | None, Meta(description="A video shown at the top of the page.")
    ] = None
    transcript: Annotated[
        str | None, Meta(description="A Markdown file in the course shown under the video.")
    ] = None
    attachments: Annotated[
        list[AttachmentSpec],
        Meta(description="Files listed under the page with their kind, size and language."),
    ] = field(default_factory=list)


def validate_spec(
    model: type[S],
    doc: SourceDoc,
    placeholders: dict[str, Any] | None = None,
    prefix: Loc = (),
) -> tuple[S | None, list[Diagnostic]]:
    """Validate the mapping at `prefix` of a document; errors come back with file:line.

    With `placeholders`, a mapping whose errors are all in plain top-level keys is still
    returned (those keys dropped or replaced) so later checks can report their own errors too.
    """
    data = value_at(doc.data, prefix)
    if data is None:
        data = {}
    spec, problems = check(model, data, prefix, _PATTERNS)
    if spec is not None or placeholders is None or not isinstance(data, dict):
        return spec, to_diagnostics(doc, problems)
    bad = {p.loc[len(prefix)] for p in problems if len(p.loc) > len(prefix)}
    cleaned = {k: v for k, v in data.items() if k not in bad}
    for key, value in placeholders.items():
        cleaned.setdefault(key, value)
    spec, _ = check(model, cleaned, prefix, _PATTERNS)
    return spec, to_diagnostics(doc, problems)


def salvage_spec(
    model: type[S], doc: SourceDoc, prefix: Loc = ()
) -> tuple[S | None, list[Diagnostic], Broken]:
    """Validate the mapping at `prefix` of a document, keeping what can be read of it: later
    checks skip its `Broken` places and check the rest (None when it is not a mapping)."""
    data = value_at(doc.data, prefix)
    spec, problems, broken = salvage(model, {} if data is None else data, prefix, _PATTERNS)
    return spec, to_diagnostics(doc, problems), broken


def within(doc: SourceDoc, problems: list[Diagnostic], key: str) -> bool:
    """True when the top-level `key` is missing or one of `problems` is anywhere inside it."""
    if not isinstance(doc.data, dict) or key not in doc.data:
        return True
    if not problems:
        return False
    places = {doc.at(loc) for loc in doc.value_marks if loc[:1] == (key,)}
    places |= {doc.at(loc, key=True) for loc in doc.key_marks if loc[:1] == (key,)}
    return any(d.location in places for d in problems)
