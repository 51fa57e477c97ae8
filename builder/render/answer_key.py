"""A hashed answer key (assessment ``answer_key: hashed``): per question a salt and the salted
FNV-1a 64 hashes of its canonical correct responses, which the runtime's ``answer-key.js``
recomputes from a learner's answer (docs/course-format.md, "The answer key").

Why FNV-1a and not a cryptographic hash: the runtime must check an answer synchronously and on
plain-http pages, where SubtleCrypto is absent; and any key a browser can check locally can be
brute-forced over a question's small answer space, so a stronger hash would protect nothing
more. What the hash keeps from a learner is a casual read of the page source.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from typing import Literal

from ..model import Question, QuestionType

FNV64_OFFSET = 0xCBF29CE484222325  # FNV-1a 64 offset basis [draft-eastlake-fnv §2.3]
FNV64_PRIME = 0x100000001B3  # FNV 64-bit prime [draft-eastlake-fnv §2.1]
MASK64 = (1 << 64) - 1

# What JavaScript's `\s` matches (WhiteSpace and LineTerminator [ECMA-262 §12.2, §12.3]): Python's
# `\s` differs (it takes U+001C..U+001F, not U+FEFF), and both sides must read an answer alike.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Patterns `re` compiles at their first use (and keeps): compiled with the module, they were 9 M
# instructions of every build, most of which hash no answer.
_TRIM = f"^[{JS_SPACE}]+|[{JS_SPACE}]+$"
_SPACES = f"[{JS_SPACE}]+"
_CLOSING = f"[{JS_SPACE}.!?;:\u2026]+$"
_MARKS = "[\u0300-\u036f]"
_LONE_SURROGATE = "[\ud800-\udfff]"


def fnv1a64(data: bytes) -> int:
    """The FNV-1a 64-bit hash of ``data`` [draft-eastlake-fnv §2.1, FNV-1a]."""
    h = FNV64_OFFSET
    for byte in data:
        h = ((h ^ byte) * FNV64_PRIME) & MASK64
    return h


def typed_key(text: str, accents: Literal["match", "ignore"]) -> str:
    """A typed answer as the marker reads it, as ``answer-key.js`` ``typedKey`` does: outer
    spaces, case, inner runs of spaces, closing punctuation and (unless ``accents: match``)
    accents do not count."""
    s = unicodedata.normalize("NFC", re.sub(_TRIM, "", text).lower())
    s = re.sub(_CLOSING, "", re.sub(_SPACES, " ", s))
    if accents == "match":
        return s
    return unicodedata.normalize("NFC", re.sub(_MARKS, "", unicodedata.normalize("NFD", s)))


def key_hash(salt: str, canonical: str) -> str:
    """The salted hash of one canonical response, 16 hex digits (``answer-key.js`` ``hash``)."""
    # A lone surrogate is U+FFFD in UTF-8, as the browser's encoder writes it [RFC 3629 §3].
    text = re.sub(_LONE_SURROGATE, "\ufffd", f"{salt}:{canonical}")
    return f"{fnv1a64(text.encode('utf-8')):016x}"


def question_salt(source_hash: str, lms_id: str) -> str:
    """A question's salt: fixed per build (builds are reproducible), distinct per course,
    revision and question (its interaction id)."""
    return hashlib.sha256(f"{source_hash}:{lms_id}".encode()).hexdigest()[:16]


def _true_false(q: Question) -> list[str]:
    return ["true" if q.answer_bool else "false"]


def _choices(q: Question) -> list[str]:
    return [",".join(sorted(c.id for c in q.choices if c.correct))]


def _fill_in(q: Question) -> list[str]:
    accepted = (a for values in q.answers.values() for a in values)
    return sorted({typed_key(a, q.accents) for a in accepted})


def _matching(q: Question) -> list[str]:
    return [",".join(f"{p.source_id}.{p.target_id}" for p in q.pairs)]


def _ordering(q: Question) -> list[str]:
    return [",".join(i.id for i in q.items)]


CANONICAL: dict[QuestionType, Callable[[Question], list[str]]] = {
    "true-false": _true_false,
    "single": _choices,
    "multiple": _choices,
    "fill-in": _fill_in,
    "matching": _matching,
    "ordering": _ordering,
}
"""Per hashable type: the canonical correct responses (``answer-key.js`` ``canonical``). A
numeric range cannot be hashed (a learner's number is checked against its bounds) and a likert
question has no key: neither is here, and a numeric question's range stays in the clear."""


def hashed_key(q: Question, salt: str) -> dict[str, object] | None:
    """``salt`` and ``hashes`` that replace ``correct`` in a question's config, or None for a
    type whose key cannot be hashed."""
    canonical = CANONICAL.get(q.type)
    if canonical is None:
        return None
    return {"salt": salt, "hashes": sorted({key_hash(salt, c) for c in canonical(q)})}
