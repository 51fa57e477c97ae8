"""What the targets share: the launch file, safe XML in and out, the SCORM SCO resource."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

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


def parse_xml(xml: bytes) -> etree._Element:
    """Parse a manifest without entities or network access (raises XMLSyntaxError)."""
    return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))


def parse_descriptor(
    xml: bytes, name: str, root_tag: str
) -> tuple[etree._Element | None, list[str]]:
    """A package descriptor's root, or None and why it cannot be checked further."""
    try:
        root = parse_xml(xml)
    except etree.XMLSyntaxError as exc:
        return None, [f"{name} is not well-formed XML: {exc}"]
    if root.tag != root_tag:
        return None, [f"root element is {root.tag}; expected {root_tag}"]
    return root, []


def serialize(root: etree._Element) -> bytes:
    """The manifest's bytes: UTF-8 with an XML declaration, indented."""
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def check_manifest(
    files: Sequence[PackageFile],
    rules: Callable[[bytes, Collection[str]], list[str]],
    name: str = "imsmanifest.xml",
) -> list[str]:
    """Run the structural rules of a package's descriptor (`name`) against a built package."""
    by_path = {f.path: f for f in files}
    if name not in by_path:
        return [f"{name} is not at the root of the package"]
    return rules(by_path[name].data, set(by_path))
