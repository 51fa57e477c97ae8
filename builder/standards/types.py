"""Data types of the standards: IRI, NCName, decimals, ISO 8601 duration, CMITimespan."""

from __future__ import annotations

import re

# An absolute IRI: a scheme, a colon, then IRI characters (no space, no character that RFC 3987
# excludes from every IRI) [RFC 3987 §2.2 absolute-IRI; RFC 3986 §3.1 scheme]. xAPI activity,
# verb and cmi5 course/AU ids are IRIs [xAPI 1.0.3 Part Two §4.1.4.1; cmi5 §13.1.2].
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")

# An XML NCName, Unicode as XML allows [Namespaces in XML 1.0 §3; XML 1.0 §2.3 NameStartChar]:
# `check` reads packages other tools built, so it must not refuse a valid non-ASCII identifier.
NCNAME = re.compile(r"[^\W\d][\w.\-\u00b7]*")

# SCORM 1.2 CMIDecimal: digits with an optional fraction and minus sign, no '+', no bare '.'
# [SCORM 1.2 RTE §3.4.5 Data Types].
CMI_DECIMAL = re.compile(r"-?\d+(\.\d+)?")

# xs:decimal, the type of SCORM 2004's imsss:minNormalizedMeasure and cmi5's masteryScore
# [XML Schema Part 2 §3.2.3 decimal].
XS_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")

# An ISO 8601 duration: years, months, weeks, days, then T hours, minutes, seconds (a fraction on
# seconds only); at least one number, and one after T [ISO 8601:2004 §4.4.3.2; xAPI 1.0.3 Part Two
# §4.1.5 duration; SCORM 2004 4th ed. RTE §4.1.1.7 timeinterval]. Groups: Y, M, W, D, H, M, S.
DURATION = re.compile(
    r"P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    r"(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?"
)

# SCORM 1.2 CMITimespan HHHH:MM:SS.SS, 2 to 4 hour digits, 1 or 2 decimals of seconds
# [SCORM 1.2 RTE §3.4.5 Data Types]. Groups: hours, minutes, seconds, hundredths.
CMI_TIMESPAN = re.compile(r"(\d{2,4}):(\d{2}):(\d{2})(?:\.(\d{1,2}))?")


def is_absolute_iri(value: str) -> bool:
    """True for an absolute IRI, with an authority and host when its scheme is http(s)."""
    if not IRI.fullmatch(value):
        return False
    scheme, rest = value.split(":", 1)
    # "https:example" is an IRI by the generic syntax, but not an https URI: http(s) URIs are
    # "//" authority, and the host must not be empty [RFC 9110 §4.2.1, §4.2.2]. Browsers would
    # read it as https://example/, so the id the runtime reports would not be the one declared.
    if scheme.lower() in ("http", "https"):
        return rest.startswith("//") and rest[2:].split("/", 1)[0] != ""
    return True
