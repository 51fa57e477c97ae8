"""xAPI: the version written, and the ADL and Video Profile vocabularies [xAPI 1.0.3]."""

from __future__ import annotations

VERSION = "1.0.3"
ADL_VERB = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
VIDEO_PROFILE = "https://w3id.org/xapi/video"
