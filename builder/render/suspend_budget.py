"""Worst-case length of the resume state the theme runtime keeps in ``cmi.suspend_data``.

The runtime (``templates/theme/static/state.js``, format version 1) encodes the learner's
state compactly; this module computes, from the runtime ``config`` alone
(docs/runtime-contract.md), the longest string that encoding can ever produce, so that the
build can prove it fits the target's limit (4,096 characters in SCORM 1.2). Both files follow
the same rules, documented in the comment block at the top of ``state.js``;
``tests/js/state.test.js`` encodes a worst-case state with ``state.js`` and checks that its
length is exactly what this function returns. Change one, change the other.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["worst_case_state_length"]

_VERSION = "1"
_FINGERPRINT_DIGITS = 4
_SCORE_DIGITS = 2
_ATTEMPT_DIGITS = 2
_VIDEO_DIGITS = 2
# Once played: where the learner left it (2 base-36 digits) and its 1% parts watched (25 hex).
_VIDEO_WATCHED = 2 + 25
_FILL_IN_MAX_LENGTH = 255  # CMIFeedback: 255 characters [SCORM 1.2 RTE §3.4]
_NUMERIC_MAX_LENGTH = 20
_ESCAPED_CODE_UNIT_MAX = 5  # a UTF-16 code unit above 0xFF becomes "^" + 4 hex digits
_MAX_LANGUAGES = 36  # the language index is one base-36 digit


def _digits36(max_value: int) -> int:
    """Base-36 digits needed to write every integer from 0 to max_value (at least 1)."""
    n, digits = max(0, max_value), 1
    while n >= 36:
        n //= 36
        digits += 1
    return digits


def _max_length(question: Mapping[str, Any], default: int) -> int:
    value = question.get("maxLength")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return math.floor(value)
    return default


def _choice_order(question: Mapping[str, Any], shuffle: bool) -> int:
    """A shuffled question keeps its choices' order: one character per choice."""
    return len(question.get("choices") or []) if shuffle else 0


def _one_mark(question: Mapping[str, Any], shuffle: bool) -> int:
    return 1


def _single(question: Mapping[str, Any], shuffle: bool) -> int:
    return _choice_order(question, shuffle) + 1


def _multiple(question: Mapping[str, Any], shuffle: bool) -> int:
    # The chosen set is a bitmap over the choices, four to a character.
    return _choice_order(question, shuffle) + math.ceil(len(question.get("choices") or []) / 4)


def _matching(question: Mapping[str, Any], shuffle: bool) -> int:
    return len(question.get("sources") or [])


def _fill_in(question: Mapping[str, Any], shuffle: bool) -> int:
    return _ESCAPED_CODE_UNIT_MAX * _max_length(question, _FILL_IN_MAX_LENGTH)


def _numeric(question: Mapping[str, Any], shuffle: bool) -> int:
    return _max_length(question, _NUMERIC_MAX_LENGTH)


def _ordering(question: Mapping[str, Any], shuffle: bool) -> int:
    # The arrangement is a permutation of the item ids: one character per item.
    return len(question.get("items") or [])


# Keyed by plain strings, not model.QuestionType: this module imports nothing from the package
# (tests/js/state.test.js loads it by path with a bare python3); tests/core/test_question_types.py
# checks the keys are the declared types.
QUESTION_STATES: dict[str, Callable[[Mapping[str, Any], bool], int]] = {
    "true-false": _one_mark,
    "single": _single,
    "multiple": _multiple,
    "fill-in": _fill_in,
    "matching": _matching,
    "numeric": _numeric,
    "ordering": _ordering,
    "likert": _one_mark,
}
"""Per question type: the most characters its choice order and answer take in the state,
given its config and whether the assessment shuffles."""


def _answer_state(question: Mapping[str, Any], shuffle: bool) -> int:
    """The worst case of one question's choice order and answer."""
    kind = question.get("type")
    state = QUESTION_STATES.get(kind) if isinstance(kind, str) else None
    if state is None:
        raise ValueError(f"unknown question type {kind!r} in question {question.get('id')!r}")
    return state(question, shuffle)


def _pretest_length(pretest: Mapping[str, Any] | None) -> int:
    """The pre-test's block (state-pretest.js): its header, then one field per question kept."""
    if not pretest:
        return 0
    questions: Sequence[Mapping[str, Any]] = pretest.get("questions") or []
    width = _digits36(len(questions))
    # "|" + taken flag + score + correct + asked + kept, each count in `width` digits
    length = 1 + 1 + _SCORE_DIGITS + 3 * width
    draw = pretest.get("draw")
    k = draw if draw and 0 < draw < len(questions) else len(questions)
    shuffle = bool(pretest.get("shuffle"))
    # "|" + pool index + choice order + answer (no checked flag: all are, once it is taken)
    fields = sorted((1 + width + _answer_state(q, shuffle) for q in questions), reverse=True)
    return length + sum(fields[:k])


def worst_case_state_length(config: Mapping[str, Any], *, watched: bool = True) -> int:
    """Return the most characters the runtime's resume state can take for this course.

    ``config`` is the runtime configuration the builder embeds in ``index.html``: its
    ``pages`` (a ``video`` on a page adds 2 characters, and with ``watched`` 27 more, where
    the learner left it and its 1% parts watched, and a comma between videos), ``languages``
    and ``assessment``
    (``questions`` with ``type``, ``choices``, ``sources``, ``maxLength``; ``shuffle``;
    ``draw``) decide the length. ``watched=False``: the state without the videos' watched
    parts, which the runtime drops first from a state over the limit. Raises ``ValueError``
    for a course the encoding cannot hold (more than 36 languages, an unknown question type).
    """
    pages: Sequence[Mapping[str, Any]] = config["pages"]
    languages = config.get("languages") or []
    if len(languages) > _MAX_LANGUAGES:
        raise ValueError(
            f"{len(languages)} languages: the resume state holds at most {_MAX_LANGUAGES}"
        )
    videos = sum(1 for page in pages if page.get("video"))
    n = len(pages)
    # version | fingerprint | language + page | pages-seen bitmap | videos | assessment header
    length = (
        len(_VERSION)
        + 1
        + _FINGERPRINT_DIGITS
        + 1
        + 1
        + _digits36(n - 1)
        + 1
        + math.ceil(n / 4)
        + 1
        + _VIDEO_DIGITS * videos
        + 1
    )
    if watched and videos:
        length += _VIDEO_WATCHED * videos + videos - 1  # comma-separated
    length += _pretest_length(config.get("pretest"))
    assessment = config.get("assessment")
    if not assessment:
        return length
    questions: Sequence[Mapping[str, Any]] = assessment.get("questions") or []
    pool = len(questions)
    width = _digits36(pool - 1)
    length += _ATTEMPT_DIGITS + 2 * _SCORE_DIGITS + 1 + width
    draw = assessment.get("draw")
    k = draw if draw and 0 < draw < pool else pool
    shuffle = bool(assessment.get("shuffle"))
    fields = []
    for question in questions:
        # "|" + pool index + checked flag + choice order + answer
        fields.append(1 + width + 1 + _answer_state(question, shuffle))
    fields.sort(reverse=True)
    return length + sum(fields[:k])
