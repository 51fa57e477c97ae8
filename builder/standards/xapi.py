"""xAPI: the version written, and the ADL and Video Profile vocabularies [xAPI 1.0.3]."""

from __future__ import annotations

VERSION = "1.0.3"
ADL_VERB = "http://adlnet.gov/expapi/verbs/"
ADL_ACTIVITY = "http://adlnet.gov/expapi/activities/"
VIDEO_PROFILE = "https://w3id.org/xapi/video"
# Activity types [xAPI 1.0.3 §2.4.4.1 definition.type; ADL vocabulary; xAPI Video Profile 1.0]
TYPE_COURSE = f"{ADL_ACTIVITY}course"
TYPE_MODULE = f"{ADL_ACTIVITY}module"
TYPE_VIDEO = f"{VIDEO_PROFILE}/activity-type/video"
TYPE_ASSESSMENT = f"{ADL_ACTIVITY}assessment"
TYPE_INTERACTION = f"{ADL_ACTIVITY}cmi.interaction"
TYPE_PROFILE = f"{ADL_ACTIVITY}profile"
# How deeply a statement may nest arrays and objects, here as in the preview's LRS. A statement's
# own structure goes 8 levels at most: a SubStatement object's context, its contextActivities, a
# grouping list, an Activity, its definition, its extensions, whose values are free JSON
# [xAPI 1.0.3 §2.4, §2.4.4.1, §2.4.6]; 64 leaves over 50 levels to such a value, which the
# report never reads. Deeper is hostile or broken input, refused before it costs anything.
MAX_DEPTH = 64
