"""How an assessment scores: weights, partial credit, the pass mark's reach, what is revealed."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Question
from .context import CourseContext
from .load import Loc, SourceDoc

PARTIAL_TYPES = ("multiple", "matching")
"""The question types that can give partial credit (`partial: true`)."""


def questions_to_pass(weights: Sequence[int], pass_mark: int) -> int:
    """The fewest right answers (heaviest first) out of questions of these weights that pass."""
    # The runtime's score is floor(100 * earned weight / total weight); a pass is score >= mark.
    total = sum(weights)
    heaviest = sorted(weights, reverse=True)
    return next(
        right
        for right in range(len(weights) + 1)
        if (100 * sum(heaviest[:right])) // total >= pass_mark
    )


def attempt_weights(
    questions: Sequence[Question], draw: int | None, pools: dict[str, int]
) -> list[int]:
    """The weights of the questions one attempt asks (draws keep one weight per pool)."""
    if pools:
        by_pool = {q.pool: q.weight for q in questions}
        return [by_pool[pool] for pool, count in sorted(pools.items()) for _ in range(count)]
    if draw is not None and questions:
        return [questions[0].weight] * draw
    return [q.weight for q in questions]


def check_draw_weights(
    questions: Sequence[Question], pools: dict[str, int], doc: SourceDoc, ctx: CourseContext
) -> bool:
    """Error when a draw picks among questions of different weights; True when all agree."""
    # Otherwise the total weight, and so what one wrong answer costs, would vary by draw.
    groups: dict[str | None, list[Question]] = {}
    for q in questions:
        groups.setdefault(q.pool if pools else None, []).append(q)
    ok = True
    for pool, group in groups.items():
        first = group[0]
        for q in group[1:]:
            if q.weight != first.weight:
                ok = False
                where = f"pool '{pool}'" if pool else "the questions drawn from"
                ctx.diagnostics.error(
                    doc.at(_question_loc(doc, q.id, "weight")),
                    "draw-weights",
                    f"question '{q.id}' has weight {q.weight} but '{first.id}' has weight "
                    f"{first.weight}, both in {where}: the score would depend on the draw; "
                    f"expected the same weight for every question drawn together",
                )
    return ok


def _question_loc(doc: SourceDoc, qid: str, key: str) -> Loc:
    """Where `key` of the question with id `qid` is written."""
    raw = doc.data.get("questions") if isinstance(doc.data, dict) else None
    for i, q in enumerate(raw or []):
        if isinstance(q, dict) and q.get("id") == qid:
            return ("questions", i, key)
    return ("questions",)


def check_pass_reach(
    weights: Sequence[int], pass_mark: int, doc: SourceDoc, ctx: CourseContext, *, drawn: bool
) -> None:
    """Warn when only a perfect score passes although the pass mark is under 100%."""
    asked = len(weights)
    total = sum(weights)
    # One question: right or wrong is all there is, whatever the pass mark.
    if asked <= 1 or pass_mark >= 100 or questions_to_pass(weights, pass_mark) < asked:
        return
    lightest = min(weights)
    below = (100 * (total - lightest)) // total
    at = doc.at(("draw",) if drawn else ("pass_mark",))
    if len(set(weights)) > 1:
        ctx.diagnostics.warning(
            at,
            "pass-needs-all",
            f"with {asked} questions of total weight {total} asked, a pass mark of {pass_mark}% "
            f"needs all {asked} right (all but the lightest, of weight {lightest}, scores "
            f"{below}%); expected pass_mark: {below} or less, or more questions",
        )
        return
    more = next(
        n for n in range(asked + 1, 101 + asked) if questions_to_pass([1] * n, pass_mark) < n
    )
    enough = f"draw: {more}" if drawn else f"{more} questions"
    ctx.diagnostics.warning(
        at,
        "pass-needs-all",
        f"with {asked} questions asked, a pass mark of {pass_mark}% needs all {asked} right "
        f"({asked - 1} of {asked} scores {below}%); expected "
        f"{enough} or more, or pass_mark: {below} or less",
    )


def check_reveal(
    attempts: int,
    feedback: str,
    reveal: bool,
    asked: int,
    pool_size: int,
    doc: SourceDoc,
    ctx: CourseContext,
) -> None:
    """Warn when a later attempt can be passed by copying the answers an earlier one revealed."""
    if attempts == 1 or not reveal or feedback == "never" or asked < pool_size:
        return
    tries = "unlimited attempts" if attempts == 0 else f"{attempts} attempts"
    when = "after each question" if feedback == "immediate" else "after the attempt"
    where = ("reveal",) if _written(doc, "reveal") else ("attempts",)
    same = "the same question" if pool_size == 1 else f"the same {pool_size} questions"
    smaller = f", a draw smaller than {pool_size}," if pool_size > 1 else ""
    ctx.diagnostics.warning(
        doc.at(where),
        "reveal-trivial",
        f"{tries}, the correct answers revealed {when} and {same} at every attempt: "
        "attempt 2 can be passed by copying the answers attempt 1 revealed; "
        f"expected reveal: false{smaller} or attempts: 1",
    )


def _written(doc: SourceDoc, key: str) -> bool:
    """True when the assessment file writes `key` itself."""
    return isinstance(doc.data, dict) and key in doc.data
