"""What the targets share: the launch file, and a SCORM manifest's context for its template."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msgspec import Struct

from ..output.archive import PackageFile
from ..source.paths import url_of
from ..standards.w3c import NS_XSI

LAUNCH_FILE = "index.html"


class Skeleton(Struct, frozen=True):
    """What a SCORM manifest's skeleton is made of: its namespaces, ids, versions and title."""

    namespaces: dict[str, str]  # by prefix ("" for the default namespace), xsi added
    ids: dict[str, str]  # manifest, organization, item, resource
    version: str  # the course's version
    schema_location: str
    schema_version: str
    title: str


def scorm_context(skeleton: Skeleton, files: Sequence[PackageFile]) -> dict[str, Any]:
    """The values every SCORM manifest template is written with: its skeleton, the launch file
    and every file of the package, as the one SCO's resource lists them."""
    return {
        "namespaces": [*skeleton.namespaces.items(), ("xsi", NS_XSI)],
        "ids": skeleton.ids,
        "version": skeleton.version,
        "schema_location": skeleton.schema_location,
        "schema_version": skeleton.schema_version,
        "title": skeleton.title,
        "launch": LAUNCH_FILE,
        # A file's href is a URI reference (xsd:anyURI in imscp_rootv1p1p2.xsd), not a name.
        "files": [url_of(path) for path in sorted(f.path for f in files)],
    }
