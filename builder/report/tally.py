"""One pass over the statements: what each learner did, kept small (docs/report.md).

The per-statement path is a few dict lookups: the object's IRI names what it is (a page, the
video, a question...), the actor's identifier a learner number, ``context.language`` a section.
Only what the figures need is kept, once per learner (store.py): flags of what each learner
did, per-learner bitmasks of the video bins watched, and the answers' and page visits' times in
flat arrays.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from msgspec import Struct

from ..standards.types import DURATION
from ..standards.xapi import ADL_VERB, VIDEO_PROFILE

ADL = ADL_VERB
VIDEO = f"{VIDEO_PROFILE}/"
LENGTH = f"{VIDEO}extensions/length"
SEGMENTS = f"{VIDEO}extensions/played-segments"
BINS = 20

# What an object IRI is: (kind, index).
COURSE, PAGE, VIDEO_OF, QUESTION = 0, 1, 2, 3

# Seconds per unit of DURATION's groups but the last: years, months, weeks, days, hours, minutes
# (a year and a month as 365 and 30 days, as the preview's LMS counts them).
_UNITS = (365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60)


def seconds(duration: Any) -> float | None:
    """An ISO 8601 duration in seconds (``PT1M2.5S`` → 62.5) [ISO 8601 §4.4.3], or None."""
    if not isinstance(duration, str) or not (found := DURATION.fullmatch(duration)):
        return None
    *whole, secs = found.groups()
    return sum(int(n) * unit for n, unit in zip(whole, _UNITS, strict=True) if n) + float(secs or 0)


# Durations repeat (whole seconds, mostly): parsed once each, in a bounded cache.
_cached_seconds = lru_cache(maxsize=1 << 12)(seconds)


def duration_seconds(duration: Any) -> float | None:
    """``seconds`` of a statement's ``result.duration``, parsed once per distinct text."""
    return _cached_seconds(duration) if duration.__class__ is str else None


def moment(text: Any) -> float:
    """A timestamp in seconds since the epoch; naive ones are UTC; ValueError if not one."""
    when = datetime.fromisoformat(text)  # TypeError for a non-string: the caller counts it
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def watched_bins(segments: Any, length: Any) -> int:
    """The 5 % bins a played-segments value covers, as a bitmask
    [xAPI Video Profile 1.0 §played-segments: "start[.]end" parts joined by "[,]"]."""
    if not isinstance(segments, str) or not isinstance(length, (int, float)) or length <= 0:
        return 0
    mask = 0
    for part in segments.split("[,]"):
        start, _, end = part.partition("[.]")
        try:
            low, high = float(start), float(end)
        except ValueError:
            continue
        if high <= low:
            continue
        first = max(0, int(low / length * BINS))
        last = min(BINS - 1, int(high / length * BINS - 1e-9))
        for index in range(first, last + 1):
            mask |= 1 << index
    return mask


class Counts(Struct):
    """The input's counts (report.json ``input``)."""

    read: int = 0
    used: int = 0
    other_courses: int = 0
    voided: int = 0
    duplicates: int = 0
    malformed: int = 0
    outside_period: int = 0


def actor_key(actor: Any) -> str | None:
    """The actor's inverse functional identifier as one string [xAPI 1.0.3 §2.4.2.1], or None."""
    if not isinstance(actor, dict):
        return None
    account = actor.get("account")
    if isinstance(account, dict):
        home, name = account.get("homePage"), account.get("name")
        return f"account:{home}|{name}" if isinstance(home, str) and isinstance(name, str) else None
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        value = actor.get(ifi)
        if isinstance(value, str) and value:
            return f"{ifi}:{value}"
    return None
