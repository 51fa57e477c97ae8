"""SCORM 1.2 length limits: the maxLength facets of the official 1.2 schemas.

The SCORM 2004 schemas (imscp_v1p1.xsd, 3rd and 4th editions) dropped every maxLength facet,
so a 2004 manifest has no length limit to check.
"""

from __future__ import annotations

from lxml import etree

from ..standards.scorm12 import NS_ADLCP as NS_ADLCP12
from ..standards.scorm12 import NS_IMSCP as NS_IMSCP12
from .common import Package, elements, line_of, local, namespace

# [SCORM 1.2 CAM, imscp_rootv1p1p2.xsd: titleType, schemaType, schemaversionType]
# [SCORM 1.2 CAM, adlcp_rootv1p2.xsd: locationType ... prerequisiteStringType]
TEXT_LIMITS = {
    (NS_IMSCP12, "title"): 200,
    (NS_IMSCP12, "schema"): 100,
    (NS_IMSCP12, "schemaversion"): 20,
    (NS_ADLCP12, "location"): 2000,
    (NS_ADLCP12, "maxtimeallowed"): 13,
    (NS_ADLCP12, "datafromlms"): 255,
    (NS_ADLCP12, "masteryscore"): 200,
    (NS_ADLCP12, "prerequisites"): 200,
}
# [imscp_rootv1p1p2.xsd: attr.href, attr.identifierref, attr.parameters, attr.resourcetype.req,
# attr.structure.req, attr.version]
ATTRIBUTE_LIMITS = {
    "href": 2000,
    "identifierref": 2000,
    "parameters": 1000,
    "type": 1000,
    "structure": 200,
    "version": 20,
}


def check_lengths(package: Package, file: str, root: etree._Element) -> None:
    """Report text and attributes longer than the SCORM 1.2 schemas allow."""
    for element in elements(root):
        key = (namespace(element), local(element))
        limit = TEXT_LIMITS.get(key)
        text = element.text or ""
        if limit is not None and len(text) > limit:
            _report(package, file, element, f"<{local(element)}>", len(text), limit)
        if key[0] != NS_IMSCP12:
            continue
        for name, value in element.attrib.items():
            name = str(name)
            limit = ATTRIBUTE_LIMITS.get(name)
            if limit is not None and len(str(value)) > limit:
                what = f"<{local(element)} {name!s}>"
                _report(package, file, element, what, len(str(value)), limit)


def _report(
    package: Package, file: str, element: etree._Element, what: str, length: int, limit: int
) -> None:
    package.report(
        "scorm-length",
        file,
        line_of(element),
        f"{what} is {length} characters long; the SCORM 1.2 schema allows {limit}: the "
        "manifest fails validation and strict LMSs refuse or cut it",
        "shorten it (a title in two languages counts both)",
    )
