"""cmi5 package: ``cmi5.xml`` at the root, one AU for the whole course.

[cmi5 §13-14, CourseStructure.xsd]: ``courseStructure`` → ``course`` (title,
description as langstrings) → one ``au`` (title, description, ``url``), with ``moveOn`` and
``masteryScore`` taken from the course's completion rule. Inside a zip the AU's ``url`` may be
relative (§14.1). The AU id (its *publisher id*) is ``<course id>/au``: globally unique, and
distinct from the course structure's own id.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ...model import Course
from ...output.archive import PackageFile
from ...standards.cmi5 import NS_CMI5
from ..common import LAUNCH_FILE, serialize
from ..record import LaunchInfo
from . import DESCRIPTOR


def _q(tag: str) -> str:
    return f"{{{NS_CMI5}}}{tag}"


def au_id(course: Course) -> str:
    """The AU's publisher id: under the course id, never equal to it."""
    return f"{course.id.rstrip('/')}/au"


def move_on(course: Course) -> str:
    """``moveOn`` from the completion rule [cmi5 §13.1.4].

    An assessment that must be passed: ``CompletedAndPassed`` when pages (or video) are
    required too, else ``Passed``. Otherwise ``Completed``: the runtime sends ``completed`` when
    the rule is met [cmi5 §9.3.3, §9.5.3].
    """
    if course.assessment is not None and course.completion.assessment == "passed":
        content = course.completion.pages == "all" or course.completion.video > 0
        return "CompletedAndPassed" if content else "Passed"
    return "Completed"


def mastery_score(course: Course) -> str | None:
    """``masteryScore`` as a decimal 0-1 with at most 4 decimals, when the course is scored."""
    if course.assessment is None or course.mastery_score is None:
        return None
    return f"{course.mastery_score / 100:.4f}".rstrip("0").rstrip(".") or "0"


def launch_info(course: Course) -> LaunchInfo:
    """What cmi5.xml's one AU tells the LMS: its url, id, moveOn and masteryScore."""
    return LaunchInfo(
        LAUNCH_FILE,
        activity_id=au_id(course),
        mastery_score=mastery_score(course) or "",
        move_on=move_on(course),
    )


def _text(parent: etree._Element, tag: str, values: dict[str, str], course: Course) -> None:
    from ...xapi.activities import language_tag

    element = etree.SubElement(parent, _q(tag))
    for lang in course.languages:
        text = values.get(lang) or course.title[lang]  # description is required: title if none
        etree.SubElement(element, _q("langstring"), lang=language_tag(lang)).text = text


def build_cmi5_xml(course: Course) -> bytes:
    """cmi5.xml: the course and its one AU."""
    root = etree.Element(_q("courseStructure"), nsmap={None: NS_CMI5})  # type: ignore[dict-item]
    course_element = etree.SubElement(root, _q("course"), id=course.id)
    _text(course_element, "title", course.title, course)
    _text(course_element, "description", course.description, course)
    au = etree.SubElement(root, _q("au"), id=au_id(course), moveOn=move_on(course))
    if (score := mastery_score(course)) is not None:
        au.set("masteryScore", score)
    _text(au, "title", course.title, course)
    _text(au, "description", course.description, course)
    etree.SubElement(au, _q("url")).text = LAUNCH_FILE
    return serialize(root)


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_cmi5_xml(course))]
