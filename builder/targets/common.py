"""What the targets share: the launch file, the manifest's bytes, the SCORM SCO resource."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ..output.archive import PackageFile
from ..source.paths import url_of

LAUNCH_FILE = "index.html"


def sco_resource(
    root: etree._Element,
    namespace: str,
    identifier: str,
    scormtype_attribute: str,
    files: Sequence[PackageFile],
) -> None:
    """Add <resources> with the one SCO, listing every file of the package."""
    resources = etree.SubElement(root, f"{{{namespace}}}resources")
    resource = etree.SubElement(
        resources,
        f"{{{namespace}}}resource",
        identifier=identifier,
        type="webcontent",
        href=LAUNCH_FILE,
    )
    resource.set(scormtype_attribute, "sco")
    # A file's href is a URI reference (xsd:anyURI in imscp_rootv1p1p2.xsd), not a file name.
    for path in sorted(f.path for f in files):
        etree.SubElement(resource, f"{{{namespace}}}file", href=url_of(path))


def serialize(root: etree._Element) -> bytes:
    """The manifest's bytes: UTF-8 with an XML declaration, indented."""
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml
