"""How an assessment scores: weights, partial credit, the pass mark's reach, what is revealed."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct

from .context import CourseContext
from .load import SourceDoc

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


class Weighed(Struct, frozen=True):
    """A question's weight as read from its file, with its place (`index`) and, when they were
    read, its id and pool."""

    index: int
    weight: int
    id: str | None = None
    pool: str | None = None

    @property
    def named(self) -> str:
        """How a diagnostic names the question: by its id, else by its place."""
        return f"'{self.id}'" if self.id is not None else f"question {self.index + 1}"


def attempt_weights(
    weights: Sequence[Weighed], draw: int | None, pools: dict[str, int]
) -> list[int]:
    """The weights of the questions one attempt asks (draws keep one weight per pool)."""
    if pools:
        by_pool = {w.pool: w.weight for w in weights}
        return [by_pool[pool] for pool, count in sorted(pools.items()) for _ in range(count)]
    if draw is not None and weights:
        return [weights[0].weight] * draw
    return [w.weight for w in weights]


def check_draw_weights(
    weights: Sequence[Weighed | None], pools: dict[str, int], doc: SourceDoc, ctx: CourseContext
) -> bool:
    """Error when a draw picks among questions of different weights; True when every weight
    was read (None: not read) and all agree."""
    # Otherwise the total weight, and so what one wrong answer costs, would vary by draw.
    groups: dict[str | None, list[Weighed]] = {}
    for w in weights:
        if w is not None:
            groups.setdefault(w.pool if pools else None, []).append(w)
    ok = all(w is not None for w in weights)
    for pool, group in groups.items():
        first = group[0]
        for w in group[1:]:
            if w.weight != first.weight:
                ok = False
                where = f"pool '{pool}'" if pool else "the questions drawn from"
                this = f"'{w.id}'" if w.id is not None else str(w.index + 1)
                ctx.diagnostics.error(
                    doc.at(("questions", w.index, "weight")),
                    "draw-weights",
                    f"question {this} has weight {w.weight} but "
                    f"{first.named} has weight {first.weight}, both in {where}: the score would "
                    "depend on the draw; expected the same weight for every question drawn "
                    "together",
                )
    return ok


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
