"""`coursebuild preview --lms`: the page plays Moodle's or forma's documented behaviours."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from support.ports import free_port
from support.preview_process import PreviewProcess
from test_preview_browser import expect_cmi
from typer.testing import CliRunner

from builder.cli import app
from builder.preview import run
from builder.preview.profiles import LMS_PROFILES

REPO = Path(__file__).resolve().parents[2]
PROFILES_JS = REPO / "builder" / "preview" / "static" / "lms-profiles.js"


def test_the_command_takes_an_lms_profile_and_refuses_an_unknown_one(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []

    def run_preview(*args: Any, **kwargs: Any) -> int:
        seen.append(kwargs)
        return 0

    monkeypatch.setattr(run, "run_preview", run_preview)
    runner = CliRunner()
    for name in ("moodle", "forma", "strict"):
        result = runner.invoke(app, ["preview", str(course), "--lms", name, "--no-open"])
        assert result.exit_code == 0, result.output
    assert [k["lms"] for k in seen] == ["moodle", "forma", "strict"]
    assert runner.invoke(app, ["preview", str(course), "--no-open"]).exit_code == 0
    assert seen[-1]["lms"] == "strict"
    result = runner.invoke(app, ["preview", str(course), "--lms", "blackboard", "--no-open"])
    assert result.exit_code == 2
    said = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())  # rich's error box
    assert "'blackboard' is not one of 'strict', 'moodle', 'forma', 'edition2'" in said
    assert "Traceback" not in result.output
    help_text = runner.invoke(app, ["preview", "--help"]).output
    assert "--lms" in help_text and "forma" in help_text


def test_run_preview_refuses_an_unknown_profile(course: Path) -> None:
    said: list[tuple[str, bool]] = []
    assert run.run_preview(course, None, 0, False, lambda t, e: said.append((t, e)), lms="x") == 2
    expected = (
        "preview: unknown LMS profile 'x'; "
        "expected one of: strict, moodle, forma, edition2, successfactors"
    )
    assert said == [(expected, True)]


def test_the_python_side_knows_the_profiles_the_page_has() -> None:
    source = PROFILES_JS.read_text(encoding="utf-8")
    # each profile's title, or (edition2, successfactors) the profile of a file of its own
    own_file = r"(?:E2|SF)\.profile,?$"
    names = re.findall(r"^    (\w+): (?:\{\n      title:|" + own_file + ")", source, re.M)
    assert tuple(names) == LMS_PROFILES


def behaviours(page: Page) -> list[str]:
    said: list[str] = page.locator("#profile-behaviours li").evaluate_all(
        "items => items.map(li => li.dataset.behaviour)"
    )
    return said


def test_forma_in_the_page_refuses_identifiers_and_finishes_when_the_player_closes(
    page: Page, course: Path
) -> None:
    preview = PreviewProcess(course, free_port(), target="scorm2004", lms="forma")
    try:
        assert "LMS forma" in preview.output
        page.goto(preview.url)
        expect(page.locator("#profile-name")).to_have_text("forma")
        expect(page.locator("#lms-profile")).to_have_text("forma")
        assert behaviours(page) == [
            "forma-2004-identifier",
            "forma-close",
            "forma-after-finish",
            "forma-entry",
        ]
        close = page.locator('#profile-behaviours li[data-behaviour="forma-close"] cite')
        expect(close).to_contain_text("ScormApi.js")
        expect_cmi(page, "cmi.entry", "ab-initio")
        course_frame = page.frame_locator("#course")
        course_frame.get_by_role("button", name="Next").first.click()
        expect_cmi(page, "cmi.location", "video")

        assert page.evaluate("API_1484_11.SetValue('cmi.interactions.0.id', 'final-q1')") == "false"
        assert page.evaluate("API_1484_11.GetLastError()") == "406"
        refused = page.locator('#calls li[data-error="406"][data-profile="1"]')
        expect(refused).to_have_count(1)
        expect(refused).to_contain_text("Answered by the LMS profile")

        # Exit course: forma finishes with what it holds; the course has nothing new since its
        # last commit, so it sends none after that finish, and its Terminate sends nothing.
        page.get_by_role("button", name="Exit course").click()
        expect(page.locator("#left")).to_be_visible()
        expect(page.locator("#notes")).to_contain_text("stored this itself (forma-close)")
        expect(page.locator("#notes")).not_to_contain_text("after the LMS's own finish was stored")
        page.get_by_role("button", name="Launch the course again").click()
        expect_cmi(page, "cmi.entry", "resume")  # forma's own finish stands
        expect_cmi(page, "cmi.location", "video")
        expect(page.locator("#session")).to_contain_text("Session2")
    finally:
        assert preview.stop() == 0


def test_moodle_in_the_page_throws_on_exitall_after_storing(page: Page, course: Path) -> None:
    preview = PreviewProcess(course, free_port(), target="scorm2004", lms="moodle")
    try:
        page.goto(preview.url)
        expect(page.locator("#profile-name")).to_have_text("moodle")
        assert "moodle-2004-navrequest" in behaviours(page)
        expect_cmi(page, "cmi.entry", "ab-initio")
        expect(page.locator("#moodle-completion-completed")).to_have_text("not complete")
        expect(page.locator('#calls li[data-method="Initialize"]')).to_contain_text('"true"')
        assert page.evaluate("API_1484_11.SetValue('adl.nav.request', 'exitAll')") == "true"
        threw = page.evaluate(
            "() => { try { return API_1484_11.Terminate(''); }"
            " catch (e) { return e.name + ': ' + e.message; } }"
        )
        assert threw == "SyntaxError: Unexpected token '<'"
        assert page.evaluate("API_1484_11.GetLastError()") == "0"
        thrown = page.locator('#calls li[data-threw][data-method="Terminate"]')
        expect(thrown).to_have_count(1)
        expect(thrown).to_contain_text("threw SyntaxError")
        expect(page.locator("#last-save")).to_contain_text("Terminate stored")
        expect(page.locator("#api-state")).to_have_text("running")
    finally:
        assert preview.stop() == 0


def test_edition2_in_the_page_refuses_a_long_suspend_data_and_the_251st_interaction(
    page: Page, course: Path
) -> None:
    preview = PreviewProcess(course, free_port(), target="scorm2004", lms="edition2")
    try:
        assert "LMS edition2" in preview.output
        page.goto(preview.url)
        expect(page.locator("#profile-name")).to_have_text("edition2")
        assert behaviours(page) == ["edition2-suspend-data", "edition2-interactions"]
        source = page.locator('#profile-behaviours li[data-behaviour="edition2-suspend-data"] cite')
        expect(source).to_contain_text("scorm1_3.js.php")
        expect_cmi(page, "cmi.entry", "ab-initio")
        expect(page.locator('#calls li[data-method="Initialize"]')).to_contain_text('"true"')
        set_data = "API_1484_11.SetValue('cmi.suspend_data', 'x'.repeat({}))"
        assert page.evaluate(set_data.format(4001)) == "false"
        assert page.evaluate("API_1484_11.GetLastError()") == "406"
        assert page.evaluate(set_data.format(4000)) == "true"
        refused = page.locator('#calls li[data-error="406"][data-profile="1"]')
        expect(refused).to_have_count(1)
        for i in range(250):
            assert (
                page.evaluate(f"API_1484_11.SetValue('cmi.interactions.{i}.id', 'q{i}')") == "true"
            )
        assert page.evaluate("API_1484_11.SetValue('cmi.interactions.250.id', 'q250')") == "false"
        assert page.evaluate("API_1484_11.GetLastError()") == "351"
    finally:
        assert preview.stop() == 0
