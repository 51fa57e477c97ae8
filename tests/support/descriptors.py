"""Read a built package's descriptor back as an LMS does: where it starts, what it passes on.

The builder never parses its own descriptors (each target's record says what it wrote,
``Target.launch_info``); this reader is the independent check that the two agree.
"""

from __future__ import annotations

from lxml import etree

from builder.targets import LaunchInfo


def _sequencing(item: etree._Element) -> dict[str, str]:
    """SCORM 2004: the pass mark (satisfied by measure) and the completion threshold."""
    found = {}
    primary = item.find("{*}sequencing/{*}objectives/{*}primaryObjective")
    if primary is not None and primary.get("satisfiedByMeasure") == "true":
        found["scaled_passing_score"] = (
            primary.findtext("{*}minNormalizedMeasure") or "1.0"
        ).strip()
    threshold = item.find("{*}completionThreshold")
    if threshold is not None:
        value = threshold.get("minProgressMeasure") or (threshold.text or "").strip()
        if value:
            found["completion_threshold"] = value
    return found


def read_launch(files: dict[str, bytes]) -> LaunchInfo | None:
    """Where to start and what the LMS passes on, from imsmanifest.xml, cmi5.xml or tincan.xml."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    if "imsmanifest.xml" in files:
        root = etree.fromstring(files["imsmanifest.xml"], parser)
        resources = {r.get("identifier"): r for r in root.iterfind(".//{*}resources/{*}resource")}
        for item in root.iterfind(".//{*}organization//{*}item"):
            resource = resources.get(item.get("identifierref"))
            if resource is None:
                continue
            href = resource.get("href") or ""
            params = (item.get("parameters") or "").lstrip("?&")
            if params:
                href += ("&" if "?" in href else "?") + params
            return LaunchInfo(
                href=href,
                mastery_score=(item.findtext("{*}masteryscore") or "").strip(),
                data_from_lms=(
                    item.findtext("{*}datafromlms") or item.findtext("{*}dataFromLMS") or ""
                ).strip(),
                **_sequencing(item),
            )
    if "cmi5.xml" in files:
        root = etree.fromstring(files["cmi5.xml"], parser)
        au = root.find(".//{*}au")
        if au is not None:
            return LaunchInfo(
                href=(au.findtext("{*}url") or "").strip(),
                activity_id=au.get("id", ""),
                mastery_score=au.get("masteryScore", ""),
                move_on=au.get("moveOn", "NotApplicable"),
            )
    if "tincan.xml" in files:
        root = etree.fromstring(files["tincan.xml"], parser)
        for activity in root.iterfind(".//{*}activity"):
            href = (activity.findtext("{*}launch") or "").strip()
            if href:
                return LaunchInfo(href=href, activity_id=activity.get("id", ""))
    return None
