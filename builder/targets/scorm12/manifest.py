"""SCORM 1.2: one organization, one SCO for the whole course, every file listed."""

from __future__ import annotations

from collections.abc import Sequence

from ...model import Course
from ...output.archive import PackageFile
from ...standards.scorm12 import NS_ADLCP as NS_ADLCP12
from ...standards.scorm12 import NS_IMSCP as NS_IMSCP12
from ...standards.scorm12 import NS_IMSMD as NS_IMSMD12
from ...standards.scorm12 import SCHEMA_VERSION
from ..common import LAUNCH_FILE, Skeleton, scorm_context
from ..descriptor import render_descriptor
from ..record import LaunchInfo
from ..titles import fit_title
from . import DESCRIPTOR

SCHEMA_LOCATION = (
    f"{NS_IMSCP12} imscp_rootv1p1p2.xsd "
    f"{NS_IMSMD12} imsmd_rootv1p2p1.xsd "
    f"{NS_ADLCP12} adlcp_rootv1p2.xsd"
)


def identifiers(course: Course) -> dict[str, str]:
    """Manifest identifiers: valid NCNames, derived from the course code, stable across builds."""
    code = course.code.replace("_", "-")
    return {
        "manifest": f"MANIFEST-{code}",
        "organization": f"ORG-{code}",
        "item": f"ITEM-{code}",
        "resource": f"RES-{code}",
    }


def manifest_title(course: Course) -> str:
    """The title the LMS shows: every language's title, as on bilingual Canada.ca pages."""
    return " / ".join(dict.fromkeys(course.title[lang] for lang in course.languages))


def scorm12_title(course: Course) -> str:
    """The title of the SCORM 1.2 manifest: `manifest_title`, fitted to its 200 characters."""
    return fit_title([course.title[lang] for lang in course.languages])


def mastery_score(course: Course) -> str | None:
    """adlcp:masteryscore: the course's, only when a pass is what completes the course."""
    # An LMS judges lesson_status by the mastery score at LMSFinish [SCORM 1.2 RTE §3.4; Moodle
    # overrides the SCO's status]: right only when a pass is what completes the course.
    if course.mastery_score is not None and course.completion.assessment == "passed":
        return str(course.mastery_score)
    return None


def launch_info(course: Course) -> LaunchInfo:
    """What the manifest's one item tells the LMS: the SCO and its mastery score."""
    return LaunchInfo(LAUNCH_FILE, mastery_score=mastery_score(course) or "")


def build_manifest(course: Course, files: Sequence[PackageFile]) -> bytes:
    """imsmanifest.xml for the course, listing every file of the package."""
    namespaces = {"": NS_IMSCP12, "adlcp": NS_ADLCP12}
    skeleton = Skeleton(
        namespaces,
        identifiers(course),
        course.version,
        SCHEMA_LOCATION,
        SCHEMA_VERSION,
        scorm12_title(course),
    )
    context = scorm_context(skeleton, files)
    return render_descriptor("scorm12.xml.j2", **context, mastery_score=mastery_score(course))


def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
    """The files this target adds to the rendered course."""
    return [PackageFile(DESCRIPTOR, build_manifest(course, files))]
