"""Browser-test plumbing: a SCORM 1.2 LMS harness (the web server and Chromium: ``web.py``;
what a launch recorded: ``lms_session.py``).

The harness is a page that plays the LMS: it creates ``window.API`` with scorm-again's
``Scorm12API`` (a real, strict runtime), optionally preloads stored CMI data so a relaunch
resumes, and loads the package's launch file in an ``<iframe>``. ``lms_harness/harness.js``
wraps the API to log every call and to enforce what scorm-again does not (calls after
LMSFinish, suspend_data over 4096 characters); see its header. ``launch(profile="moodle")``
(or ``"forma"``) puts an LMS profile between the SCO and that LMS: the repository's own
``builder/preview/static/lms-profiles.js``, the preview's ``--lms``.

Typical use (fixtures from ``tests/conftest.py``)::

    def test_resume(scorm12_lms, built_zip):
        lms = scorm12_lms(built_zip)
        first = lms.launch()
        first.course.get_by_role("button", name="Next").click()
        first.close()                          # unloads the course (pagehide), keeps the LMS data
        assert first.final_cmi["core"]["exit"] == "suspend"
        second = lms.relaunch()                # what an LMS would store, entry = "resume"
        assert second.cmi()["core"]["entry"] == "resume"
        assert second.problems() == []
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from lxml import etree
from playwright.sync_api import BrowserContext, Page

from .lms_session import CMIData, ConsoleEntry, LMSSession, _deep_merge
from .paths import NODE_MODULES, REPO_ROOT, require
from .web import StaticServer, guard_network

HARNESS_JS = Path(__file__).with_name("lms_harness") / "harness.js"
PROFILED_JS = HARNESS_JS.with_name("profiled.js")
HARNESS_COMMON_JS = HARNESS_JS.with_name("harness-common.js")
PROFILES_JS = REPO_ROOT / "builder" / "preview" / "static" / "lms-profiles.js"
LIMITS_JS = PROFILES_JS.with_name("lms-limits.js")  # the edition2 profile, which it loads first
SF_JS = PROFILES_JS.with_name("lms-successfactors.js")  # the successfactors profile, as LIMITS_JS
PROFILES = ("strict", "moodle", "forma", "edition2", "successfactors")
# lesson_mode [SCORM 1.2 RTE §3.4], cmi.mode [SCORM 2004 4th ed. RTE §4.2.15]
MODES = ("normal", "review", "browse")
SCORM12_JS = NODE_MODULES / "scorm-again" / "dist" / "scorm12.min.js"

S = TypeVar("S", bound=LMSSession)


# --- the package ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoLaunch:
    """What an LMS reads from ``imsmanifest.xml`` to launch one SCO."""

    item: str
    resource: str
    href: str  # relative to the package root, with the item's parameters appended
    title: str
    mastery_score: str | None
    data_from_lms: str | None


def read_sco_launch(manifest: bytes, item_id: str | None = None) -> ScoLaunch:
    """The SCO to launch: ``item_id``, else the first SCO item of the default organization."""
    adlcp = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
    xml_base = "{http://www.w3.org/XML/1998/namespace}base"
    root = etree.fromstring(manifest, etree.XMLParser(no_network=True, resolve_entities=False))
    resources_el = root.find("{*}resources")
    if resources_el is None:
        raise ValueError("imsmanifest.xml has no <resources>")
    resources = {r.get("identifier"): r for r in resources_el.findall("{*}resource")}
    orgs = root.find("{*}organizations")
    if orgs is None:
        raise ValueError("imsmanifest.xml has no <organizations>")
    default = orgs.get("default")
    org = next(
        (o for o in orgs.findall("{*}organization") if default in (None, o.get("identifier"))),
        None,
    )
    if org is None:
        raise ValueError(f"imsmanifest.xml: default organization {default!r} not found")
    for item in org.iter("{*}item"):
        ref = item.get("identifierref")
        if not ref or (item_id is not None and item.get("identifier") != item_id):
            continue
        res = resources.get(ref)
        if res is None:
            raise ValueError(
                f"imsmanifest.xml: item {item.get('identifier')!r} refers to missing {ref!r}"
            )
        if (res.get(f"{adlcp}scormtype") or "").lower() != "sco" and item_id is None:
            continue
        href = (
            (resources_el.get(xml_base) or "") + (res.get(xml_base) or "") + (res.get("href") or "")
        )
        params = item.get("parameters") or ""
        if params:
            params = params.lstrip("?&")
            href += ("&" if "?" in href else "?") + params
        return ScoLaunch(
            item=item.get("identifier") or "",
            resource=ref,
            href=href,
            title=(item.findtext("{*}title") or "").strip(),
            mastery_score=item.findtext(f"{adlcp}masteryscore"),
            data_from_lms=item.findtext(f"{adlcp}datafromlms"),
        )
    raise ValueError(f"imsmanifest.xml: no SCO item {item_id or ''} in the default organization")


def extract_package(package_zip: Path, dest: Path) -> list[str]:
    """Extract a package zip, refusing unsafe entry names (absolute, ``..``, backslashes)."""
    with zipfile.ZipFile(package_zip) as zf:
        names = zf.namelist()
        for name in names:
            parts = PurePosixPath(name).parts
            if name.startswith("/") or "\\" in name or ".." in parts or ":" in name:
                raise ValueError(f"{package_zip.name}: unsafe entry name {name!r}")
        zf.extractall(dest)
    return names


class HarnessLMS(Generic[S]):
    """What the SCORM 1.2 and 2004 LMSes share: a package unpacked beside scorm-again and the
    harness page, and each launch a page of its own, watched, opened on that harness."""

    HARNESS: Path  # the harness script, lms_harness/harness*.js
    RUNTIME: tuple[Path, str]  # scorm-again's build for the version, and its name beside it
    TITLE: str  # the harness page's title

    def __init__(
        self, package_zip: Path, server: StaticServer, context: BrowserContext, folder: str
    ) -> None:
        self.server = server
        self.context = context
        self.dir = server.root / folder
        self.content_dir = self.dir / "content"
        self.dir.mkdir(parents=True)
        self.files = extract_package(package_zip, self.content_dir)
        manifest = require(self.content_dir / "imsmanifest.xml", "imsmanifest.xml in the package")
        self.manifest = manifest.read_bytes()
        runtime, name = self.RUNTIME
        shutil.copyfile(require(runtime, "scorm-again (node_modules)"), self.dir / name)
        copy_harness(self.dir, self.HARNESS)
        self.sessions: list[S] = []

    def _open(
        self,
        new: Callable[..., S],
        config: dict[str, Any],
        stored: CMIData,
        prepare: Callable[[Page], None] | None,
    ) -> S:
        """The harness page for ``config`` written and opened in a new page, watched, with
        ``prepare(page)`` run before: the session ``new`` makes of it."""
        api, number = bool(config["api"]), len(self.sessions) + 1
        page_path = self.dir / f"launch-{number}.html"
        page_path.write_text(self._page_html(config), encoding="utf-8")
        page = self.context.new_page()
        session = new(
            page=page,
            launch_url=self.server.url_for(page_path),
            content_url=self.server.url_for(self.content_dir) + "/",
            api=api,
            launch_cmi=stored if api else None,
            profile=config["profile"],
            number=number,
        )
        _watch(session)
        if prepare is not None:
            prepare(page)
        self.sessions.append(session)
        # The frame is created while the page parses, so "load" waits for the course too.
        page.goto(session.launch_url, wait_until="load")
        if api:
            session.launch_cmi = session._refresh()["launchCMI"]  # as the profile handed it
        return session

    def _page_html(self, config: dict[str, Any]) -> str:
        data = json.dumps(config, indent=1).replace("</", "<\\/")
        scripts = f'<script src="{self.RUNTIME[1]}"></script>\n' + PROFILE_SCRIPTS
        return (
            "<!doctype html>\n"
            f'<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{self.TITLE}</title>\n'
            "<style>html,body{margin:0;height:100%}"
            "iframe{display:block;border:0;width:100%;height:100%}</style>\n"
            "</head>\n<body>\n"
            f'<script type="application/json" id="lms-config">{data}</script>\n'
            f'{scripts if config["api"] else ""}<script src="{HARNESS_COMMON_JS.name}"></script>\n'
            f'<script src="{self.HARNESS.name}"></script>\n'
            "</body>\n</html>\n"
        )

    def _previous(self, kwargs: dict[str, Any]) -> S:
        """The last session, closed (its course gets pagehide); ``kwargs`` for the next launch
        take its profile and what the LMS knows of it, unless told."""
        if not self.sessions:
            raise RuntimeError("relaunch() needs a previous launch()")
        previous = self.sessions[-1]
        previous.close()
        kwargs.setdefault("profile", previous.profile)
        kwargs.setdefault("record", previous.next_launch_record())
        return previous


class Scorm12LMS(HarnessLMS[LMSSession]):
    """A SCORM 1.2 LMS for one package: launch it, relaunch it, read what it recorded."""

    HARNESS = HARNESS_JS
    RUNTIME = (SCORM12_JS, "scorm12.min.js")
    TITLE = "LMS harness"

    LEARNER: CMIData = {  # noqa: RUF012
        "core": {
            "student_id": "learner-1",
            "student_name": "Learner, Test",
            "credit": "credit",
            "lesson_mode": "normal",
        }
    }

    def first_launch_cmi(self, sco: ScoLaunch) -> CMIData:
        """What an LMS provides on the very first launch (entry "ab-initio")."""
        cmi = _deep_merge(
            self.LEARNER,
            {
                "core": {
                    "entry": "ab-initio",
                    "lesson_status": "not attempted",
                    "total_time": "00:00:00",
                }
            },
        )
        if sco.mastery_score:
            cmi["student_data"] = {"mastery_score": sco.mastery_score}
        if sco.data_from_lms:
            cmi["launch_data"] = sco.data_from_lms
        return cmi

    def launch(
        self,
        cmi: CMIData | None = None,
        *,
        api: bool = True,
        sco: str | None = None,
        fail_commits: int = 0,
        fail_code: int = 101,
        refuse_sets: Sequence[str] = (),
        refuse_code: int = 405,
        log_level: int | str = "ERROR",
        settings: dict[str, Any] | None = None,
        prepare: Callable[[Page], None] | None = None,
        profile: str = "strict",
        record: dict[str, Any] | None = None,
        mode: str | None = None,
    ) -> LMSSession:
        """Open the harness in a new page and load the SCO in its frame.

        ``cmi``: stored data to preload (``API.loadFromJSON``), for example a previous
        session's ``next_launch_cmi()``; None is a first launch. ``api=False`` launches
        with no LMS at all (no ``window.API``). ``fail_commits``: the first N LMSCommit
        calls return "false" with ``fail_code``. ``refuse_sets``: element prefixes whose
        LMSSetValue returns "false" with ``refuse_code`` (``LMSSession.refuse_sets`` changes
        them later). ``settings``: extra Scorm12API settings.
        ``prepare(page)`` runs before the harness is opened: routes it adds (``page.route``)
        see the course's first requests and come before the 127.0.0.1 guard. ``profile``: the
        LMS the SCO meets (strict, moodle, forma, edition2); its ``launchValues`` turns ``cmi``
        into what that LMS hands at launch, given ``record`` (a previous session's
        ``next_launch_record()``). ``mode``: ``cmi.core.lesson_mode`` for this launch ("browse",
        "review"), set by the LMS after the profile's ``launchValues``; None keeps the stored one
        ("normal").
        """
        if profile not in PROFILES:
            raise ValueError(f"unknown LMS profile {profile!r}; expected one of {PROFILES}")
        if mode not in (None, *MODES):
            raise ValueError(f"unknown lesson_mode {mode!r}; expected one of {MODES}")
        launch = read_sco_launch(self.manifest, sco)
        stored = self.first_launch_cmi(launch) if cmi is None else _deep_merge(self.LEARNER, cmi)
        config = {
            "api": api,
            "cmi": stored if api else None,
            "launch": "content/" + launch.href,
            "logLevel": log_level,
            # mastery_override off: record the status the SCO reported, not one the LMS derived.
            "settings": {"mastery_override": False, **(settings or {})},
            "failCommits": fail_commits,
            "failCode": fail_code,
            "refuseSets": list(refuse_sets),
            "refuseCode": refuse_code,
            "profile": profile,
            "record": record or {"sessions": len(self.sessions)},
            "mode": mode,
        }
        return self._open(LMSSession, config, stored, prepare)

    def relaunch(self, **kwargs: Any) -> LMSSession:
        """Close the last session (its course gets pagehide) and launch again with what an LMS
        would have stored from it (``LMSSession.next_launch_cmi``, then the profile's
        ``launchValues`` with ``next_launch_record``), with the same profile unless told.
        ``relaunch(mode="review")`` hands the same data in review mode."""
        return self.launch(self._previous(kwargs).next_launch_cmi(), **kwargs)


def copy_harness(folder: Path, harness: Path) -> None:
    """The harness page's scripts: the LMS profiles (the repository's own), their glue, the page
    (what both versions share, and ``harness``, the version's own)."""
    shutil.copyfile(LIMITS_JS, folder / "lms-limits.js")
    shutil.copyfile(SF_JS, folder / "lms-successfactors.js")
    shutil.copyfile(PROFILES_JS, folder / "lms-profiles.js")
    shutil.copyfile(PROFILED_JS, folder / "profiled.js")
    shutil.copyfile(HARNESS_COMMON_JS, folder / HARNESS_COMMON_JS.name)
    shutil.copyfile(harness, folder / harness.name)


PROFILE_SCRIPTS = (
    '<script src="lms-limits.js"></script>\n<script src="lms-successfactors.js"></script>\n'
    '<script src="lms-profiles.js"></script>\n<script src="profiled.js"></script>\n'
)


def _watch(session: LMSSession) -> None:
    """Record console messages, uncaught errors, HTTP errors and outside requests of a page."""
    page = session.page

    lms_url = session.launch_url.rsplit("/", 1)[0] + "/"

    def frame_of(url: str) -> str:
        # A console message carries the URL of its script or of the resource it is about.
        if url.startswith(session.content_url):
            return "course"
        return "lms" if url.startswith(lms_url) else "external"

    page.on(
        "console",
        lambda msg: session.console.append(
            ConsoleEntry(
                frame_of(msg.location.get("url", "")),
                msg.type,
                msg.text,
                msg.location.get("url", ""),
            )
        ),
    )
    page.on("pageerror", lambda err: session.page_errors.append(err.stack or err.message))
    page.on(
        "response",
        lambda resp: (
            session.http_errors.append((resp.status, resp.url)) if resp.status >= 400 else None
        ),
    )
    guard_network(page, session.blocked_requests)
