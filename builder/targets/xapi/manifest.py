"""xAPI (Tin Can) package: ``tincan.xml`` at the root, one launchable course activity.

[Tin Can launch §Packaging, §Activity Definition: Rustici's xAPI Launch document, launch.md]:
exactly one ``tincan.xml``, namespace
``http://projecttincan.com/tincan.xsd``; only one activity carries ``<launch>``; the others are
listed to pre-describe them (a flat list: hierarchy goes in statement context). The
activities are the ones of ``<course>-xapi-activities.json`` (``builder/xapi/activities.py``),
so the LRS sees the same ids and names in the package and in the statements. ``tincan.xsd``
itself could not be retrieved: element names and order follow Rustici's launch document and
the published packages (name, description, launch, interactionType, correctResponsePatterns).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...model import Course
from ...output.archive import PackageFile
from ...standards.tincan import NS_TINCAN
from ..common import LAUNCH_FILE
from ..descriptor import render_descriptor
from ..record import LaunchInfo
from . import DESCRIPTOR


def launch_info(course: Course) -> LaunchInfo:
    """What tincan.xml tells the LMS: the launch file and the course activity it launches."""
    from ...xapi.activities import course_activity

    return LaunchInfo(LAUNCH_FILE, activity_id=course_activity(course)["id"])


def _described(activity: dict[str, Any], launch: str, launch_lang: str) -> dict[str, Any]:
    """One activity of tincan.xml: its name, description, launch and interaction, as listed."""
    definition = activity.get("definition", {})
    described = {
        "id": activity["id"],
        "type": definition.get("type", ""),
        "name": list((definition.get("name") or {}).items()),
        "description": list((definition.get("description") or {}).items()),
        "launch": launch,
        "launch_lang": launch_lang,
        "interaction_type": definition.get("interactionType"),
        "patterns": definition.get("correctResponsesPattern", []),
    }
    filled = described["name"] or described["description"] or launch
    return {**described, "filled": filled or described["interaction_type"] is not None}


def build_tincan_xml(course: Course) -> bytes:
    """tincan.xml: the course (launchable) first, then every other activity, described."""
    from ...xapi.activities import activities, language_tag

    lang = language_tag(course.default_language)
    # as the package may hold them: a hashed answer key's correct responses stay out; the
    # course is the only activity with a launch [Tin Can launch §Activity Definition]
    listed = [
        _described(activity, LAUNCH_FILE if index == 0 else "", lang)
        for index, activity in enumerate(activities(course, in_package=True))
    ]
    return render_descriptor("tincan.xml.j2", namespace=NS_TINCAN, activities=listed)


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_tincan_xml(course))]
