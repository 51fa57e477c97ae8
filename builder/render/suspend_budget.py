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
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["worst_case_state_length"]

_VERSION = "1"
_FINGERPRINT_DIGITS = 4
_SCORE_DIGITS = 2
_ATTEMPT_DIGITS = 2
_VIDEO_DIGITS = 2
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


def _max_length(question: Mapping[str, Any]) -> int:
    value = question.get("maxLength")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return math.floor(value)
    return _NUMERIC_MAX_LENGTH if question.get("type") == "numeric" else _FILL_IN_MAX_LENGTH


def _answer_length(question: Mapping[str, Any]) -> int:
    kind = question.get("type")
    if kind in ("true-false", "single"):
        return 1
    if kind == "multiple":
        return math.ceil(len(question.get("choices") or []) / 4)
    if kind == "matching":
        return len(question.get("sources") or [])
    if kind == "fill-in":
        return _ESCAPED_CODE_UNIT_MAX * _max_length(question)
    if kind == "numeric":
        return _max_length(question)
    raise ValueError(f"unknown question type {kind!r} in question {question.get('id')!r}")


def worst_case_state_length(config: Mapping[str, Any]) -> int:
    """Return the most characters the runtime's resume state can take for this course.

    ``config`` is the runtime configuration the builder embeds in ``index.html``: its
    ``pages`` (a ``video`` on a page adds 2 characters), ``languages`` and ``assessment``
    (``questions`` with ``type``, ``choices``, ``sources``, ``maxLength``; ``shuffle``;
    ``draw``) decide the length. Raises ``ValueError`` for a course the encoding cannot hold
    (more than 36 languages, an unknown question type).
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
        order = (
            len(question.get("choices") or [])
            if shuffle and question.get("type") in ("single", "multiple")
            else 0
        )
        # "|" + pool index + checked flag + choice order + answer
        fields.append(1 + width + 1 + order + _answer_length(question))
    fields.sort(reverse=True)
    return length + sum(fields[:k])
