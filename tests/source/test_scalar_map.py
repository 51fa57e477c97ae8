"""The place in its file of each character of a YAML scalar's text, in every style."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.source.scalar_map import ValueMap, line_starts, origins

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Words, spaces, quotes, backslashes, Markdown and what PyYAML escapes (a tab, a control).
_CHARS = st.sampled_from([*"ab é[]()'\"\\#:-\t\x07\u2019\n", "  ", "\n\n"])
_TEXTS = st.lists(_CHARS, min_size=1, max_size=60).map("".join)


def _scalar(source: str) -> tuple[str, int]:
    """The text of `key:`'s scalar in `source`, and where it is written."""
    node = yaml.compose(source, Loader=_Loader)
    assert node is not None
    (_, value), *_ = node.value
    return str(yaml.load(source, Loader=_Loader)["key"]), value.start_mark.index


def _written_as(source: str, index: int, char: str) -> bool:
    """True when the file has `char` at `index`, or an escape or `''` that stands for it."""
    return source[index] == char or source[index] == "\\" or source[index : index + 2] == "''"


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXTS, style=st.sampled_from(['"', "'", ">", "|", None]), width=st.sampled_from([8, 80])
)
@example(text="a '", style="'", width=8)  # a folded line that starts with '' (found by hypothesis)
def test_every_character_of_a_dumped_text_is_found_where_it_was_written(
    text: str, style: str | None, width: int
) -> None:
    source = yaml.safe_dump({"key": text}, default_style=style, width=width, allow_unicode=True)
    value, start = _scalar(source)
    found = origins(source, start, value)
    assert len(found) == len(value), (source, value)
    for char, index in zip(value, found, strict=True):
        if not char.isspace():
            assert _written_as(source, index, char), (source, value, char, index)


@settings(max_examples=200, deadline=None)
@given(
    text=_TEXTS,
    style=st.sampled_from(['"', "'", ">", None]),
    line=st.integers(0, 12),
    col=st.integers(0, 90),
)
def test_a_place_is_never_beyond_its_line(
    text: str, style: str | None, line: int, col: int
) -> None:
    source = yaml.safe_dump({"key": text}, default_style=style, width=8, allow_unicode=True)
    value, start = _scalar(source)
    found_line, found_col = ValueMap(source, start, value).place(line, col)
    lines = source.split("\n")
    assert 1 <= found_line <= len(lines)
    assert 0 <= found_col <= max(len(lines[found_line - 1]), 1)


@pytest.mark.parametrize(
    ("source", "line", "col", "at"),
    [
        # Each escape is one character of the text: \0 \a \b \t \n \v \f \r \e \  \" \/ \\ \N \_
        # \L \P \x41 \u00e9 \U0001F600, then "[".
        (r'key: "\0\a\b\t\n\v\f\r\e\ \"\/\\\N\_\L\P\x41\u00e9\U0001F600["', 3, 13, (1, 61)),
        ("key: 'a\n\n  b''c ['\n", 2, 5, (3, 8)),
        ("key: >-\n  one\n  two [\n", 1, 9, (3, 7)),
        ("key:\n  one\n  two [\n", 1, 9, (3, 7)),
    ],
)
def test_escapes_and_folds_are_undone(
    source: str, line: int, col: int, at: tuple[int, int]
) -> None:
    value, start = _scalar(source)
    assert ValueMap(source, start, value).place(line, col) == at


def test_an_unknown_column_gives_the_line_and_a_lost_one_the_start_of_the_line() -> None:
    source = 'key: "one\n  two three"\n'
    value, start = _scalar(source)
    inside = ValueMap(source, start, value)
    assert inside.place(1, 0) == (1, 0)
    assert inside.place(1, 40) == (1, 7)
    assert inside.place(5, 1) == (1, 6)


def test_text_that_is_not_the_scalar_is_placed_at_its_start() -> None:
    source = "key: {en: A, fr: B}\n"
    assert ValueMap(source, 5, "C [x]").place(1, 3) == (1, 6)


def test_lines_end_at_line_feeds_only() -> None:
    assert line_starts("a\u2028b\nc\x85\n") == (0, 4, 7)
