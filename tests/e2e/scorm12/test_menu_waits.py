"""A long course's full menu waits for the page on screen (the first question at 100x: the table
of contents, 282 KB there, was fetched and parsed right after first paint, before the drawn
questions' files were even asked for). The player fetches ``pages/_contents.html`` once the page
shown is usable (its sections and, on the assessment, its drawn questions in place), and at once
when the learner opens the menu before that. In real Chromium against real SCORM 1.2, with a page
file that is slow to come (held), so that first paint has long passed when it does."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

import test_question_files_12
from playwright.sync_api import Frame, Page, Route, expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.seed import SeedCourse
from test_long_course import (
    CONTENTS,
    abort,
    expect_full_menu,
    hold,
    menu_ids,
    menu_link,
    wait_until,
)
from test_question_files_12 import FILES, drawn, goto

# The long course with a drawn pool split into question files, built once for this module too.
pool_build = test_question_files_12.pool_build
pool_lms = test_question_files_12.pool_lms

# In the course frame only: the learner goes to the assessment the moment Next is usable, as the
# menu's link does (bench/learner.py's "first question").
STRAIGHT_TO_ASSESSMENT = """
(() => {
  if (window === window.top) return;
  const mo = new MutationObserver(() => {
    const next = document.querySelector("[data-cb-next]");
    if (!document.documentElement.classList.contains("cb-js") || !next || next.disabled) return;
    mo.disconnect();
    const config = JSON.parse(document.getElementById("coursebuild-config").textContent);
    window.CourseBuild.player.go(config.pages.findIndex((p) => p.id === config.assessment.id));
  });
  mo.observe(document, { subtree: true, attributes: true, attributeFilter: ["class", "disabled"] });
})();
"""


def straight(page: Page) -> None:
    """A launch's ``prepare``: the learner goes to the assessment as soon as Next is usable."""
    page.add_init_script(STRAIGHT_TO_ASSESSMENT)


def watch(order: list[str], *then: Callable[[Page], None]) -> Callable[[Page], None]:
    """A launch's ``prepare``: every request's path, in the order the browser makes them."""

    def prepare(page: Page) -> None:
        page.on("request", lambda request: order.append(urlparse(request.url).path))
        for step in then:
            step(page)

    return prepare


def painted(frame: Frame) -> None:
    """The player has started and the frame has painted since (and a little more)."""
    frame.wait_for_function("document.documentElement.classList.contains('cb-js')")
    frame.evaluate(AFTER_TWO_FRAMES)


# Two animation frames and a task; or two seconds, in a frame that does not paint then (no
# animation frame comes there, and the wait would be the whole test's time-out).
AFTER_TWO_FRAMES = """() => new Promise(r => {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)));
  setTimeout(r, 2000);
})"""


def asked_for_contents(order: list[str]) -> list[int]:
    return [n for n, path in enumerate(order) if path.endswith(CONTENTS)]


def drawn_files(order: list[str]) -> list[int]:
    return [n for n, path in enumerate(order) if FILES in path]


def on_the_assessment(lms: Scorm12LMS, course: SeedCourse) -> list[str]:
    """A first session that leaves on the assessment, its attempt drawn: the drawn questions."""
    learner = Learner(lms.launch(), course)
    goto(learner, course.assessment_id)
    learner.current_question()
    return drawn(learner)


def slow_assessment(
    lms: Scorm12LMS, course: SeedCourse, order: list[str], *more: Callable[[Page], None]
) -> tuple[LMSSession, list[Route]]:
    """Resume on the assessment with its page file held until the test releases it."""
    held: list[Route] = []
    page_file = hold(f"**/pages/{course.assessment_id}.html", held)
    session = lms.relaunch(prepare=watch(order, *more, page_file))
    wait_until(session.course, lambda: len(held) == 1, "the request for the assessment's file")
    return session, held


def test_resumed_on_the_assessment_its_questions_come_before_the_menu(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = pool_lms
    asked = on_the_assessment(lms, course)
    order: list[str] = []
    session, held = slow_assessment(lms, course, order)
    frame = session.course
    painted(frame)
    assert asked_for_contents(order) == []  # first paint is long past: the page is not usable
    held[0].continue_()
    learner = Learner(session, course)
    learner.expect_on(course.assessment_id, focused=False)
    learner.current_question()
    assert drawn(learner) == asked
    expect_full_menu(frame, course)  # the menu still comes, whole, once the questions are there
    files, contents = drawn_files(order), asked_for_contents(order)
    assert sorted(order[n].rsplit("/", 1)[1][: -len(".html")] for n in files) == sorted(asked)
    assert len(contents) == 1 and max(files) < contents[0], order
    expect(menu_link(frame, "en", course.assessment_id)).to_have_attribute("aria-current", "page")
    assert session.problems() == []


def test_straight_to_the_assessment_its_questions_come_before_the_menu(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = pool_lms
    order: list[str] = []
    held: list[Route] = []

    page_file = hold(f"**/pages/{course.assessment_id}.html", held)
    session = lms.launch(prepare=watch(order, straight, page_file))
    frame = session.course
    wait_until(frame, lambda: len(held) == 1, "the request for the assessment's file")
    painted(frame)
    # the first page was usable at once, but the learner had already left it
    assert asked_for_contents(order) == []
    held[0].continue_()
    learner = Learner(session, course)
    learner.expect_on(course.assessment_id)
    learner.current_question()
    expect_full_menu(frame, course)
    files, contents = drawn_files(order), asked_for_contents(order)
    assert files and len(contents) == 1 and max(files) < contents[0], order
    assert session.problems() == []


def test_a_menu_opened_before_the_page_is_usable_is_filled_at_once(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = pool_lms
    on_the_assessment(lms, course)
    order: list[str] = []

    def narrow(page: Page) -> None:  # the menu starts closed, as on a phone
        page.set_viewport_size({"width": 600, "height": 900})

    session, held = slow_assessment(lms, course, order, narrow)
    frame = session.course
    learner = Learner(session, course)
    painted(frame)
    menu = frame.locator(".cb-menu")
    expect(menu).not_to_have_attribute("open", "")
    assert asked_for_contents(order) == []
    # by keyboard: the menu's summary, Enter
    summary = menu.locator("summary")
    summary.focus()
    session.page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    wait_until(frame, lambda: len(asked_for_contents(order)) == 1, "the contents, on demand")
    expect_full_menu(frame, course)
    assert learner.focused()["tag"] == "summary"  # the focus stayed where the learner had it
    # what a screen reader finds: in the menu, by its name, a module that came with the contents
    far = course.page_ids[-2]
    nav = frame.get_by_role("navigation", name=learner.t("menu"))
    link = nav.get_by_role("link").and_(menu_link(frame, "en", far))
    expect(link).to_be_visible()
    title, unseen = course.page_title(far, "en"), learner.t("menu_not_seen")
    expect(link).to_have_accessible_name(f"{title} {unseen}")
    assert not any(p.endswith(f"/pages/{far}.html") for p in order)  # not fetched yet
    link.focus()
    session.page.keyboard.press("Enter")
    learner.expect_on(far)  # while the assessment's own file is still on its way
    expect(menu).not_to_have_attribute("open", "")  # closed after the choice, narrow screen
    held[0].continue_()  # it comes late: the learner stays where they went
    frame.evaluate(AFTER_TWO_FRAMES)
    learner.expect_on(far)
    assert menu_ids(frame, "fr") == course.page_ids
    assert len(asked_for_contents(order)) == 1
    assert session.problems() == []


def test_a_page_that_cannot_load_leaves_the_learner_where_they_were_and_the_menu_comes(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    """The learner stays on the page they left, which is usable: the menu waits for no other."""
    course, lms = pool_lms
    order: list[str] = []
    tries: list[str] = []

    failing = abort(f"**/pages/{course.assessment_id}.html", tries)
    session = lms.launch(prepare=watch(order, straight, failing))
    frame = session.course
    learner = Learner(session, course)
    expect(frame.locator("#cb-status")).to_contain_text(learner.t("page_load_failed"))
    learner.expect_on(course.page_ids[0], focused=False)
    expect_full_menu(frame, course)
    assert tries and len(asked_for_contents(order)) == 1, order
    expect(menu_link(frame, "en", course.page_ids[0])).to_have_attribute("aria-current", "page")
