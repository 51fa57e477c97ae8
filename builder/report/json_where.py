"""Where a value sits in a JSON text: the line and column of the value at a path.

`json.loads` keeps no positions. When a document that parsed is found wrong, this walks the
same text to the value at the path (object keys and array indexes), so the error can be said
at the line an editor shows. The text must be valid JSON (it parsed); each skipped value is
read by the standard library's own decoder [RFC 8259 §2].
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()

Path = Sequence[str | int]


def position(text: str, path: Path) -> tuple[int, int]:
    """The 1-based line and column where the value at `path` starts (or, when the path leads
    nowhere, the deepest value on it that exists)."""
    index = _skip_space(text, 0)
    for step in path:
        found = _member(text, index, step) if isinstance(step, str) else _item(text, index, step)
        if found is None:
            break
        index = found
    line = text.count("\n", 0, index) + 1
    return line, index - text.rfind("\n", 0, index)


def dotted(path: Path) -> str:
    """A path as it reads in a message: `activities[1].definition`."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _skip_space(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    return match.end() if match else index


def _after_value(text: str, index: int) -> int:
    """The index past the value at `index` and any comma after it."""
    _, end = _DECODER.raw_decode(text, index)
    end = _skip_space(text, end)
    return _skip_space(text, end + 1) if text.startswith(",", end) else end


def _member(text: str, index: int, key: str) -> int | None:
    """Where the value of `key` starts in the object at `index`."""
    if not text.startswith("{", index):
        return None
    index = _skip_space(text, index + 1)
    while text.startswith('"', index):
        name, index = _DECODER.raw_decode(text, index)
        index = _skip_space(text, _skip_space(text, index) + 1)  # past the colon
        if name == key:
            return index
        index = _after_value(text, index)
    return None


def _item(text: str, index: int, wanted: int) -> int | None:
    """Where item `wanted` starts in the array at `index`."""
    if not text.startswith("[", index):
        return None
    index = _skip_space(text, index + 1)
    for _ in range(wanted):
        if text.startswith("]", index):
            return None
        index = _after_value(text, index)
    return None if text.startswith("]", index) else index
