"""The preview's LRS reads a statement as deep as the report does: MAX_DEPTH levels of the
statement itself, whether it is posted alone or in an array of statements [xAPI 1.0.3 §2.1.2]
(the array that carries statements is not a level of any statement)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from builder.preview.guard import load_json
from builder.standards.xapi import MAX_DEPTH


def nested(levels: int) -> dict[str, Any]:
    """A statement whose arrays and objects nest `levels` deep, in a context extension."""
    value: Any = 1
    for _ in range(levels - 3):  # the statement, its context, the extensions
        value = [value]
    return {"verb": {"id": "https://x/v"}, "context": {"extensions": {"https://x/e": value}}}


@pytest.mark.parametrize("posted", ["alone", "in an array"])
def test_a_statement_at_the_limit_is_read_alone_or_in_an_array(posted: str) -> None:
    statement = nested(MAX_DEPTH)
    body = statement if posted == "alone" else [nested(2 + 1), statement]
    assert load_json(json.dumps(body)) == body


@pytest.mark.parametrize("posted", ["alone", "in an array"])
def test_a_statement_past_the_limit_is_refused_alone_or_in_an_array(posted: str) -> None:
    statement = nested(MAX_DEPTH + 1)
    body = statement if posted == "alone" else [statement]
    with pytest.raises(ValueError, match=f"nested deeper than {MAX_DEPTH} levels"):
        load_json(json.dumps(body))


def test_an_array_of_arrays_is_still_bounded() -> None:
    with pytest.raises(ValueError, match="nested deeper"):
        load_json("[" * 200_000 + "]" * 200_000)
