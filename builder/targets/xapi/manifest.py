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

from lxml import etree

from ...model import Course
from ...output.archive import PackageFile
from ...standards.tincan import NS_TINCAN
from ..common import LAUNCH_FILE, serialize
from ..record import LaunchInfo
from . import DESCRIPTOR


def _q(tag: str) -> str:
    return f"{{{NS_TINCAN}}}{tag}"


def _langstrings(parent: Any, tag: str, values: dict[str, str] | None) -> None:
    for lang, text in (values or {}).items():
        etree.SubElement(parent, _q(tag), lang=lang).text = text


def launch_info(course: Course) -> LaunchInfo:
    """What tincan.xml tells the LMS: the launch file and the course activity it launches."""
    from ...xapi.activities import course_activity

    return LaunchInfo(LAUNCH_FILE, activity_id=course_activity(course)["id"])


def build_tincan_xml(course: Course) -> bytes:
    """tincan.xml: the course (launchable) first, then every other activity, described."""
    from ...xapi.activities import activities, language_tag

    root = etree.Element(_q("tincan"), nsmap={None: NS_TINCAN})  # type: ignore[dict-item]
    listed = etree.SubElement(root, _q("activities"))
    # as the package may hold them: a hashed answer key's correct responses stay out
    for index, activity in enumerate(activities(course, in_package=True)):
        definition = activity.get("definition", {})
        element = etree.SubElement(
            listed, _q("activity"), id=activity["id"], type=definition.get("type", "")
        )
        _langstrings(element, "name", definition.get("name"))
        _langstrings(element, "description", definition.get("description"))
        # the course: the only activity with a launch [Tin Can launch §Activity Definition]
        if index == 0:
            lang = language_tag(course.default_language)
            etree.SubElement(element, _q("launch"), lang=lang).text = LAUNCH_FILE
        if "interactionType" in definition:
            etree.SubElement(element, _q("interactionType")).text = definition["interactionType"]
            patterns = etree.SubElement(element, _q("correctResponsePatterns"))
            for pattern in definition.get("correctResponsesPattern", []):
                etree.SubElement(patterns, _q("correctResponsePattern")).text = pattern
    return serialize(root)


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_tincan_xml(course))]
