"""`coursebuild preview` in Chromium: the author's loop, with the server as its own process."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support.ports import free_port
from support.preview_process import PreviewProcess


@pytest.fixture
def previews() -> Iterator[list[PreviewProcess]]:
    started: list[PreviewProcess] = []
    yield started
    for p in started:
        p.stop()


def cmi(page: Page, element: str) -> str:
    return page.locator(f'#cmi tr[data-element="{element}"] td').inner_text()


def expect_cmi(page: Page, element: str, value: str) -> None:
    expect(page.locator(f'#cmi tr[data-element="{element}"] td')).to_have_text(value, timeout=10000)


def current_page(page: Page) -> str:
    shown = page.frame_locator("#course").locator("#cb-lang-en > section.cb-page:not([hidden])")
    expect(shown).to_have_count(1, timeout=10000)
    return str(shown.get_attribute("data-cb-page"))


def test_the_author_loop(page: Page, course: Path, previews: list[PreviewProcess]) -> None:
    started = time.monotonic()
    first = PreviewProcess(course, free_port())
    previews.append(first)
    page.goto(first.url)
    expect(page.locator("#course-title")).to_have_text(re.compile("Social Media"))
    expect_cmi(page, "cmi.core.lesson_status", "incomplete")
    expect_cmi(page, "cmi.core.entry", "ab-initio")
    expect(page.locator('#calls li[data-method="LMSInitialize"]')).to_contain_text('"true"')
    assert current_page(page) == "intro"

    # A learner's clicks: two pages on; the panel follows.
    course_frame = page.frame_locator("#course")
    for expected in ("video", "dos"):
        course_frame.get_by_role("button", name="Next").first.click()
        expect_cmi(page, "cmi.core.lesson_location", expected)
    assert current_page(page) == "dos"

    # A value a strict LMS rejects: error 405 in the log, highlighted.
    assert page.evaluate("API.LMSSetValue('cmi.core.lesson_status', 'bogus')") == "false"
    assert page.evaluate("API.LMSGetLastError()") == "405"
    bad = page.locator('#calls li.error[data-error="405"]')
    expect(bad).to_have_count(1)
    expect(bad).to_contain_text('LMSSetValue("cmi.core.lesson_status", "bogus")')
    expect(bad).to_contain_text("Error 405 (Incorrect data type)")
    page.get_by_label("Errors and warnings only").check()
    expect(page.locator("#calls li")).to_have_count(1)

    # Leave: the course finishes its session and the LMS stores it.
    page.get_by_role("button", name="Exit course").click()
    expect(page.locator("#left")).to_be_visible()
    expect(page.locator("#last-save")).to_contain_text("LMSFinish stored")
    assert first.stop() == 0
    assert first.lines[-1] == "stopped"

    expect(page.locator("#build-status")).to_contain_text("not answering")

    # A new process on the same port: the open page finds it; the learner resumes on the same page.
    second = PreviewProcess(course, first.port)
    previews.append(second)
    if second.port == first.port:
        expect(page.locator("#build-status")).to_contain_text("Built navigating-social-media")
        page.get_by_role("button", name="Launch the course again").click()
    else:  # the port was taken in between: open the new address
        page.goto(second.url)
    expect_cmi(page, "cmi.core.entry", "resume")
    expect_cmi(page, "cmi.core.lesson_location", "dos")
    assert current_page(page) == "dos"
    assert cmi(page, "cmi.core.total_time") != "0000:00:00.00"

    # Reset learner: a fresh start.
    page.get_by_role("button", name="Reset learner").click()
    expect_cmi(page, "cmi.core.entry", "ab-initio")
    expect(page.locator("#session")).to_contain_text("Session1")
    assert current_page(page) == "intro"

    # An edit: the course reloads with it.
    intro = course / "modules" / "intro.en.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\nPreview edit 4821.\n", encoding="utf-8")
    expect(course_frame.get_by_text("Preview edit 4821.")).to_be_visible(timeout=15000)
    expect(page.locator("#build-status")).to_contain_text("modules/intro.en.md")
    second.wait_for("modules/intro.en.md changed: rebuilt")

    # A broken edit: its diagnostics instead of the course; the fix brings it back.
    yml = course / "course.yml"
    good = yml.read_text(encoding="utf-8")
    yml.write_text(good.replace("mastery_score:", "mastery_scor:"), encoding="utf-8")
    problems = page.locator("#problems")
    expect(problems).to_be_visible(timeout=15000)
    expect(problems).to_contain_text("navigating-social-media/course.yml:")
    expect(problems).to_contain_text("unknown-key")
    expect(page.locator("#build-status")).to_contain_text("Build failed")
    second.wait_for("build failed")
    yml.write_text(good, encoding="utf-8")
    expect(problems).to_be_hidden(timeout=15000)
    expect(course_frame.get_by_text("Preview edit 4821.")).to_be_visible(timeout=15000)
    assert second.stop() == 0
    print(f"author loop: {time.monotonic() - started:.1f} s")


def test_a_taken_port_is_said_and_the_next_one_used(course: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        preview = PreviewProcess(course, port)
        try:
            assert preview.port != port
            assert preview.lines[-1].startswith(
                f"port {port} is in use; serving on http://127.0.0.1:{preview.port}/"
            )
        finally:
            assert preview.stop() == 0
    assert "Traceback" not in preview.output


def test_a_cmi5_launch_plays_against_the_built_in_lms_and_lrs(
    page: Page, course: Path, previews: list[PreviewProcess]
) -> None:
    import json
    import urllib.request

    preview = PreviewProcess(course, free_port(), "cmi5")
    previews.append(preview)
    page.goto(preview.url)
    frame = page.frame_locator("#course")
    expect(frame.locator("#cb-status")).to_contain_text("Your progress is saved", timeout=15000)
    frame.get_by_role("button", name="Next").first.click()
    deadline = time.monotonic() + 15
    verbs: list[str] = []
    while time.monotonic() < deadline and "experienced" not in verbs:
        with urllib.request.urlopen(preview.url + "api/statements?after=0") as reply:
            stored = json.load(reply)["statements"]
        verbs = [s["statement"]["verb"]["id"].rsplit("/", 1)[-1] for s in stored]
        time.sleep(0.2)
    assert [s["error"] for s in stored if s["error"]] == []  # the built-in LRS took them all
    assert verbs[0] == "initialized", verbs
    assert "experienced" in verbs, verbs
    first = stored[0]["statement"]
    categories = [a["id"] for a in first["context"]["contextActivities"]["category"]]
    assert "https://w3id.org/xapi/cmi5/context/categories/cmi5" in categories
    assert first["context"]["registration"]
