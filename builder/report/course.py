"""What a report needs to know of a course, read from its activities (docs/report.md).

One reader for both kinds of SOURCE: a course folder gives the same document its build writes
as ``<course>-xapi-activities.json`` (``builder.xapi.activities.activities_document``), so the
two always agree. Texts are keyed by the course's language codes (``en``), not by the
language tags the activities carry (``en-CA``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..standards.xapi import (
    TYPE_ASSESSMENT,
    TYPE_INTERACTION,
    TYPE_MODULE,
    TYPE_VIDEO,
)
from .json_where import dotted, position

Text = dict[str, str]


# Response types whose every component is listed, 0 too (docs/report.md, Responses).
LISTED = ("choice", "true-false", "matching", "likert")


class CourseError(Exception):
    """The SOURCE is not a course the report can read (a message for the user)."""


class Question(Struct, frozen=True):
    """A question: its activity, interaction type, prompt, weight and listed responses."""

    id: str
    iri: str
    type: str
    text: Text
    weight: int
    components: tuple[tuple[str, Text | None], ...]  # responses listed even when unchosen

    @property
    def graded(self) -> bool:
        """Does it have a right answer? A likert (survey) question does not."""
        return self.type != "likert"


class Quiz(Struct, frozen=True):
    """A quiz: the scored assessment, a knowledge check or the pre-test."""

    id: str
    iri: str
    title: Text
    role: str  # "assessment", "check" or "pretest"
    draw: int  # questions asked per attempt
    pass_mark: int | None
    questions: tuple[Question, ...]


class Page(Struct, frozen=True):
    """A content page and its video, if it has one."""

    id: str
    iri: str
    title: Text
    video_iri: str | None
    video_title: Text | None
    video_measured: tuple[str, ...] | None = None
    """The languages in which the runtime measures the video; None: not said (an older file)."""

    def video_tracked(self, languages: tuple[str, ...]) -> bool:
        """True when the video is measured in one of ``languages`` (a section's)."""
        if self.video_iri is None:
            return False
        return self.video_measured is None or any(lang in self.video_measured for lang in languages)


class CourseInfo(Struct, frozen=True):
    """The course as the report sees it, in course order."""

    id: str
    revision: str | None
    title: Text
    languages: tuple[str, ...]
    order: tuple[Page | Quiz, ...]

    @property
    def pages(self) -> tuple[Page, ...]:
        """The content pages, in course order."""
        return tuple(m for m in self.order if isinstance(m, Page))

    @property
    def quizzes(self) -> tuple[Quiz, ...]:
        """Every quiz, in course order."""
        return tuple(m for m in self.order if isinstance(m, Quiz))

    @property
    def assessment(self) -> Quiz | None:
        """The scored assessment, if the course has one."""
        return next((q for q in self.quizzes if q.role == "assessment"), None)


def load_source(path: Path) -> CourseInfo:
    """The course of a SOURCE: an activities file (.json) read as it is."""
    where = path.as_posix()
    try:
        text = path.read_bytes().decode("utf-8-sig")
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CourseError(
            f"{where}:{error.lineno}:{error.colno}: error: {error.msg}; expected a course's "
            "xapi-activities.json (JSON)"
        ) from None
    except (OSError, ValueError) as error:
        raise CourseError(f"{where}: error: cannot read it ({error})") from None
    return from_document(document, where, text)


def from_document(document: Any, name: str, text: str | None = None) -> CourseInfo:
    """The course of an activities document (``<course>-xapi-activities.json``); a part that
    is not as coursebuild writes it is said at its line of `text`, the file as read."""
    if not isinstance(document, dict) or not isinstance(document.get("course"), str):
        raise CourseError(
            f"{name}: error: expected a course's xapi-activities.json with a 'course' id"
        )
    found = document.get("activities")
    if not isinstance(found, list) or not all(isinstance(a, dict) for a in found):
        where = _at(name, text, ["activities"])
        raise CourseError(f"{where}: error: expected an 'activities' list of xAPI activities")
    reading: list[str | int] = []
    try:
        return _read(document, found, reading)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        part = f"at {dotted(reading)}: " if reading else ""
        raise CourseError(
            f"{_at(name, text, reading)}: error: not an activities file coursebuild wrote "
            f"({part}{error})"
        ) from None


def _at(name: str, text: str | None, path: list[str | int]) -> str:
    """`name:line:col` of the value at `path` in `text`, the file as read (just `name` for a
    document that was never a file)."""
    if text is None:
        return name
    line, col = position(text, path)
    return f"{name}:{line}:{col}"


def _languages(document: Mapping[str, Any], course: Mapping[str, Any]) -> tuple[str, ...]:
    listed = document.get("languages")
    if isinstance(listed, list) and listed and all(isinstance(c, str) for c in listed):
        return tuple(listed)
    # An older file: the course name's language tags, en-CA → en.
    names = course.get("definition", {}).get("name", {})
    return tuple(dict.fromkeys(tag.split("-")[0].lower() for tag in names)) or ("en",)


def _text(languages: tuple[str, ...], values: Any) -> Text:
    """Course text from a language map: each course language's tag (en-CA), else its code."""
    if not isinstance(values, dict):
        return {}
    text: Text = {}
    for code in languages:
        for tag, value in values.items():
            if tag == code or tag.split("-")[0].lower() == code:
                text[code] = str(value)
                break
    return text


def _components(languages: tuple[str, ...], definition: Mapping[str, Any]) -> tuple[Any, ...]:
    kind = definition.get("interactionType")
    if kind == "true-false":
        return (("true", None), ("false", None))
    if kind == "matching":
        sources = definition.get("source", [])
        targets = definition.get("target", [])
        return tuple(
            (f"{s['id']}[.]{t['id']}", _pair(languages, s, t)) for s in sources for t in targets
        )
    if kind in LISTED:
        parts = definition.get("choices") or definition.get("scale") or []
        return tuple((c["id"], _text(languages, c.get("description"))) for c in parts)
    return ()


def _pair(languages: tuple[str, ...], source: Any, target: Any) -> Text:
    one, other = (
        _text(languages, source.get("description")),
        _text(languages, target.get("description")),
    )
    return {lang: f"{one.get(lang, '')} → {other.get(lang, '')}" for lang in languages}


def _each(reading: list[str | int], part: str, items: Any) -> Iterator[Any]:
    """The items of a list of the document, each named in `reading` while it is read."""
    for index, item in enumerate(items or []):
        reading[:] = [part, index]
        yield item


def _read(
    document: Mapping[str, Any], found: list[dict[str, Any]], reading: list[str | int]
) -> CourseInfo:
    """The course of a document; `reading` names the part being read, for an error."""
    course_id = document["course"]
    course = next((a for a in found if a.get("id") == course_id), {})
    languages = _languages(document, course)
    quizzes = _each(reading, "quizzes", document.get("quizzes"))
    roles = {q["id"]: q for q in quizzes if isinstance(q, dict)}
    # An older file without "videos": every video counts as measured (docs/report.md).
    videos = _each(reading, "videos", document.get("videos"))
    measured = {v["id"]: _measured(v["measured"]) for v in videos}
    reading.clear()
    order = _order(found, languages, roles, measured, reading)
    reading.clear()
    title = _text(languages, course.get("definition", {}).get("name"))
    revision = document.get("revision")
    return CourseInfo(
        course_id, revision if isinstance(revision, str) else None, title, languages, order
    )


def _order(
    found: list[dict[str, Any]],
    languages: tuple[str, ...],
    roles: Mapping[str, Any],
    measured: Mapping[str, tuple[str, ...]],
    reading: list[str | int],
) -> tuple[Page | Quiz, ...]:
    """The pages and quizzes of the activities, in course order, each quiz with its questions."""
    activities = _each(reading, "activities", found)
    quiz_ids = [
        a["id"] for a in activities if a.get("definition", {}).get("type") == TYPE_ASSESSMENT
    ]
    # An older file without "quizzes": its last quiz is the scored assessment (docs/report.md).
    last = quiz_ids[-1] if quiz_ids else None
    order: list[Page | Quiz] = []
    questions: list[Question] = []
    for activity in _each(reading, "activities", found):
        definition = activity.get("definition", {})
        kind, iri = definition.get("type"), activity["id"]
        name = _text(languages, definition.get("name"))
        if kind == TYPE_MODULE:
            order.append(Page(iri.rsplit("/", 1)[1], iri, name, None, None))
        elif kind == TYPE_VIDEO and order and isinstance(order[-1], Page):
            page = order[-1]
            title = name or page.title
            order[-1] = Page(page.id, page.iri, page.title, iri, title, measured.get(iri))
        elif kind == TYPE_ASSESSMENT:
            _close(order, questions)
            role = roles.get(iri, {"role": "assessment" if iri == last else "check"})
            order.append(
                Quiz(
                    iri.rsplit("/", 1)[1],
                    iri,
                    name,
                    str(role["role"]),
                    int(role.get("draw") or 0),
                    role.get("pass_mark"),
                    (),
                )
            )
            questions = []
        elif kind == TYPE_INTERACTION and order and isinstance(order[-1], Quiz):
            weights = roles.get(order[-1].iri, {}).get("weights") or {}
            qid = iri.rsplit("/", 1)[1]
            questions.append(
                Question(
                    qid,
                    iri,
                    str(definition.get("interactionType", "other")),
                    _text(languages, definition.get("description")),
                    int(weights.get(qid, 1)),
                    _components(languages, definition),
                )
            )
    _close(order, questions)
    return tuple(order)


def _measured(languages: Any) -> tuple[str, ...]:
    """A video's ``measured`` list: the language codes it is measured in."""
    if not isinstance(languages, list) or not all(isinstance(c, str) for c in languages):
        raise ValueError("a video's 'measured' is not a list of language codes")
    return tuple(languages)


def _close(order: list[Page | Quiz], questions: list[Question]) -> None:
    """Give the quiz being read its questions (and all of them per attempt unless drawn)."""
    if order and isinstance(order[-1], Quiz) and questions:
        quiz = order[-1]
        draw = quiz.draw or len(questions)
        order[-1] = Quiz(
            quiz.id, quiz.iri, quiz.title, quiz.role, draw, quiz.pass_mark, tuple(questions)
        )
