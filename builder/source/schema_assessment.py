"""Source schema of an assessment file (`assessments/<name>.yml`) and each of its questions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from msgspec import Meta, field

from ..model import QuestionType
from .schema_types import Flag, Number, Scale, Slug, Text, TextList, Whole
from .spec_check import Spec


class ChoiceSpec(Spec, frozen=True, kw_only=True):
    """A choice of a single- or multiple-choice question."""

    id: Annotated[str, Meta(pattern=r"^[a-z0-9]$", description="One lowercase letter or digit.")]
    text: Annotated[Text, Meta(description="The choice's text.")]
    correct: Annotated[Flag, Meta(description="`true` for a right answer.")] = False
    feedback: Annotated[Text | None, Meta(description="Shown when the learner picks it.")] = None


class PairSpec(Spec, frozen=True, kw_only=True):
    """A source and its matching target."""

    source: Annotated[Text, Meta(description="The item to match.")]
    target: Annotated[Text, Meta(description="What it matches.")]


class FeedbackSpec(Spec, frozen=True, kw_only=True):
    """Per-question feedback."""

    correct: Annotated[Text | None, Meta(description="Shown after a right answer.")] = None
    incorrect: Annotated[Text | None, Meta(description="Shown after a wrong answer.")] = None


class QuestionSpec(Spec, frozen=True, kw_only=True):
    """One question of an assessment."""

    id: Annotated[
        Slug, Meta(description="Unique in the assessment; the interaction's id in the LMS.")
    ]
    type: Annotated[
        QuestionType, Meta(description="What the learner does, and what the question needs.")
    ]
    prompt: Annotated[Text, Meta(description="The question.")]
    choices: Annotated[
        list[ChoiceSpec], Meta(description="`single` and `multiple`: the choices.")
    ] = field(default_factory=list)
    answer: Annotated[
        Any,
        Meta(description="`true-false`: `true` or `false`, without quotes; `numeric`: the number."),
    ] = None
    answers: Annotated[
        TextList | None,
        Meta(description="`fill-in`: the accepted answers (a list, or one per language)."),
    ] = None
    min: Annotated[Number | None, Meta(description="`numeric`: the smallest accepted number.")] = (
        None
    )
    max: Annotated[Number | None, Meta(description="`numeric`: the largest accepted number.")] = (
        None
    )
    pairs: Annotated[list[PairSpec], Meta(description="`matching`: the pairs.")] = field(
        default_factory=list
    )
    feedback: Annotated[FeedbackSpec | None, Meta(description="After an answer, by outcome.")] = (
        None
    )
    max_length: Annotated[
        Whole,
        Meta(
            ge=1,
            le=255,
            description="`fill-in`: the most characters the input takes; every accepted answer "
            "must fit, and it counts in the resume state's size.",
        ),
    ] = 100
    accents: Annotated[
        Literal["match", "ignore"],
        Meta(
            description="`fill-in`: whether accents count (`protege` is `Protégé` unless `match`)."
        ),
    ] = "ignore"
    pool: Annotated[
        Slug | None, Meta(description="The pool (topic) it is drawn from, when `draw` names pools.")
    ] = None
    items: Annotated[
        list[Text],
        Meta(description="`ordering`: 2 to 9 items, in the correct order (shown shuffled)."),
    ] = field(default_factory=list)
    scale: Annotated[
        Scale | None,
        Meta(description="`likert`: 2 to 10 labels, first to last, or a named scale (`agree5`)."),
    ] = None
    distractors: Annotated[
        list[Text],
        Meta(
            description="`matching`: extra targets that match no source, offered in every "
            "drop-down."
        ),
    ] = field(default_factory=list)
    weight: Annotated[
        Whole,
        Meta(
            ge=1, le=100, description="How much it counts in the score, a whole number (default 1)."
        ),
    ] = 1
    partial: Annotated[
        Flag, Meta(description="`multiple` and `matching`: credit for the share right.")
    ] = False


class AssessmentSpec(Spec, frozen=True, kw_only=True):
    """assessments/<name>.yml."""

    title: Annotated[Text, Meta(description="The assessment's title.")]
    pass_mark: Annotated[Whole, Meta(ge=0, le=100, description="The percent that passes.")] = 80
    attempts: Annotated[
        Whole, Meta(ge=0, le=99, description="How many attempts; 0: unlimited.")
    ] = 0
    shuffle: Annotated[Flag, Meta(description="Shuffle the choices (not true/false).")] = False
    draw: Annotated[
        Annotated[Whole, Meta(ge=1)] | dict[Slug, Annotated[Whole, Meta(ge=1)]] | None,
        Meta(
            description="Ask this many questions, drawn from `questions` at each attempt; or a "
            "number per pool (`{rules: 2, privacy: 1}`)."
        ),
    ] = None
    display: Annotated[
        Literal["one", "all"], Meta(description="`one` question at a time, or `all` on one page.")
    ] = "one"
    questions: Annotated[list[Any], Meta(min_length=1, description="The questions (below).")]
    feedback: Annotated[
        Literal["immediate", "attempt", "never"] | None,
        Meta(
            description="When the learner sees right or wrong: after each question (`immediate`), "
            "in a review after the attempt (`attempt`) or `never` (only the score); default: "
            "`immediate` with `display: one`, `attempt` with `display: all`."
        ),
    ] = None
    reveal: Annotated[
        Flag, Meta(description="Whether the correct answers are shown with the verdict.")
    ] = True
    answer_key: Annotated[
        Literal["plain", "hashed"],
        Meta(
            description="`plain`: the correct answers are in the package; `hashed`: only salted "
            "hashes of them (not numeric ranges), no answers revealed nor reported as correct "
            "responses (docs/course-format.md)."
        ),
    ] = "plain"
