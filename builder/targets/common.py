"""What the targets share: the launch file, the manifest's bytes, the SCORM SCO resource."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree
from msgspec import Struct

from ..output.archive import PackageFile
from ..source.paths import url_of
from ..standards.w3c import NS_XSI

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


class Skeleton(Struct, frozen=True):
    """What a SCORM manifest's skeleton is made of: its namespaces, ids, versions and title."""

    namespace: str  # the IMS content packaging namespace of its SCORM version
    nsmap: dict[str | None, str]
    ids: dict[str, str]  # manifest, organization, item, resource
    version: str  # the course's version
    schema_location: str
    schema_version: str
    title: str


def scorm_skeleton(skeleton: Skeleton) -> tuple[etree._Element, etree._Element, etree._Element]:
    """The manifest root, its one organization and its one item (titled alike), with metadata."""
    cp, ids = f"{{{skeleton.namespace}}}", skeleton.ids
    root = etree.Element(f"{cp}manifest", nsmap=skeleton.nsmap)  # type: ignore[arg-type]
    root.set("identifier", ids["manifest"])
    root.set("version", skeleton.version)
    root.set(f"{{{NS_XSI}}}schemaLocation", skeleton.schema_location)
    metadata = etree.SubElement(root, f"{cp}metadata")
    etree.SubElement(metadata, f"{cp}schema").text = "ADL SCORM"
    etree.SubElement(metadata, f"{cp}schemaversion").text = skeleton.schema_version
    organizations = etree.SubElement(root, f"{cp}organizations", default=ids["organization"])
    organization = etree.SubElement(
        organizations, f"{cp}organization", identifier=ids["organization"]
    )
    etree.SubElement(organization, f"{cp}title").text = skeleton.title
    item = etree.SubElement(
        organization,
        f"{cp}item",
        identifier=ids["item"],
        identifierref=ids["resource"],
        isvisible="true",
    )
    etree.SubElement(item, f"{cp}title").text = skeleton.title
    return root, organization, item


def serialize(root: etree._Element) -> bytes:
    """The manifest's bytes: UTF-8 with an XML declaration, indented."""
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml
