"""What the pass keeps, once per learner, and the sections cut from it at the end.

A statement counts in "all" and in its language's section (docs/report.md, Learners). Rather
than keep each fact once per section, a learner's facts are kept once with the sections they
belong to: a flag per learner and fact (bit 0 "all", bit k the course's k-th language), and the
answers and page visits as flat arrays with the section of each. ``section(k)`` gives the view
the figures read; only the small per-section tallies (responses, durations, video bins, course
time) are kept per section as they come.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    Group = tuple[array[float], array[int]]


class Members(Struct, frozen=True):
    """The learners with a flag's bit set: ``len`` and ``in``, as a set of learner numbers."""

    flags: array[int]
    bit: int

    def __len__(self) -> int:
        bit = self.bit
        return sum(1 for value in self.flags if value & bit)

    def __contains__(self, learner: object) -> bool:
        return isinstance(learner, int) and bool(self.flags[learner] & self.bit)


class Kept:
    """What one section keeps as it goes: responses, durations, video bins, course time."""

    def __init__(self, pages: int, questions: int) -> None:
        # per page, each learner's bitmask of the video's bins watched (0: none)
        self.video_bins: list[array[int]] = [array("I") for _ in range(pages)]
        self.responses: list[Counter[str]] = [Counter() for _ in range(questions)]
        self.durations: list[array[float]] = [array("d") for _ in range(questions)]
        # each learner's course time: the sum of their terminated durations (NaN: none)
        self.course_seconds: array[float] = array("d")


class Store:
    """Every learner's facts, once; sections 0 ("all") to ``languages``."""

    def __init__(self, pages: int, quiz_of: list[int], languages: int) -> None:
        code = "B" if languages < 8 else "Q"
        self.quiz_of = quiz_of
        self.learners, self.launched = array(code), array(code)
        self.passed, self.completed = array(code), array(code)
        self.seen = [array(code) for _ in range(pages)]
        self.video_started = [array(code) for _ in range(pages)]
        self.video_completed = [array(code) for _ in range(pages)]
        self._flags = [
            self.learners,
            self.launched,
            self.passed,
            self.completed,
            *self.seen,
            *self.video_started,
            *self.video_completed,
        ]
        # One record per answer: time, question * 4 + outcome (0 wrong, 1 right, 2 none),
        # visit (a learner's registration), section (0: none but "all", k: language k).
        self.answer_time, self.answer_code = array("d"), array("i")
        self.answer_visit, self.answer_section = array("i"), array("B")
        # One record per page start or end: time, page (-1: an end), visit, section.
        self.visit_time, self.visit_page = array("d"), array("i")
        self.visit_visit, self.visit_section = array("i"), array("B")
        self.visits: dict[tuple[int, int], int] = {}
        self.visit_keys: list[tuple[int, int]] = []
        self.kept = [Kept(pages, len(quiz_of)) for _ in range(languages + 1)]
        self._answers: Grouped | None = None
        self._visits: Grouped | None = None

    def new_learner(self) -> None:
        """Room for one more learner number in every flag."""
        for flags in self._flags:
            flags.append(0)

    def visit(self, learner: int, reg: int) -> int:
        """The number of a learner's registration."""
        key = (learner, reg)
        found = self.visits.get(key)
        if found is None:
            found = self.visits[key] = len(self.visit_keys)
            self.visit_keys.append(key)
        return found

    def grouped_answers(self) -> Grouped:
        """The answers by visit (grouped once, when first asked)."""
        if self._answers is None:
            self._answers = Grouped.of(self.answer_visit, len(self.visit_keys))
        return self._answers

    def grouped_visits(self) -> Grouped:
        """The page starts and ends by visit (grouped once, when first asked)."""
        if self._visits is None:
            self._visits = Grouped.of(self.visit_visit, len(self.visit_keys))
        return self._visits

    def section(self, index: int) -> Section:
        """The view of section ``index`` (0: all) the figures read."""
        bit = 1 << index

        def members(flags: array[int]) -> Members:
            return Members(flags, bit)

        kept = self.kept[index]
        return Section(
            self,
            index,
            learners=members(self.learners),
            launched=members(self.launched),
            passed=members(self.passed),
            completed=members(self.completed),
            seen=[members(flags) for flags in self.seen],
            video_started=[members(flags) for flags in self.video_started],
            video_completed=[members(flags) for flags in self.video_completed],
            video_bins=kept.video_bins,
            responses=kept.responses,
            durations=kept.durations,
            course_seconds=kept.course_seconds,
        )


class Grouped(Struct, frozen=True):
    """Records by visit (a counting sort, done once): visit v's records, in the order they
    came, are ``order[starts[v]:starts[v + 1]]``."""

    order: array[int]
    starts: array[int]

    @classmethod
    def of(cls, visits: array[int], count: int) -> Grouped:
        """Group the records whose visits are ``visits`` (``count`` visits in all)."""
        sizes = array("l", bytes(8 * (count + 1)))
        for visit in visits:
            sizes[visit + 1] += 1
        for visit in range(count):
            sizes[visit + 1] += sizes[visit]
        starts = array("l", sizes)
        order = array("i", bytes(4 * len(visits)))
        for record, visit in enumerate(visits):
            order[sizes[visit]] = record
            sizes[visit] += 1
        return cls(order, starts)

    def records(self, sections: array[int], index: int) -> dict[int, array[int]]:
        """Section ``index``'s records (0: all) by visit, visits in order of their first."""
        order, starts = self.order, self.starts
        found: dict[int, array[int]] = {}
        for visit in range(len(starts) - 1):
            records = order[starts[visit] : starts[visit + 1]]
            if index:
                records = array("i", [r for r in records if sections[r] == index])
            if records:
                found[visit] = records
        return dict(sorted(found.items(), key=lambda item: item[1][0]))


class Section(Struct, frozen=True):
    """Everything counted for one section: all statements, or one language's."""

    store: Store
    index: int
    learners: Members
    launched: Members
    passed: Members
    completed: Members
    seen: list[Members]
    video_started: list[Members]
    video_completed: list[Members]
    video_bins: list[array[int]]
    responses: list[Counter[str]]
    durations: list[array[float]]
    course_seconds: array[float]

    def answers(self) -> Iterator[tuple[tuple[int, int, int], Group]]:
        """(learner, registration, quiz) → the answers' (times, codes) in the order they came,
        in key order."""
        store = self.store
        grouped = store.grouped_answers().records(store.answer_section, self.index)
        times, codes, quiz_of = store.answer_time, store.answer_code, store.quiz_of
        for visit in sorted(grouped, key=store.visit_keys.__getitem__):
            learner, reg = store.visit_keys[visit]
            quizzes: dict[int, list[int]] = {}
            for record in grouped.pop(visit):
                quiz = quiz_of[codes[record] >> 2]
                found = quizzes.get(quiz)
                if found is None:
                    quizzes[quiz] = [record]
                else:
                    found.append(record)
            for quiz in sorted(quizzes):
                records = quizzes[quiz]
                yield (
                    (learner, reg, quiz),
                    (
                        array("d", [times[r] for r in records]),
                        array("l", [codes[r] for r in records]),
                    ),
                )

    def visits(self) -> Iterator[tuple[tuple[int, int], Group]]:
        """(learner, registration) → (times, page or -1 for an end), registrations in the order
        they came."""
        store = self.store
        grouped = store.grouped_visits().records(store.visit_section, self.index)
        times, pages = store.visit_time, store.visit_page
        for visit, records in grouped.items():
            yield (
                store.visit_keys[visit],
                (array("d", [times[r] for r in records]), array("l", [pages[r] for r in records])),
            )
