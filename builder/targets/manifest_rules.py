"""Structural rules for SCORM 1.2 manifests, checked on every build (and by `check`)."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote

from lxml import etree

from ..standards.scorm12 import NS_ADLCP as NS_ADLCP12
from ..standards.scorm12 import NS_IMSCP as NS_IMSCP12
from ..standards.scorm12 import SCHEMA_VERSION
from ..standards.types import BUILD_IDENTIFIER, CMI_DECIMAL
from .common import parse_descriptor


def _q(tag: str) -> str:
    return f"{{{NS_IMSCP12}}}{tag}"


def identifiers(root: etree._Element, namespace: str, problems: list[str]) -> dict[str, str]:
    """Each identifier of the manifest, organizations, items and resources, to its element's
    name; a missing, malformed or repeated identifier is a problem."""
    ids: dict[str, str] = {}
    tags = [f"{{{namespace}}}{kind}" for kind in ("manifest", "organization", "item", "resource")]
    for element in root.iter(*tags):
        kind = etree.QName(element).localname
        identifier = element.get("identifier")
        if identifier is None:
            problems.append(f"<{kind}> has no identifier")
            continue
        if not BUILD_IDENTIFIER.fullmatch(identifier):
            problems.append(f"identifier {identifier!r} is not a valid NCName")
        if identifier in ids:
            problems.append(f"identifier {identifier!r} is used twice")
        ids[identifier] = kind
    return ids


def check_scorm12_manifest(xml: bytes, package_files: Collection[str]) -> list[str]:
    """Problems with a SCORM 1.2 manifest and the files of its package; [] when sound."""
    root, problems = parse_descriptor(xml, "imsmanifest.xml", _q("manifest"))
    if root is None:
        return problems
    schema = root.findtext(f"{_q('metadata')}/{_q('schema')}")
    version = root.findtext(f"{_q('metadata')}/{_q('schemaversion')}")
    if schema != "ADL SCORM":
        problems.append(f"metadata/schema is {schema!r}; expected 'ADL SCORM'")
    if version != SCHEMA_VERSION:
        problems.append(f"metadata/schemaversion is {version!r}; expected '1.2'")

    ids = identifiers(root, NS_IMSCP12, problems)

    organizations = root.find(_q("organizations"))
    resources = root.find(_q("resources"))
    if organizations is None or resources is None:
        problems.append("manifest needs <organizations> and <resources>")
        return problems
    default = organizations.get("default")
    if default is not None and ids.get(default) != "organization":
        problems.append(f"organizations default {default!r} names no organization")
    resource_ids = {r.get("identifier") for r in resources.findall(_q("resource"))}
    for item in root.iter(_q("item")):
        ref = item.get("identifierref")
        if ref is not None and ref not in resource_ids:
            problems.append(f"item {item.get('identifier')!r} refers to missing resource {ref!r}")
        mastery = item.findtext(f"{{{NS_ADLCP12}}}masteryscore")
        if mastery is not None and (
            not CMI_DECIMAL.fullmatch(mastery.strip()) or not 0 <= float(mastery) <= 100
        ):
            problems.append(f"adlcp:masteryscore {mastery!r} is not a number from 0 to 100")

    problems += resource_problems(
        resources,
        NS_IMSCP12,
        f"{{{NS_ADLCP12}}}scormtype",
        "adlcp:scormtype",
        resource_ids,
        package_files,
    )
    return problems


def resource_problems(
    resources: etree._Element,
    namespace: str,
    scormtype_attribute: str,
    scormtype_label: str,
    resource_ids: Collection[str | None],
    package_files: Collection[str],
) -> list[str]:
    """The rules every SCORM version shares for <resource>s and their files."""
    problems: list[str] = []
    listed: set[str] = set()
    for resource in resources.findall(f"{{{namespace}}}resource"):
        rid = resource.get("identifier")
        if resource.get("type") != "webcontent":
            kind = resource.get("type")
            problems.append(f"resource {rid!r} has type {kind!r}; expected 'webcontent'")
        scormtype = resource.get(scormtype_attribute)
        if scormtype not in ("sco", "asset"):
            problems.append(
                f"resource {rid!r} has {scormtype_label} {scormtype!r}; expected 'sco' or 'asset'"
            )
        href = resource.get("href")
        if scormtype == "sco" and not href:
            problems.append(f"SCO resource {rid!r} has no href (launch file)")
        if href and href.split("?")[0].split("#")[0] not in package_files:
            problems.append(f"resource {rid!r} launches {href!r}, which is not in the package")
        for file in resource.findall(f"{{{namespace}}}file"):
            href = file.get("href") or ""
            if href.startswith("/") or "\\" in href or ".." in href.split("/") or ":" in href:
                problems.append(f"file href {href!r} is not a safe relative path")
            path = unquote(href)
            if path not in package_files:
                problems.append(f"file {path!r} is listed but not in the package")
            listed.add(path)
        for dependency in resource.findall(f"{{{namespace}}}dependency"):
            if dependency.get("identifierref") not in resource_ids:
                problems.append(
                    f"resource {rid!r} depends on missing {dependency.get('identifierref')!r}"
                )
    for path in sorted(set(package_files) - listed - {"imsmanifest.xml"}):
        problems.append(f"package file {path!r} is not listed in any resource")
    return problems
