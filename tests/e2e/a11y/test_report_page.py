"""axe-core (the project's, from node_modules) in Debian's Chromium on the report's page, in
both languages, opened from a file as a training team would: no WCAG 2.1 A/AA violation, and
no request for anything but the file itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from support.paths import NODE_MODULES, REPO_ROOT, require

from builder.audit_browser import AXE_RUN, AXE_TAGS
from builder.report.page import render_page

FIXTURE = REPO_ROOT / "tests" / "report_page" / "report.json"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_page_has_no_wcag21_aa_violation(
    browser: Browser, tmp_path: Path, lang: str
) -> None:
    axe = require(NODE_MODULES / "axe-core" / "axe.min.js", "axe-core")
    index = tmp_path / "index.html"
    index.write_text(render_page(json.loads(FIXTURE.read_text("utf-8")), lang), "utf-8")
    context = browser.new_context(locale=f"{lang}-CA", service_workers="block")
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(index.as_uri(), wait_until="load")
        assert page.evaluate("() => document.documentElement.lang") == lang
        assert requested == [index.as_uri()]  # no style, font, image or script from elsewhere
        page.add_script_tag(path=str(axe))
        assert page.evaluate("() => typeof axe.run") == "function"
        violations = page.evaluate(AXE_RUN, list(AXE_TAGS))
    finally:
        context.close()
    assert violations == []
