"""The pass over the statements: each one counted once, in the sections it belongs to."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .course import CourseInfo
from .ids import SeenIds
from .read import VOIDED
from .store import Kept, Section, Store
from .tally import (
    ADL,
    COURSE,
    PAGE,
    QUESTION,
    SEGMENTS,
    VIDEO,
    VIDEO_OF,
    Counts,
    actor_key,
    duration_seconds,
    moment,
    watched_bins,
)

LENGTH = f"{VIDEO}extensions/length"
NAN = math.nan
INITIALIZED, PLAYED = f"{ADL}initialized", f"{VIDEO}verbs/played"
COMPLETED, PASSED, TERMINATED = f"{ADL}completed", f"{ADL}passed", f"{ADL}terminated"
EXPERIENCED, ANSWERED = f"{ADL}experienced", f"{ADL}answered"


class Tally:
    """What the statements say: each learner's facts once, with the sections they count in
    ("all" and each course language)."""

    def __init__(
        self,
        info: CourseInfo,
        voided: frozenset[str] = frozenset(),
        since: float | None = None,
        until: float | None = None,
    ) -> None:
        self.info, self.voided, self.since, self.until = info, voided, since, until
        self.counts = Counts()
        course = info.id.rstrip("/")
        self.prefix = course + "/"
        # The course itself, and its cmi5 AU (object id = the launch activityId, `<course>/au`).
        self.au = f"{course}/au"
        self.targets: dict[str, tuple[int, int]] = {info.id: (COURSE, 0), self.au: (COURSE, 0)}
        for index, page in enumerate(info.pages):
            self.targets[page.iri] = (PAGE, index)
            if page.video_iri:
                self.targets[page.video_iri] = (VIDEO_OF, index)
        self.quiz_of: list[int] = []
        for number, quiz in enumerate(info.quizzes):
            for question in quiz.questions:
                self.targets[question.iri] = (QUESTION, len(self.quiz_of))
                self.quiz_of.append(number)
        final = info.assessment
        self.final = info.quizzes.index(final) if final is not None else -1
        self.names = ("all", *info.languages)
        self.store = Store(len(info.pages), self.quiz_of, len(info.languages))
        # context.language → (section number: 0 none but "all", k the k-th language; its bits)
        self.tags: dict[Any, tuple[int, int]] = {}
        self.learner_ids: dict[str, int] = {}
        self.registrations: dict[Any, int] = {}
        self.seen: SeenIds | None = SeenIds()
        self.first: float | None = None
        self.last: float | None = None

    def section(self, name: str) -> Section:
        """One section ("all" or a course language) as the figures read it."""
        return self.store.section(self.names.index(name))

    def _sections(self, tag: Any) -> tuple[int, int]:
        """The section of a ``context.language``: en-CA → en [RFC 5646 §2.1, primary subtag]."""
        code = tag.split("-")[0].lower() if isinstance(tag, str) else None
        number = self.names.index(code) if code in self.names[1:] else 0
        chosen = (number, 1 | 1 << number)
        if isinstance(tag, str) or tag is None:
            self.tags[tag] = chosen
        return chosen

    def _ours(self, oid: Any, statement: dict[str, Any]) -> bool:
        """Is a statement about an activity the course does not list still the course's?"""
        if isinstance(oid, str) and oid.startswith(self.prefix):
            return True
        context = statement.get("context")
        activities = context.get("contextActivities") if isinstance(context, dict) else None
        if not isinstance(activities, dict):
            return False
        for kind in ("grouping", "parent"):
            listed = activities.get(kind)
            for activity in listed if isinstance(listed, list) else [listed]:
                if isinstance(activity, dict) and activity.get("id") == self.info.id:
                    return True
        return False

    def _from_the_au(self, statement: dict[str, Any]) -> bool:
        """Is this a cmi5 AU's own statement? Its object is the activityId the LMS launched it
        with, and the publisher's AU id is in its grouping [cmi5 §9.6.2, §10]."""
        context = statement.get("context")
        activities = context.get("contextActivities") if isinstance(context, dict) else None
        grouping = activities.get("grouping") if isinstance(activities, dict) else None
        return isinstance(grouping, list) and any(
            isinstance(a, dict) and a.get("id") == self.au for a in grouping
        )

    def add_all(self, items: Iterable[Any]) -> None:
        """Count every item read, then forget the ids (only the pass needs them)."""
        add = self.add
        for item in items:
            add(item)
        self.seen = None

    def add(self, statement: Any) -> None:
        """Count one item read: a statement used, or why it was not."""
        counts = self.counts
        counts.read += 1
        try:
            verb = statement["verb"]["id"]
            oid = statement["object"]["id"]
            actor = statement["actor"]
            sid = statement.get("id")
            target = self.targets.get(oid)
        except (KeyError, TypeError, AttributeError):  # not an object, or a part missing
            counts.malformed += 1
            return
        if verb == VOIDED or (sid.__class__ is str and sid in self.voided):
            counts.voided += 1
            return
        if target is None:
            if self._from_the_au(statement):
                target = (COURSE, 0)
            elif not self._ours(oid, statement):
                counts.other_courses += 1
                return
        key = actor_key(actor)
        try:
            when = moment(statement["timestamp"])
            stored = statement.get("stored")
            filed = when if stored is None else moment(stored)
        except (KeyError, TypeError, ValueError):
            key = None
        if key is None:
            counts.malformed += 1
            return
        # since is exclusive, until inclusive, on `stored` [xAPI 1.0.3 Part Three §2.1.3]
        if (self.since is not None and filed <= self.since) or (
            self.until is not None and filed > self.until
        ):
            counts.outside_period += 1
            return
        if sid is not None and self.seen is not None and self.seen.again(sid):
            counts.duplicates += 1
            return
        counts.used += 1
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when
        self._count(statement, key, verb, target, when)

    def _count(
        self, statement: dict[str, Any], key: str, verb: str, target: Any, when: float
    ) -> None:
        store = self.store
        learner = self.learner_ids.get(key)
        if learner is None:
            learner = self.learner_ids[key] = len(self.learner_ids)
            store.new_learner()
        context = statement.get("context")
        if context.__class__ is not dict:
            context = {}
        tag = context.get("language")
        found = self.tags.get(tag) if tag.__class__ is str or tag is None else None
        section, bits = found if found is not None else self._sections(tag)
        store.learners[learner] |= bits
        if target is None:
            return
        kind, index = target
        result = statement.get("result")
        if result.__class__ is not dict:
            result = {}
        registration = context.get("registration")
        if registration.__class__ is not str:
            registration = ""
        reg = self.registrations.setdefault(registration, len(self.registrations))
        kept = (store.kept[0], store.kept[section]) if section else (store.kept[0],)
        if kind == QUESTION:
            if verb == ANSWERED:
                self._answer(kept, store.visit(learner, reg), section, index, result, when)
        elif kind == PAGE:
            if verb == EXPERIENCED:
                store.seen[index][learner] |= bits
                _visit(store, store.visit(learner, reg), section, when, index)
        elif kind == VIDEO_OF:
            _video(store, kept, learner, bits, index, verb, result, context)
        else:
            self._course(kept, learner, reg, bits, section, verb, result, when)

    def _answer(
        self,
        kept: tuple[Kept, ...],
        visit: int,
        section: int,
        index: int,
        result: Any,
        when: float,
    ) -> None:
        store = self.store
        quiz = self.quiz_of[index]
        success = result.get("success")
        outcome = 1 if success is True else 0 if success is False else 2
        store.answer_time.append(when)
        store.answer_code.append(index * 4 + outcome)
        store.answer_visit.append(visit)
        store.answer_section.append(section)
        response = result.get("response")
        took = duration_seconds(result.get("duration"))
        for one in kept:
            if response.__class__ is str:
                one.responses[index][response] += 1
            if took is not None:
                one.durations[index].append(took)
        if quiz == self.final:  # the assessment ends the page before it
            _visit(store, visit, section, when, -1)

    def _course(
        self,
        kept: tuple[Kept, ...],
        learner: int,
        reg: int,
        bits: int,
        section: int,
        verb: str,
        result: Any,
        when: float,
    ) -> None:
        store = self.store
        if verb == INITIALIZED:
            store.launched[learner] |= bits
        elif verb == PASSED:
            store.passed[learner] |= bits
        elif verb == COMPLETED:
            store.completed[learner] |= bits
        elif verb == TERMINATED:
            _visit(store, store.visit(learner, reg), section, when, -1)
            took = duration_seconds(result.get("duration"))
            if took is not None:
                for one in kept:
                    spent = one.course_seconds
                    if learner >= len(spent):
                        spent.extend([NAN] * (learner + 1 - len(spent)))
                    spent[learner] = (
                        took if spent[learner] != spent[learner] else spent[learner] + took
                    )


def _video(
    store: Store,
    kept: tuple[Kept, ...],
    learner: int,
    bits: int,
    index: int,
    verb: str,
    result: Any,
    context: Any,
) -> None:
    if verb in (INITIALIZED, PLAYED):
        store.video_started[index][learner] |= bits
    elif verb == COMPLETED:
        store.video_completed[index][learner] |= bits
    extensions = result.get("extensions")
    if extensions.__class__ is dict and SEGMENTS in extensions:
        found = context.get("extensions")
        length = found.get(LENGTH) if found.__class__ is dict else None
        mask = watched_bins(extensions[SEGMENTS], length)
        if mask:
            for one in kept:
                bins = one.video_bins[index]
                if learner >= len(bins):
                    bins.frombytes(bytes(bins.itemsize * (learner + 1 - len(bins))))
                bins[learner] |= mask


def _visit(store: Store, visit: int, section: int, when: float, page: int) -> None:
    store.visit_time.append(when)
    store.visit_page.append(page)
    store.visit_visit.append(visit)
    store.visit_section.append(section)
