"""Assessment files: questions of six types, each checked for a usable correct answer."""

from __future__ import annotations

from pathlib import Path

from ..model import Assessment, Question, interaction_id
from .context import CourseContext
from .key_ids import scramble_ids
from .load import Loc, SourceDoc, parse_yaml, read_text
from .pools import check_pools
from .questions import QUESTION_SOURCES, QuestionSource
from .schema import AssessmentSpec, QuestionSpec, validate_spec


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
    questions = _questions(name, len(spec.questions), doc, ctx)
    pools = check_pools(spec.draw, doc, ctx) if isinstance(spec.draw, dict) else {}
    draw = sum(pools.values()) if isinstance(spec.draw, dict) else spec.draw
    if isinstance(spec.draw, int) and spec.draw > len(spec.questions):
        ctx.diagnostics.error(
            doc.at(("draw",)),
            "draw-too-many",
            f"draw: {spec.draw} questions asked from a pool of {len(spec.questions)}; "
            f"expected at most {len(spec.questions)}",
        )
    elif draw != 0 and _as_written(doc, "pass_mark", spec.pass_mark):
        # (A pass mark refused above stands in as its default: nothing to say about it.)
        asked = draw or len(spec.questions)
        _check_pass_reach(asked, spec.pass_mark, doc, ctx, drawn=spec.draw is not None)
    return Assessment(
        id=name,
        title=ctx.text(spec.title, doc, ("title",), "title"),
        pass_mark=spec.pass_mark,
        attempts=spec.attempts,
        shuffle=spec.shuffle,
        draw=draw,
        pools=tuple(sorted(pools.items())),
        display=spec.display,
        questions=tuple(scramble_ids(name, q) for q in questions)
        if spec.answer_key == "hashed"
        else tuple(questions),
        answer_key=spec.answer_key,
    )


def _as_written(doc: SourceDoc, key: str, value: object) -> bool:
    """True when the spec's `value` for `key` is the source's own, not a stand-in for a bad one."""
    return isinstance(doc.data, dict) and doc.data.get(key, value) == value


def questions_to_pass(asked: int, pass_mark: int) -> int:
    """The fewest right answers out of `asked` that pass, as the runtime scores."""
    # The runtime's score is floor(100 * right / asked), and a pass is score >= pass_mark.
    return next(right for right in range(asked + 1) if (100 * right) // asked >= pass_mark)


def _check_pass_reach(
    asked: int, pass_mark: int, doc: SourceDoc, ctx: CourseContext, *, drawn: bool
) -> None:
    """Warn when only a perfect score passes although the pass mark is under 100%."""
    # One question: right or wrong is all there is, whatever the pass mark.
    if asked <= 1 or pass_mark >= 100 or questions_to_pass(asked, pass_mark) < asked:
        return
    more = next(n for n in range(asked + 1, 101 + asked) if questions_to_pass(n, pass_mark) < n)
    below = (100 * (asked - 1)) // asked
    enough = f"draw: {more}" if drawn else f"{more} questions"
    ctx.diagnostics.warning(
        doc.at(("draw",) if drawn else ("pass_mark",)),
        "pass-needs-all",
        f"with {asked} questions asked, a pass mark of {pass_mark}% needs all {asked} right "
        f"({asked - 1} of {asked} scores {below}%); expected "
        f"{enough} or more, or pass_mark: {below} or less",
    )


def _questions(name: str, count: int, doc: SourceDoc, ctx: CourseContext) -> list[Question]:
    """The file's `count` questions that check out, each id once and distinct in the LMS."""
    questions: list[Question] = []
    seen: dict[str, int] = {}
    lms_ids: dict[str, str] = {}
    for i in range(count):
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
        question = _question(QuestionSource(q, doc, loc, ctx))
        if question is not None:
            questions.append(question)
    return questions


def _question(src: QuestionSource) -> Question | None:
    """The question modelled by its type's handler, or None when it has errors."""
    q = src.q
    errors_before = src.ctx.diagnostics.error_count()
    prompt = src.rich(q.prompt, ("prompt",), "prompt")
    answer = QUESTION_SOURCES[q.type](src)
    feedback_correct = feedback_incorrect = None
    if q.feedback is not None:
        if q.feedback.correct is not None:
            feedback_correct = src.rich(
                q.feedback.correct, ("feedback", "correct"), "feedback (correct)"
            ).html
        if q.feedback.incorrect is not None:
            feedback_incorrect = src.rich(
                q.feedback.incorrect, ("feedback", "incorrect"), "feedback (incorrect)"
            ).html
    if src.ctx.diagnostics.error_count() > errors_before:
        return None
    return Question(
        q.id,
        q.type,
        prompt.html,
        answer.choices,
        answer.pairs,
        answer.answer_bool,
        answer.answers,
        answer.numeric_min,
        answer.numeric_max,
        q.max_length,
        q.accents,
        feedback_correct,
        feedback_incorrect,
        q.pool,
        answer.items,
        answer.scale,
        prompt.plain,
        answer.distractors,
    )
