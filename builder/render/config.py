"""The runtime config: what the player reads at launch (docs/runtime-contract.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diagnostics import Diagnostics, Location
from ..model import Assessment, Course, Page, Pretest, Question, QuestionType, interaction_id
from ..source.files import COURSE_FILE
from ..targets import REGISTRY
from .answer_key import hashed_key, question_salt
from .runtime import chunk_config
from .view import course_view

# The resume state's limit where the target has no cmi.suspend_data (an xAPI State document).
STATE_DOCUMENT_LIMIT = 64000


def _choice_config(q: Question) -> dict[str, Any]:
    return {"choices": [c.id for c in q.choices], "correct": [c.id for c in q.choices if c.correct]}


def _true_false_config(q: Question) -> dict[str, Any]:
    return {"correct": [q.answer_bool]}


def _fill_in_config(q: Question) -> dict[str, Any]:
    # One list, as docs/runtime-contract.md says (quiz.js reads an array): the answers
    # accepted in any language, each once, in language order.
    accepted = list(dict.fromkeys(a for values in q.answers.values() for a in values))
    return {"correct": accepted, "maxLength": q.max_length, "accents": q.accents}


def _matching_config(q: Question) -> dict[str, Any]:
    return {
        "sources": [p.source_id for p in q.pairs],
        # by id: the pairs' targets then distractors, never in their sources' order (a hashed
        # key deals the pairs' letters out of order, builder/source/key_ids.py)
        "targets": sorted(t.target_id for t in q.targets),
        "correct": [f"{p.source_id}.{p.target_id}" for p in q.pairs],
    }


def _numeric_config(q: Question) -> dict[str, Any]:
    return {"min": q.numeric_min, "max": q.numeric_max}


def _ordering_config(q: Question) -> dict[str, Any]:
    # The items by id (a hashed key's ids are not in the correct order); the key: in source order.
    return {"items": sorted(i.id for i in q.items), "correct": [i.id for i in q.items]}


def _likert_config(q: Question) -> dict[str, Any]:
    # No "correct": a survey question is never marked nor scored.
    return {"scale": [point.id for point in q.scale]}


QUESTION_CONFIGS: dict[QuestionType, Callable[[Question], dict[str, Any]]] = {
    "true-false": _true_false_config,
    "single": _choice_config,
    "multiple": _choice_config,
    "fill-in": _fill_in_config,
    "matching": _matching_config,
    "numeric": _numeric_config,
    "ordering": _ordering_config,
    "likert": _likert_config,
}
"""Per question type: what the runtime needs to mark an answer, beside id and type."""


def _question_config(course: Course, assessment: Assessment, q: Question) -> dict[str, Any]:
    lms_id = interaction_id(assessment.id, q.id)
    config: dict[str, Any] = {"id": q.id, "interactionId": lms_id, "type": q.type}
    # Only what differs from the default: a long course has hundreds of questions in index.html.
    if q.weight != 1:
        config["weight"] = q.weight
    if q.partial:
        config["partial"] = True
    if assessment.pools:
        config["pool"] = q.pool
    config |= QUESTION_CONFIGS[q.type](q)
    hashed = None
    if assessment.answer_key == "hashed":
        hashed = hashed_key(q, question_salt(course.source_hash, lms_id))
    if hashed is not None:
        # the key's hashes instead of the key (a numeric range stays: it cannot be hashed)
        del config["correct"]
        config |= hashed
    return config


def assessment_config(course: Course, assessment: Assessment) -> dict[str, Any]:
    """The runtime config of one assessment (docs/runtime-contract.md)."""
    return {
        "id": assessment.id,
        "passMark": assessment.pass_mark,
        "attempts": assessment.attempts,
        "shuffle": assessment.shuffle,
        "draw": assessment.draw,
        **({"pools": dict(assessment.pools)} if assessment.pools else {}),
        "display": assessment.display,
        "questions": [_question_config(course, assessment, q) for q in assessment.questions],
        "feedback": assessment.feedback,
        "reveal": assessment.reveal,
    }


def _checks_config(course: Course) -> list[dict[str, Any]]:
    """`config.checks`: each page's knowledge check, what the runtime needs to mark it."""
    return [
        {
            "id": check.id,
            "page": page.id,
            "questions": [_question_config(course, check, q) for q in check.questions],
        }
        for page, check in course.checks
    ]


def runtime_config(
    course: Course, target: str, view: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What the runtime reads at launch (docs/runtime-contract.md). ``view`` is the course's
    view (``course_view``, computed when not given): a module left out of index.html has its
    page file's address (``src``) in its ``pages`` entry, the very value the templates link to,
    and ``contents`` is the table of contents' address."""
    if view is None:
        view = course_view(course)
    sources = {m["id"]: m["src"] for m in view["modules"]}
    assessment = course.assessment
    pages: list[dict[str, Any]] = []
    for module in course.modules:
        entry: dict[str, Any]
        if isinstance(module, Page):
            entry = {"id": module.id, "kind": "page"}
            if module.video is not None:  # else no key: the config's bytes are in the head
                first = module.video[course.default_language]
                entry["video"] = {"kind": first.kind, "duration": first.duration_seconds}
        else:
            kind = "pretest" if isinstance(module, Pretest) else "assessment"
            entry = {"id": module.id, "kind": kind}
        if sources[module.id]:
            entry["src"] = sources[module.id]
        pages.append(entry)
    config = {
        "schema": 1,
        "target": target,
        "course": {"id": course.id, "code": course.code, "version": course.version},
        "languages": list(course.languages),
        "completion": {
            "pages": course.completion.pages,
            "video": course.completion.video,
            "assessment": course.completion.assessment,
            "assessmentOpens": course.completion.assessment_opens,
        },
        "masteryScore": course.mastery_score,
        "suspendDataLimit": REGISTRY[target].suspend_data_limit or STATE_DOCUMENT_LIMIT,
        "pages": pages,
        "assessment": None if assessment is None else assessment_config(course, assessment),
    }
    split = [m["assessment"]["question_files"] for m in view["modules"] if "assessment" in m]
    if assessment is not None and split and split[0]:
        # a drawn pool split into files: the player fetches only the drawn (page-files.js)
        config["assessment"] = {**assessment_config(course, assessment), "questionFiles": split[0]}
    config["checks"] = _checks_config(course)
    if course.pretest is not None:  # taken once, never scored (docs/runtime-contract.md)
        pretest = assessment_config(course, course.pretest)
        for key in ("passMark", "attempts", "display"):
            del pretest[key]
        config["pretest"] = pretest
    if view["contents"]:
        config["contents"] = view["contents"]
    if REGISTRY[target].reports_xapi or course.xapi_endpoint:
        from ..xapi.activities import runtime_xapi  # tincan: only for courses that report xAPI

        config["xapi"] = runtime_xapi(course, target)
    config["chunks"] = chunk_config(config)
    return config


def state_within_limit(
    course: Course, target_name: str, config: dict[str, Any], diagnostics: Diagnostics
) -> int | None:
    """The longest resume state the course can write, or None (an error said) when it could
    be over the target's limit on cmi.suspend_data."""
    from .suspend_budget import worst_case_state_length

    limit = config["suspendDataLimit"]
    worst = worst_case_state_length(config, watched=False)  # the runtime drops those first
    if worst <= limit:
        return worst
    quiz = course.assessment
    where = f"{course.slug}/assessments/{quiz.id}.yml" if quiz else f"{course.slug}/{COURSE_FILE}"
    diagnostics.error(
        Location(where, 1, 1),
        "suspend-data-budget",
        f"the learner's resume state could reach {worst:,} characters, over the "
        f"{limit:,} that {target_name} allows in cmi.suspend_data; expected fewer questions, "
        "a smaller max_length on fill-in questions, or fewer pages",
    )
    return None
