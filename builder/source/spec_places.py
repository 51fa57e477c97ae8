"""Places in a checked source mapping: the values salvage could not read."""

from __future__ import annotations

from typing import Any

from msgspec import Struct

from .load import Loc


class Broken(Struct, frozen=True):
    """Where a salvaged mapping's values could not be read: each holds its field's default (or
    None) and is no ground for a further check, which would only repeat the first error."""

    places: frozenset[Loc] = frozenset()

    def usable(self, loc: Loc) -> bool:
        """True when the value at `loc` was read as written (nothing at or above it broken)."""
        return not any(loc[: len(place)] == place for place in self.places)

    def intact(self, loc: Loc) -> bool:
        """True when the value at `loc` and everything inside it were read as written."""
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
