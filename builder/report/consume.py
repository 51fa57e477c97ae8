"""The pass over the statements: each one counted once, in the sections it belongs to."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from typing import Any

from .course import CourseInfo
from .read import VOIDED
from .tally import (
    ADL,
    COURSE,
    PAGE,
    QUESTION,
    SEGMENTS,
    VIDEO,
    VIDEO_OF,
    Counts,
    Section,
    actor_key,
    moment,
    seconds,
    watched_bins,
)

LENGTH = f"{VIDEO}extensions/length"
INITIALIZED, PLAYED = f"{ADL}initialized", f"{VIDEO}verbs/played"
COMPLETED, PASSED, TERMINATED = f"{ADL}completed", f"{ADL}passed", f"{ADL}terminated"
EXPERIENCED, ANSWERED = f"{ADL}experienced", f"{ADL}answered"


class Tally:
    """What the statements say, per section ("all" and each course language)."""

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
        pages, questions = len(info.pages), len(self.quiz_of)
        self.sections = {"all": Section(pages, questions)}
        for lang in info.languages:
            self.sections[lang] = Section(pages, questions)
        self.tags: dict[Any, tuple[Section, ...]] = {}
        self.learner_ids: dict[str, int] = {}
        self.registrations: dict[Any, int] = {}
        self.seen: set[int] = set()
        self.first: float | None = None
        self.last: float | None = None

    def _sections(self, tag: Any) -> tuple[Section, ...]:
        """The sections of a ``context.language``: en-CA → en [RFC 5646 §2.1, primary subtag]."""
        everyone = self.sections["all"]
        code = tag.split("-")[0].lower() if isinstance(tag, str) else None
        found = self.sections.get(code) if code and code != "all" else None
        chosen = (everyone, found) if found is not None else (everyone,)
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
        """Count every item read."""
        add = self.add
        for item in items:
            add(item)

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
        if sid is not None:
            hashed = hash(sid) if sid.__class__ is str else hash(repr(sid))
            if hashed in self.seen:
                counts.duplicates += 1
                return
            self.seen.add(hashed)
        counts.used += 1
        if self.first is None or when < self.first:
            self.first = when
        if self.last is None or when > self.last:
            self.last = when
        self._count(statement, key, verb, target, when)

    def _count(
        self, statement: dict[str, Any], key: str, verb: str, target: Any, when: float
    ) -> None:
        learner = self.learner_ids.setdefault(key, len(self.learner_ids))
        context = statement.get("context")
        if context.__class__ is not dict:
            context = {}
        tag = context.get("language")
        sections = self.tags.get(tag) if tag.__class__ is str or tag is None else None
        if sections is None:
            sections = self._sections(tag)
        if target is None:
            for section in sections:
                section.learners.add(learner)
            return
        kind, index = target
        result = statement.get("result")
        if result.__class__ is not dict:
            result = {}
        registration = context.get("registration")
        if registration.__class__ is not str:
            registration = ""
        reg = self.registrations.setdefault(registration, len(self.registrations))
        for section in sections:
            section.learners.add(learner)
            if kind == QUESTION:
                if verb == ANSWERED:
                    self._answer(section, learner, reg, index, result, when)
            elif kind == PAGE:
                if verb == EXPERIENCED:
                    section.seen[index].add(learner)
                    _visit(section, learner, reg, when, index)
            elif kind == VIDEO_OF:
                self._video(section, learner, index, verb, result, context)
            else:
                self._course(section, learner, reg, verb, result, when)

    def _answer(
        self, section: Section, learner: int, reg: int, index: int, result: Any, when: float
    ) -> None:
        quiz = self.quiz_of[index]
        success = result.get("success")
        outcome = 1 if success is True else 0 if success is False else 2
        kept = section.answers.get((learner, reg, quiz))
        if kept is None:
            kept = section.answers[(learner, reg, quiz)] = (array("d"), array("l"))
        kept[0].append(when)
        kept[1].append(index * 4 + outcome)
        response = result.get("response")
        if response.__class__ is str:
            section.responses[index][response] += 1
        took = seconds(result.get("duration"))
        if took is not None:
            section.durations[index].append(took)
        if quiz == self.final:  # the assessment ends the page before it
            _visit(section, learner, reg, when, -1)

    @staticmethod
    def _video(
        section: Section, learner: int, index: int, verb: str, result: Any, context: Any
    ) -> None:
        if verb in (INITIALIZED, PLAYED):
            section.video_started[index].add(learner)
        elif verb == COMPLETED:
            section.video_completed[index].add(learner)
        extensions = result.get("extensions")
        if extensions.__class__ is dict and SEGMENTS in extensions:
            found = context.get("extensions")
            length = found.get(LENGTH) if found.__class__ is dict else None
            mask = watched_bins(extensions[SEGMENTS], length)
            if mask:
                bins = section.video_bins[index]
                bins[learner] = bins.get(learner, 0) | mask

    @staticmethod
    def _course(
        section: Section, learner: int, reg: int, verb: str, result: Any, when: float
    ) -> None:
        if verb == INITIALIZED:
            section.launched.add(learner)
        elif verb == PASSED:
            section.passed.add(learner)
        elif verb == COMPLETED:
            section.completed.add(learner)
        elif verb == TERMINATED:
            _visit(section, learner, reg, when, -1)
            took = seconds(result.get("duration"))
            if took is not None:
                section.course_seconds[learner] = section.course_seconds.get(learner, 0.0) + took


def _visit(section: Section, learner: int, reg: int, when: float, page: int) -> None:
    kept = section.visits.get((learner, reg))
    if kept is None:
        kept = section.visits[(learner, reg)] = (array("d"), array("l"))
    kept[0].append(when)
    kept[1].append(page)
