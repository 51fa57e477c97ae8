"""The statistics and the privacy rules of the report (docs/report.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence

Count = int | str


def mask(count: int, min_group: int) -> Count:
    """A count of learners as shown: 1 to ``min_group - 1`` is ``"<min_group"``, 0 stays 0."""
    return f"<{min_group}" if 0 < count < min_group else count


def rounded(value: float | None) -> float | None:
    """A figure rounded to 4 decimals, as report.json writes them."""
    return None if value is None else round(value, 4) + 0.0


def share(part: int, whole: int, learners: int, min_group: int) -> float | None:
    """part / whole, or None when fewer than ``min_group`` learners make it (or none)."""
    if whole <= 0 or learners < min_group:
        return None
    return rounded(part / whole)


def median(values: Sequence[float]) -> float | None:
    """The middle value (the mean of the two middle ones for an even count), or None."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def point_biserial(correct: Sequence[int], scores: Sequence[float]) -> float | None:
    """The point-biserial correlation of a 0/1 item with a score:
    r = (M1 - M0) / s * sqrt(p * q), s the population standard deviation of every score,
    M1 and M0 the mean scores of those right and wrong, p and q their shares; None when
    everyone is right, or wrong, or every score is the same (r is undefined)."""
    n = len(scores)
    right = [s for c, s in zip(correct, scores, strict=True) if c]
    wrong = [s for c, s in zip(correct, scores, strict=True) if not c]
    if n == 0 or not right or not wrong:
        return None
    mean = sum(scores) / n
    deviation = math.sqrt(sum((s - mean) ** 2 for s in scores) / n)
    if deviation == 0:
        return None
    p, q = len(right) / n, len(wrong) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / deviation * math.sqrt(p * q)


def attempts(codes: Sequence[int], draw: int) -> list[list[int]]:
    """A learner's answers to one quiz in one registration (time order) cut into attempts: a
    new attempt starts after ``draw`` answers, or when a question of the current one comes
    again (the runtime asks each drawn question once an attempt; a resumed attempt goes on)."""
    found: list[list[int]] = []
    current: list[int] = []
    asked: set[int] = set()
    for code in codes:
        question = code >> 2
        if current and (len(current) >= draw or question in asked):
            found.append(current)
            current, asked = [], set()
        current.append(code)
        asked.add(question)
    if current:
        found.append(current)
    return found


def attempt_score(attempt: Sequence[int], weights: Sequence[int]) -> int | None:
    """An attempt's percent score, rounded down as the runtime does: the weights of the graded
    questions answered right over the weights of those asked; None when none is graded."""
    asked = right = 0
    for code in attempt:
        outcome = code & 3
        if outcome == 2:  # a survey answer counts in no score
            continue
        weight = weights[code >> 2]
        asked += weight
        right += weight if outcome == 1 else 0
    return 100 * right // asked if asked else None
