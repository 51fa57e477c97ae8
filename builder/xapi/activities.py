"""xAPI activities of a course: stable IRIs and full definitions, as plain xAPI 1.0.3 JSON.

Activity IRIs sit under the course id (docs/xapi.md): the course is ``course.id``; a page is
``<course>/modules/<page>``; its video ``<course>/videos/<page>``; the assessment
``<course>/quizzes/<id>``; a question ``<quiz>/q/<id>``. Definitions carry the type, ``en-CA``/
``fr-CA`` language maps (other course languages keep their code), and for questions the
interaction type, components and ``correctResponsesPattern`` in xAPI 1.0.3 formats.
``builder/xapi/statements.py`` makes the statements that use them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import msgspec
from msgspec import Struct

from ..model import Assessment, Course, Page, Pretest, Question, QuestionType, Text
from ..source.lrs_endpoint import normalized_endpoint
from ..standards.xapi import (
    TYPE_ASSESSMENT,
    TYPE_COURSE,
    TYPE_INTERACTION,
    TYPE_MODULE,
    TYPE_VIDEO,
    VIDEO_PROFILE,
)
from ..standards.xapi import VERSION as XAPI_VERSION
from ..targets import REGISTRY

# Videos whose play the runtime measures (player-video.js, xapi-video.js): a local file, YouTube
# and Vimeo. A link card or a video with no address reports no times: no Video Profile session.
MEASURED = ("file", "youtube", "vimeo")

JSON = dict[str, Any]

VIDEO_EXT = f"{VIDEO_PROFILE}/extensions/"


LANGUAGE_TAGS = {"en": "en-CA", "fr": "fr-CA"}

# --- IRIs and language maps ------------------------------------------------------------------


def course_iri(course: Course) -> str:
    """The course activity: the course id itself."""
    return course.id


def module_iri(course: Course, page_id: str) -> str:
    """A content page."""
    return f"{course.id.rstrip('/')}/modules/{page_id}"


def video_iri(course: Course, page_id: str) -> str:
    """The video of a page (one IRI for every language's video of that page)."""
    return f"{course.id.rstrip('/')}/videos/{page_id}"


def quiz_iri(course: Course, assessment_id: str) -> str:
    """An assessment: the scored one, or a page's knowledge check."""
    return f"{course.id.rstrip('/')}/quizzes/{assessment_id}"


def question_iri(course: Course, assessment_id: str, question_id: str) -> str:
    """A question of the assessment."""
    return f"{quiz_iri(course, assessment_id)}/q/{question_id}"


def language_tag(code: str) -> str:
    """The RFC 5646 tag for a course language: ``en`` → ``en-CA``, ``fr`` → ``fr-CA``."""
    return LANGUAGE_TAGS.get(code, code)


def language_map(text: Mapping[str, str]) -> dict[str, str]:
    """A language map from course text, without empty values (xAPI forbids them)."""
    return {language_tag(lang): value for lang, value in text.items() if value}


# --- Interaction formats ---------------------------------------------------------------------


def number(value: float) -> str:
    """A number as xAPI patterns write it: ``94``, ``3.5``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _true_false_pattern(question: Question) -> list[str]:
    return ["true" if question.answer_bool else "false"]


def _choice_pattern(question: Question) -> list[str]:
    return ["[,]".join(c.id for c in question.choices if c.correct)]


def _matching_pattern(question: Question) -> list[str]:
    return ["[,]".join(f"{p.source_id}[.]{p.target_id}" for p in question.pairs)]


def _numeric_pattern(question: Question) -> list[str]:
    low, high = question.numeric_min, question.numeric_max
    return [f"{'' if low is None else number(low)}[:]{'' if high is None else number(high)}"]


def _fill_in_pattern(question: Question) -> list[str]:
    # One entry per accepted answer; answers not accepted in every language say which.
    accepted = [set(values) for values in question.answers.values()]
    everywhere = set.intersection(*accepted) if accepted else set()
    patterns: list[str] = []
    for lang, values in question.answers.items():
        for answer in values:
            prefix = "" if answer in everywhere else f"{{lang={language_tag(lang)}}}"
            entry = f"{{case_matters=false}}{prefix}{answer}"
            if entry not in patterns:
                patterns.append(entry)
    return patterns


def _sequencing_pattern(question: Question) -> list[str]:
    return ["[,]".join(i.id for i in question.items)]


def _no_pattern(question: Question) -> list[str]:
    # A survey question has no correct response [xAPI 1.0.3 Part Two §2.4.4.1: optional].
    return []


def _middle_point(question: Question, lang: str) -> str:
    return question.scale[len(question.scale) // 2].id if question.scale else ""


def _first_pattern(question: Question, lang: str) -> str:
    return correct_responses(question)[0]


def _first_answer(question: Question, lang: str) -> str:
    return question.answers[lang][0]


def _lowest_number(question: Question, lang: str) -> str:
    return number(question.numeric_min if question.numeric_min is not None else 0.0)


class Interaction(Struct, frozen=True):
    """How a question type reports [xAPI 1.0.3 Part Two §2.4.4.1, Interaction Activities]."""

    interaction_type: str  # interactionType
    correct: Callable[[Question], list[str]]  # correctResponsesPattern
    response: Callable[[Question, str], str]  # result.response of a correct learner, per language


INTERACTIONS: dict[QuestionType, Interaction] = {
    "true-false": Interaction("true-false", _true_false_pattern, _first_pattern),
    "single": Interaction("choice", _choice_pattern, _first_pattern),
    "multiple": Interaction("choice", _choice_pattern, _first_pattern),
    "fill-in": Interaction("fill-in", _fill_in_pattern, _first_answer),
    "matching": Interaction("matching", _matching_pattern, _first_pattern),
    "numeric": Interaction("numeric", _numeric_pattern, _lowest_number),
    "ordering": Interaction("sequencing", _sequencing_pattern, _first_pattern),
    "likert": Interaction("likert", _no_pattern, _middle_point),
}


def correct_responses(question: Question) -> list[str]:
    """``correctResponsesPattern`` of a question, in xAPI 1.0.3 formats (any entry is correct)."""
    return INTERACTIONS[question.type].correct(question)


def model_response(question: Question, lang: str) -> str:
    """``result.response`` of a learner who answers correctly in ``lang``."""
    return INTERACTIONS[question.type].response(question, lang)


# --- Activities (plain JSON, as xAPI 1.0.3 writes them) ------------------------------------


def _definition(kind: str, name: Text | None, description: Text | None = None) -> JSON:
    definition: JSON = {}
    for attribute, text in (("name", name), ("description", description)):
        if text and (values := language_map(text)):
            definition[attribute] = values
    definition["type"] = kind
    return definition


def _components(items: Sequence[tuple[str, Text]]) -> list[JSON]:
    return [{"id": i, "description": language_map(t)} for i, t in items]


def activity_object(iri: str, definition: JSON | None = None) -> JSON:
    """An Activity as a statement carries it: the id, and the definition when given."""
    activity: JSON = {"id": iri, "objectType": "Activity"}
    if definition:
        activity["definition"] = definition
    return activity


def course_activity(course: Course) -> JSON:
    """The course: title and description."""
    return activity_object(course.id, _definition(TYPE_COURSE, course.title, course.description))


def module_activity(course: Course, page: Page) -> JSON:
    """A content page: its title."""
    return activity_object(module_iri(course, page.id), _definition(TYPE_MODULE, page.title))


def video_activity(course: Course, page: Page) -> JSON:
    """A page's video: the video's title in each language, the page's title as description."""
    titles = {lang: video.title for lang, video in (page.video or {}).items()}
    definition = _definition(TYPE_VIDEO, titles or page.title, page.title)
    return activity_object(video_iri(course, page.id), definition)


def quiz_activity(course: Course, assessment: Assessment) -> JSON:
    """The assessment: its title."""
    definition = _definition(TYPE_ASSESSMENT, assessment.title)
    return activity_object(quiz_iri(course, assessment.id), definition)


def question_activity(
    course: Course,
    assessment: Assessment,
    question: Question,
    number_in_quiz: int,
    *,
    in_package: bool = False,
) -> JSON:
    """A question (the `number_in_quiz`-th, from 1): interaction type, components and correct
    responses; the prompt describes it. Texts are their plain form: a language map holds text,
    not markup [xAPI 1.0.3 Part Two §4.2 Language Maps]. ``in_package``: the definition the
    runtime sends, without ``correctResponsesPattern`` when the key is hashed (it is optional
    [xAPI 1.0.3 Part Two §2.4.4.1 Interaction Activities]); the dist/ file keeps it."""
    name = {lang: f"{title}, question {number_in_quiz}" for lang, title in assessment.title.items()}
    definition = _definition(TYPE_INTERACTION, name, question.prompt_plain)
    definition["interactionType"] = INTERACTIONS[question.type].interaction_type
    if question.graded and not (in_package and assessment.answer_key == "hashed"):
        definition["correctResponsesPattern"] = correct_responses(question)
    if question.choices:
        definition["choices"] = _components([(c.id, c.plain) for c in question.choices])
    if question.pairs:
        sources = [(p.source_id, p.source_plain) for p in question.pairs]
        definition["source"] = _components(sources)
        # Every target, distractors too, so that a learner's response can be read back.
        # by id, as config.py lists them: never in the sources' (or the correct) order
        targets = sorted(question.targets, key=lambda t: t.target_id)
        definition["target"] = _components([(t.target_id, t.plain) for t in targets])
    if question.items:
        items = sorted(question.items, key=lambda i: i.id)
        definition["choices"] = _components([(i.id, i.plain) for i in items])
    if question.scale:
        definition["scale"] = _components([(point.id, point.plain) for point in question.scale])
    return activity_object(question_iri(course, assessment.id, question.id), definition)


def question_activities(
    course: Course, assessment: Assessment, *, in_package: bool = False
) -> list[JSON]:
    """Every question of an assessment, in order (``in_package``: see question_activity)."""
    return [
        question_activity(course, assessment, question, number, in_package=in_package)
        for number, question in enumerate(assessment.questions, 1)
    ]


def activities(course: Course, *, in_package: bool = False) -> list[JSON]:
    """Every activity of a course with its full definition, in course order (``in_package``:
    as a package may hold them, see question_activity)."""
    found = [course_activity(course)]
    for module in course.modules:
        if isinstance(module, Page):
            found.append(module_activity(course, module))
            if module.video is not None:
                found.append(video_activity(course, module))
            if module.check is not None:
                found.append(quiz_activity(course, module.check))
                found += question_activities(course, module.check)
        elif isinstance(module, Pretest):
            found.append(quiz_activity(course, module.assessment))
            found += question_activities(course, module.assessment)
        else:
            found.append(quiz_activity(course, module))
            found += question_activities(course, module, in_package=in_package)
    return found


def measured_videos(course: Course) -> list[JSON]:
    """Each page's video and the languages in which the runtime measures how much of it is
    watched (``MEASURED`` kinds), for `coursebuild report`: a video measured in none sends no
    Video Profile statement, so it is said to be untracked rather than counted as unwatched."""
    return [
        {
            "id": video_iri(course, page.id),
            "measured": [lang for lang, video in page.video.items() if video.kind in MEASURED],
        }
        for page in course.modules
        if isinstance(page, Page) and page.video is not None
    ]


def quizzes(course: Course) -> list[JSON]:
    """How each quiz counts, for `coursebuild report`: its role, questions asked per attempt,
    pass mark (the scored assessment's) and the weights that are not 1, in course order."""
    found: list[JSON] = []
    for module in course.modules:
        if isinstance(module, Page) and module.check is not None:
            found.append(_quiz_entry(course, module.check, "check"))
        elif isinstance(module, Pretest):
            found.append(_quiz_entry(course, module.assessment, "pretest"))
        elif isinstance(module, Assessment):
            found.append(_quiz_entry(course, module, "assessment"))
    return found


def _quiz_entry(course: Course, quiz: Assessment, role: str) -> JSON:
    return {
        "id": quiz_iri(course, quiz.id),
        "role": role,
        "draw": quiz.draw or len(quiz.questions),
        "pass_mark": quiz.pass_mark if role == "assessment" else None,
        "weights": {q.id: q.weight for q in quiz.questions if q.weight != 1},
    }


def activities_document(course: Course) -> JSON:
    """The activities file's content: course, revision, languages, quizzes, videos, activities."""
    return {
        "course": course.id,
        "revision": course.version,
        "languages": list(course.languages),
        "quizzes": quizzes(course),
        "videos": measured_videos(course),
        "activities": activities(course),
    }


def activities_json(course: Course) -> bytes:
    """``<course>-xapi-activities.json``: the course, its revision and every activity."""
    # json.dumps encodes in Python when it indents: msgspec's encoder, then its formatter, give
    # the same text (but exponents, 1e21 for 1e+21) at a tenth of the cost.
    packed = msgspec.json.encode(activities_document(course), order="sorted")
    return msgspec.json.format(packed, indent=2) + b"\n"


# --- What the runtime needs (config.xapi) ----------------------------------------------------


def runtime_xapi(course: Course, target: str) -> JSON:
    """``config.xapi``: the activities the runtime reports on, by role, with full definitions.

    The same objects as ``activities()``, so that what the runtime sends matches
    ``<course>-xapi-activities.json``; ``lrs`` is the build-time endpoint (dual tracking,
    SCORM targets only: xapi and cmi5 packages get theirs from the launch).
    """
    pages = [m for m in course.modules if isinstance(m, Page)]
    quiz = course.assessment
    dual = not REGISTRY[target].reports_xapi and course.xapi_endpoint
    return {
        "version": XAPI_VERSION,
        "languageTags": {lang: language_tag(lang) for lang in course.languages},
        "course": course_activity(course),
        "pages": {p.id: module_activity(course, p) for p in pages},
        "videos": {p.id: video_activity(course, p) for p in pages if p.video is not None},
        "quiz": None if quiz is None else quiz_activity(course, quiz),
        "questions": {}
        if quiz is None
        else dict(
            zip(
                (q.id for q in quiz.questions),
                question_activities(course, quiz, in_package=True),
                strict=True,
            )
        ),
        "checks": {check.id: _quiz_activities(course, check) for _, check in course.checks},
        "pretest": None if course.pretest is None else _quiz_activities(course, course.pretest),
        "lrs": normalized_endpoint(course.xapi_endpoint) if dual and course.xapi_endpoint else None,
    }


def _quiz_activities(course: Course, quiz: Assessment) -> JSON:
    """An unscored quiz's activity (a check, the pre-test) and its questions' by question id."""
    return {
        "activity": quiz_activity(course, quiz),
        "questions": dict(
            zip((q.id for q in quiz.questions), question_activities(course, quiz), strict=True)
        ),
    }
