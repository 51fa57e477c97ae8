"""Question types in the source: one handler per type checks its answer and models it."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from ..model import Choice, Pair, QuestionType, Target, Text
from ..theme import catalogues, plain
from .load import Loc
from .qtext import QuestionText
from .question_source import Answer, QuestionSource
from .schema_types import is_blank
from .spec_check import describe

MATCHING_SOURCE_IDS = "123456789"
MATCHING_TARGET_IDS = "abcdefghijklmnopqrstuvwxyz"
# One character each: SCORM 1.2 sequencing and likert responses are single characters
# [SCORM 1.2 RTE §3.4 cmi.interactions.n.student_response].
ORDERING_IDS = "abcdefghi"
SCALE_IDS = "abcdefghij"
SCALE_MIN = 2
NAMED_SCALES: dict[str, tuple[str, ...]] = {
    "agree5": (
        "likert_agree5_1",
        "likert_agree5_2",
        "likert_agree5_3",
        "likert_agree5_4",
        "likert_agree5_5",
    ),
}
"""Named Likert scales: the i18n catalogue keys of their labels, first to last."""


def _true_false(src: QuestionSource) -> Answer:
    answer = src.q.answer
    if not src.usable("answer"):
        pass
    elif answer is None:
        src.error(
            (), "no-correct-answer", "a true-false question needs 'answer: true' or 'answer: false'"
        )
    elif not isinstance(answer, bool):
        src.error(
            ("answer",), "wrong-type", f"answer: expected true or false, found {describe(answer)}"
        )
    else:
        return Answer(answer_bool=answer)
    return Answer()


def _choice_list(src: QuestionSource) -> tuple[Choice, ...]:
    """The choices, each id once, with their text and feedback in every language."""
    choices: list[Choice] = []
    ids: set[str] = set()
    for j, c in enumerate(src.q.choices):
        if not src.usable("choices", j):
            continue
        named = src.usable("choices", j, "id")
        what = f"choice '{c.id}'" if named else f"choice {j + 1}"
        if named and c.id in ids:
            src.error(("choices", j, "id"), "duplicate-id", f"choice id '{c.id}' is used twice")
        ids.add(c.id)
        feedback = None
        if c.feedback is not None and src.usable("choices", j, "feedback"):
            feedback = src.rich(c.feedback, ("choices", j, "feedback"), f"{what} feedback").html
        if not src.usable("choices", j, "text"):
            continue
        text = src.rich(c.text, ("choices", j, "text"), what, inline=True)
        choices.append(Choice(c.id, text.html, c.correct, feedback, text.plain))
    return tuple(choices)


def _choices(src: QuestionSource) -> Answer:
    q = src.q
    if not src.usable("choices"):
        return Answer()
    if len(q.choices) < 2:
        src.error(
            ("choices",), "too-few-choices", f"expected at least 2 choices, found {len(q.choices)}"
        )
    choices = _choice_list(src)
    flags = [c.correct for j, c in enumerate(q.choices) if src.usable("choices", j, "correct")]
    correct = sum(flags)
    # A choice whose `correct` could not be read may be the right one: no "none is correct".
    if q.choices and correct == 0 and len(flags) == len(q.choices):
        src.error(
            ("choices",),
            "no-correct-answer",
            "no choice is marked 'correct: true'; expected "
            + ("exactly one" if q.type == "single" else "at least one"),
        )
    elif q.type == "single" and correct > 1:
        src.error(
            ("choices",),
            "too-many-correct",
            f"{correct} choices are correct in a single-choice question; expected exactly "
            "one (use type: multiple for several)",
        )
    return Answer(choices=choices)


def _blank_answers(accepted: list[str] | dict[str, list[str]]) -> list[Loc]:
    """Where the accepted fill-in answers are that no learner can type (blank ones)."""
    lists: list[tuple[Loc, list[str]]] = (
        [((lang,), answers) for lang, answers in accepted.items()]
        if isinstance(accepted, dict)
        else [((), accepted)]
    )
    return [
        ("answers", *sub, k)
        for sub, answers in lists
        for k, answer in enumerate(answers)
        if is_blank(answer)
    ]


def _fill_in(src: QuestionSource) -> Answer:
    q, languages = src.q, src.ctx.languages
    answers: dict[str, tuple[str, ...]] = {}
    if not src.usable("answers"):
        return Answer()
    if q.answers is None:
        src.error((), "no-correct-answer", "a fill-in question needs 'answers: [...]'")
    elif isinstance(q.answers, list):
        answers = dict.fromkeys(languages, tuple(q.answers))
    else:
        for lang in languages if src.ctx.compare else ():
            if lang not in q.answers:
                src.error(
                    ("answers",),
                    "missing-translation",
                    f"answers have no '{lang}' list; expected '{lang}: [...]'",
                )
        answers = {lang: tuple(q.answers.get(lang, [])) for lang in languages}
    for at in _blank_answers(q.answers or []):
        src.error(
            at, "blank-answer", "an accepted answer is blank; expected text a learner can type"
        )
    for lang, accepted in answers.items():
        if not src.usable("max_length"):
            break
        too_long = [a for a in accepted if len(a) > q.max_length]
        if too_long:
            src.error(
                ("answers",),
                "answer-too-long",
                f"accepted answer '{too_long[0][:40]}' ({lang}) is longer than "
                f"max_length {q.max_length}",
            )
    return Answer(answers=answers)


def _matching(src: QuestionSource) -> Answer:
    pairs = src.q.pairs
    if not src.usable("pairs"):
        return Answer()
    if not 2 <= len(pairs) <= len(MATCHING_SOURCE_IDS):
        src.error(
            ("pairs",),
            "pair-count",
            f"expected 2 to {len(MATCHING_SOURCE_IDS)} pairs, found {len(pairs)}",
        )
    modelled: list[Pair] = []
    targets: dict[int, Text] = {}
    for j, p in enumerate(pairs[: len(MATCHING_SOURCE_IDS)]):
        texts = [
            src.rich(getattr(p, end), ("pairs", j, end), f"pair {j + 1} {end}", inline=True)
            for end in ("source", "target")
            if src.usable("pairs", j, end)
        ]
        if len(texts) < 2:  # (a pair's part that could not be read: said already)
            continue
        source, target = texts
        ids = (MATCHING_SOURCE_IDS[j], MATCHING_TARGET_IDS[j])
        modelled.append(Pair(*ids, source.html, target.html, source.plain, target.plain))
        targets[j + 1] = target.plain
    paired = min(len(pairs), len(MATCHING_SOURCE_IDS))
    return Answer(pairs=tuple(modelled), distractors=_distractors(src, paired, targets))


def _distractors(src: QuestionSource, paired: int, targets: dict[int, Text]) -> tuple[Target, ...]:
    """The distractors, their target ids the letters after the `paired` pairs'; none may read
    like one of the pairs' `targets` (by pair number)."""
    given = src.q.distractors
    if not src.usable("distractors"):
        return ()
    if paired + len(given) > len(MATCHING_TARGET_IDS):
        # Target ids are single characters in SCORM 1.2's matching pattern [SCORM 1.2 RTE §6.1].
        src.error(
            ("distractors",),
            "target-count",
            f"{paired} pairs and {len(given)} distractors make {paired + len(given)} targets; "
            f"expected at most {len(MATCHING_TARGET_IDS)} (SCORM 1.2 target ids are one letter)",
        )
        return ()
    seen: dict[str, str] = {}
    for n, target in targets.items():
        seen.update(dict.fromkeys(_same(target), f"the target of pair {n}"))
    found: list[Target] = []
    for k, value in enumerate(given):
        at: Loc = ("distractors", k)
        if not src.usable(*at):
            continue
        text = src.rich(value, at, f"distractor {k + 1}", inline=True)
        clash = next((seen[key] for key in _same(text.plain) if key in seen), None)
        if clash is not None:
            first = next(iter(text.plain.values()), "")
            src.error(
                at,
                "distractor-is-target",
                f"distractor {k + 1} '{first[:40]}' is {clash}; expected a target that "
                "matches no source",
            )
        seen.update(dict.fromkeys(_same(text.plain), f"distractor {k + 1}"))
        found.append(Target(MATCHING_TARGET_IDS[paired + k], text.html, text.plain))
    return tuple(found)


def _same(text: Text) -> list[str]:
    """Keys under which two targets read the same to a learner, per language."""
    return [f"{lang}:{' '.join(value.split()).casefold()}" for lang, value in text.items()]


def _finite(number: float) -> float | None:
    """`number` as a float, or None when it is NaN, infinite or too large for one."""
    try:
        value = float(number)
    except OverflowError:
        return None
    return value if math.isfinite(value) else None


def _numeric(src: QuestionSource) -> Answer:
    q = src.q
    low: float | None = None
    high: float | None = None
    if (
        q.answer is not None
        and not isinstance(q.answer, bool)
        and isinstance(q.answer, int | float)
    ):
        low = high = _finite(q.answer)
        if low is None:
            src.error(
                ("answer",),
                "bad-value",
                f"answer: expected a finite number, found {describe(q.answer)}",
            )
    elif q.answer is None and not all(src.usable(k) for k in ("answer", "min", "max")):
        pass  # an answer, min or max that could not be read: said already
    elif q.min is not None and q.max is not None:
        low, high = q.min, q.max
        if low > high:
            src.error(("min",), "bad-range", f"min {low:g} is greater than max {high:g}")
    elif q.answer is not None:
        src.error(
            ("answer",), "wrong-type", f"answer: expected a number, found {describe(q.answer)}"
        )
    else:
        src.error(
            (),
            "no-correct-answer",
            "a numeric question needs 'answer: <number>' or both 'min:' and 'max:'",
        )
    return Answer(numeric_min=low, numeric_max=high)


def _ordering(src: QuestionSource) -> Answer:
    items = src.q.items
    if not src.usable("items"):
        return Answer()
    if not SCALE_MIN <= len(items) <= len(ORDERING_IDS):
        src.error(
            ("items",),
            "item-count",
            f"expected 2 to {len(ORDERING_IDS)} items, found {len(items)}",
        )
    texts = [
        src.rich(t, ("items", j), f"item {j + 1}", inline=True) if src.usable("items", j) else None
        for j, t in enumerate(items)
    ]
    for lang in src.ctx.languages:
        seen: dict[str, int] = {}
        for j, text in enumerate(texts):
            if text is None:
                continue
            key = " ".join(text.plain.get(lang, "").split()).casefold()
            if key and key in seen:
                src.error(
                    ("items", j),
                    "duplicate-item",
                    f"item {j + 1} reads like item {seen[key] + 1} ('{text.plain[lang][:40]}', "
                    f"{lang}); expected items a learner can tell apart",
                )
            seen.setdefault(key, j)
    return Answer(
        items=tuple(
            Choice(ORDERING_IDS[j], text.html, False, None, text.plain)
            for j, text in enumerate(texts[: len(ORDERING_IDS)])
            if text is not None
        )
    )


def _named_scale(src: QuestionSource, name: str) -> list[QuestionText]:
    """The labels of a named scale in every course language, from the player's catalogues."""
    if name not in NAMED_SCALES:
        src.error(
            ("scale",),
            "unknown-scale",
            f"scale '{name}' is not a named scale; expected one of "
            f"{', '.join(sorted(NAMED_SCALES))} or a list of 2 to {len(SCALE_IDS)} labels",
        )
        return []
    known = catalogues()
    fallback = next(iter(known))
    labels = (
        {lang: plain(lang if lang in known else fallback, key) for lang in src.ctx.languages}
        for key in NAMED_SCALES[name]
    )
    return [QuestionText({k: html.escape(v) for k, v in t.items()}, t) for t in labels]


SURVEY_KEYS = ("answer", "answers", "min", "max", "choices", "feedback")
"""Keys a likert question cannot have: a survey answer is neither right nor wrong."""


def _likert(src: QuestionSource) -> Answer:
    q = src.q
    keyed = [k for k in SURVEY_KEYS[:4] if getattr(q, k) is not None]
    keyed += [k for k in SURVEY_KEYS[4:] if getattr(q, k)]  # no right/wrong to give
    for key in keyed:
        src.error(
            (key,),
            "survey-answer",
            f"'{key}' in a likert question: a survey question has no correct answer; "
            "expected only 'scale:' (its labels)",
        )
    labels: list[QuestionText] = []
    if not src.usable("scale"):
        pass  # said already
    elif q.scale is None:
        src.error((), "scale-count", "a likert question needs 'scale:' (labels or agree5)")
    elif isinstance(q.scale, str):
        labels = _named_scale(src, q.scale)
    else:
        if not SCALE_MIN <= len(q.scale) <= len(SCALE_IDS):
            src.error(
                ("scale",),
                "scale-count",
                f"expected 2 to {len(SCALE_IDS)} scale labels, found {len(q.scale)}",
            )
        labels = [
            src.rich(t, ("scale", j), f"scale label {j + 1}", inline=True)
            for j, t in enumerate(q.scale)
        ]
    return Answer(
        scale=tuple(
            Choice(SCALE_IDS[j], text.html, False, None, text.plain)
            for j, text in enumerate(labels[: len(SCALE_IDS)])
        )
    )


QUESTION_SOURCES: dict[QuestionType, Callable[[QuestionSource], Answer]] = {
    "true-false": _true_false,
    "single": _choices,
    "multiple": _choices,
    "fill-in": _fill_in,
    "matching": _matching,
    "numeric": _numeric,
    "ordering": _ordering,
    "likert": _likert,
}
"""Per question type: check the spec's answer (diagnostics on the way) and model it."""
