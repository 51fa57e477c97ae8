"""The statement ids already used, remembered exactly and compactly (docs/report.md, Scale).

The duplicate check is the one thing that grows with the statements, so it keeps 16 bytes a
statement: a statement id is a UUID [xAPI 1.0.3 §2.4.1], whose canonical text form (lower-case
hex, hyphens at 8-4-4-4-12 [RFC 4122 §3]) is stored as its 128-bit value in an open-addressing
table of two unsigned 64-bit arrays. Any other id (upper case, not a UUID, not a string) is kept
as it is in a set. Ids are compared exactly: two ids are the same statement when they are the
same text, as before; no hash stands for an id, so no collision can drop a statement.
"""

from __future__ import annotations

import re
from array import array
from typing import Any

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_LOW = (1 << 64) - 1
_START = 1 << 12


class SeenIds:
    """A set of statement ids: ``again(id)`` says whether it was added before, and adds it."""

    def __init__(self) -> None:
        self._high = array("Q", bytes(8 * _START))
        self._low = array("Q", bytes(8 * _START))
        self._mask = _START - 1
        self._count = 0
        self._nil = False  # the nil UUID is 0, the table's mark of an empty slot
        self._others: set[Any] = set()

    def __len__(self) -> int:
        return self._count + self._nil + len(self._others)

    def again(self, sid: Any) -> bool:
        """True when ``sid`` was seen before; otherwise remember it and say False."""
        if sid.__class__ is not str or not _UUID.fullmatch(sid):
            key = sid if sid.__class__ is str else (type(sid).__name__, repr(sid))
            if key in self._others:
                return True
            self._others.add(key)
            return False
        value = int(sid.replace("-", ""), 16)
        if not value:
            seen, self._nil = self._nil, True
            return seen
        high, low = value >> 64, value & _LOW
        highs, lows, mask = self._high, self._low, self._mask
        slot = hash(value) & mask
        while True:
            there = lows[slot]
            if there == low and highs[slot] == high:
                return True
            if not there and not highs[slot]:
                break
            slot = (slot + 1) & mask
        highs[slot], lows[slot] = high, low
        self._count += 1
        if self._count * 3 > 2 * mask:  # at most two thirds full: short probes
            self._grow()
        return False

    def _grow(self) -> None:
        old_high, old_low = self._high, self._low
        size = 2 * len(old_high)
        mask = size - 1
        highs, lows = array("Q", bytes(8 * size)), array("Q", bytes(8 * size))
        for high, low in zip(old_high, old_low, strict=True):
            if not (high or low):
                continue
            slot = hash(high << 64 | low) & mask
            while lows[slot] or highs[slot]:
                slot = (slot + 1) & mask
            highs[slot], lows[slot] = high, low
        self._high, self._low, self._mask = highs, lows, mask
