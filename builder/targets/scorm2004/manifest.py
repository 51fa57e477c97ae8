"""SCORM 2004 4th edition: one organization, one SCO for the whole course, every file listed.

The SCO reports its own completion and success (`completionSetByContent`,
`objectiveSetByContent`); the mastery score becomes the primary objective's
`minNormalizedMeasure`, which the LMS hands the SCO as `cmi.scaled_passing_score`
[SCORM 2004 4th ed. CAM §5.1 sequencing; SCORM 2004 4th ed. RTE §4.2.20].
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lxml import etree

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
from ...standards.w3c import NS_XSI
from ..common import LAUNCH_FILE, Skeleton, sco_resource, scorm_skeleton, serialize
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


def _sequencing(item: etree._Element, course: Course, ids: dict[str, str]) -> None:
    ss = f"{{{NS_IMSSS}}}"
    sequencing = etree.SubElement(item, f"{ss}sequencing")
    if course.mastery_score is not None:
        # Satisfied when score.scaled >= minNormalizedMeasure [SCORM 2004 4th ed. SN §3.10.1,
        # RTE §4.2.20].
        objectives = etree.SubElement(sequencing, f"{ss}objectives")
        primary = etree.SubElement(
            objectives,
            f"{ss}primaryObjective",
            objectiveID=ids["objective"],
            satisfiedByMeasure="true",
        )
        etree.SubElement(primary, f"{ss}minNormalizedMeasure").text = scaled_mastery(
            course.mastery_score
        )
    # The SCO writes completion_status and success_status itself [SCORM 2004 4th ed. SN §3.13.1].
    etree.SubElement(
        sequencing,
        f"{ss}deliveryControls",
        completionSetByContent="true",
        objectiveSetByContent="true",
    )


def build_manifest(course: Course, files: Sequence[PackageFile]) -> bytes:
    """imsmanifest.xml for the course, listing every file of the package."""
    ids = {**identifiers(course), "objective": f"OBJ-{course.code.replace('_', '-')}"}
    nsmap = {
        None: NS_IMSCP,
        "adlcp": NS_ADLCP,
        "adlseq": NS_ADLSEQ,
        "adlnav": NS_ADLNAV,
        "imsss": NS_IMSSS,
        "xsi": NS_XSI,
    }
    root, organization, item = scorm_skeleton(
        Skeleton(
            NS_IMSCP,
            nsmap,
            ids,
            course.version,
            SCHEMA_LOCATION,
            SCHEMA_VERSION,
            manifest_title(course),
        )
    )
    _sequencing(item, course, ids)
    presentation = etree.SubElement(item, f"{{{NS_ADLNAV}}}presentation")
    interface = etree.SubElement(presentation, f"{{{NS_ADLNAV}}}navigationInterface")
    for button in HIDDEN_LMS_BUTTONS:
        etree.SubElement(interface, f"{{{NS_ADLNAV}}}hideLMSUI").text = button
    # Flow lets the LMS start the one SCO on its own ("Start" needs flow on the parent)
    # [SCORM 2004 4th ed. SN §3.2.1 controlMode, SB.2.5 Start Sequencing Request Process].
    org_sequencing = etree.SubElement(organization, f"{{{NS_IMSSS}}}sequencing")
    etree.SubElement(org_sequencing, f"{{{NS_IMSSS}}}controlMode", choice="true", flow="true")
    sco_resource(root, NS_IMSCP, ids["resource"], f"{{{NS_ADLCP}}}scormType", files)
    return serialize(root)


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_manifest(course, files))]
