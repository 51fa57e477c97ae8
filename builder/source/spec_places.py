"""Places in a checked source mapping: values a reader refused, values salvage could not read,
and the words YAML read as true, false or a number where text was meant."""

from __future__ import annotations

import re
from typing import Any

import yaml
from msgspec import Struct

from .load import Loc, SourceDoc

# A plain scalar that YAML read as a boolean or a number: no spaces, no flow punctuation.
_PLAIN_TOKEN = re.compile(r"[^\s,\[\]{}#]+")


class Refused(ValueError):
    """What an `Accept` reader raises about values inside the one it reads, each at its place
    (relative to that value); `unquoted`: each is one YAML read as true/false or a number."""

    def __init__(self, places: list[tuple[Loc, str]], *, unquoted: bool = False) -> None:
        super().__init__(places[0][1])
        self.places = places
        self.unquoted = unquoted


class Broken(Struct, frozen=True):
    """Where a salvaged mapping's values could not be read: each holds its field's default (or
    None) and is no ground for a further check, which would only repeat the first error."""

    places: frozenset[Loc] = frozenset()

    def usable(self, loc: Loc) -> bool:
        """True when the value at `loc` was read as written (nothing at or above it broken)."""
        if not self.places:  # a valid source: the build's hot path
            return True
        return not any(loc[: len(place)] == place for place in self.places)

    def intact(self, loc: Loc) -> bool:
        """True when the value at `loc` and everything inside it were read as written."""
        if not self.places:
            return True
        return not any(
            loc[: len(place)] == place or place[: len(loc)] == loc for place in self.places
        )


def value_at(data: Any, loc: Loc) -> Any:
    """The value at `loc` in parsed source data, or None when there is none."""
    for part in loc:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def unquoted_hint(doc: SourceDoc, loc: Loc) -> str:
    """What to write for a value at `loc` that YAML read as true/false or a number where text
    is expected: the same word, in quotes (YAML 1.1 reads yes, no, on and off as booleans)."""
    value = value_at(doc.data, loc)
    mark = doc.value_marks.get(loc)
    if not isinstance(value, bool | int | float) or mark is None:
        return ""
    lines = doc.text.splitlines()
    line = lines[mark[0] - 1] if 0 < mark[0] <= len(lines) else ""
    token = _PLAIN_TOKEN.match(line, mark[1] - 1)
    written = token.group() if token else ""
    if not written or _reads(written) != value or type(_reads(written)) is not type(value):
        written = str(value).lower() if isinstance(value, bool) else str(value)
    if ":" in written:
        return ""  # 3:32, a base-60 number: the YAML trap's own hint says what to write
    if isinstance(value, bool):
        reads = str(value).lower()
        if written.lower() == reads:
            return f'{written} is {reads} to YAML, not text; write "{written}" in quotes for text'
        return f'YAML reads {written} as {reads}; write "{written}" in quotes for text'
    return f'YAML reads {written} as a number; write "{written}" in quotes for text'


def _reads(token: str) -> Any:
    """What YAML makes of one plain scalar (None when it is not one)."""
    try:
        return yaml.safe_load(token)
    except yaml.YAMLError:
        return None
