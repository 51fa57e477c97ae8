"""Where a value sits in a JSON text (builder/report/json_where.py)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.report.json_where import dotted, position

TEXT = '{"a": 1,\n "b":\t[10, {"c": "x\\"]"},\n   [ ]],\r\n "é": {"d": null}}'


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ([], (1, 1)),
        (["a"], (1, 7)),
        (["b"], (2, 7)),
        (["b", 1], (2, 12)),
        (["b", 1, "c"], (2, 18)),
        (["b", 2], (3, 4)),
        (["é", "d"], (4, 13)),
        (["b", 7], (2, 7)),  # no such item: the deepest value that exists
        (["nope", 0], (1, 1)),
        (["a", "x"], (1, 7)),  # a number has no members
    ],
)
def test_the_value_at_a_path_is_found_at_its_line_and_column(
    path: list[str | int], where: tuple[int, int]
) -> None:
    assert position(TEXT, path) == where


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3)
    ),
    max_leaves=12,
)


@given(json_values, st.sampled_from([None, 0, 2]))
def test_the_text_from_the_position_decodes_to_the_value_at_the_path(
    value: object, indent: int | None
) -> None:
    text = json.dumps(value, indent=indent)
    path: list[str | int] = []
    found = value
    while isinstance(found, dict | list) and found:
        step: str | int = next(iter(found)) if isinstance(found, dict) else len(found) - 1
        path.append(step)
        found = found[step]  # type: ignore[index]
    line, col = position(text, path)
    start = sum(len(row) + 1 for row in text.split("\n")[: line - 1]) + col - 1
    assert json.JSONDecoder().raw_decode(text, start)[0] == found


def test_a_path_reads_as_in_a_message() -> None:
    assert dotted(["activities", 1, "definition"]) == "activities[1].definition"
    assert dotted([]) == ""
