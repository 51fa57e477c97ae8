"""The figures ``report.json`` must show for a scripted cohort, counted from what the learners did
(``cohort.Done``), by the rules of the report's contract (docs/report.md): a learner counts in
the section of the language they took the course in, and in "all"."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .cohort import Answer, Done
from .seed import SeedCourse

# Answers counted choice by choice (each part of an xAPI response "a[,]c", "1[.]b[,]2[.]c");
# the others, fill-in and numeric, by the whole response [xAPI 1.0.3 §2.4.4.1].
BY_COMPONENT = ("single", "multiple", "true-false", "matching")
BINS = 20  # the video's drop-off curve: 5 % of its length each


def mask(count: int, min_group: int) -> int | str:
    """A count of learners as the report prints it: "<N" from 1 to N - 1."""
    return count if count == 0 or count >= min_group else f"<{min_group}"


def in_section(done: list[Done], section: str) -> list[Done]:
    """The learners of a section: every one for "all", else those in that language."""
    return [d for d in done if section in ("all", d.lang)]


def funnel(done: list[Done], course: SeedCourse) -> dict[tuple[str, str], int]:
    """(step, page or quiz id) -> learners: launched, each page, attempted, passed, completed."""
    steps = {("launched", ""): len(done)}
    for page_id in course.page_ids:
        if page_id != course.assessment_id:  # an assessment is a quiz step, not a page
            steps[("page", page_id)] = sum(page_id in d.pages for d in done)
    steps[("attempted", course.assessment_id)] = sum(bool(d.answers) for d in done)
    steps[("passed", "")] = sum(d.passed for d in done)
    steps[("completed", "")] = sum(d.completed for d in done)
    return steps


def video_learners(done: list[Done]) -> int:
    """Learners who played the video."""
    return sum(d.watched is not None for d in done)


def watched(done: list[Done], length: float) -> list[int]:
    """Per 5 % bin of the video, the learners whose played range covers some of it."""
    counts = []
    for n in range(BINS):
        low, high = n * length / BINS, (n + 1) * length / BINS
        counts.append(
            sum(d.watched is not None and d.watched[0] < high and d.watched[1] > low for d in done)
        )
    return counts


@dataclass(frozen=True)
class Item:
    """One question's figures: learners, answers, first answers right, and responses."""

    learners: int
    answers: int
    first_right: int
    responses: Counter[str]

    def correct_share(self, min_group: int) -> float | None:
        """Share of learners whose first answer was right (null under ``min_group``)."""
        if self.learners < max(min_group, 1):
            return None
        return round(self.first_right / self.learners, 4)

    def mean_attempts(self, min_group: int) -> float | None:
        """Answers per learner who answered (null under ``min_group``)."""
        if self.learners < max(min_group, 1):
            return None
        return round(self.answers / self.learners, 4)


def items(done: list[Done], course: SeedCourse) -> dict[str, Item]:
    """Each question of the final assessment, by id, in course order."""
    found = {}
    for qid, question in course.questions.items():
        answers = [(d, a) for d in done for a in d.answers if a.question == qid]
        first: dict[str, Answer] = {}
        for d, a in answers:  # in the order answered
            first.setdefault(d.name + d.target, a)
        responses: Counter[str] = Counter()
        for _, a in answers:
            parts = a.response.split("[,]") if question.type in BY_COMPONENT else [a.response]
            responses.update(parts)
        right = sum(a.correct for a in first.values())
        found[qid] = Item(len(first), len(answers), right, responses)
    return found


def counted(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A report item's ``responses`` as response -> count, the zero rows left out."""
    return {str(row["response"]): row["count"] for row in rows if row["count"] != 0}
