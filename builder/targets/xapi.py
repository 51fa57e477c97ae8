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

from collections.abc import Collection, Sequence
from typing import Any

from lxml import etree

from ..model import Course
from ..output.archive import PackageFile
from ..standards.tincan import NS_TINCAN
from ..standards.types import is_absolute_iri
from . import REGISTRY, LaunchInfo
from .common import LAUNCH_FILE, check_manifest, parse_descriptor, serialize

MANIFEST = REGISTRY["xapi"].descriptor


def _q(tag: str) -> str:
    return f"{{{NS_TINCAN}}}{tag}"


def _langstrings(parent: Any, tag: str, values: dict[str, str] | None) -> None:
    for lang, text in (values or {}).items():
        etree.SubElement(parent, _q(tag), lang=lang).text = text


def launch_info(course: Course) -> LaunchInfo:
    """What tincan.xml tells the LMS: the launch file and the course activity it launches."""
    from ..xapi.activities import course_activity

    return LaunchInfo(LAUNCH_FILE, activity_id=course_activity(course)["id"])


def build_tincan_xml(course: Course) -> bytes:
    """tincan.xml: the course (launchable) first, then every other activity, described."""
    from ..xapi.activities import activities, language_tag

    root = etree.Element(_q("tincan"), nsmap={None: NS_TINCAN})  # type: ignore[dict-item]
    listed = etree.SubElement(root, _q("activities"))
    for index, activity in enumerate(activities(course)):
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


def check_tincan_xml(xml: bytes, package_files: Collection[str]) -> list[str]:
    """Problems with tincan.xml: well-formed, one launch, launch file present, absolute IRIs."""
    root, problems = parse_descriptor(xml, MANIFEST, _q("tincan"))
    if root is None:
        return problems
    activities = root.findall(f"{_q('activities')}/{_q('activity')}")
    if not activities:
        problems.append(f"{MANIFEST} describes no activity")
    seen: set[str] = set()
    for activity in activities:
        iri = activity.get("id") or ""
        if not is_absolute_iri(iri):
            problems.append(f"activity id {iri!r} is not an absolute IRI")
        if iri in seen:
            problems.append(f"activity id {iri!r} is listed twice")
        seen.add(iri)
        if activity.find(_q("name")) is None:
            problems.append(f"activity {iri!r} has no name")
    launches = root.findall(f".//{_q('launch')}")
    if len(launches) != 1:
        problems.append(f"{MANIFEST} has {len(launches)} launch elements; expected exactly one")
    for launch in launches:
        href = (launch.text or "").strip()
        if href.split("?")[0].split("#")[0] not in package_files:
            problems.append(f"launch file {href!r} is not in the package")
    return problems


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(MANIFEST, build_tincan_xml(course))]


def check(files: Sequence[PackageFile]) -> list[str]:
    """Structural problems with a built xAPI package."""
    return check_manifest(files, check_tincan_xml, MANIFEST)
