"""SCORM manifest rules about content: organizations, items, resources, files, mastery."""

from __future__ import annotations

from lxml import etree

from ..standards.scorm12 import NS_ADLCP as NS_ADLCP12
from ..standards.scorm2004 import NS_IMSSS
from ..targets import DESCRIPTORS
from .common import Package, check_href, decimal, line_of, local
from .scorm import Scorm
from .zip import slip_reason

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
SCHEMA_SUFFIXES = (".xsd", ".dtd")
XS_BOOLEAN = ("true", "false", "1", "0")
# The xs:boolean attributes of imsss:controlMode, deliveryControls and objectives.
BOOLEAN_ATTRIBUTES = frozenset(
    (
        "choice",
        "choiceExit",
        "flow",
        "forwardOnly",
        "useCurrentAttemptObjectiveInfo",
        "useCurrentAttemptProgressInfo",
        "tracked",
        "completionSetByContent",
        "objectiveSetByContent",
        "satisfiedByMeasure",
    )
)
MAX_UNLISTED = 20  # individual file-unlisted warnings per package; the rest are counted


def _q(scorm: Scorm, tag: str) -> str:
    return f"{{{scorm.cp}}}{tag}"


def check_content(
    package: Package, file: str, root: etree._Element, scorm: Scorm, base_dir: str
) -> None:
    """Organizations, items, resources and files of a SCORM manifest, and what it lists."""
    organizations = root.find(_q(scorm, "organizations"))
    resources = root.find(_q(scorm, "resources"))
    for name, element in (("organizations", organizations), ("resources", resources)):
        if element is None:
            package.report(
                "scorm-required", file, line_of(root), f"<manifest> has no <{name}> element"
            )
    if resources is None:
        return
    by_id: dict[str | None, etree._Element] = {}
    for resource in resources.findall(_q(scorm, "resource")):
        if resource.get("identifier"):
            by_id.setdefault(resource.get("identifier"), resource)  # a duplicate is reported

    launched: set[str] = set()
    if organizations is not None:
        launched = _check_organizations(package, file, organizations, scorm, by_id)
        _check_mastery(package, file, root, scorm)
        _check_booleans(package, file, root)
    listed = _check_resources(package, file, root, resources, scorm, by_id, launched, base_dir)
    _check_unlisted(package, file, base_dir, listed)


def _check_organizations(
    package: Package,
    file: str,
    organizations: etree._Element,
    scorm: Scorm,
    by_id: dict[str | None, etree._Element],
) -> set[str]:
    orgs = organizations.findall(_q(scorm, "organization"))
    default = organizations.get("default")
    if default is not None and default not in {o.get("identifier") for o in orgs}:
        package.report(
            "scorm-default-org",
            file,
            line_of(organizations),
            f"organizations default '{default}' names no <organization>",
            "set default to the identifier of the organization the LMS should show",
        )
    if scorm.version == "2004":
        for element in [*orgs, *organizations.iter(_q(scorm, "item"))]:
            if element.find(_q(scorm, "title")) is None:
                package.report(
                    "scorm-required",
                    file,
                    line_of(element),
                    f"<{local(element)}> '{element.get('identifier')}' has no <title> "
                    "(required in SCORM 2004)",
                )
    launched: set[str] = set()
    for item in organizations.iter(_q(scorm, "item")):
        ref = item.get("identifierref")
        if ref is None:
            continue
        if ref not in by_id:
            package.report(
                "scorm-identifierref",
                file,
                line_of(item),
                f"item '{item.get('identifier')}' refers to resource '{ref}', which is not "
                "in <resources>",
                "Moodle warns 'invalidmanifestresource' and the item launches nothing",
            )
        else:
            launched.add(ref)
    return launched


def _check_mastery(package: Package, file: str, root: etree._Element, scorm: Scorm) -> None:
    for score in root.iter(f"{{{NS_ADLCP12}}}masteryscore"):
        value = decimal(score.text)
        if value is None or not 0 <= value <= 100:
            package.report(
                "mastery-range",
                file,
                line_of(score),
                f"adlcp:masteryscore '{(score.text or '').strip()}' is not a number from 0 to 100",
            )
    for measure in root.iter(f"{{{NS_IMSSS}}}minNormalizedMeasure"):
        value = decimal(measure.text)
        if value is None or not -1 <= value <= 1:
            package.report(
                "mastery-range",
                file,
                line_of(measure),
                f"imsss:minNormalizedMeasure '{(measure.text or '').strip()}' is not a number "
                "from -1 to 1",
            )
        objective = measure.getparent()
        if (
            objective is not None
            and local(objective) == "primaryObjective"
            # xs:boolean: "1" is true as well [XML Schema Part 2 §3.2.2]
            and (objective.get("satisfiedByMeasure") or "").strip() not in ("true", "1")
        ):
            package.report(
                "mastery-unused",
                file,
                line_of(objective),
                "imsss:primaryObjective has a minNormalizedMeasure but not "
                'satisfiedByMeasure="true": the LMS ignores the pass mark',
            )


def _check_booleans(package: Package, file: str, root: etree._Element) -> None:
    # Sequencing flags are xs:boolean [IMS SS 1.0 §5.1; XML Schema Part 2 §3.2.2]: an LMS that
    # reads "yes" as false sequences the course otherwise than the author meant.
    for element in root.iter(f"{{{NS_IMSSS}}}*"):
        for name, value in element.attrib.items():
            if name in BOOLEAN_ATTRIBUTES and value.strip() not in XS_BOOLEAN:
                package.report(
                    "scorm-boolean",
                    file,
                    line_of(element),
                    f"imsss:{local(element)} {name!s}='{value!s}' is not a boolean; expected "
                    "'true' or 'false'",
                )


def _base(*elements: etree._Element) -> str:
    return "".join(e.get(XML_BASE) or "" for e in elements)


def _check_resources(
    package: Package,
    file: str,
    root: etree._Element,
    resources: etree._Element,
    scorm: Scorm,
    by_id: dict[str | None, etree._Element],
    launched: set[str],
    base_dir: str,
) -> set[str]:
    listed: set[str] = set()
    for resource in resources.findall(_q(scorm, "resource")):
        rid = resource.get("identifier") or "?"
        _check_type(package, file, resource, rid)
        # Only the first resource of an identifier is the one items launch (a second one is
        # an identifier-duplicate, not also a launched resource without href).
        launched_here = rid in launched and by_id.get(rid) is resource
        sco = _check_scormtype(package, file, resource, scorm, launched_here)
        base = _base(root, resources, resource)
        files = _check_files(package, file, resource, scorm, base, base_dir)
        listed |= files
        href = resource.get("href")
        if href is not None and href.strip():
            found = check_href(
                package,
                file,
                line_of(resource),
                base + href,
                f"resource '{rid}' launches",
                base_dir=base_dir,
            )
            if found is not None:
                listed.add(found)
                _check_href_listed(package, file, resource, rid, found, files)
        elif sco or launched_here:
            what = "SCO resource" if sco else "resource"
            package.report(
                "scorm-sco-href",
                file,
                line_of(resource),
                f"{what} '{rid}' has no href: the LMS has no file to launch",
            )
        _check_dependencies(package, file, resource, scorm, rid, by_id)
    return listed


def _check_type(package: Package, file: str, resource: etree._Element, rid: str) -> None:
    kind = resource.get("type")
    if kind is None:
        package.report(
            "scorm-required", file, line_of(resource), f"resource '{rid}' has no type attribute"
        )
    elif kind != "webcontent":
        package.report(
            "scorm-resource-type",
            file,
            line_of(resource),
            f"resource '{rid}' has type '{kind}'; expected 'webcontent'",
        )


def _check_href_listed(
    package: Package, file: str, resource: etree._Element, rid: str, found: str, files: set[str]
) -> None:
    # The launch file is one of the resource's files, so it is listed as a <file> too
    # [IMS CP 1.1.4 §2.4.1.4; SCORM 2004 4th ed. CAM §3.4.1.25].
    if found not in files:
        package.report(
            "scorm-href-unlisted",
            file,
            line_of(resource),
            f"resource '{rid}' launches '{found}' but lists no <file> for it",
            f'add <file href="{found}"/> to the resource',
        )


def _check_files(
    package: Package,
    file: str,
    resource: etree._Element,
    scorm: Scorm,
    base: str,
    base_dir: str,
) -> set[str]:
    listed: set[str] = set()
    for entry in resource.findall(_q(scorm, "file")):
        path = entry.get("href")
        if path is None:
            package.report("scorm-required", file, line_of(entry), "<file> has no href attribute")
            continue
        found = check_href(
            package,
            file,
            line_of(entry),
            base + path,
            "<file> lists",
            base_dir=base_dir,
            missing="file-missing",
        )
        if found is not None:
            listed.add(found)
    return listed


def _check_dependencies(
    package: Package,
    file: str,
    resource: etree._Element,
    scorm: Scorm,
    rid: str,
    by_id: dict[str | None, etree._Element],
) -> None:
    for dependency in resource.findall(_q(scorm, "dependency")):
        ref = dependency.get("identifierref")
        if ref is None:
            package.report(
                "scorm-required",
                file,
                line_of(dependency),
                "<dependency> has no identifierref attribute",
            )
        elif ref not in by_id:
            package.report(
                "scorm-identifierref",
                file,
                line_of(dependency),
                f"resource '{rid}' depends on resource '{ref}', which is not in <resources>",
            )


def _check_scormtype(
    package: Package, file: str, resource: etree._Element, scorm: Scorm, launched: bool
) -> bool:
    rid = resource.get("identifier") or "?"
    line = line_of(resource)
    other = "scormType" if scorm.version == "1.2" else "scormtype"
    value = resource.get(f"{{{scorm.adlcp}}}{scorm.scormtype}")
    misspelt = resource.get(f"{{{scorm.adlcp}}}{other}")
    bare = resource.get("scormtype") or resource.get("scormType")
    if value is not None:
        if value not in ("sco", "asset"):
            package.report(
                "scorm-scormtype",
                file,
                line,
                f"resource '{rid}' has adlcp:{scorm.scormtype} '{value}'; expected 'sco' or "
                "'asset'",
            )
        return value == "sco"
    if misspelt is not None:
        other_version = "2004" if scorm.version == "1.2" else "1.2"
        package.report(
            "scorm-scormtype",
            file,
            line,
            f"resource '{rid}' has adlcp:{other}, the SCORM {other_version} spelling; "
            f"SCORM {scorm.version} reads adlcp:{scorm.scormtype}",
        )
        return misspelt == "sco"
    if bare is not None:
        package.report(
            "scorm-scormtype",
            file,
            line,
            f"resource '{rid}' has scormtype without the adlcp: namespace prefix; LMSs do not "
            "see it",
            f'write adlcp:{scorm.scormtype}="sco" with xmlns:adlcp="{scorm.adlcp}"',
        )
        return bare == "sco"
    if launched:
        package.report(
            "scorm-scormtype-missing",
            file,
            line,
            f"resource '{rid}' is launched by an item but has no adlcp:{scorm.scormtype}: "
            "LMSs treat it as an asset, which is never tracked",
            f'add adlcp:{scorm.scormtype}="sco" if the page talks to the LMS',
        )
    return False


def _check_unlisted(package: Package, file: str, base_dir: str, listed: set[str]) -> None:
    unsafe = package.unsafe_names  # computed once: per name it made 20,000 entries take 43 s
    unlisted = sorted(
        name
        for name in package.names
        if name.startswith(base_dir)
        and name.removeprefix(base_dir).lower() not in DESCRIPTORS
        and name not in listed
        and not name.lower().endswith(SCHEMA_SUFFIXES)
        and not slip_reason(name)  # reported as zip-slip
        and name not in unsafe  # links, bombs: reported already
    )
    for name in unlisted[:MAX_UNLISTED]:
        package.report(
            "file-unlisted",
            name,
            0,
            f"'{name}' is in the zip but no <resource> lists it in a <file>",
        )
    if len(unlisted) > MAX_UNLISTED:
        package.report(
            "file-unlisted",
            file,
            0,
            f"{len(unlisted) - MAX_UNLISTED} more files in the zip are listed in no <resource>",
        )
