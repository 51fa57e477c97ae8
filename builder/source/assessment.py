"""Assessment files: questions of six types, each checked for a usable correct answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from msgspec import Struct
from msgspec.structs import replace

from ..diagnostics import Location
from ..model import Assessment, Question, interaction_id
from .checks import warn_ignored_keys
from .context import CourseContext
from .key_ids import scramble_ids
from .load import Loc, SourceDoc, parse_yaml, read_text
from .pools import check_pools
from .pretest import warn_pretest_keys
from .question_keys import warn_unused_keys
from .question_source import QuestionSource
from .questions import QUESTION_SOURCES
from .schema import AssessmentSpec, QuestionSpec, salvage_spec
from .scoring import (
    PARTIAL_TYPES,
    Weighed,
    attempt_weights,
    check_draw_weights,
    check_pass_reach,
    check_reveal,
)
from .spec_places import Broken


def build_assessment(
    name: str,
    path: Path,
    ctx: CourseContext,
    *,
    check: bool = False,
    pretest: bool = False,
    listed: bool = True,
    places: dict[str, Location] | None = None,
) -> Assessment | None:
    """Read, check and model one assessment file (`check`: a page's knowledge check,
    `pretest`: the course's pre-test, modelled as one by source/pretest.py; not `listed`:
    found while course.yml's `modules` could not be read, so used as what is unknown; `places`
    gets where each question's id is written)."""
    where = ctx.name(path)
    text = read_text(path, where, ctx.diagnostics)
    if text is None:
        return None
    doc = parse_yaml(text, where, ctx.diagnostics)
    if not doc.parsed:
        return None
    # Salvaged: a value in error holds its default, which no later check reads as written.
    spec, problems, broken = salvage_spec(AssessmentSpec, doc)
    ctx.diagnostics.extend(problems)
    if spec is None:
        return None
    written: list[Any] = spec.questions if broken.usable(("questions",)) else []
    places = {} if places is None else places
    questions, weights, labels = _questions(name, len(written), doc, ctx, places)
    if check:
        warn_ignored_keys(doc, ctx)
        spec = replace(spec, answer_key="plain")  # it shows the right answers at once
    elif pretest:
        warn_pretest_keys(doc, ctx)
    # neither a check nor a pre-test is passed or retried: no pass mark to reach, no display to fit
    graded = listed and not (check or pretest)
    asked = _Asked(written, questions, weights, labels)
    pools, draw, feedback, reveal = _attempt(spec, broken, asked, doc, ctx, graded)
    return Assessment(
        id=name,
        title=ctx.text(spec.title, doc, ("title",), "title")
        if broken.usable(("title",))
        else dict.fromkeys(ctx.languages, ""),
        pass_mark=spec.pass_mark,
        attempts=spec.attempts,
        shuffle=spec.shuffle,
        draw=draw,
        pools=tuple(sorted(pools.items())),
        display=spec.display,
        questions=tuple(scramble_ids(name, q) for q in questions)
        if spec.answer_key == "hashed"
        else tuple(questions),
        feedback=feedback,
        reveal=reveal,
        answer_key=spec.answer_key,
    )


class _Asked(Struct, frozen=True):
    """An assessment's questions: as written, as modelled (those that check out), each
    one's weight as read (None: not read) and how diagnostics name each."""

    written: list[Any]
    questions: list[Question]
    weights: list[Weighed | None]
    labels: list[str]


def _attempt(
    spec: AssessmentSpec,
    broken: Broken,
    asked: _Asked,
    doc: SourceDoc,
    ctx: CourseContext,
    graded: bool,
) -> tuple[dict[str, int], int | None, Literal["immediate", "attempt", "never"], bool]:
    """What one attempt asks and shows, checked from the values that were read: its pools,
    how many it draws, when verdicts show and whether the right answers do."""
    listed = broken.usable(("questions",))
    pools: dict[str, int] = {}
    exact = True
    if isinstance(spec.draw, dict) and listed:
        pools, exact = check_pools(spec.draw, doc, ctx)
    draw = sum(pools.values()) if isinstance(spec.draw, dict) else spec.draw
    feedback = _feedback(spec, doc, ctx, check=not graded)
    # What an attempt asks is known when the draw was read (and each pool it names found).
    known = exact and broken.usable(("draw",))
    if listed:
        reach = known and graded and broken.usable(("pass_mark",))
        _check_asked(spec, asked.weights, pools, draw, doc, ctx, reach=reach)
    if graded and not broken.usable(("pass_mark",)):
        ctx.unread.add("pass_mark")
    reveal = _reveal(spec, asked, doc, ctx)
    # one try, or unscored: nothing to copy between tries
    if listed and graded and known and _reveal_read(spec, broken):
        count = draw or len(asked.written)
        check_reveal(spec.attempts, feedback, reveal, count, len(asked.written), doc, ctx)
    return pools, draw, feedback, reveal


def _feedback(
    spec: AssessmentSpec, doc: SourceDoc, ctx: CourseContext, *, check: bool
) -> Literal["immediate", "attempt", "never"]:
    """When verdicts show: the author's choice, else what the display implies."""
    if spec.feedback == "immediate" and spec.display == "all" and not check:
        ctx.diagnostics.error(
            doc.at(("feedback",)),
            "feedback-display",
            "feedback: immediate needs one question at a time (display: all checks them all "
            "at once); expected display: one, or feedback: attempt or never",
        )
    return spec.feedback or ("immediate" if spec.display == "one" else "attempt")


def _check_asked(
    spec: AssessmentSpec,
    weights: list[Weighed | None],
    pools: dict[str, int],
    draw: int | None,
    doc: SourceDoc,
    ctx: CourseContext,
    *,
    reach: bool,
) -> None:
    """The questions an attempt asks: no more than there are, equal weights in a draw, and (with
    `reach`) a pass mark that does not quietly need every one of them right (judged on the
    weights as read: one that was not is no ground)."""
    read = [w for w in weights if w is not None]
    # Every weight read, and a draw's all the same: only then is what an attempt asks known.
    known = (
        len(read) == len(weights)
        if spec.draw is None
        else check_draw_weights(weights, pools, doc, ctx)
    )
    if isinstance(spec.draw, int) and spec.draw > len(spec.questions):
        ctx.diagnostics.error(
            doc.at(("draw",)),
            "draw-too-many",
            f"draw: {spec.draw} questions asked from a pool of {len(spec.questions)}; "
            f"expected at most {len(spec.questions)}",
        )
    elif draw != 0 and known and reach:
        drawn = spec.draw is not None
        check_pass_reach(attempt_weights(read, draw, pools), spec.pass_mark, doc, ctx, drawn=drawn)


def _reveal(spec: AssessmentSpec, asked: _Asked, doc: SourceDoc, ctx: CourseContext) -> bool:
    """Whether verdicts show the right answers: never with a hashed key, which has none to show."""
    if spec.answer_key != "hashed":
        return spec.reveal
    if isinstance(doc.data, dict) and doc.data.get("reveal") is True:
        ctx.diagnostics.error(
            doc.at(("reveal",)),
            "hashed-key-conflict",
            "reveal: true with answer_key: hashed: the package holds no correct answer to "
            "show; expected reveal: false (the default with a hashed key) or answer_key: plain",
        )
    # Every question with partial: true as written, whatever else is wrong with it.
    for i, raw in enumerate(asked.written):
        if isinstance(raw, dict) and raw.get("partial") is True:
            ctx.diagnostics.error(
                doc.at(("questions", i, "partial")),
                "hashed-key-conflict",
                f"{asked.labels[i]}: partial credit needs each choice's or pair's answer in the "
                "package, which answer_key: hashed leaves out; expected partial: false or "
                "answer_key: plain",
            )
    return False


def _reveal_read(spec: AssessmentSpec, broken: Broken) -> bool:
    """True when all that decides whether a later attempt can copy revealed answers was read:
    a value that was not stands in as its default (reveal: true, unlimited attempts...)."""
    keys = ["attempts", "reveal", "answer_key", "feedback"]
    if spec.feedback is None:  # when verdicts show then follows from the display
        keys.append("display")
    return all(broken.usable((key,)) for key in keys)


def _questions(
    name: str, count: int, doc: SourceDoc, ctx: CourseContext, places: dict[str, Location]
) -> tuple[list[Question], list[Weighed | None], list[str]]:
    """The file's `count` questions that check out, each id once and distinct in the LMS (and
    where each id is, in `places`); each question's weight as read (None when it, or its
    pool, was not); and how diagnostics name each question."""
    questions: list[Question] = []
    weights: list[Weighed | None] = []
    labels = [f"question {i + 1}" for i in range(count)]
    seen: dict[str, int] = {}
    lms_ids: dict[str, str] = {}
    for i in range(count):
        loc: Loc = ("questions", i)
        # Salvaged: a field in error leaves the others to check (the question is not modelled).
        q, problems, broken = salvage_spec(QuestionSpec, doc, prefix=loc)
        ctx.diagnostics.extend(problems)
        if q is None:
            weights.append(None)
            continue
        src = QuestionSource(q, doc, loc, ctx, broken)
        labels[i] = src.label
        named = src.usable("id")
        weighed = src.usable("weight") and src.usable("pool")
        weights.append(Weighed(i, q.weight, q.id if named else None, q.pool) if weighed else None)
        repeated = named and q.id in seen
        if repeated:
            ctx.diagnostics.error(
                doc.at((*loc, "id")),
                "duplicate-id",
                f"question id '{q.id}' is used twice (first at line "
                f"{doc.at(('questions', seen[q.id], 'id')).line}); expected unique ids",
            )
        elif named:
            seen[q.id] = i
            places[q.id] = doc.at((*loc, "id"))
            _check_lms_id(interaction_id(name, q.id), q.id, lms_ids, places[q.id], ctx)
        typed = src.usable("type") and src.usable("partial")
        if typed and q.partial and q.type not in PARTIAL_TYPES:
            ctx.diagnostics.error(
                doc.at((*loc, "partial")),
                "partial-type",
                f"partial: true on a {q.type} question, which is right or wrong as a whole; "
                f"expected partial only on {' or '.join(PARTIAL_TYPES)} questions",
            )
        question = _question(src)
        if question is not None and not problems and not repeated:
            questions.append(question)
    return questions, weights, labels


def _check_lms_id(
    lms_id: str, qid: str, lms_ids: dict[str, str], at: Location, ctx: CourseContext
) -> None:
    """A question's interaction id, distinct from those of the questions before it."""
    if lms_id in lms_ids:
        ctx.diagnostics.error(
            at,
            "interaction-id-clash",
            f"question ids '{lms_ids[lms_id]}' and '{qid}' are both '{lms_id}' in the LMS "
            "(interaction ids keep only letters and digits); expected ids that differ by more "
            "than their hyphens",
        )
    lms_ids[lms_id] = qid


def _question(src: QuestionSource) -> Question | None:
    """The question modelled by its type's handler, or None when it has errors."""
    q = src.q
    errors_before = src.ctx.diagnostics.error_count()
    prompt = src.rich(q.prompt, ("prompt",), "prompt") if src.usable("prompt") else None
    answer = None
    if src.usable("type"):  # the answer's keys depend on the type
        answer = QUESTION_SOURCES[q.type](src)
        warn_unused_keys(src)
    feedback_correct = feedback_incorrect = None
    if q.feedback is not None:
        if q.feedback.correct is not None and src.usable("feedback", "correct"):
            feedback_correct = src.rich(
                q.feedback.correct, ("feedback", "correct"), "feedback (correct)"
            ).html
        if q.feedback.incorrect is not None and src.usable("feedback", "incorrect"):
            feedback_incorrect = src.rich(
                q.feedback.incorrect, ("feedback", "incorrect"), "feedback (incorrect)"
            ).html
    if src.ctx.diagnostics.error_count() > errors_before or prompt is None or answer is None:
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
        q.weight,
        q.partial,
    )
