"""A course file named like a script URL, linked from a page, in real Chromium: clicking the link
opens the file and runs nothing, in the xAPI and cmi5 packages (where the link once ran)."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Dialog
from support.paths import REPO_ROOT
from support.web import StaticServer

from builder.pipeline import build

XSS = "javascript:alert(document.domain)"


@pytest.mark.parametrize("target", ["xapi", "cmi5"])
def test_clicking_a_link_to_a_file_named_like_a_script_runs_nothing(
    tmp_path: Path, http_server: StaticServer, context: BrowserContext, target: str
) -> None:
    course = tmp_path / "course"
    shutil.copytree(REPO_ROOT / "tests/fixtures/minimal", course)
    (course / XSS).write_text("just a file\n", encoding="utf-8")
    intro = course / "modules/intro.en.md"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace("# Welcome", f"# Welcome\n\n[Open](./{XSS})"),
        encoding="utf-8",
    )
    outcome = build([course], [target], tmp_path / "dist")
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    site = http_server.root / target
    with zipfile.ZipFile(tmp_path / "dist" / f"course-{target}.zip") as package:
        package.extractall(site)  # our own package: its one ':' name is the point of the test

    page = context.new_page()
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    page.goto(http_server.url_for(site / "index.html"))
    link = page.get_by_role("link", name="Open")
    link.wait_for(state="visible")
    link.click()
    page.wait_for_timeout(500)  # an alert() run by the click has opened by now
    assert dialogs == []
    assert link.get_attribute("href") == "javascript%3Aalert(document.domain)"
    # The file has no type, so the browser downloads it rather than showing it: the request
    # for it is what shows that the click followed a link to the file.
    wanted = ("GET", f"/{target}/javascript%3Aalert(document.domain)", 200)
    deadline = time.monotonic() + 5
    while wanted not in http_server.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    assert wanted in http_server.requests, http_server.requests
