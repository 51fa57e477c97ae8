"""Source schema: the shape of course.yml, page front matter and assessment files."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
)
from pydantic_core import PydanticCustomError

from ..model import QuestionType
from ..targets import REGISTRY, expected_names
from .spec_check import SLUG_RE, describe

LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")


def _text(value: Any) -> str | dict[str, str]:
    """Accept a plain string or a language map {en: ..., fr: ...} of strings."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        bad = [k for k in value if not isinstance(k, str) or not LANGUAGE_RE.match(k)]
        if bad:
            raise ValueError(f"expected language codes like 'en' or 'fr' as keys, found '{bad[0]}'")
        return {str(k): v for k, v in value.items()}
    raise ValueError(
        f"expected text or a language map like {{en: ..., fr: ...}}, found {describe(value)}"
    )


def _texts(value: Any) -> list[str] | dict[str, list[str]]:
    """Accept a list of strings, or a language map of lists of strings."""

    def is_list(v: Any) -> bool:
        return isinstance(v, list) and bool(v) and all(isinstance(i, str | int | float) for i in v)

    if is_list(value):
        return [str(v) for v in value]
    if isinstance(value, dict) and value and all(is_list(v) for v in value.values()):
        return {str(k): [str(i) for i in v] for k, v in value.items()}
    raise ValueError(
        "expected a list of accepted answers, or a language map of lists "
        f"like {{en: [...], fr: [...]}}, found {describe(value)}"
    )


def _not_bool(kind: str) -> BeforeValidator:
    """Refuse a YAML `true` where a number is expected (pydantic's lax mode takes it as 1)."""

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise PydanticCustomError(kind, "Input should be a valid number")
        return value

    return BeforeValidator(check)


def is_blank(text: str) -> bool:
    """True when `text` has nothing to read: only whitespace, zero-width or format characters."""
    return all(c.isspace() or unicodedata.category(c) in ("Cf", "Cc") for c in text)


def _target(value: Any) -> str:
    """Accept the name of a registered target (builder/targets), and nothing else."""
    if isinstance(value, str) and value in REGISTRY:
        return value
    raise PydanticCustomError(
        "literal_error", "Input should be {expected}", {"expected": expected_names()}
    )


Text = Annotated[Any, PlainValidator(_text)]
TextList = Annotated[Any, PlainValidator(_texts)]
Slug = Annotated[str, Field(pattern=SLUG_RE)]
Language = Annotated[str, Field(pattern=LANGUAGE_RE.pattern)]
Whole = Annotated[int, _not_bool("int_type")]
Number = Annotated[float, _not_bool("float_type")]
Flag = Annotated[bool, Strict()]
TargetName = Annotated[str, PlainValidator(_target)]


class _Spec(BaseModel):
    # Every number must be finite: a NaN in the runtime config stops the player at launch.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, allow_inf_nan=False)


class ModuleRef(_Spec):
    """One entry of course.yml `modules`: a page or an assessment."""

    page: Slug | None = None
    assessment: Slug | None = None


class CompletionSpec(_Spec):
    """The course's completion rule."""

    pages: Literal["all", "none"] = "all"
    video: Annotated[Whole, Field(ge=0, le=100)] = 0
    assessment: Literal["passed", "attempted", "none"] = "passed"
    assessment_opens: Literal["always", "after-pages"] = "always"


class XapiSpec(_Spec):
    """course.yml `xapi`: the LRS a SCORM package also sends statements to (dual tracking)."""

    endpoint: Annotated[str, Field(min_length=1)]


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

    id: Annotated[str, Field(min_length=1)]
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,19}$")]
    languages: Annotated[list[Language], Field(min_length=1)]
    title: Text
    description: Text | None = None
    modules: Annotated[list[ModuleRef], Field(min_length=1)]
    completion: CompletionSpec = CompletionSpec()
    mastery_score: Annotated[Whole, Field(ge=0, le=100)] | None = None
    targets: list[TargetName] = ["scorm12"]
    xapi: XapiSpec | None = None
    theme: ThemeSpec | None = Field(
        default=None,
        description="The course's look: a theme override folder (docs/theming.md).",
    )


class VideoSpec(_Spec):
    """A page's video link."""

    url: str | None = None
    title: str | None = None
    duration: Annotated[str, Field(pattern=r"^(\d{1,2}:)?\d{1,2}:\d{2}$")] | None = None
    captions: str | None = None


class AttachmentSpec(_Spec):
    """A file a page offers for download (a PDF job aid...)."""

    file: Annotated[str, Field(min_length=1, description="the file, a path inside the course")]
    title: Annotated[str, Field(min_length=1, description="what the link says")]
    language: Language = Field(description="the file's language, one the course declares")


class PageFront(_Spec):
    """The front matter of a module page."""

    title: Annotated[str, Field(min_length=1)]
    video: VideoSpec | None = None
    transcript: str | None = None
    attachments: list[AttachmentSpec] = Field(
        default=[], description="files listed under the page with their kind, size and language"
    )


class ChoiceSpec(_Spec):
    """A choice of a single- or multiple-choice question."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]$")]
    text: Text
    correct: Flag = False
    feedback: Text | None = None


class PairSpec(_Spec):
    """A source and its matching target."""

    source: Text
    target: Text


class FeedbackSpec(_Spec):
    """Per-question feedback."""

    correct: Text | None = None
    incorrect: Text | None = None


class QuestionSpec(_Spec):
    """One question of an assessment."""

    id: Slug
    type: QuestionType
    prompt: Text
    choices: list[ChoiceSpec] = []
    answer: Any = None
    answers: TextList | None = None
    min: Number | None = None
    max: Number | None = None
    pairs: list[PairSpec] = []
    feedback: FeedbackSpec | None = None
    max_length: Annotated[Whole, Field(ge=1, le=255)] = 100
    accents: Annotated[
        Literal["match", "ignore"],
        Field(description="fill-in: whether accents count ('protege' is 'Protégé' unless match)"),
    ] = "ignore"
    pool: Annotated[
        Slug | None, Field(description="the pool (topic) it is drawn from, when draw names pools")
    ] = None


class AssessmentSpec(_Spec):
    """assessments/<name>.yml."""

    title: Text
    pass_mark: Annotated[Whole, Field(ge=0, le=100)] = 80
    attempts: Annotated[Whole, Field(ge=0, le=99)] = 0
    shuffle: Flag = False
    draw: Annotated[
        Annotated[Whole, Field(ge=1)] | dict[Slug, Annotated[Whole, Field(ge=1)]] | None,
        Field(description="questions asked per attempt: a number, or a number per pool"),
    ] = None
    display: Literal["one", "all"] = "one"
    questions: Annotated[list[Any], Field(min_length=1)]
