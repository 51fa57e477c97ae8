"""The learner in a hurry: ``Learner``'s steps, each checking only what the next one needs."""

from __future__ import annotations

from collections.abc import Collection

from playwright.sync_api import Locator, expect

from .learner import Learner
from .seed import Planned, Question

# The brisk learner's click, in one round trip to the page: wait (polling, as `expect` does)
# until the element is visible and enabled, then click the element itself. A checkbox or radio
# button is clicked only if not checked yet, and must be checked after, as Playwright's `check`.
_CLICK_WHEN_USABLE = """async (el, [timeout, check]) => {
  const usable = () => el.isConnected && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden"
    && !el.matches(":disabled") && el.getAttribute("aria-disabled") !== "true";
  const end = performance.now() + timeout;
  while (!usable()) {
    if (performance.now() > end) throw new Error("not visible and enabled: " + el.outerHTML);
    await new Promise((later) => setTimeout(later, 10));
  }
  if (check && el.checked) return;  // as Playwright's `check`: already checked, left so
  el.click();
  if (check && !el.checked) throw new Error("clicked, yet not checked: " + el.outerHTML);
}"""
_USABLE_WITHIN_MS = 5000  # as `expect`'s default timeout


class BriskLearner(Learner):
    """The same learner in a hurry, for the many journeys of ``e2e/lms`` and the xAPI runs: each
    step checks only what the next one needs (the page or question shown, the result), not the
    focus, counters or verdict wording (``Learner``'s tests check those)."""

    def click(self, target: Locator) -> None:
        """As ``Learner.click`` (visible, enabled, then clicked), in one round trip instead of
        three. The click is the element's own, not the mouse's at the point where it was a
        moment before: under load the page can change between the two, and a mouse click aimed
        before the change lands on something else (a Check that never happened, seen when the
        status line still sat above the page and moved it as an LRS failed and recovered)."""
        target.evaluate(_CLICK_WHEN_USABLE, [_USABLE_WITHIN_MS, False])

    def tick(self, target: Locator) -> None:
        """Check a checkbox or radio button: ``click``, and it must be checked after."""
        target.evaluate(_CLICK_WHEN_USABLE, [_USABLE_WITHIN_MS, True])

    def current_page(self) -> str:
        shown = self.frame.locator(f"#cb-lang-{self.lang} > section.cb-page:not([hidden])")
        return str(shown.get_attribute("data-cb-page"))

    def expect_on(self, page_id: str, *, focused: bool = True) -> None:
        expect(self.heading(page_id)).to_be_visible()
        # usable, and recorded as seen, once the chunk it needs has loaded
        expect(self.frame.locator("#cb-main")).not_to_have_attribute("aria-busy", "true")

    def visit_all(self) -> list[str]:
        """From the page shown, Next to the last page."""
        ids = self.course.page_ids
        seen = ids[ids.index(self.current_page()) :]
        for page_id in seen[1:]:
            self.click(self.frame.locator(".cb-pager [data-cb-next]"))
            self.expect_on(page_id)
        return seen

    def go(self, page_id: str) -> None:
        menu = self.frame.locator(f'.cb-nav [data-cb-lang="{self.lang}"]')
        self.click(menu.locator(f'a[data-cb-goto="{page_id}"]'))
        self.expect_on(page_id)

    def current_question(self) -> tuple[Locator, Question]:
        li = self.quiz.locator("[data-cb-q]:not([hidden])")
        return li, self.course.questions[str(li.get_attribute("data-cb-q"))]

    def check(self, li: Locator, plan: Planned) -> None:
        self.click(li.locator("[data-cb-check]"))
        self.answered.append(plan)

    def take_attempt(self, wrong: int = 0, start: int = 0, wrong_ids: Collection[str] = ()) -> int:
        """As ``Learner.take_attempt``; the questions of ``wrong_ids`` are answered wrongly too,
        wherever the shuffle puts them."""
        right = 0  # in this call
        for n in range(start, self.course.asked):
            li, q = self.current_question()
            plan = q.plan(n >= wrong and q.id not in wrong_ids, self.lang, capitals=self.capitals)
            right += plan.correct
            self.enter(li, q, plan)
            self.check(li, plan)
            if n + 1 < self.course.asked:
                self.click(li.locator("[data-cb-nextq]"))
            else:
                self.click(li.locator("[data-cb-finish]"))
                expect(self.quiz.locator("[data-cb-result]")).to_be_visible()
        earlier = max(0, start - wrong)  # answered before, the first ``wrong`` of them wrongly
        return self.course.score(earlier + right, self.course.asked)

    def retry(self) -> None:
        self.click(self.quiz.locator("[data-cb-result] [data-cb-retry]"))
        expect(self.quiz.locator("[data-cb-result]")).to_be_hidden()
