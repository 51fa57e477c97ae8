"""spec_check: the source schema's Structs walked key by key, every error at its place."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.source.schema import AssessmentSpec, CourseSpec, PageFront, QuestionSpec
from builder.source.spec_check import Problem, Spec, check

QUIZ = {"title": "Quiz", "questions": [{}]}


def messages(problems: list[Problem]) -> list[str]:
    return sorted(p.message for p in problems)


def test_every_error_of_a_mapping_is_reported_not_only_the_first() -> None:
    spec, problems = check(QuestionSpec, {"id": "Q 1", "type": "essay", "weight": 0, "titel": 1})
    assert spec is None
    assert [(p.loc, p.code) for p in sorted(problems, key=lambda p: p.loc)] == [
        (("id",), "bad-value"),
        (("prompt",), "missing-field"),
        (("titel",), "unknown-key"),
        (("type",), "bad-value"),
        (("weight",), "bad-value"),
    ]
    assert next(p for p in problems if p.code == "unknown-key").at_key


def test_a_draw_of_the_wrong_kind_says_what_it_takes() -> None:
    """The old schema's message named its validators: `draw.function-after[functools.partial(
    <function greater_than_or_equal_validator ...>)]: expected a whole number, found 'true'`."""
    _, problems = check(AssessmentSpec, {**QUIZ, "draw": True})
    assert messages(problems) == ["draw: expected a whole number or a mapping, found 'true'"]
    assert problems[0].code == "wrong-type"


@pytest.mark.parametrize(
    ("draw", "said"),
    [
        (0, "draw: expected a number ≥ 1, found '0'"),
        ({"rules": 0}, "draw.rules: expected a number ≥ 1, found '0'"),
        (
            {"Rules": 1},
            "draw.Rules: expected text matching ^[a-z0-9][a-z0-9-]{0,62}$, found 'Rules'",
        ),
    ],
)
def test_a_draw_of_the_right_kind_says_what_is_wrong_with_it(draw: Any, said: str) -> None:
    _, problems = check(AssessmentSpec, {**QUIZ, "draw": draw})
    assert messages(problems) == [said]


def test_a_number_with_two_bounds_names_the_range() -> None:
    _, problems = check(AssessmentSpec, {**QUIZ, "attempts": 100, "pass_mark": -1})
    assert messages(problems) == [
        "attempts: expected a number in 0-99, found '100'",
        "pass_mark: expected a number in 0-100, found '-1'",
    ]


@pytest.mark.parametrize(
    ("written", "read"), [("80", 80), (" 80 ", 80), ("8_0", 80), ("80.0", 80), (80.0, 80)]
)
def test_a_whole_number_may_be_quoted_or_written_with_a_zero_fraction(
    written: Any, read: int
) -> None:
    spec, problems = check(AssessmentSpec, {**QUIZ, "pass_mark": written})
    assert problems == [] and spec is not None and spec.pass_mark == read


@pytest.mark.parametrize("written", ["80.5", 80.5, "0x50", "٨٠", True, "", None])
def test_anything_else_is_not_a_whole_number(written: Any) -> None:
    _, problems = check(AssessmentSpec, {**QUIZ, "pass_mark": written})
    assert [p.code for p in problems] == ["wrong-type"]
    assert problems[0].message.startswith("pass_mark: expected a whole number, found ")


@pytest.mark.parametrize("written", [float("inf"), float("nan"), "inf", "-Infinity", 10**400])
def test_a_number_is_finite(written: Any) -> None:
    _, problems = check(QuestionSpec, {"id": "n", "type": "numeric", "prompt": "?", "min": written})
    assert [(p.code, p.message.split(",")[0]) for p in problems] == [
        ("bad-value", "min: expected a finite number")
    ]


@pytest.mark.parametrize("written", [0, 1, "true", "yes"])
def test_a_flag_is_true_or_false_only(written: Any) -> None:
    page = {"title": "Page", "video": {"url": "media/clip.mp4", "described_audio": written}}
    _, problems = check(PageFront, page)
    assert [p.message.split(", found")[0] for p in problems] == [
        "video.described_audio: expected true or false"
    ]


def test_a_pattern_must_match_to_the_end_of_the_text() -> None:
    """Python's `$` also matches before a final newline; a slug with one is not a slug."""
    _, problems = check(QuestionSpec, {"id": "intro\n", "type": "single", "prompt": "?"})
    assert [p.loc for p in problems] == [("id",)]


def test_places_start_at_the_prefix_given() -> None:
    _, problems = check(QuestionSpec, {"type": "single", "prompt": 3}, ("questions", 4))
    assert sorted(p.loc for p in problems) == [("questions", 4, "id"), ("questions", 4, "prompt")]
    assert "missing required key 'id' in questions[4]" in messages(problems)


_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(),
        st.text(max_size=8),
        st.sampled_from(["en", "intro", "scorm12", "single", "all", "3:32", "80"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.one_of(st.text(max_size=6), st.integers(0, 3)), inner, max_size=3),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    model=st.sampled_from([CourseSpec, PageFront, AssessmentSpec, QuestionSpec]),
    data=st.one_of(_VALUES, st.dictionaries(st.sampled_from(["title", "id", "modules"]), _VALUES)),
)
def test_any_value_gives_a_spec_or_problems_never_an_exception(
    model: type[Spec], data: Any
) -> None:
    spec, problems = check(model, data, ("at",))
    assert (spec is None) == bool(problems)
    assert spec is None or isinstance(spec, model)
    assert all(p.loc[:1] == ("at",) and p.message for p in problems)
