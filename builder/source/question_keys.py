"""Question keys by type: a key written on a question whose type does not use it is said."""

from __future__ import annotations

from typing import Any

from ..model import QuestionType
from .question_source import QuestionSource
from .questions import SURVEY_KEYS

KEY_TYPES: dict[str, tuple[QuestionType, ...]] = {
    "choices": ("single", "multiple"),
    "answer": ("true-false", "numeric"),
    "answers": ("fill-in",),
    "min": ("numeric",),
    "max": ("numeric",),
    "max_length": ("fill-in",),
    "accents": ("fill-in",),
    "pairs": ("matching",),
    "distractors": ("matching",),
    "items": ("ordering",),
    "scale": ("likert",),
}
"""The question keys only some types use (`partial` has its own error, `partial-type`)."""


def warn_unused_keys(src: QuestionSource) -> None:
    """Warn about each key the question's type does not use: the author expects it to work."""
    raw: Any = src.doc.data
    for part in src.loc:
        if isinstance(raw, dict):
            raw = raw.get(part)
        elif isinstance(raw, list) and isinstance(part, int) and part < len(raw):
            raw = raw[part]
        else:
            raw = None
    if not isinstance(raw, dict):
        return
    for key, types in KEY_TYPES.items():
        # (A likert's answer keys are already errors: survey-answer.)
        if key not in raw or src.q.type in types or (src.q.type == "likert" and key in SURVEY_KEYS):
            continue
        src.ctx.diagnostics.warning(
            src.doc.at((*src.loc, key), key=True),
            "key-not-for-type",
            f"{src.label}: '{key}' is for {' or '.join(types)} questions; "
            f"a {src.q.type} question does not use it",
        )
