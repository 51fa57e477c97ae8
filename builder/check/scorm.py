"""SCORM manifest rules, 1.2 and 2004: version, namespaces, prefixes, identifiers, structure."""

from __future__ import annotations

from lxml import etree
from msgspec import Struct

from ..standards.scorm12 import NS_ADLCP as NS_ADLCP12
from ..standards.scorm12 import NS_IMSCP as NS_IMSCP12
from ..standards.scorm2004 import NS_ADLCP as NS_ADLCP2004
from ..standards.scorm2004 import NS_ADLNAV, NS_ADLSEQ, NS_IMSSS
from ..standards.scorm2004 import NS_IMSCP as NS_IMSCP2004
from ..standards.scorm2004 import SCHEMA_VERSIONS as SCHEMAVERSIONS_2004
from ..standards.types import NCNAME
from .common import Package, elements, line_of, local, namespace

# Moodle's manifest parser is not namespace-aware: it reads these literal prefixes.
CONVENTIONAL_PREFIX = {
    NS_ADLCP12: "adlcp",
    NS_ADLCP2004: "adlcp",
    NS_ADLSEQ: "adlseq",
    NS_ADLNAV: "adlnav",
    NS_IMSSS: "imsss",
}
_VERSION_OF_NS = {
    NS_IMSCP12: "1.2",
    NS_ADLCP12: "1.2",
    NS_IMSCP2004: "2004",
    NS_ADLCP2004: "2004",
    NS_ADLSEQ: "2004",
    NS_ADLNAV: "2004",
    NS_IMSSS: "2004",
}
_SHORT_NS = {ns: ns.rsplit("/", 1)[-1] for ns in _VERSION_OF_NS}
IDENTIFIED = ("manifest", "organization", "item", "resource")


class Scorm(Struct, frozen=True):
    """What a manifest says it is: version '1.2' or '2004', and the namespaces it uses."""

    version: str
    label: str
    cp: str
    adlcp: str

    @property
    def kind(self) -> str:
        """The package kind as `check --json` names it: scorm12 or scorm2004."""
        return "scorm12" if self.version == "1.2" else "scorm2004"

    @property
    def scormtype(self) -> str:
        """The SCO flag attribute: all lower case in 1.2, camelCase in 2004."""
        return "scormtype" if self.version == "1.2" else "scormType"


def _used_namespaces(root: etree._Element) -> set[str]:
    used: set[str] = set()
    for element in elements(root):
        used.add(namespace(element))
        used.update(str(etree.QName(name).namespace or "") for name in element.attrib)
        used.update(ns for ns in element.nsmap.values() if ns)
    return used


def _schemaversion(root: etree._Element, cp: str) -> tuple[etree._Element | None, str | None]:
    metadata = root.find(f"{{{cp}}}metadata")
    if metadata is None:
        return None, None
    version = metadata.find(f"{{{cp}}}schemaversion")
    text = version.text.strip() if version is not None and version.text else None
    return metadata, text


def _version_of_text(text: str | None) -> str | None:
    if text == "1.2":
        return "1.2"
    if text in SCHEMAVERSIONS_2004:
        return "2004"
    return None


def detect(root: etree._Element) -> Scorm:
    """The SCORM version a manifest is written for, from its namespaces then schemaversion."""
    cp = namespace(root)
    used = _used_namespaces(root)
    by_ns = {_VERSION_OF_NS[ns] for ns in used if ns in _VERSION_OF_NS}
    _, text = _schemaversion(root, cp)
    by_text = _version_of_text(text)
    # Mixed or unknown namespaces: as Moodle does, by schemaversion, else 1.2.
    version = by_ns.pop() if len(by_ns) == 1 else by_text or _VERSION_OF_NS.get(cp) or "1.2"
    if version == "1.2":
        return Scorm("1.2", "SCORM 1.2", cp, NS_ADLCP12)
    edition = text if by_text == "2004" and text else "2004"
    label = "SCORM 2004" if edition in ("2004", "1.3") else f"SCORM {edition}"
    return Scorm("2004", label, cp, NS_ADLCP2004)


def check_header(package: Package, file: str, root: etree._Element, scorm: Scorm) -> bool:
    """Root element, metadata, schemaversion against namespaces, prefixes; False to stop."""
    if local(root) != "manifest":
        package.report(
            "scorm-root",
            file,
            line_of(root),
            f"the root element is <{local(root)}>; expected <manifest>",
        )
        return False
    if scorm.cp not in (NS_IMSCP12, NS_IMSCP2004):
        found = f"namespace '{scorm.cp}'" if scorm.cp else "no namespace"
        package.report(
            "scorm-root",
            file,
            line_of(root),
            f"<manifest> has {found}; expected '{NS_IMSCP12}' (SCORM 1.2) or "
            f"'{NS_IMSCP2004}' (SCORM 2004)",
        )
    _check_version(package, file, root, scorm)
    _check_prefixes(package, file, root, scorm)
    return True


def _check_version(package: Package, file: str, root: etree._Element, scorm: Scorm) -> None:
    metadata, text = _schemaversion(root, scorm.cp)
    used = _used_namespaces(root)
    by_ns = {_VERSION_OF_NS[ns] for ns in used if ns in _VERSION_OF_NS}
    where = line_of(metadata) if metadata is not None else line_of(root)
    if len(by_ns) > 1:
        names = ", ".join(sorted(_SHORT_NS[ns] for ns in used if ns in _SHORT_NS))
        package.report(
            "scorm-schemaversion",
            file,
            line_of(root),
            f"the manifest mixes SCORM 1.2 and SCORM 2004 namespaces ({names})",
            "use the 1.2 namespaces (imscp_rootv1p1p2, adlcp_rootv1p2) or the 2004 ones "
            "(imscp_v1p1, adlcp_v1p3, imsss...), not both",
        )
    if metadata is not None:
        _check_schema(package, file, metadata, scorm, where)
    _check_schemaversion(package, file, text, scorm, where, one_version=len(by_ns) == 1)


def _check_schema(
    package: Package, file: str, metadata: etree._Element, scorm: Scorm, where: int
) -> None:
    schema = metadata.find(f"{{{scorm.cp}}}schema")
    value = schema.text.strip() if schema is not None and schema.text else None
    if value != "ADL SCORM":
        found = f"'{value}'" if value is not None else "missing"
        package.report(
            "scorm-schema",
            file,
            line_of(schema) if schema is not None else where,
            f"metadata <schema> is {found}; expected 'ADL SCORM'",
        )


def _check_schemaversion(
    package: Package, file: str, text: str | None, scorm: Scorm, where: int, *, one_version: bool
) -> None:
    by_text = _version_of_text(text)
    expected = "'1.2'" if scorm.version == "1.2" else "'2004 4th Edition'"
    if text is None and scorm.version == "2004":
        package.report(
            "scorm-schemaversion",
            file,
            where,
            "no <schemaversion> in a SCORM 2004 manifest: LMSs such as Moodle then treat it "
            "as SCORM 1.2 and the course finds no API_1484_11",
            "add <schemaversion>2004 4th Edition</schemaversion> to <metadata>",
        )
    elif text is None:
        package.report(
            "scorm-metadata",
            file,
            where,
            "no <metadata> with <schema>ADL SCORM</schema> and <schemaversion>1.2"
            "</schemaversion>: LMSs have to guess the version",
        )
    elif by_text is None:
        package.report(
            "scorm-schemaversion",
            file,
            where,
            f"schemaversion '{text}' is not a SCORM version; expected {expected} "
            "(LMSs such as Moodle read anything else as SCORM 1.2)",
        )
    elif one_version and by_text != scorm.version:
        package.report(
            "scorm-schemaversion",
            file,
            where,
            f"schemaversion '{text}' says SCORM {by_text} but the namespaces are SCORM "
            f"{scorm.version}'s; expected {expected}",
            "LMSs pick the run-time API from schemaversion: the course would look for the "
            "wrong one",
        )


def _check_prefixes(package: Package, file: str, root: etree._Element, scorm: Scorm) -> None:
    for element in elements(root):
        parent = element.getparent()
        inherited = parent.nsmap if parent is not None else {}
        for prefix, uri in element.nsmap.items():
            wanted = CONVENTIONAL_PREFIX.get(uri)
            if wanted is None or prefix == wanted or inherited.get(prefix) == uri:
                continue
            shown = f"prefix '{prefix}'" if prefix else "the default namespace"
            package.report(
                "scorm-prefix",
                file,
                line_of(element),
                f"namespace '{uri}' is bound to {shown}; expected '{wanted}'",
                f"Moodle's manifest parser is not namespace-aware: it only reads '{wanted}:' names",
            )
    for element in elements(root):
        if namespace(element) == scorm.cp and element.prefix is not None:
            package.report(
                "scorm-prefix",
                file,
                line_of(element),
                f"<{element.prefix}:{local(element)}> has a prefix; IMS content packaging "
                "elements are expected in the default namespace (no prefix)",
                "Moodle's manifest parser is not namespace-aware: it reads <manifest>, "
                "<organizations>... by their literal names",
            )
            return


def check_identifiers(package: Package, file: str, root: etree._Element, scorm: Scorm) -> None:
    """Every manifest, organization, item and resource has a unique NCName identifier."""
    first: dict[str, int] = {}
    for element in elements(root):
        if namespace(element) != scorm.cp or local(element) not in IDENTIFIED:
            continue
        identifier = element.get("identifier")
        line = line_of(element)
        if identifier is None:
            package.report(
                "scorm-required",
                file,
                line,
                f"<{local(element)}> has no identifier attribute",
            )
            continue
        if not NCNAME.fullmatch(identifier):
            package.report(
                "identifier-invalid",
                file,
                line,
                f"identifier '{identifier}' is not a valid XML ID (NCName): it must start "
                "with a letter or '_' and hold only letters, digits, '.', '-' and '_'",
            )
        if identifier in first:
            package.report(
                "identifier-duplicate",
                file,
                line,
                f"identifier '{identifier}' is already used on line {first[identifier]}",
            )
        else:
            first[identifier] = line
