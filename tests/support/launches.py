"""How an LMS launches the xapi and cmi5 packages in the browser tests, against a real Ralph.

``xapi_launch_url``: the Tin Can launch of an xapi package [Tin Can launch §Launch].
``Launch``: one cmi5 AU launch by the small LMS of ``lrs_front.py`` [cmi5 §8, §10, §11]: its
``LMS.LaunchData``, the learner's ``cmi5LearnerPreferences``, the ``launched`` statement in
Ralph, and the launch URL.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from lxml import etree
from playwright.sync_api import BrowserContext, Page
from ralph.models.xapi.base.statements import BaseXapiStatement

from .learner_brisk import BriskLearner
from .lrs import RalphLRS
from .lrs_front import LRSFront
from .seed import SEEDS, SeedCourse

CMI5 = "https://w3id.org/xapi/cmi5/context/"
SESSION = f"{CMI5}extensions/sessionid"
MASTERY = f"{CMI5}extensions/masteryscore"
CATEGORY, MOVE_ON = f"{CMI5}categories/cmi5", f"{CMI5}categories/moveon"
LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
LMS_HOME = "https://lms.example.ca"
# the runtime's statement queues (xapi-queue.js), in the launch origin's localStorage
QUEUE_KEYS = "Object.keys(localStorage).filter(k => k.startsWith('coursebuild.xapi.queue'))"


def queued(page: Page) -> list[dict[str, Any]]:
    """The statements waiting in the page origin's localStorage queue."""
    found: list[dict[str, Any]] = page.evaluate(
        f"{QUEUE_KEYS}.flatMap(k => JSON.parse(localStorage.getItem(k)).statements)"
    )
    return found


def xapi_launch_url(
    package_url: str, endpoint: str, auth: str, registration: str, activity_id: str, name: str
) -> str:
    """The launch URL of the xapi package at ``package_url`` (its folder, ending in "/"):
    endpoint, auth, actor (an LMS account ``name``), registration, activity_id."""
    actor = {"objectType": "Agent", "account": {"homePage": LMS_HOME, "name": name}}
    query = {
        "endpoint": endpoint.rstrip("/"),  # without its "/": the runtime adds it
        "auth": auth,
        "actor": json.dumps(actor),
        "registration": registration,
        "activity_id": activity_id,
    }
    return f"{package_url}index.html?{urlencode(query)}"


SEED_XAPI = "navigating-social-media"
SEED_XAPI_ID = f"https://training.coursebuild.ca/courses/{SEED_XAPI}"


def launch_seed_xapi(context: BrowserContext, front: LRSFront, registration: str) -> Page:
    """The seed's xapi package launched by the LMS for the registration's learner (an LMS
    account named by the registration's first 8 characters), started."""
    package = front.content_url(f"{SEED_XAPI}-xapi/")
    url = xapi_launch_url(
        package, front.endpoint, front.ralph.auth, registration, SEED_XAPI_ID, registration[:8]
    )
    return opened(context, url)


def opened(context: BrowserContext, url: str, course: SeedCourse = SEEDS[SEED_XAPI]) -> Page:
    """A new page of the browser context at a launch URL, once the course it shows (by default
    the seed course of the xapi and cmi5 tests) has started."""
    page = context.new_page()
    page.goto(url)
    BriskLearner.started(page, course)
    return page


def seed_state_document(front: LRSFront, registration: str) -> dict[str, Any]:
    """The resume State document the LRS holds for `launch_seed_xapi`'s learner."""
    actor = {"account": {"homePage": LMS_HOME, "name": registration[:8]}}
    params = {"activityId": SEED_XAPI_ID, "registration": registration}
    params |= {"stateId": "coursebuild.resume", "agent": json.dumps(actor)}
    found = front.get_document("activities/state", params)
    assert isinstance(found, dict)
    return found


class Launch:
    """One AU launch by the LMS: its documents, the launched statement, the launch URL.

    ``folder``: where the package is extracted under the LMS's content (``<slug>-cmi5`` by
    default); ``preference``: the learner's languagePreference; ``name``: the account name.
    """

    def __init__(
        self,
        front: LRSFront,
        lrs: RalphLRS,
        packages: Path,
        mode: str = "Normal",
        *,
        slug: str = "navigating-social-media",
        folder: str | None = None,
        preference: str = "fr-CA,en-US",
        name: str | None = None,
    ):
        folder = folder or f"{slug}-cmi5"
        xml = zipfile.ZipFile(packages / f"{slug}-cmi5.zip").read("cmi5.xml")
        au = etree.fromstring(xml).find("{*}au")
        assert au is not None
        self.publisher_id = au.get("id") or ""
        self.move_on = au.get("moveOn") or ""
        self.mastery = float(au.get("masteryScore") or 0)
        self.registration = str(uuid.uuid4())
        self.session = str(uuid.uuid4())
        self.activity_id = f"{LMS_HOME}/activities/{uuid.uuid4()}"  # LMS-made
        account = {"homePage": LMS_HOME, "name": name or f"learner-{self.registration[:8]}"}
        self.actor = {"objectType": "Agent", "account": account}
        self.return_url = front.content_url("returned.html")
        self.front, self.lrs, self.folder, self.mode = front, lrs, folder, mode
        agent = json.dumps(self.actor)
        preferences = {"languagePreference": preference, "audioPreference": "on"}
        front.put_document(
            "agents/profile", {"agent": agent, "profileId": "cmi5LearnerPreferences"}, preferences
        )
        self.template: dict[str, Any] = {}
        self.launch_data: dict[str, Any] = {}
        self.fetch_path, self.url = "", ""
        self._launch()

    def relaunch(self) -> None:
        """The LMS launches the AU again for the same registration: a new session, whose
        launch abandons the one before [cmi5 §9.3.6] (the LMS refuses its statements now)."""
        self.front.closed.add(self.session)
        self.session = str(uuid.uuid4())
        self._launch()

    def _launch(self) -> None:
        front, mode = self.front, self.mode
        self.template = {
            "contextActivities": {
                "grouping": [{"id": self.publisher_id, "objectType": "Activity"}]
            },
            "extensions": {SESSION: self.session},
        }
        agent = json.dumps(self.actor)
        self.launch_data = {
            "contextTemplate": self.template,
            "launchMode": mode,
            "moveOn": self.move_on,
            "masteryScore": self.mastery,
            "returnURL": self.return_url,
        }
        state = {"activityId": self.activity_id, "agent": agent, "registration": self.registration}
        front.put_document(
            "activities/state", {**state, "stateId": "LMS.LaunchData"}, self.launch_data
        )
        launched = {  # the LMS's statement [cmi5 §9.3.1]
            "id": str(uuid.uuid4()),
            "actor": self.actor,
            "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
            "object": {"id": self.activity_id, "objectType": "Activity"},
            "context": {
                "registration": self.registration,
                "contextActivities": {
                    **self.template["contextActivities"],
                    "category": [{"id": CATEGORY, "objectType": "Activity"}],
                },
                "extensions": {
                    SESSION: self.session,
                    f"{CMI5}extensions/launchmode": mode,
                    f"{CMI5}extensions/moveon": self.move_on,
                    f"{CMI5}extensions/masteryscore": self.mastery,
                    f"{CMI5}extensions/launchurl": front.content_url(f"{self.folder}/index.html"),
                },
            },
            "timestamp": "2025-01-06T14:00:00.000Z",
        }
        BaseXapiStatement.model_validate(launched)
        assert self.lrs.post(launched).status == 200
        self.fetch_path = f"/fetch/{self.session}"  # one fetch URL per launch [cmi5 §8.1]
        query = {
            "endpoint": front.endpoint,
            "fetch": front.new_fetch(self.session),
            "actor": agent,
            "registration": self.registration,
            "activityId": self.activity_id,
        }
        self.url = front.content_url(f"{self.folder}/index.html?{urlencode(query)}")
