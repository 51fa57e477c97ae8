"""The preview's LMS page: accessible (axe-core, WCAG 2.1 A and AA) and shipped in the wheel."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, expect
from support.paths import NODE_MODULES, require
from support.ports import free_port
from support.preview_process import PreviewProcess
from support.web import guard_network
from support.wheel import built_wheel

STATIC = (
    "lms.html",
    "lms.css",
    "lms.js",
    "panel.js",
    "cmi-engine.js",
    "scorm12-api.js",
    "scorm2004-api.js",
    "lms-limits.js",
    "lms-successfactors.js",
    "lms-profiles.js",
)
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def test_the_lms_page_has_no_axe_violations(browser: Browser, course: Path) -> None:
    axe = require(NODE_MODULES / "axe-core" / "axe.min.js", "axe-core (node_modules)")
    preview = PreviewProcess(course, free_port())
    context = browser.new_context(bypass_csp=True, locale="en-CA")  # axe is added inline
    blocked: list[str] = []
    guard_network(context, blocked)
    try:
        page = context.new_page()
        page.goto(preview.url)
        expect(page.locator('#cmi tr[data-element="cmi.core.lesson_status"] td')).to_have_text(
            "incomplete"
        )
        page.evaluate("API.LMSSetValue('cmi.core.exit', 'later')")  # an error entry in the log
        expect(page.locator("#calls li.error")).to_have_count(1)
        page.add_script_tag(path=str(axe))
        violations = page.evaluate(
            """async (tags) => (await axe.run({exclude: [["#course"]]},
                 {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
               .violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target).join(" "))""",
            WCAG,
        )
        assert violations == [], json.dumps(violations, indent=1)
        passes = page.evaluate(
            "async () => (await axe.run({exclude: [['#course']]})).passes.length"
        )
        assert passes > 10  # axe did look at the page
        assert blocked == []
    finally:
        context.close()
        assert preview.stop() == 0


def test_the_wheel_ships_the_lms_page(tmp_path: Path) -> None:
    with zipfile.ZipFile(built_wheel(tmp_path)) as archive:
        names = set(archive.namelist())
    assert {f"builder/preview/static/{name}" for name in STATIC} <= names
