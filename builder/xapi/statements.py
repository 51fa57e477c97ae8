"""The xAPI statements a model learner sends for a full, correct pass of a course.

They show an LRS administrator, before any learner does, what the runtime's xAPI adapter sends
(docs/xapi.md; [xAPI Video Profile 1.0 §2.3]): the same verbs, objects, results and context, in
the same order.

``tincan`` builds the verbs and the context here, not the statement envelope, the result or
the timestamp: it writes ``"version": "1.0.3"`` (a provider SHOULD NOT set it), rewrites
durations (``PT134S`` becomes ``PT02M14S``, with up to six decimals), turns integer scores into
floats and writes timestamps with microseconds and ``+00:00``. Those parts are written here, in
the formats the runtime uses too: ``PT2M14S`` (at most two decimals) and
``2025-01-06T14:00:00.000Z``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta

from tincan import Activity, ActivityList, Context, ContextActivities, Extensions, LanguageMap, Verb

from ..model import Assessment, Course, Page, Pretest, Question
from ..standards.xapi import ADL_VERB, TYPE_PROFILE, VIDEO_PROFILE
from ..standards.xapi import VERSION as XAPI_VERSION
from .activities import (
    JSON,
    MEASURED,
    VIDEO_EXT,
    activity_object,
    course_activity,
    language_tag,
    model_response,
    module_activity,
    question_activity,
    quiz_iri,
    video_activity,
)
from .agent import parse_actor as parse_actor

ADL_VERBS = (
    "initialized",
    "experienced",
    "answered",
    "scored",
    "passed",
    "failed",
    "completed",
    "terminated",
)
VERBS = {name: f"{ADL_VERB}{name}" for name in ADL_VERBS} | {
    name: f"{VIDEO_PROFILE}/verbs/{name}" for name in ("played", "paused", "seeked")
}


DEFAULT_ACTOR: JSON = {
    "objectType": "Agent",
    "account": {"homePage": "https://lms.example.ca", "name": "learner"},
}

# The model learner's clock: a fixed start in the past, then fixed steps (seconds).
START = datetime(2025, 1, 6, 14, 0, tzinfo=UTC)
STEP = 1.0
PAGE_SECONDS = 60.0
QUESTION_SECONDS = 15.0


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration with at most two decimals: ``PT2M14S``, ``PT1H0M12.5S``."""
    hundredths = round(seconds * 100)
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    secs = f"{rest // 100}" + (f".{rest % 100:02d}".rstrip("0") if rest % 100 else "")
    if hours:
        return f"PT{hours}H{minutes}M{secs}S"
    return f"PT{minutes}M{secs}S" if minutes else f"PT{secs}S"


def iso_timestamp(moment: datetime) -> str:
    """A UTC timestamp with milliseconds: ``2025-01-06T14:00:00.000Z``."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def default_registration(course: Course) -> str:
    """The preview's registration: a UUID derived from the course id (stable output)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{course.id}#registration"))


def drawn_first(assessment: Assessment) -> tuple[Question, ...]:
    """The questions a model attempt asks: the first `draw` (or of each pool), in order."""
    if not assessment.pools:
        return assessment.questions[: assessment.draw or None]
    quota = dict(assessment.pools)
    asked = []
    for question in assessment.questions:
        if question.pool is not None and quota.get(question.pool, 0) > 0:
            quota[question.pool] -= 1
            asked.append(question)
    return tuple(asked)


class _Learner:
    """The model learner's session: a clock, an id counter and the statements sent so far."""

    def __init__(self, course: Course, lang: str, actor: JSON, registration: str) -> None:
        self.course, self.lang, self.actor = course, lang, actor
        self.registration = str(uuid.UUID(registration))
        self.clock = START
        self.sent: list[JSON] = []
        self.course_ref = activity_object(course.id)
        # The actor is in every id: runs for two learners, concatenated, are two learners'
        # statements, not one's resent [xAPI 1.0.3 §2.4.1: an id is one statement's].
        self.who = json.dumps(actor, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    def next_id(self) -> str:
        """The next statement's id: a UUIDv5 of the course, registration, language, actor and
        position, so the same inputs give the same ids."""
        place = f"{self.registration}/{self.lang}/{len(self.sent)}"
        name = f"{self.course.id}#statement/{place}/{self.who}"
        return str(uuid.uuid5(uuid.NAMESPACE_URL, name))

    def session_id(self) -> str:
        """The next id as a version 4 UUID, which a Video Profile session-id must be.

        Its 122 free bits are the first of a SHA-256 of the same name as next_id, not random:
        RFC 4122 §4.4 asks only for (pseudo-)random bits, and this keeps two runs identical.
        """
        digest = hashlib.sha256(self.next_id().encode()).digest()
        return str(uuid.UUID(bytes=digest[:16], version=4))  # sets the version and variant bits

    def wait(self, seconds: float) -> None:
        self.clock += timedelta(seconds=seconds)

    def elapsed(self) -> str:
        return iso_duration((self.clock - START).total_seconds())

    def send(
        self,
        verb: str,
        obj: JSON,
        *,
        parent: JSON | None = None,
        category: JSON | None = None,
        result: JSON | None = None,
        extensions: JSON | None = None,
        statement_id: str | None = None,
    ) -> str:
        context = Context(
            registration=uuid.UUID(self.registration),
            language=language_tag(self.lang),
            revision=self.course.version,
        )
        if obj["id"] != self.course.id:  # course statements have no parent or grouping
            context.context_activities = ContextActivities(
                parent=ActivityList([Activity(parent or self.course_ref)]),
                grouping=ActivityList([Activity(self.course_ref)]),
                category=ActivityList([Activity(category)]) if category else None,
            )
        if extensions:
            context.extensions = Extensions(extensions)
        statement: JSON = {
            "id": statement_id or self.next_id(),
            "actor": self.actor,
            "verb": Verb(id=VERBS[verb], display=LanguageMap({"en-US": verb})).as_version(),
            "object": obj,
        }
        if result:
            statement["result"] = result
        statement["context"] = context.as_version(XAPI_VERSION)
        statement["timestamp"] = iso_timestamp(self.clock)
        self.sent.append(statement)
        return str(statement["id"])

    def watch(self, page: Page, length: int) -> None:
        """Video Profile session: initialized, played, paused, completed, terminated."""
        obj = video_activity(self.course, page)
        category = {"id": VIDEO_PROFILE, "definition": {"type": TYPE_PROFILE}}
        # [xAPI Video Profile 1.0, context extension session-id]: a version 4 UUID, as the
        # runtime's (xapi-client.js uuid4); also the session's initialized statement's id.
        session = self.session_id()
        context = {f"{VIDEO_EXT}session-id": session, f"{VIDEO_EXT}length": length}
        if 0 < self.course.completion.video < 100:
            context[f"{VIDEO_EXT}completion-threshold"] = self.course.completion.video / 100
        watched = {
            f"{VIDEO_EXT}time": length,
            f"{VIDEO_EXT}progress": 1,
            f"{VIDEO_EXT}played-segments": f"0[.]{length}",
        }
        completion = {"completion": True, "duration": iso_duration(length)}  # all of it, once
        steps: list[tuple[str, float, JSON | None]] = [
            ("initialized", 2 * STEP, None),
            ("played", STEP, {"extensions": {f"{VIDEO_EXT}time": 0}}),
            ("paused", length, {"extensions": watched}),
            ("completed", STEP / 2, {"extensions": watched, **completion}),
            ("terminated", STEP / 2, {"extensions": watched}),
        ]
        for verb, wait, result in steps:
            self.wait(wait)
            self.send(
                verb,
                obj,
                category=category,
                result=result,
                extensions=context,
                statement_id=session if verb == "initialized" else None,
            )

    def take(self, assessment: Assessment) -> tuple[int, int]:
        """Answer every question (or the first `draw`) correctly; return (correct, graded asked)."""
        quiz = activity_object(quiz_iri(self.course, assessment.id))
        asked = drawn_first(assessment)
        for number, question in enumerate(asked, 1):
            self.wait(QUESTION_SECONDS)
            result: JSON = {"response": model_response(question, self.lang)}
            if question.graded:  # a survey answer is neither right nor wrong: no success
                result["success"] = True
            result["duration"] = iso_duration(QUESTION_SECONDS)
            obj = question_activity(self.course, assessment, question, number, in_package=True)
            self.send("answered", obj, parent=quiz, result=result)
        graded = sum(1 for question in asked if question.graded)
        return graded, graded


def statements(
    course: Course,
    *,
    lang: str | None = None,
    actor: JSON | None = None,
    registration: str | None = None,
) -> list[JSON]:
    """The statements a learner sends for a full, correct pass of ``course``, in order.

    initialized; per page ``experienced``, then the Video Profile session when the page's video
    is one the runtime measures (``MEASURED``) and has a known duration (the Profile needs its
    ``length``); ``answered`` per question; ``passed`` with the scaled score; ``completed``;
    ``terminated``. Ids, registration and timestamps are deterministic, so the output is stable.
    """
    lang = lang or course.default_language
    if lang not in course.languages:
        raise ValueError(f"course has no language '{lang}'; expected {', '.join(course.languages)}")
    learner = _Learner(
        course, lang, actor or DEFAULT_ACTOR, registration or default_registration(course)
    )
    course_activity_ = course_activity(course)
    learner.send("initialized", course_activity_)
    score: tuple[int, int] | None = None
    for module in course.modules:
        learner.wait(STEP)
        if isinstance(module, Assessment):
            score = learner.take(module)
            continue
        if isinstance(module, Pretest):  # this learner skips it, as a learner may
            continue
        learner.send("experienced", module_activity(course, module))
        video = (module.video or {}).get(lang) or (module.video or {}).get(course.default_language)
        if video is not None and video.kind in MEASURED and video.duration_seconds:
            learner.watch(module, video.duration_seconds)
        learner.wait(PAGE_SECONDS)
    if score is not None and score[1]:
        learner.wait(STEP)
        correct, asked = score
        percent = 100 * correct // asked  # the runtime's score: percent, rounded down (quiz.js)
        result = {
            "score": {"scaled": round(percent / 100, 4), "raw": percent, "min": 0, "max": 100},
            "success": True,
            "duration": learner.elapsed(),
        }
        learner.send("passed", course_activity_, result=result)
    learner.wait(STEP)
    learner.send(
        "completed", course_activity_, result={"completion": True, "duration": learner.elapsed()}
    )
    learner.wait(STEP)
    learner.send("terminated", course_activity_, result={"duration": learner.elapsed()})
    return learner.sent
