"""Source schema: the shape of course.yml, page front matter and assessment files."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..diagnostics import Diagnostic
from ..model import QuestionType
from ..targets import REGISTRY
from .load import Loc, SourceDoc
from .schema_types import CODE_RE as CODE_RE
from .schema_types import LANGUAGE_RE as LANGUAGE_RE
from .schema_types import SLUG_RE as SLUG_RE
from .schema_types import Flag, Language, Number, Scale, Slug, TargetName, Text, TextList, Whole
from .schema_types import is_blank as is_blank
from .spec_errors import describe as describe
from .spec_errors import to_diagnostics

M = TypeVar("M", bound="BaseModel")

_PATTERNS = {
    SLUG_RE: "a name of up to 63 lowercase letters, digits and hyphens (such as 'intro')",
    CODE_RE: "a code of up to 64 letters, digits, '-' and '_' (such as 'SMW-01')",
}


class _Spec(BaseModel):
    # Every number must be finite: a NaN in the runtime config stops the player at launch.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, allow_inf_nan=False)


class ModuleRef(_Spec):
    """One entry of course.yml `modules`: a page, the assessment or the pre-test."""

    page: Slug | None = Field(default=None, description="A page: `modules/<page>.<lang>.md`.")
    assessment: Slug | None = Field(
        default=None, description="The assessment: `assessments/<assessment>.yml` (one per course)."
    )
    check: Slug | None = Field(
        default=None,
        description="With `page:`, a knowledge check shown under the page: "
        "`assessments/<check>.yml`, ungraded (immediate feedback, retried freely, never scored).",
    )
    pretest: Slug | None = Field(
        default=None,
        description="A pre-test: `assessments/<pretest>.yml`, one attempt before the assessment, "
        "its score shown to the learner but never the course's (at most one per course).",
    )


class CompletionSpec(_Spec):
    """The course's completion rule."""

    pages: Literal["all", "none"] = Field(
        default="all", description="`all`: every page must be seen for the course to be complete."
    )
    video: Annotated[Whole, Field(ge=0, le=100)] = Field(
        default=0,
        description="Percent of each video to watch (0: not required). A video that cannot "
        "be measured (a link, no `url`), or a page with a transcript, gets the button "
        '"I watched the video or read its transcript", which counts as 100%.',
    )
    assessment: Literal["passed", "attempted", "none"] = Field(
        default="passed", description="`passed`: a passing best score; `attempted`: any score."
    )
    assessment_opens: Literal["always", "after-pages"] = Field(
        default="always", description="`after-pages` locks the assessment until every page is seen."
    )


class XapiSpec(_Spec):
    """course.yml `xapi`: the LRS a SCORM package also sends statements to (dual tracking)."""

    endpoint: Annotated[str, Field(min_length=1)] = Field(
        description="The LRS's xAPI address (`https://…/xapi/`); docs/xapi.md."
    )


class ThemeSpec(_Spec):
    """course.yml `theme`: the course's theme override folder (docs/theming.md)."""

    custom_dir: Annotated[
        str,
        Field(
            min_length=1,
            description="A folder inside the course whose brand.html.j2 and static/ files "
            "override the catalogue's _theme/ and the built-in theme (docs/theming.md).",
        ),
    ]


class CourseSpec(_Spec):
    """course.yml."""

    id: Annotated[str, Field(min_length=1)] = Field(
        description="The course's IRI, stable forever: the LMS and LRS know the course by it."
    )
    code: Annotated[str, Field(pattern=CODE_RE)] = Field(
        description="A short code: letters, digits, `-` and `_`."
    )
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,19}$")] = Field(
        description="The course's own version, such as `1.0.0`."
    )
    languages: Annotated[list[Language], Field(min_length=1)] = Field(
        description="The course's languages, the first the default; each needs the player's "
        "strings (`en`, `fr`)."
    )
    title: Text = Field(description="The course's title, in every language.")
    description: Text | None = Field(default=None, description="A sentence on what it teaches.")
    modules: Annotated[list[ModuleRef], Field(min_length=1)] = Field(
        description="Pages and the assessment, in the order learners take them."
    )
    completion: CompletionSpec = Field(
        default=CompletionSpec(), description="What complete means; the LMS status follows it."
    )
    mastery_score: Annotated[Whole, Field(ge=0, le=100)] | None = Field(
        default=None,
        description="The score that passes, 0-100; default: the assessment's pass_mark.",
    )
    targets: list[TargetName] = Field(
        default=["scorm12"],
        description="The packages `build` makes without `--target`: "
        + ", ".join(f"`{name}`" for name in REGISTRY)
        + ".",
    )
    xapi: XapiSpec | None = Field(
        default=None, description="Dual tracking: a SCORM package also sends statements to an LRS."
    )
    theme: ThemeSpec | None = Field(
        default=None,
        description="The course's look: a theme override folder (docs/theming.md).",
    )


class VideoSpec(_Spec):
    """A page's video link."""

    url: str | None = Field(
        default=None,
        description="YouTube, Vimeo, a file in the course (`media/clip.mp4`) or any page "
        "(a link card); none: a note that the video has no address.",
    )
    title: str | None = Field(default=None, description="The video's title; default: the page's.")
    duration: Annotated[str, Field(pattern=r"^(\d{1,2}:)?\d{1,2}:\d{2}$")] | None = Field(
        default=None,
        description='`m:ss` or `h:mm:ss`, in quotes ("3:32"): without, YAML reads a number.',
    )
    captions: str | None = Field(
        default=None, description="A `.vtt` file in the course; required for a local video file."
    )
    descriptions: str | None = Field(
        default=None,
        description="Audio description of a local video: a WebVTT file of the page's language "
        "whose cues the player reads out (WCAG 2.1 SC 1.2.5).",
    )
    described: str | None = Field(
        default=None,
        description="Audio description of a local video: the same video with the description "
        "in its sound, a file in the course the page offers as a switch.",
    )
    described_audio: bool = Field(
        default=False,
        description="true: the video's own sound already describes everything it shows, so it "
        "needs no audio description (silences `audio-description-missing`).",
    )


class AttachmentSpec(_Spec):
    """A file a page offers for download (a PDF job aid...)."""

    file: Annotated[str, Field(min_length=1, description="the file, a path inside the course")]
    title: Annotated[str, Field(min_length=1, description="what the link says")]
    language: Language = Field(description="the file's language, one the course declares")


class PageFront(_Spec):
    """The front matter of a module page."""

    title: Annotated[str, Field(min_length=1)] = Field(description="The page's title.")
    video: VideoSpec | None = Field(
        default=None, description="A video shown at the top of the page."
    )
    transcript: str | None = Field(
        default=None, description="A Markdown file in the course shown under the video."
    )
    attachments: list[AttachmentSpec] = Field(
        default=[], description="Files listed under the page with their kind, size and language."
    )


class ChoiceSpec(_Spec):
    """A choice of a single- or multiple-choice question."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]$")] = Field(
        description="One lowercase letter or digit."
    )
    text: Text = Field(description="The choice's text.")
    correct: Flag = Field(default=False, description="`true` for a right answer.")
    feedback: Text | None = Field(default=None, description="Shown when the learner picks it.")


class PairSpec(_Spec):
    """A source and its matching target."""

    source: Text = Field(description="The item to match.")
    target: Text = Field(description="What it matches.")


class FeedbackSpec(_Spec):
    """Per-question feedback."""

    correct: Text | None = Field(default=None, description="Shown after a right answer.")
    incorrect: Text | None = Field(default=None, description="Shown after a wrong answer.")


class QuestionSpec(_Spec):
    """One question of an assessment."""

    id: Slug = Field(description="Unique in the assessment; the interaction's id in the LMS.")
    type: QuestionType = Field(description="What the learner does, and what the question needs.")
    prompt: Text = Field(description="The question.")
    choices: list[ChoiceSpec] = Field(
        default=[], description="`single` and `multiple`: the choices."
    )
    answer: Any = Field(
        default=None,
        description="`true-false`: `true` or `false`, without quotes; `numeric`: the number.",
    )
    answers: TextList | None = Field(
        default=None, description="`fill-in`: the accepted answers (a list, or one per language)."
    )
    min: Number | None = Field(default=None, description="`numeric`: the smallest accepted number.")
    max: Number | None = Field(default=None, description="`numeric`: the largest accepted number.")
    pairs: list[PairSpec] = Field(default=[], description="`matching`: the pairs.")
    feedback: FeedbackSpec | None = Field(default=None, description="After an answer, by outcome.")
    max_length: Annotated[Whole, Field(ge=1, le=255)] = Field(
        default=100,
        description="`fill-in`: the most characters the input takes; every accepted answer "
        "must fit, and it counts in the resume state's size.",
    )
    accents: Literal["match", "ignore"] = Field(
        default="ignore",
        description="`fill-in`: whether accents count (`protege` is `Protégé` unless `match`).",
    )
    pool: Slug | None = Field(
        default=None, description="The pool (topic) it is drawn from, when `draw` names pools."
    )
    items: list[Text] = Field(
        default=[], description="`ordering`: 2 to 9 items, in the correct order (shown shuffled)."
    )
    scale: Scale | None = Field(
        default=None,
        description="`likert`: 2 to 10 labels, first to last, or a named scale (`agree5`).",
    )
    distractors: list[Text] = Field(
        default=[],
        description="`matching`: extra targets that match no source, offered in every drop-down.",
    )
    weight: Annotated[Whole, Field(ge=1, le=100)] = Field(
        default=1, description="How much it counts in the score, a whole number (default 1)."
    )
    partial: Flag = Field(
        default=False,
        description="`multiple` and `matching`: credit for the share right.",
    )


class AssessmentSpec(_Spec):
    """assessments/<name>.yml."""

    title: Text = Field(description="The assessment's title.")
    pass_mark: Annotated[Whole, Field(ge=0, le=100)] = Field(
        default=80, description="The percent that passes."
    )
    attempts: Annotated[Whole, Field(ge=0, le=99)] = Field(
        default=0, description="How many attempts; 0: unlimited."
    )
    shuffle: Flag = Field(default=False, description="Shuffle the choices (not true/false).")
    draw: Annotated[Whole, Field(ge=1)] | dict[Slug, Annotated[Whole, Field(ge=1)]] | None = Field(
        default=None,
        description="Ask this many questions, drawn from `questions` at each attempt; or a "
        "number per pool (`{rules: 2, privacy: 1}`).",
    )
    display: Literal["one", "all"] = Field(
        default="one", description="`one` question at a time, or `all` on one page."
    )
    questions: Annotated[list[Any], Field(min_length=1)] = Field(
        description="The questions (below)."
    )
    feedback: Literal["immediate", "attempt", "never"] | None = Field(
        default=None,
        description="When the learner sees right or wrong: after each question (`immediate`), "
        "in a review after the attempt (`attempt`) or `never` (only the score); default: "
        "`immediate` with `display: one`, `attempt` with `display: all`.",
    )
    reveal: Flag = Field(
        default=True, description="Whether the correct answers are shown with the verdict."
    )
    answer_key: Literal["plain", "hashed"] = Field(
        default="plain",
        description="`plain`: the correct answers are in the package; `hashed`: only salted "
        "hashes of them (not numeric ranges), no answers revealed nor reported as correct "
        "responses (docs/course-format.md).",
    )


def validate_spec(
    model: type[M],
    doc: SourceDoc,
    placeholders: dict[str, Any] | None = None,
    prefix: Loc = (),
) -> tuple[M | None, list[Diagnostic]]:
    """Validate the mapping at `prefix` of a document; errors come back with file:line.

    With `placeholders`, a mapping whose errors are all in plain top-level keys is still
    returned (those keys dropped or replaced) so later checks can report their own errors too.
    """
    data: Any = doc.data
    for part in prefix:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            data = None
    if data is None:
        data = {}
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = to_diagnostics(model, doc, exc, prefix, _PATTERNS)
        if placeholders is None or not isinstance(data, dict):
            return None, problems
        bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        cleaned = {k: v for k, v in data.items() if k not in bad}
        for key, value in placeholders.items():
            cleaned.setdefault(key, value)
        try:
            return model.model_validate(cleaned), problems
        except ValidationError:
            return None, problems
