"""cmi5: the course structure namespace and vocabularies [cmi5 §13, §14]."""

from __future__ import annotations

NS_CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MOVE_ON = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
