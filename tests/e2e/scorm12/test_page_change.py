"""What one page change does on a long course (issue 16, the learner side at 100x): it touches
the two pages involved, not every page the course holds. The cost of a page change grew with the
course when Next read every menu entry (both languages) and re-hid every section already
fetched; here the player's work is watched, not timed."""

from __future__ import annotations

import pytest
import test_long_course
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.seed import SeedCourse
from test_long_course import expect_full_menu

# The long course of test_long_course.py, built once for this module too.
long_build = test_long_course.long_build
long_lms = test_long_course.long_lms

# Records, in the course frame, which menu entries the player reads or writes (by page id) and
# which sections' `hidden` it sets, until `__touched()` is called.
WATCH = """
() => {
  const menu = new Set(), sections = new Set();
  const closest = Element.prototype.closest, get = Element.prototype.getAttribute;
  const entry = (el) => el instanceof Element && closest.call(el, ".cb-nav [data-cb-goto]");
  const note = (el) => { const a = entry(el); if (a) menu.add(get.call(a, "data-cb-goto")); };
  const wrap = (proto, name) => {
    const original = proto[name];
    proto[name] = function (...args) { note(this); return original.apply(this, args); };
    return () => { proto[name] = original; };
  };
  const undo = [
    wrap(Element.prototype, "querySelector"), wrap(Element.prototype, "closest"),
    wrap(Element.prototype, "setAttribute"), wrap(Element.prototype, "removeAttribute"),
  ];
  const seen = new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === "hidden" && r.target.matches(".cb-page")) sections.add(r.target.id);
      note(r.target.nodeType === 1 ? r.target : r.target.parentElement);
    }
  });
  seen.observe(document, { subtree: true, attributes: true, characterData: true, childList: true });
  window.__touched = () => {
    seen.takeRecords().length; seen.disconnect(); undo.forEach((f) => f());
    return { menu: [...menu].sort(), sections: [...sections].sort() };
  };
}
"""


def touched_by(learner: Learner, action: str, lands_on: str) -> dict[str, list[str]]:
    """The menu entries and sections the player touched doing ``action`` (JavaScript) until the
    learner is on page ``lands_on``: the page may still be fetched after the click returns."""
    frame = learner.frame
    frame.evaluate(WATCH)
    frame.evaluate(action)
    learner.expect_on(lands_on)
    frame.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
    touched: dict[str, list[str]] = frame.evaluate("() => window.__touched()")
    return touched


@pytest.mark.parametrize("where", ["middle", "assessment"])
def test_a_page_change_touches_only_the_two_pages_involved(
    long_lms: tuple[SeedCourse, Scorm12LMS], where: str
) -> None:
    course, lms = long_lms
    learner = Learner(lms.launch(), course)
    frame = learner.frame
    expect_full_menu(frame, course)  # every entry of the long course is in the menu by now
    ids = course.page_ids
    last = len(ids) - 2 if where == "assessment" else len(ids) // 2
    for page in (1, 2, last):  # several sections fetched and shown
        frame.evaluate(f"() => window.CourseBuild.player.go({page})")
        learner.expect_on(ids[page])
    before, after = ids[last], ids[last + 1]
    touched = touched_by(learner, "() => document.querySelector('[data-cb-next]').click()", after)
    assert touched["menu"] == sorted({before, after})
    assert touched["sections"] == sorted({f"en_{before}", f"en_{after}"})
    assert isinstance(learner.session, LMSSession)
    assert learner.session.problems() == []
