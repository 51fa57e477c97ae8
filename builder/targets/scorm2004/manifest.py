"""SCORM 2004 4th edition: one organization, one SCO for the whole course, every file listed.

The SCO reports its own completion and success (`completionSetByContent`,
`objectiveSetByContent`); the mastery score becomes the primary objective's
`minNormalizedMeasure`, which the LMS hands the SCO as `cmi.scaled_passing_score`
[SCORM 2004 4th ed. CAM §5.1 sequencing; SCORM 2004 4th ed. RTE §4.2.20].
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ...model import Course
from ...output.archive import PackageFile
from ...standards.scorm2004 import (
    NS_ADLCP,
    NS_ADLNAV,
    NS_ADLSEQ,
    NS_IMSCP,
    NS_IMSSS,
    SCHEMA_VERSION,
)
from ..common import LAUNCH_FILE, Skeleton, scorm_context
from ..descriptor import render_descriptor
from ..record import LaunchInfo
from ..scorm12.manifest import identifiers, manifest_title
from . import DESCRIPTOR

SCHEMA_LOCATION = (
    f"{NS_IMSCP} imscp_v1p1.xsd "
    f"{NS_ADLCP} adlcp_v1p3.xsd "
    f"{NS_ADLSEQ} adlseq_v1p3.xsd "
    f"{NS_ADLNAV} adlnav_v1p3.xsd "
    f"{NS_IMSSS} imsss_v1p0.xsd"
)

# The SCO has its own Previous/Next: an LMS's buttons to move between SCOs mean nothing in a
# one-SCO course [SCORM 2004 4th ed. CAM §5.2 adlnav:hideLMSUI].
HIDDEN_LMS_BUTTONS = ("continue", "previous")


def scaled_mastery(mastery_score: int) -> str:
    """The mastery score (0-100) as a normalized measure (0-1): 80 -> "0.8"."""
    value = (Decimal(mastery_score) / 100).normalize()
    return format(value, "f")


def launch_info(course: Course) -> LaunchInfo:
    """What the manifest's one item tells the LMS: the SCO and its scaled passing score."""
    scaled = "" if course.mastery_score is None else scaled_mastery(course.mastery_score)
    return LaunchInfo(LAUNCH_FILE, scaled_passing_score=scaled)


def build_manifest(course: Course, files: Sequence[PackageFile]) -> bytes:
    """imsmanifest.xml for the course, listing every file of the package.

    The item's sequencing: satisfied when score.scaled >= minNormalizedMeasure [SCORM 2004 4th
    ed. SN §3.10.1, RTE §4.2.20]; the SCO writes completion_status and success_status itself
    [SCORM 2004 4th ed. SN §3.13.1]. The organization's flow lets the LMS start the one SCO on
    its own ("Start" needs flow on the parent) [SCORM 2004 4th ed. SN §3.2.1 controlMode, SB.2.5
    Start Sequencing Request Process].
    """
    ids = {**identifiers(course), "objective": f"OBJ-{course.code.replace('_', '-')}"}
    namespaces = {
        "": NS_IMSCP,
        "adlcp": NS_ADLCP,
        "adlseq": NS_ADLSEQ,
        "adlnav": NS_ADLNAV,
        "imsss": NS_IMSSS,
    }
    skeleton = Skeleton(
        namespaces, ids, course.version, SCHEMA_LOCATION, SCHEMA_VERSION, manifest_title(course)
    )
    scaled = None if course.mastery_score is None else scaled_mastery(course.mastery_score)
    return render_descriptor(
        "scorm2004.xml.j2",
        **scorm_context(skeleton, files),
        scaled_mastery=scaled,
        hidden_buttons=HIDDEN_LMS_BUTTONS,
    )


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_manifest(course, files))]
