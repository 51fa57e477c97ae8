"""A SCORM 2004 4th edition LMS for browser tests, on scorm-again's ``Scorm2004API``.

The same plumbing as the SCORM 1.2 harness (``lms.py``: web server, Chromium, console and
network watching, ``LMSSession``), with a 2004 harness page (``lms_harness/harness2004.js``)
that puts ``window.API_1484_11`` in the parent of the course frame, through an LMS profile
(``launch(profile="moodle")``, ``"forma"``; strict by default) as in ``lms.py``. Typical use
(fixtures from ``tests/e2e/scorm2004/conftest.py``)::

    lms = scorm2004_lms(zip_path)
    first = lms.launch()                 # entry "ab-initio", scaled_passing_score from the manifest
    ...                                  # a learner clicks in first.course
    second = lms.relaunch()              # what an LMS stores: "resume" after exit "suspend"
    assert second.problems() == []
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from playwright.sync_api import BrowserContext, Page

from .lms import HARNESS_JS, MODES, PROFILES, HarnessLMS
from .lms_session import CMIData, LMSSession, _deep_merge
from .paths import NODE_MODULES
from .web import StaticServer

SCORM2004_JS = NODE_MODULES / "scorm-again" / "dist" / "scorm2004.min.js"
HARNESS2004_JS = HARNESS_JS.with_name("harness2004.js")

NS_ADLCP = "{http://www.adlnet.org/xsd/adlcp_v1p3}"
NS_IMSSS = "{http://www.imsglobal.org/xsd/imsss}"
_DURATION = re.compile(
    r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


def duration_centiseconds(value: str) -> int:
    """An ISO 8601 duration (days and smaller, as SCORM 2004 uses them) in centiseconds."""
    match = _DURATION.match(value or "PT0S")
    if not match or value in ("P", "PT") or value.endswith("T"):
        raise ValueError(f"not an ISO 8601 duration SCORM 2004 accepts: {value!r}")
    d, h, m = (int(match.group(k) or 0) for k in "dhm")
    return ((d * 24 + h) * 60 + m) * 6000 + round(float(match.group("s") or 0) * 100)


def add_durations(a: str, b: str) -> str:
    """total_time + session_time, as an LMS does at the end of a session."""
    total = duration_centiseconds(a) + duration_centiseconds(b)
    seconds, cs = divmod(total, 100)
    minutes, s = divmod(seconds, 60)
    h, m = divmod(minutes, 60)
    return f"PT{h}H{m}M{s}.{cs:02d}S"


@dataclass(frozen=True)
class Sco2004:
    """What a 2004 LMS reads from ``imsmanifest.xml`` to launch the SCO."""

    item: str
    href: str
    title: str
    scaled_passing_score: str | None  # imsss:minNormalizedMeasure when satisfiedByMeasure
    completion_threshold: str | None
    data_from_lms: str | None


def read_sco_2004(manifest: bytes) -> Sco2004:
    """The first SCO item of the default organization [SCORM 2004 4th ed. CAM §3.4, SN §3.10]."""
    root = etree.fromstring(manifest, etree.XMLParser(no_network=True, resolve_entities=False))
    resources = {r.get("identifier"): r for r in root.iterfind("{*}resources/{*}resource")}
    orgs = root.find("{*}organizations")
    if orgs is None:
        raise ValueError("imsmanifest.xml has no <organizations>")
    default = orgs.get("default")
    org = next(o for o in orgs.iterfind("{*}organization") if o.get("identifier") == default)
    for item in org.iter("{*}item"):
        res = resources.get(item.get("identifierref"))
        if res is None or res.get(f"{NS_ADLCP}scormType") != "sco":
            continue
        passing = None
        primary = item.find(f"{NS_IMSSS}sequencing/{NS_IMSSS}objectives/{NS_IMSSS}primaryObjective")
        if primary is not None and primary.get("satisfiedByMeasure") in ("true", "1"):
            passing = primary.findtext(f"{NS_IMSSS}minNormalizedMeasure") or "1.0"
        params = (item.get("parameters") or "").lstrip("?&")
        href = (res.get("href") or "") + (("?" + params) if params else "")
        return Sco2004(
            item=item.get("identifier") or "",
            href=href,
            title=(item.findtext("{*}title") or "").strip(),
            scaled_passing_score=passing,
            completion_threshold=item.findtext(f"{NS_ADLCP}completionThreshold"),
            data_from_lms=item.findtext(f"{NS_ADLCP}dataFromLMS"),
        )
    raise ValueError("imsmanifest.xml: no SCO item in the default organization")


def sets_status_itself(manifest: bytes) -> bool:
    """The manifest says the content sets its completion and success: every
    ``imsss:deliveryControls`` has ``completionSetByContent`` and ``objectiveSetByContent`` true
    (both default to false, SAP KBA 3403728)."""
    root = etree.fromstring(manifest, etree.XMLParser(no_network=True, resolve_entities=False))
    controls = root.findall(".//{http://www.imsglobal.org/xsd/imsss}deliveryControls")
    return bool(controls) and all(
        c.get(a) == "true"
        for c in controls
        for a in ("completionSetByContent", "objectiveSetByContent")
    )


class Scorm2004Session(LMSSession):
    """One launch of the SCO in the 2004 harness (``LMSSession`` with 2004 method names)."""

    lms: Scorm2004LMS | None = None

    def fail_commits(self, times: int, code: int = 391) -> None:
        """Make the next ``times`` Commit calls return "false" with ``code`` (391: general
        commit failure)."""
        super().fail_commits(times, code)

    def refuse_sets(self, elements: Sequence[str], code: int = 406) -> None:
        """Make every SetValue of an element starting with one of ``elements`` return "false"
        with ``code`` (406: type mismatch; 407: value out of range), until called again."""
        super().refuse_sets(elements, code)

    def set_values(self) -> dict[str, str]:
        """The last value the SCO set successfully for each element (SetValue, error 0)."""
        out: dict[str, str] = {}
        for c in self.calls("SetValue"):
            if c.result == "true" and c.error == "0":
                out[str(c.args[0])] = str(c.args[1])
        return out

    def next_launch_cmi(self, *, review: bool = False) -> CMIData:
        """What an LMS stores for the next launch [SCORM 2004 4th ed. RTE §4.2.7, §4.2.8]:
        after exit "suspend" the attempt goes on (entry "resume", total_time plus
        session_time, the rest kept); after any other exit a new attempt starts afresh.
        ``review``: the attempt as it was left, whatever the exit, to be reviewed
        [SCORM 2004 4th ed. RTE §4.2.15 cmi.mode] (entry "")."""
        self._require_api()
        state = self._refresh()
        cmi: CMIData = copy.deepcopy(state["finalCMI"] or state["cmi"])
        if review:
            cmi["entry"] = ""
            for key in ("exit", "session_time", "_version"):
                cmi.pop(key, None)
            return cmi
        if cmi.get("exit") != "suspend":
            if self.lms is None:
                raise RuntimeError("this session has no LMS to start a new attempt")
            return self.lms.first_launch_cmi()
        previous = (self.launch_cmi or {}).get("total_time") or "PT0S"
        cmi["total_time"] = add_durations(previous, cmi.get("session_time") or "PT0S")
        cmi["entry"] = "resume"
        for key in ("exit", "session_time", "_version"):
            cmi.pop(key, None)
        return cmi


class Scorm2004LMS(HarnessLMS[Scorm2004Session]):
    """A SCORM 2004 LMS for one package: launch it, relaunch it, read what it recorded."""

    HARNESS = HARNESS2004_JS
    RUNTIME = (SCORM2004_JS, "sa.js")
    TITLE = "LMS harness (2004)"

    LEARNER: CMIData = {  # noqa: RUF012
        "learner_id": "learner-1",
        "learner_name": "Learner, Test",
        "credit": "credit",
        "mode": "normal",
    }

    def __init__(
        self, package_zip: Path, server: StaticServer, context: BrowserContext, folder: str
    ) -> None:
        super().__init__(package_zip, server, context, folder)
        self.sco = read_sco_2004(self.manifest)
        self.set_by_content = sets_status_itself(self.manifest)

    def first_launch_cmi(self, language: str = "") -> CMIData:
        """What an LMS provides on a new attempt [SCORM 2004 4th ed. RTE §4.2]."""
        cmi = _deep_merge(
            self.LEARNER,
            {
                "entry": "ab-initio",
                "completion_status": "unknown",
                "success_status": "unknown",
                "total_time": "PT0S",
            },
        )
        if language:
            cmi["learner_preference"] = {"language": language}
        for key, value in (
            ("scaled_passing_score", self.sco.scaled_passing_score),
            ("completion_threshold", self.sco.completion_threshold),
            ("launch_data", self.sco.data_from_lms),
        ):
            if value is not None:
                cmi[key] = value
        return cmi

    def launch(
        self,
        cmi: CMIData | None = None,
        *,
        api: bool = True,
        fail_commits: int = 0,
        fail_code: int = 391,
        refuse_sets: Sequence[str] = (),
        refuse_code: int = 406,
        nav_valid: dict[str, str] | None = None,
        log_level: int | str = "ERROR",
        settings: dict[str, Any] | None = None,
        profile: str = "strict",
        record: dict[str, Any] | None = None,
        mode: str | None = None,
        prepare: Callable[[Page], None] | None = None,
    ) -> Scorm2004Session:
        """Open the harness in a new page and load the SCO in its frame.

        ``cmi``: stored data (``API.loadFromJSON``), e.g. ``next_launch_cmi()``; None is a first
        attempt. ``nav_valid``: ``adl.nav.request_valid.*`` answers, e.g. ``{"exitAll": "true"}``.
        ``profile``, ``record``: the LMS profile and what it knows of the previous session
        (``next_launch_record()``), as in ``Scorm12LMS.launch``. ``mode``: ``cmi.mode`` for this
        launch ("browse", "review"), set by the LMS after the profile's ``launchValues``; None
        keeps the stored one ("normal"). ``prepare(page)`` runs before the harness is opened,
        as in ``Scorm12LMS.launch``: its routes come before the 127.0.0.1 guard.
        """
        if profile not in PROFILES:
            raise ValueError(f"unknown LMS profile {profile!r}; expected one of {PROFILES}")
        if mode not in (None, *MODES):
            raise ValueError(f"unknown cmi.mode {mode!r}; expected one of {MODES}")
        stored = self.first_launch_cmi() if cmi is None else _deep_merge(self.LEARNER, cmi)
        config = {
            "api": api,
            "cmi": stored if api else None,
            "launch": "content/" + self.sco.href,
            "logLevel": log_level,
            "settings": settings or {},
            "failCommits": fail_commits,
            "failCode": fail_code,
            "refuseSets": list(refuse_sets),
            "refuseCode": refuse_code,
            "navValid": nav_valid or {},
            "setByContent": self.set_by_content,
            "profile": profile,
            "record": record or {"sessions": len(self.sessions)},
            "mode": mode,
        }
        session = self._open(Scorm2004Session, config, stored, prepare)
        session.lms = self  # for a new attempt's data (next_launch_cmi)
        return session

    def relaunch(self, **kwargs: Any) -> Scorm2004Session:
        """Close the last session (its course gets pagehide) and launch again with what an LMS
        would have stored from it, through the profile's ``launchValues`` (same profile unless
        told). ``relaunch(mode="review")`` hands the last attempt as it was left, in review
        mode, whatever its exit."""
        review = kwargs.get("mode") == "review"
        return self.launch(self._previous(kwargs).next_launch_cmi(review=review), **kwargs)
