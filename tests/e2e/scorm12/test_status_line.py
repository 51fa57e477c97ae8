"""The status line when a save fails, in real Chromium against scorm-again (SCORM 1.2).

A learner presses Next, then checks a knowledge check's answer, each time while the LMS refuses
the commit: the status line says so at once (its live region, ``role="status"``), then says
"saved" again once the runtime's retry is taken. Neither change may move the page the learner
is reading or answering (a layout shift), at desktop width, at 200 % zoom (a 1280 x 720 window:
640 x 360 CSS px) and at 320 CSS px wide [WCAG 2.1 SC 1.4.10], in English and in French (the
longer message); the failure is shown whole, with no horizontal scrolling, and is in the
accessibility tree [WCAG 2.1 SC 4.1.3]; axe finds nothing in the failed state. From 48em wide it
is held in view at the window's foot; narrower, it sits under the page, where it cannot cover a
third of the window [WCAG 2.2 SC 2.4.11].
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.paths import NODE_MODULES, require
from support.seed import SeedCourse

from builder.audit_browser import AXE_RUN, AXE_TAGS

COMMIT_RETRY_DELAY_MS = 400  # adapter-scorm12.js: the first retry waits this long
GENERAL_EXCEPTION = "101 \u2013 General Exception"  # scorm-again's LMSGetErrorString
VIEWPORTS = {"desktop": (1280, 720), "zoom-200": (640, 360), "320-wide": (320, 568)}
HELD_FROM = 768  # CSS px (48em): from this width the status line is held at the window's foot

# Where the learner's page is, in the document and on screen, and what the status line shows.
MEASURE = """(ids) => {
  const where = (id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    return {top: box.top + scrollY, left: box.left + scrollX, width: box.width};
  };
  const s = document.getElementById("cb-status");
  const box = s.getBoundingClientRect();
  const layout = document.querySelector(".cb-layout").getBoundingClientRect();
  return {
    page: ids.map(where), scrollY: scrollY, pageBottom: layout.bottom + scrollY,
    status: {text: s.textContent, top: box.top, bottom: box.bottom, height: box.height,
      documentTop: box.top + scrollY,
      clipped: s.scrollHeight > s.clientHeight || s.scrollWidth > s.clientWidth,
      shown: s.checkVisibility({visibilityProperty: true, opacityProperty: true}),
      inert: !!s.closest("[inert], [aria-hidden='true']")},
    pageWidth: document.documentElement.scrollWidth, viewport: [innerWidth, innerHeight]
  };
}"""


def measure(me: Learner, ids: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = me.frame.evaluate(MEASURE, ids)
    return result


def assert_said_in_view(state: dict[str, Any], text: str) -> None:
    """The status line shows ``text`` whole, with no sideways scrolling: inside the window from
    48em wide; narrower, under the page and no taller than half the window."""
    status = state["status"]
    width, height = state["viewport"]
    assert status["text"] == text
    assert status["shown"] and not status["clipped"] and not status["inert"], status
    if width >= HELD_FROM:
        assert status["top"] >= 0 and status["bottom"] <= height, (status, state["viewport"])
    else:
        assert status["documentTop"] >= state["pageBottom"] - 1, state
        assert status["height"] <= height / 2, (status, state["viewport"])
    assert state["pageWidth"] <= width, state  # reflow: no horizontal scrolling


def failed_then_saved(me: Learner, ids: list[str], act: Callable[[], object]) -> None:
    """The LMS refuses the commit of the learner's ``act``, then takes the runtime's retry: the
    status line says each at once, in view, and the page (elements ``ids``) stays where it was
    in the document. The scroll position follows the focus the runtime moves after ``act`` (to
    the next page's heading, to a verdict), then stays put while the retry is taken."""
    session = me.session
    assert isinstance(session, LMSSession)
    clock = session.page.context.clock
    before = measure(me, ids)
    # In seconds, a second ahead: nearer, a loaded machine can reach it before the call does.
    clock.pause_at(session.page.evaluate("() => Date.now() / 1000 + 1"))
    session.fail_commits(1)
    act()
    refused = me.t("save_refused", error=GENERAL_EXCEPTION)
    expect(me.frame.get_by_role("status")).to_have_text(refused)  # its live region
    failed = measure(me, ids)
    assert failed["page"] == before["page"]
    assert_said_in_view(failed, refused)
    clock.run_for(COMMIT_RETRY_DELAY_MS)  # the runtime tries again; the LMS takes it
    clock.resume()
    saved = me.t("tracking_on")
    expect(me.status()).to_have_text(saved)
    again = measure(me, ids)
    assert (again["page"], again["scrollY"]) == (before["page"], failed["scrollY"])
    assert_said_in_view(again, saved)
    commits = [(c.result, c.error) for c in session.calls("LMSCommit")]
    assert commits[-2:] == [("false", "101"), ("true", "0")]


@pytest.mark.parametrize("seed", ["navigating-social-media"], indirect=True)
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_a_failed_save_is_said_without_moving_the_page(
    lms: Scorm12LMS, seed: SeedCourse, lang: str, viewport: str
) -> None:
    width, height = VIEWPORTS[viewport]
    lms.context.clock.install()
    session = lms.launch()
    session.page.set_viewport_size({"width": width, "height": height})
    me = Learner.started(session, seed)
    if lang != "en":
        me.switch_language(lang)
    page_id, (_, questions) = next(iter(seed.checks.items()))
    me.go(seed.page_ids[seed.page_ids.index(page_id) - 1])
    expect(me.status()).to_have_text(me.t("tracking_on"))

    # Next, at the top of a page: the next page starts where this one did.
    failed_then_saved(me, ["cb-main"], lambda: me.next())

    # The learner has scrolled to a question and checks it: the page stays put around it.
    q = next(iter(questions.values()))
    li = me.check_box(page_id).locator(f'[data-cb-q="{q.id}"]')
    me.enter(li, q, q.plan(True, lang))
    check = me.button(li, "check")
    check.scroll_into_view_if_needed()
    ids = ["cb-main", f"{lang}_{page_id}_h", str(li.get_attribute("id"))]
    failed_then_saved(me, ids, lambda: me.click(check))

    # The LMS refuses a language switch and every retry: said in the other language, and the
    # page in that state passes axe (WCAG A/AA).
    session.fail_commits(4)
    me.switch_language("fr" if lang == "en" else "en")
    refused = me.t("save_refused", error=GENERAL_EXCEPTION)
    expect(me.frame.get_by_role("status")).to_have_text(refused)
    assert_said_in_view(measure(me, []), refused)
    me.frame.add_script_tag(path=str(require(NODE_MODULES / "axe-core" / "axe.min.js", "axe-core")))
    assert me.frame.evaluate(AXE_RUN, list(AXE_TAGS)) == []
    expect(me.frame.get_by_role("status")).to_have_text(refused)
