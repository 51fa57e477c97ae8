"""Source schema: the shape of course.yml, page front matter and assessment files."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    ValidationError,
)
from pydantic_core import PydanticCustomError

from ..diagnostics import Diagnostic
from ..model import QuestionType
from ..targets import REGISTRY, expected_names
from .load import Loc, SourceDoc
from .spec_errors import describe as describe
from .spec_errors import to_diagnostics

LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Z]{2})?$")
SLUG_RE = r"^[a-z0-9][a-z0-9-]{0,62}$"
CODE_RE = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"

M = TypeVar("M", bound="BaseModel")

_PATTERNS = {SLUG_RE: "a name of up to 63 lowercase letters, digits and hyphens (such as 'intro')"}


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


class CourseSpec(_Spec):
    """course.yml."""

    id: Annotated[str, Field(min_length=1)]
    code: Annotated[str, Field(pattern=CODE_RE)]
    version: Annotated[str, Field(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,19}$")]
    languages: Annotated[list[Language], Field(min_length=1)]
    title: Text
    description: Text | None = None
    modules: Annotated[list[ModuleRef], Field(min_length=1)]
    completion: CompletionSpec = CompletionSpec()
    mastery_score: Annotated[Whole, Field(ge=0, le=100)] | None = None
    targets: list[TargetName] = ["scorm12"]
    xapi: XapiSpec | None = None


class VideoSpec(_Spec):
    """A page's video link."""

    url: str | None = None
    title: str | None = None
    duration: Annotated[str, Field(pattern=r"^(\d{1,2}:)?\d{1,2}:\d{2}$")] | None = None
    captions: str | None = None


class PageFront(_Spec):
    """The front matter of a module page."""

    title: Annotated[str, Field(min_length=1)]
    video: VideoSpec | None = None
    transcript: str | None = None


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


class AssessmentSpec(_Spec):
    """assessments/<name>.yml."""

    title: Text
    pass_mark: Annotated[Whole, Field(ge=0, le=100)] = 80
    attempts: Annotated[Whole, Field(ge=0, le=99)] = 0
    shuffle: Flag = False
    draw: Annotated[Whole, Field(ge=1)] | None = None
    display: Literal["one", "all"] = "one"
    questions: Annotated[list[Any], Field(min_length=1)]


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
