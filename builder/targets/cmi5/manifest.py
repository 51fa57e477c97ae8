"""cmi5 package: ``cmi5.xml`` at the root, one AU for the whole course.

[cmi5 §13-14, CourseStructure.xsd]: ``courseStructure`` → ``course`` (title,
description as langstrings) → one ``au`` (title, description, ``url``), with ``moveOn`` and
``masteryScore`` taken from the course's completion rule. Inside a zip the AU's ``url`` may be
relative (§14.1). The AU id (its *publisher id*) is ``<course id>/au``: globally unique, and
distinct from the course structure's own id.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Course
from ...output.archive import PackageFile
from ...standards.cmi5 import NS_CMI5
from ..common import LAUNCH_FILE
from ..descriptor import render_descriptor
from ..record import LaunchInfo
from . import DESCRIPTOR


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


def _langstrings(values: dict[str, str], course: Course) -> list[tuple[str, str]]:
    from ...xapi.activities import language_tag

    # description is required: the title stands in where there is none
    return [
        (language_tag(lang), values.get(lang) or course.title[lang]) for lang in course.languages
    ]


def build_cmi5_xml(course: Course) -> bytes:
    """cmi5.xml: the course and its one AU."""
    return render_descriptor(
        "cmi5.xml.j2",
        namespace=NS_CMI5,
        course_id=course.id,
        texts=[
            ("title", _langstrings(course.title, course)),
            ("description", _langstrings(course.description, course)),
        ],
        au_id=au_id(course),
        move_on=move_on(course),
        mastery_score=mastery_score(course),
        launch=LAUNCH_FILE,
    )


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_cmi5_xml(course))]
