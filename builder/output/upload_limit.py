"""The largest package the LMS takes (`build --upload-limit`, COURSEBUILD_UPLOAD_LIMIT): sizes
as people write them, read with the standard library alone (the fast path reads it too)."""

from __future__ import annotations

import os
import re

ENV = "COURSEBUILD_UPLOAD_LIMIT"
OPTION = "--upload-limit"
MIB = 1 << 20
# Moodle's "100MB" (104,857,600 bytes): why, in size.py.
DEFAULT_LIMIT = 100 * MIB
OFF = 0  # no package-size warning
# Decimal and binary units as `check --max-size` reads them: MB is 1000², MiB (and M) 1024².
UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kib": 1024,
    "kb": 1000,
    "m": MIB,
    "mib": MIB,
    "mb": 1000**2,
    "g": 1 << 30,
    "gib": 1 << 30,
    "gb": 1000**3,
    "t": 1 << 40,
    "tib": 1 << 40,
    "tb": 1000**4,
}
SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")
_OFF_WORDS = ("none", "off")
EXPECTED = "expected a size such as 500MB, 1.5GiB or 104857600, or none (or 0) for no limit"


def size_bytes(text: str) -> int | None:
    """A size such as '500MB', '1.5 GiB' or '1048576' in bytes; None when it is not one."""
    match = SIZE_RE.match(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in UNITS:
        return None
    return int(float(match.group(1)) * UNITS[unit])


def parse_limit(text: str) -> int:
    """An upload limit in bytes, OFF for none, off or 0; ValueError saying what is expected."""
    if text.strip().lower() in _OFF_WORDS:
        return OFF
    size = size_bytes(text)
    if size is None:
        raise ValueError(f"'{text}' is not a size; {EXPECTED}")
    return size


def limit_text(given: str | None) -> tuple[str, str] | None:
    """The upload limit as written (the option's value, else the environment's) and where it
    was written; None when neither sets it."""
    if given is not None:
        return given, OPTION
    from_env = os.environ.get(ENV, "")
    return (from_env, ENV) if from_env.strip() else None


def hashed(limit: int) -> list[str]:
    """The upload limit as a part of a course's inputs: none for the default, so that builds
    made before the option was there are as they were."""
    return [] if limit == DEFAULT_LIMIT else [f"upload-limit={limit}"]


def given_limit(given: list[str]) -> int | None:
    """The upload limit the option gives (once), else the environment, else the default; None
    when it is not one size (the full command then says what is expected)."""
    if len(given) > 1:
        return None
    written = limit_text(given[0] if given else None)
    try:
        return DEFAULT_LIMIT if written is None else parse_limit(written[0])
    except ValueError:
        return None
