"""Structural rules for SCORM 2004 4th edition manifests, checked on every build (and by `check`).

What the official XSDs do not catch, or catch only with schema files an LMS may not have:
the `schemaversion` text, namespaces of the wrong SCORM version, the literal prefixes some
LMSs parse by name, identifiers that do not resolve, files listed but missing (or present but
not listed), and sequencing values out of range [SCORM 2004 4th ed. CAM §3.4,
§5.1].
"""

from __future__ import annotations

from collections.abc import Collection

from lxml import etree

from ..standards.scorm12 import NS_ADLCP as NS_ADLCP12
from ..standards.scorm12 import NS_IMSCP as NS_IMSCP12
from ..standards.scorm2004 import NS_ADLCP, NS_ADLNAV, NS_ADLSEQ, NS_IMSCP, NS_IMSSS, SCHEMA_VERSION
from ..standards.types import XS_DECIMAL
from .common import parse_descriptor
from .manifest_rules import identifiers, resource_problems

# The prefixes every SCORM 2004 sample and LMS expects (some LMSs, Moodle among them, do
# not parse namespaces and look for `adlcp:scormType` literally).
PREFIXES = {"adlcp": NS_ADLCP, "adlseq": NS_ADLSEQ, "adlnav": NS_ADLNAV, "imsss": NS_IMSSS}

_BOOLEAN = ("true", "false", "1", "0")


def _cp(tag: str) -> str:
    return f"{{{NS_IMSCP}}}{tag}"


def _ss(tag: str) -> str:
    return f"{{{NS_IMSSS}}}{tag}"


def _namespace_problems(root: etree._Element) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str | None, str]] = set()
    for element in root.iter():
        for prefix, uri in (element.nsmap or {}).items():
            seen.add((prefix, uri))
    for prefix, uri in sorted(seen, key=lambda p: (p[0] or "", p[1])):
        if uri in (NS_IMSCP12, NS_ADLCP12):
            problems.append(f"namespace {uri!r} is SCORM 1.2's; a 2004 manifest uses {NS_IMSCP}")
        for wanted, ns in PREFIXES.items():
            if uri == ns and prefix != wanted:
                problems.append(f"namespace {ns!r} is bound to {prefix!r}; expected {wanted!r}")
    return problems


def _sequencing_problems(root: etree._Element) -> list[str]:
    problems: list[str] = []
    for controls in root.iter(_ss("deliveryControls"), _ss("controlMode")):
        for name, value in controls.attrib.items():
            if value not in _BOOLEAN:
                tag = etree.QName(controls).localname
                problems.append(f"imsss:{tag} {name!s}={value!r} is not a boolean")
    for objective in root.iter(_ss("primaryObjective"), _ss("objective")):
        by_measure = objective.get("satisfiedByMeasure", "false")
        if by_measure not in _BOOLEAN:
            problems.append(f"imsss objective satisfiedByMeasure={by_measure!r} is not a boolean")
        measure = objective.findtext(_ss("minNormalizedMeasure"))
        if measure is not None and (
            not XS_DECIMAL.fullmatch(measure.strip()) or not -1 <= float(measure) <= 1
        ):
            problems.append(f"imsss:minNormalizedMeasure {measure!r} is not a number from -1 to 1")
    return problems


def check_scorm2004_manifest(xml: bytes, package_files: Collection[str]) -> list[str]:
    """Problems with a SCORM 2004 4th edition manifest and its package's files; [] when sound."""
    root, problems = parse_descriptor(xml, "imsmanifest.xml", _cp("manifest"))
    if root is None:
        return problems
    problems = _namespace_problems(root)
    schema = root.findtext(f"{_cp('metadata')}/{_cp('schema')}")
    version = root.findtext(f"{_cp('metadata')}/{_cp('schemaversion')}")
    if schema != "ADL SCORM":
        problems.append(f"metadata/schema is {schema!r}; expected 'ADL SCORM'")
    if version != SCHEMA_VERSION:
        problems.append(f"metadata/schemaversion is {version!r}; expected {SCHEMA_VERSION!r}")

    ids = identifiers(root, NS_IMSCP, problems)

    organizations = root.find(_cp("organizations"))
    resources = root.find(_cp("resources"))
    if organizations is None or resources is None:
        problems.append("manifest needs <organizations> and <resources>")
        return problems
    default = organizations.get("default")
    if default is None or ids.get(default) != "organization":
        problems.append(f"organizations default {default!r} names no organization")
    resource_ids = {r.get("identifier") for r in resources.findall(_cp("resource"))}
    for organization in organizations.findall(_cp("organization")):
        if not (organization.findtext(_cp("title")) or "").strip():
            problems.append(f"organization {organization.get('identifier')!r} has no title")
        if organization.find(_cp("item")) is None:
            problems.append(f"organization {organization.get('identifier')!r} has no item")
    for item in root.iter(_cp("item")):
        iid, ref = item.get("identifier"), item.get("identifierref")
        children = item.findall(_cp("item"))
        if ref is not None and ref not in resource_ids:
            problems.append(f"item {iid!r} refers to missing resource {ref!r}")
        if ref is None and not children:
            problems.append(f"leaf item {iid!r} launches nothing (no identifierref)")
        if ref is not None and children:
            problems.append(f"item {iid!r} has both an identifierref and child items")
        if item.find(f"{{{NS_ADLCP12}}}masteryscore") is not None:
            problems.append(f"item {iid!r} has adlcp:masteryscore, which SCORM 2004 ignores")
    problems += _sequencing_problems(root)
    problems += _resource_problems(resources, resource_ids, package_files)
    return problems


def _resource_problems(
    resources: etree._Element, resource_ids: set[str | None], package_files: Collection[str]
) -> list[str]:
    problems = [
        f"resource {r.get('identifier')!r} uses SCORM 1.2's adlcp:scormtype"
        for r in resources.findall(_cp("resource"))
        if r.get(f"{{{NS_ADLCP12}}}scormtype") is not None
    ]
    return problems + resource_problems(
        resources,
        NS_IMSCP,
        f"{{{NS_ADLCP}}}scormType",
        "adlcp:scormType",
        resource_ids,
        package_files,
    )
