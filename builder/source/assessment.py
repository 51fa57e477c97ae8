"""Assessment files: questions of six types, each checked for a usable correct answer."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from ..model import Assessment, Choice, Pair, Question, Text, interaction_id
from .context import CourseContext
from .load import Loc, SourceDoc, parse_yaml, read_text
from .schema import AssessmentSpec, QuestionSpec, describe, is_blank, validate_spec

MATCHING_SOURCE_IDS = "123456789"
MATCHING_TARGET_IDS = "abcdefghijklmnopqrstuvwxyz"


def build_assessment(name: str, path: Path, ctx: CourseContext) -> Assessment | None:
    """Read, check and model one assessment file."""
    where = ctx.name(path)
    text = read_text(path, where, ctx.diagnostics)
    if text is None:
        return None
    doc = parse_yaml(text, where, ctx.diagnostics)
    if not doc.parsed:
        return None
    spec, problems = validate_spec(AssessmentSpec, doc, {"title": "invalid", "questions": [{}]})
    ctx.diagnostics.extend(problems)
    if spec is None:
        return None
    questions: list[Question] = []
    seen: dict[str, int] = {}
    lms_ids: dict[str, str] = {}
    for i in range(len(spec.questions)):
        loc: Loc = ("questions", i)
        q, problems = validate_spec(QuestionSpec, doc, prefix=loc)
        ctx.diagnostics.extend(problems)
        if q is None:
            continue
        if q.id in seen:
            ctx.diagnostics.error(
                doc.at((*loc, "id")),
                "duplicate-id",
                f"question id '{q.id}' is used twice (first at line "
                f"{doc.at(('questions', seen[q.id], 'id')).line}); expected unique ids",
            )
            continue
        seen[q.id] = i
        lms_id = interaction_id(name, q.id)
        if lms_id in lms_ids:
            ctx.diagnostics.error(
                doc.at((*loc, "id")),
                "interaction-id-clash",
                f"question ids '{lms_ids[lms_id]}' and '{q.id}' are both '{lms_id}' in the LMS "
                "(interaction ids keep only letters and digits); expected ids that differ by more "
                "than their hyphens",
            )
        lms_ids[lms_id] = q.id
        question = _question(q, doc, loc, ctx)
        if question is not None:
            questions.append(question)
    if spec.draw is not None and spec.draw > len(spec.questions):
        ctx.diagnostics.error(
            doc.at(("draw",)),
            "draw-too-many",
            f"draw: {spec.draw} questions asked from a pool of {len(spec.questions)}; "
            f"expected at most {len(spec.questions)}",
        )
    return Assessment(
        id=name,
        title=ctx.text(spec.title, doc, ("title",), "title"),
        pass_mark=spec.pass_mark,
        attempts=spec.attempts,
        shuffle=spec.shuffle,
        draw=spec.draw,
        display=spec.display,
        questions=tuple(questions),
    )


def _finite(number: float) -> float | None:
    """`number` as a float, or None when it is NaN, infinite or too large for one."""
    try:
        value = float(number)
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def _blank_answers(accepted: list[str] | dict[str, list[str]]) -> list[Loc]:
    """Where the accepted fill-in answers are that no learner can type (blank ones)."""
    lists: list[tuple[Loc, list[str]]] = (
        [((lang,), answers) for lang, answers in accepted.items()]
        if isinstance(accepted, dict)
        else [((), accepted)]
    )
    return [
        ("answers", *sub, k)
        for sub, answers in lists
        for k, answer in enumerate(answers)
        if is_blank(answer)
    ]


def _question(q: QuestionSpec, doc: SourceDoc, loc: Loc, ctx: CourseContext) -> Question | None:
    where = f"question '{q.id}'"
    errors_before = ctx.diagnostics.error_count()

    def text(value: Any, sub: Loc, what: str) -> Text:
        return ctx.text(value, doc, (*loc, *sub), f"{where} {what}")

    def error(sub: Loc, code: str, message: str) -> None:
        ctx.diagnostics.error(doc.at((*loc, *sub)), code, f"{where}: {message}")

    prompt = text(q.prompt, ("prompt",), "prompt")
    choices: list[Choice] = []
    pairs: list[Pair] = []
    answer_bool: bool | None = None
    answers: dict[str, tuple[str, ...]] = {}
    low: float | None = None
    high: float | None = None

    if q.type == "true-false":
        if q.answer is None:
            error(
                (),
                "no-correct-answer",
                "a true-false question needs 'answer: true' or 'answer: false'",
            )
        elif not isinstance(q.answer, bool):
            error(
                ("answer",),
                "wrong-type",
                f"answer: expected true or false, found {describe(q.answer)}",
            )
        else:
            answer_bool = q.answer
    elif q.type in ("single", "multiple"):
        if len(q.choices) < 2:
            error(
                ("choices",),
                "too-few-choices",
                f"expected at least 2 choices, found {len(q.choices)}",
            )
        ids: set[str] = set()
        for j, c in enumerate(q.choices):
            if c.id in ids:
                error(("choices", j, "id"), "duplicate-id", f"choice id '{c.id}' is used twice")
            ids.add(c.id)
            feedback = (
                text(c.feedback, ("choices", j, "feedback"), f"choice '{c.id}' feedback")
                if c.feedback is not None
                else None
            )
            choices.append(
                Choice(
                    c.id,
                    text(c.text, ("choices", j, "text"), f"choice '{c.id}'"),
                    c.correct,
                    feedback,
                )
            )
        correct = sum(1 for c in q.choices if c.correct)
        if q.choices and correct == 0:
            error(
                ("choices",),
                "no-correct-answer",
                "no choice is marked 'correct: true'; expected "
                + ("exactly one" if q.type == "single" else "at least one"),
            )
        elif q.type == "single" and correct > 1:
            error(
                ("choices",),
                "too-many-correct",
                f"{correct} choices are correct in a single-choice question; expected exactly "
                "one (use type: multiple for several)",
            )
    elif q.type == "fill-in":
        if q.answers is None:
            error((), "no-correct-answer", "a fill-in question needs 'answers: [...]'")
        elif isinstance(q.answers, list):
            answers = dict.fromkeys(ctx.languages, tuple(q.answers))
        else:
            for lang in ctx.languages:
                if lang not in q.answers:
                    error(
                        ("answers",),
                        "missing-translation",
                        f"answers have no '{lang}' list; expected '{lang}: [...]'",
                    )
            answers = {lang: tuple(q.answers.get(lang, [])) for lang in ctx.languages}
        for at in _blank_answers(q.answers or []):
            error(
                at, "blank-answer", "an accepted answer is blank; expected text a learner can type"
            )
        for lang, accepted in answers.items():
            too_long = [a for a in accepted if len(a) > q.max_length]
            if too_long:
                error(
                    ("answers",),
                    "answer-too-long",
                    f"accepted answer '{too_long[0][:40]}' ({lang}) is longer than "
                    f"max_length {q.max_length}",
                )
    elif q.type == "matching":
        if not 2 <= len(q.pairs) <= len(MATCHING_SOURCE_IDS):
            error(
                ("pairs",),
                "pair-count",
                f"expected 2 to {len(MATCHING_SOURCE_IDS)} pairs, found {len(q.pairs)}",
            )
        for j, p in enumerate(q.pairs[: len(MATCHING_SOURCE_IDS)]):
            pairs.append(
                Pair(
                    MATCHING_SOURCE_IDS[j],
                    MATCHING_TARGET_IDS[j],
                    text(p.source, ("pairs", j, "source"), f"pair {j + 1} source"),
                    text(p.target, ("pairs", j, "target"), f"pair {j + 1} target"),
                )
            )
    elif q.type == "numeric":
        if (
            q.answer is not None
            and not isinstance(q.answer, bool)
            and isinstance(q.answer, int | float)
        ):
            low = high = _finite(q.answer)
            if low is None:
                error(
                    ("answer",),
                    "bad-value",
                    f"answer: expected a finite number, found {describe(q.answer)}",
                )
        elif q.min is not None and q.max is not None:
            low, high = q.min, q.max
            if low > high:
                error(("min",), "bad-range", f"min {low:g} is greater than max {high:g}")
        elif q.answer is not None:
            error(
                ("answer",), "wrong-type", f"answer: expected a number, found {describe(q.answer)}"
            )
        else:
            error(
                (),
                "no-correct-answer",
                "a numeric question needs 'answer: <number>' or both 'min:' and 'max:'",
            )

    feedback_correct = feedback_incorrect = None
    if q.feedback is not None:
        if q.feedback.correct is not None:
            feedback_correct = text(
                q.feedback.correct, ("feedback", "correct"), "feedback (correct)"
            )
        if q.feedback.incorrect is not None:
            feedback_incorrect = text(
                q.feedback.incorrect, ("feedback", "incorrect"), "feedback (incorrect)"
            )
    if ctx.diagnostics.error_count() > errors_before:
        return None
    return Question(
        q.id,
        q.type,
        prompt,
        tuple(choices),
        tuple(pairs),
        answer_bool,
        answers,
        low,
        high,
        q.max_length,
        feedback_correct,
        feedback_incorrect,
    )
