"""The LMS profiles the preview plays (their behaviours live in static/lms-profiles.js)."""

from __future__ import annotations

from enum import StrEnum


class LmsProfile(StrEnum):
    """An LMS whose documented behaviours the preview's LMS reproduces."""

    strict = "strict"
    moodle = "moodle"
    forma = "forma"
    edition2 = "edition2"
    successfactors = "successfactors"


LMS_PROFILES = tuple(p.value for p in LmsProfile)

PROFILED_LAUNCHES = ("scorm12", "scorm2004")
"""The launches an LMS profile changes: the SCORM APIs (lms.js wraps only these)."""
