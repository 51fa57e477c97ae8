"""Every layer handles every question type: one table per layer, keyed by the declared types."""

from __future__ import annotations

from collections.abc import Collection
from typing import get_args

import pytest

from builder.model import QUESTION_TYPES, QuestionType
from builder.render.config import QUESTION_CONFIGS
from builder.render.suspend_budget import QUESTION_STATES
from builder.source.questions import QUESTION_SOURCES
from builder.source.schema import QuestionSpec
from builder.source.spec_check import check, peel, struct_fields
from builder.xapi.activities import INTERACTIONS

LAYERS: dict[str, Collection[str]] = {
    "source (builder/source/questions.py QUESTION_SOURCES)": QUESTION_SOURCES,
    "render (builder/render/config.py QUESTION_CONFIGS)": QUESTION_CONFIGS,
    "xapi (builder/xapi/activities.py INTERACTIONS)": INTERACTIONS,
    "suspend budget (builder/render/suspend_budget.py QUESTION_STATES)": QUESTION_STATES,
}


def test_question_types_are_declared_once_each() -> None:
    assert len(QUESTION_TYPES) == len(set(QUESTION_TYPES)) == 8
    assert set(QUESTION_TYPES) == set(get_args(QuestionType))


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_every_layer_has_exactly_one_handler_per_declared_type(layer: str) -> None:
    table = LAYERS[layer]
    missing = sorted(set(QUESTION_TYPES) - set(table))
    extra = sorted(set(table) - set(QUESTION_TYPES))
    assert (missing, extra) == ([], []), f"{layer}: missing {missing}, extra {extra}"


def test_the_schema_accepts_exactly_the_declared_types() -> None:
    accepted = get_args(peel(struct_fields(QuestionSpec)["type"].type)[0])
    assert set(accepted) == set(QUESTION_TYPES)
    for kind in QUESTION_TYPES:
        spec, problems = check(QuestionSpec, {"id": "q", "type": kind, "prompt": "?"})
        assert problems == [] and spec is not None and spec.type == kind
    spec, problems = check(QuestionSpec, {"id": "q", "type": "essay", "prompt": "?"})
    assert spec is None and [p.code for p in problems] == ["bad-value"]
