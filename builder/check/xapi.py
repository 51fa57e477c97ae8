"""Tin Can (tincan.xml) and cmi5 (cmi5.xml) rules: structure, launch, ids, vocabulary."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from ..standards.cmi5 import LAUNCH_METHODS, MOVE_ON, NS_CMI5
from ..standards.tincan import NS_TINCAN
from ..standards.types import is_absolute_iri
from .common import (
    Package,
    check_href,
    decimal,
    elements,
    line_of,
    local,
    namespace,
)

# The launch parameters the LMS appends to an AU's URL; the AU's own query must not use them
# [cmi5 §8.1 Launch Method: "MUST NOT collide"].
LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
AU_ATTRIBUTES = ("moveOn", "launchMethod", "masteryScore", "activityType")
# Characters a URL may not hold as they are [RFC 1738 §2.2 unsafe; RFC 3986 §2].
_NOT_IN_URL = re.compile(r"[\s<>\"{}|\\^`]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Schemes that never launch an AU, but run script or read the learner's disk.
UNSAFE_SCHEMES = ("javascript", "vbscript", "livescript", "data", "file")


def _check_id(
    package: Package,
    file: str,
    element: etree._Element,
    what: str,
    first: dict[str, int],
    missing_code: str,
    attribute: str = "id",
) -> None:
    value = element.get(attribute)
    line = line_of(element)
    if value is None or not value.strip():
        package.report(missing_code, file, line, f"{what} has no {attribute} attribute")
        return
    value = value.strip()
    if not is_absolute_iri(value):
        package.report(
            "iri-invalid",
            file,
            line,
            f"{what} id '{value}' is not an absolute IRI",
            "use a stable address you control, such as https://example.org/courses/my-course",
        )
    if value in first:
        package.report(
            "identifier-duplicate",
            file,
            line,
            f"{what} id '{value}' is already used on line {first[value]}",
        )
    else:
        first[value] = line


def check_tincan(package: Package, file: str, root: etree._Element, base_dir: str) -> None:
    """A <tincan> with activities, absolute IRIs, and exactly one launch that exists."""
    if local(root) != "tincan" or namespace(root) != NS_TINCAN:
        package.report(
            "tincan-structure",
            file,
            line_of(root),
            f"the root element is <{local(root)}> in namespace '{namespace(root)}'; expected "
            f"<tincan> in '{NS_TINCAN}'",
        )
        if local(root) != "tincan":
            return
    ns = namespace(root)
    activities = root.findall(f"{{{ns}}}activities/{{{ns}}}activity")
    if not activities:
        package.report(
            "tincan-structure",
            file,
            line_of(root),
            "no <activities><activity> in tincan.xml; the LMS has nothing to launch",
        )
        return
    first: dict[str, int] = {}
    launches: list[etree._Element] = []
    for activity in activities:
        _check_id(package, file, activity, "activity", first, "tincan-structure")
        launches.extend(activity.findall(f"{{{ns}}}launch"))
        if activity.get("id") and activity.find(f"{{{ns}}}name") is None:
            package.report(
                "tincan-name",
                file,
                line_of(activity),
                f"activity '{activity.get('id')}' has no <name>",
                "an LMS lists the course's activities by name; give each a <name lang=...>",
            )
    if len(launches) != 1:
        where = line_of(launches[1]) if len(launches) > 1 else line_of(root)
        package.report(
            "tincan-launch",
            file,
            where,
            f"{len(launches)} activities have a <launch>; exactly one must",
            "the LMS launches the one activity with <launch>; describe others without it",
        )
    for launch in launches:
        url = (launch.text or "").strip()
        if not url:
            package.report("tincan-launch", file, line_of(launch), "<launch> is empty")
            continue
        check_href(package, file, line_of(launch), url, "<launch> opens", base_dir=base_dir)


def check_cmi5(package: Package, file: str, root: etree._Element, base_dir: str) -> None:
    """A cmi5 course structure: course and AU ids as IRIs, AU urls, moveOn, masteryScore."""
    if local(root) != "courseStructure" or namespace(root) != NS_CMI5:
        package.report(
            "cmi5-structure",
            file,
            line_of(root),
            f"the root element is <{local(root)}> in namespace '{namespace(root)}'; expected "
            f"<courseStructure> in '{NS_CMI5}'",
        )
        if local(root) != "courseStructure":
            return
    ns = namespace(root)
    first: dict[str, int] = {}
    course = root.find(f"{{{ns}}}course")
    if course is None:
        package.report("cmi5-structure", file, line_of(root), "no <course> in cmi5.xml")
    else:
        _check_id(package, file, course, "course", first, "cmi5-structure")
    for objective in root.findall(f"{{{ns}}}objectives/{{{ns}}}objective"):
        _check_id(package, file, objective, "objective", first, "cmi5-structure")
    aus = [e for e in elements(root) if e.tag == f"{{{ns}}}au"]
    if not aus:
        package.report(
            "cmi5-structure",
            file,
            line_of(root),
            "no <au> in cmi5.xml; the LMS has nothing to launch",
        )
    for block in root.iter(f"{{{ns}}}block"):
        _check_id(package, file, block, "block", first, "cmi5-structure")
    for au in aus:
        _check_id(package, file, au, "AU", first, "cmi5-structure")
        _check_au(package, file, au, ns, base_dir)
    _check_objective_refs(package, file, root, ns)


def _check_objective_refs(package: Package, file: str, root: etree._Element, ns: str) -> None:
    """Objectives of blocks and AUs refer to the course's objectives by idref [cmi5 §13.1.3]."""
    declared = {
        (o.get("id") or "").strip() for o in root.findall(f"{{{ns}}}objectives/{{{ns}}}objective")
    }
    for holder in root.iter(f"{{{ns}}}au", f"{{{ns}}}block"):
        for ref in holder.findall(f"{{{ns}}}objectives/{{{ns}}}objective"):
            idref = (ref.get("idref") or "").strip()
            if idref not in declared:
                package.report(
                    "cmi5-objective-ref",
                    file,
                    line_of(ref),
                    f"{local(holder)} '{holder.get('id') or '?'}' refers to objective '{idref}', "
                    "which is not in the course's <objectives>",
                    "declare it under <courseStructure><objectives>, or fix the idref",
                )


def _check_au(package: Package, file: str, au: etree._Element, ns: str, base_dir: str) -> None:
    name = au.get("id") or "?"
    line = line_of(au)
    for attribute, allowed in (("moveOn", MOVE_ON), ("launchMethod", LAUNCH_METHODS)):
        value = au.get(attribute)
        if value is not None and value not in allowed:
            package.report(
                "cmi5-vocabulary",
                file,
                line,
                f"AU '{name}' has {attribute} '{value}'; expected one of: {', '.join(allowed)}",
            )
    mastery = au.get("masteryScore")
    if mastery is not None:
        score = decimal(mastery)
        if score is None or not 0 <= score <= 1:
            package.report(
                "mastery-range",
                file,
                line,
                f"AU '{name}' has masteryScore '{mastery}'; expected a decimal from 0 to 1",
            )
    if au.find(f"{{{ns}}}title") is None:
        package.report(
            "cmi5-structure",
            file,
            line,
            f"AU '{name}' has no <title> (required by the cmi5 course structure schema)",
        )
    for child in au:
        if isinstance(child.tag, str) and local(child) in AU_ATTRIBUTES:
            package.report(
                "cmi5-structure",
                file,
                line_of(child),
                f"AU '{name}' has a <{local(child)}> element; {local(child)} is an attribute "
                f'of <au> (<au {local(child)}="...">): the LMS ignores the element',
            )
    url = au.find(f"{{{ns}}}url")
    text = (url.text or "").strip() if url is not None else ""
    if url is None or not text:
        package.report(
            "cmi5-au-url",
            file,
            line_of(url) if url is not None else line,
            f"AU '{name}' has no <url>: the LMS has nothing to launch",
        )
        return
    _check_au_url(package, file, line_of(url), name, text, base_dir)


def _check_au_url(
    package: Package, file: str, line: int, name: str, text: str, base_dir: str
) -> None:
    bad = _NOT_IN_URL.search(text)
    if bad:
        shown = "a space" if bad.group(0) == " " else f"'{bad.group(0)}'"
        package.report(
            "cmi5-au-url",
            file,
            line,
            f"AU '{name}' has the URL '{text}', with {shown}, which a URL cannot hold as it is",
            "percent-encode it (a space is %20)",
        )
    try:
        query = urlsplit(text).query
    except ValueError:
        query = ""
    used = sorted(
        {key for key, _ in parse_qsl(query, keep_blank_values=True)} & set(LAUNCH_PARAMETERS)
    )
    if used:
        package.report(
            "cmi5-launch-param",
            file,
            line,
            f"AU '{name}' has the URL '{text}', whose query uses {', '.join(used)}: the LMS "
            "adds these launch parameters itself and they must not collide (cmi5 §8.1)",
            "rename the AU's own query parameters",
        )
    scheme = _SCHEME.match(text)
    if scheme and len(scheme.group(1)) > 1 and scheme.group(1).lower() not in UNSAFE_SCHEMES:
        # Any other absolute URL may launch an AU, web or native app [cmi5 §13.1.4 url].
        return
    check_href(package, file, line, text, f"AU '{name}' launches", base_dir=base_dir, remote=None)
