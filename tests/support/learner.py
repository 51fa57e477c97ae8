"""The learner of every browser test: a page object that takes a course as a person does.

It reads the page as a learner does (roles, names, text from the theme's catalogues and the
course's source, ``seed.py``) and uses the mouse (``Learner``, ``BriskLearner``) or the keyboard
(``learner_keyboard.py``). It knows no standard: what an LMS or LRS must have recorded is read
by the tests, with their harnesses, from the answers it gave (``answered``). Every step checks
what the learner would see: the page's heading, where the focus went, a question's verdict.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Self

from playwright.sync_api import Frame, Locator, Page, expect

from builder.model import interaction_id as lms_interaction_id
from builder.render.plural import say

from .lms import LMSSession
from .seed import Planned, Question, SeedCourse, catalogue


def marked(ok: bool, text: str) -> str:
    """What the runtime shows for a verdict: an icon (hidden from screen readers) and text."""
    return ("\u2713 " if ok else "\u2717 ") + text


def press_next(scope: Page | Frame) -> None:
    """Press Next and wait until the page it shows is usable: a page that needs a chunk is the
    current one at once, and recorded as seen once its chunk has loaded."""
    scope.locator("[data-cb-next]").click()
    expect(scope.locator("#cb-main")).not_to_have_attribute("aria-busy", "true")


@dataclass(frozen=True)
class Shown:
    """A course shown in a page (or frame) of its own, as an xAPI or cmi5 launch shows it."""

    course: Page | Frame


@dataclass
class Learner:
    """A learner with a mouse, who checks on the way all that a person sees."""

    session: LMSSession | Shown  # where the course is shown
    course: SeedCourse
    lang: str = "en"
    answered: list[Planned] = field(default_factory=list)  # every checked answer, in order
    capitals: bool = False  # types right text answers in capitals (the runtime ignores case)

    @classmethod
    def at(cls, where: Page | Frame, course: SeedCourse, lang: str = "en") -> Self:
        """The learner of a course shown in ``where`` without an LMS frame around it."""
        return cls(Shown(where), course, lang)

    @classmethod
    def started(
        cls, where: LMSSession | Page | Frame, course: SeedCourse, lang: str = "en"
    ) -> Self:
        """The learner of a course launched in an LMS session, or shown in a page or frame of its
        own, once it has started (``wait_started``)."""
        me = cls(where if isinstance(where, LMSSession) else Shown(where), course, lang)
        me.wait_started()
        return me

    # -- what the learner sees

    @property
    def frame(self) -> Page | Frame:
        return self.session.course

    def wait_started(self) -> None:
        """Until player.js has started (after the adapter's prepare: the LMS or LRS answered)
        and the page it shows is usable: a resumed page that needs a part is seen once it loads."""
        self.frame.wait_for_function("document.documentElement.classList.contains('cb-js')")
        expect(self.frame.locator("#cb-main")).not_to_have_attribute("aria-busy", "true")

    def t(self, key: str, **values: Any) -> str:
        return say(catalogue(self.lang)[key], self.lang, **values)

    def section(self, page_id: str) -> Locator:
        return self.frame.locator(f"#{self.lang}_{page_id}")

    def heading(self, page_id: str) -> Locator:
        return self.frame.locator(f"#{self.lang}_{page_id}_h")

    def current_page(self) -> str:
        shown = self.frame.locator(f"#cb-lang-{self.lang} > section.cb-page:not([hidden])")
        expect(shown).to_have_count(1)
        return str(shown.get_attribute("data-cb-page"))

    def status(self) -> Locator:
        return self.frame.locator("#cb-status")

    def focused(self) -> dict[str, Any]:
        """The element that has the keyboard focus in the course frame."""
        info: dict[str, Any] = self.frame.evaluate(
            """() => {
                 const e = document.activeElement;
                 return {
                   inFrame: document.hasFocus(), tag: e ? e.tagName.toLowerCase() : "",
                   id: (e && e.id) || "", type: (e && e.type) || "", name: (e && e.name) || "",
                   value: e && "value" in e ? String(e.value) : "",
                   text: e ? (e.innerText || "").trim() : "", hidden: e ? !e.offsetParent : true,
                   q: e && e.closest("[data-cb-q]") ? e.closest("[data-cb-q]").dataset.cbQ : ""
                 };
               }"""
        )
        return info

    def expect_on(self, page_id: str, *, focused: bool = True) -> None:
        """The page is shown (alone), titled as in the source, and its heading has the focus."""
        heading = self.heading(page_id)
        expect(heading).to_be_visible()
        expect(heading).to_have_text(self.course.page_title(page_id, self.lang))
        assert self.current_page() == page_id
        n = self.course.page_ids.index(page_id) + 1
        total = len(self.course.page_ids)
        expect(self.frame.locator("[data-cb-pageof]")).to_have_text(
            self.t("page_of", n=n, total=total)
        )
        # ready: a page that needs a chunk is current at once, usable once the chunk has loaded
        expect(self.frame.locator("#cb-main")).not_to_have_attribute("aria-busy", "true")
        if focused:
            assert self.focused()["id"] == f"{self.lang}_{page_id}_h", self.focused()

    def expect_seen(self, seen: set[str]) -> None:
        """The progress bar and the menu count exactly the pages in ``seen``."""
        total = len(self.course.page_ids)
        expect(self.frame.locator("#cb-progress-text")).to_have_text(
            self.t("progress_text", seen=len(seen), total=total)
        )
        menu = self.frame.locator(f'nav [data-cb-lang="{self.lang}"]')
        for pid in self.course.page_ids:
            mark = self.t("menu_seen" if pid in seen else "menu_not_seen")
            expect(menu.locator(f'[data-cb-goto="{pid}"] [data-cb-seen]')).to_have_text(mark)

    # -- acting

    def click(self, target: Locator) -> None:
        """A learner's click on something they can see and use. The visibility and enabled
        checks are explicit; ``force`` spares Playwright's wait for two stable animation
        frames (about 40 ms a click, most of the suite's time) and still clicks with the mouse
        where the element is."""
        expect(target).to_be_visible()
        expect(target).to_be_enabled()
        target.click(force=True)

    def tick(self, target: Locator) -> None:
        """Check a checkbox or radio button with the mouse (Playwright verifies it is checked)."""
        target.check(force=True)

    def button(self, scope: Page | Frame | Locator, key: str) -> Locator:
        return scope.get_by_role("button", name=self.t(key), exact=True)

    # -- moving around

    def next(self) -> str:
        """Press Next; returns the page now shown."""
        i = self.course.page_ids.index(self.current_page())
        self.click(self.button(self.frame.locator(".cb-pager"), "next"))
        page_id = self.course.page_ids[i + 1]
        self.expect_on(page_id)
        return page_id

    def visit_all(self) -> list[str]:
        """From the first page, Next to the last; returns the pages in the order seen."""
        seen = [self.current_page()]
        while seen[-1] != self.course.page_ids[-1]:
            seen.append(self.next())
        expect(self.button(self.frame.locator(".cb-pager"), "next")).to_be_disabled()
        return seen

    def go(self, page_id: str) -> None:
        """Open a page from the course menu."""
        title = self.course.page_title(page_id, self.lang)
        menu = self.frame.get_by_role("navigation", name=self.t("menu"))
        name = re.compile("^" + r"\s+".join(re.escape(word) for word in title.split()))
        self.click(menu.get_by_role("link", name=name))
        self.expect_on(page_id)

    def switch_language(self, lang: str) -> None:
        page_id = self.current_page()
        tools = self.frame.locator(".cb-tools")
        self.click(tools.get_by_role("link", name=catalogue(lang)["language_name"], exact=True))
        self.lang = lang
        expect(self.frame.locator("html")).to_have_attribute("lang", lang)
        self.expect_on(page_id, focused=False)

    def exit(self) -> None:
        self.click(self.button(self.frame.locator(".cb-tools"), "exit"))

    # -- a page's knowledge check

    def check_box(self, page_id: str) -> Locator:
        return self.section(page_id).locator("[data-cb-kc]")

    def answer_check(self, page_id: str, correct: bool) -> list[tuple[str, Planned]]:
        """Answer each question of the knowledge check of the page shown, right or wrong, and
        check it; returns (interaction id, answer) for each, in order."""
        check_id, questions = self.course.checks[page_id]
        box = self.check_box(page_id)
        expect(box.get_by_role("heading", level=2)).to_have_text(self.t("check_heading"))
        done = []
        for q in questions.values():
            li = box.locator(f'[data-cb-q="{q.id}"]')
            plan = q.plan(correct, self.lang, capitals=self.capitals)
            self.enter(li, q, plan)
            self.click(self.button(li, "check"))
            self.expect_verdict(li, plan)
            expect(self.button(li, "check_try_again")).to_be_visible()
            done.append((lms_interaction_id(check_id, q.id), plan))
        return done

    def retry_check(self, page_id: str, qid: str) -> None:
        """Clear one checked question of the page's knowledge check, to answer it again."""
        li = self.check_box(page_id).locator(f'[data-cb-q="{qid}"]')
        self.click(self.button(li, "check_try_again"))
        expect(li.locator("fieldset")).to_be_enabled()
        expect(li.locator("[data-cb-verdict]")).to_be_hidden()
        assert self.focused()["tag"] == "fieldset"

    # -- the pre-test

    @property
    def pretest_form(self) -> Locator:
        assert self.course.pretest is not None
        return self.section(self.course.pretest[0]).locator("form[data-cb-pretest]")

    def take_pretest(self, correct: bool) -> list[tuple[str, Planned]]:
        """Answer every question the pre-test asks, right or wrong, and submit them; check the
        result the learner is told; returns (interaction id, answer) for each, in order asked."""
        assert self.course.pretest is not None
        pretest_id, questions, _ = self.course.pretest
        form = self.pretest_form
        asked = form.locator("[data-cb-q]:not([hidden])")
        expect(asked.first).to_be_visible()
        done = []
        for qid in [str(li.get_attribute("data-cb-q")) for li in asked.all()]:
            q = questions[qid]
            plan = q.plan(correct, self.lang, capitals=self.capitals)
            self.enter(form.locator(f'[data-cb-q="{qid}"]'), q, plan)
            done.append((lms_interaction_id(pretest_id, qid), plan))
        self.click(self.button(form, "submit"))
        right = len(done) if correct else 0
        self.expect_pretest_result(right, len(done), 100 if correct else 0)
        for _, plan in done:
            self.expect_verdict(form.locator(f'[data-cb-q="{plan.qid}"]'), plan)
        return done

    def expect_pretest_result(self, right: int, asked: int, score: int) -> None:
        """The pre-test's result: its score, and that it is not counted."""
        panel = self.pretest_form.locator("[data-cb-result]")
        expect(panel).to_be_visible()
        expect(panel.locator("[data-cb-result-score]")).to_have_text(
            self.t("pretest_score", n=right, total=asked, score=score)
        )
        expect(panel.locator("[data-cb-result-text]")).to_contain_text(
            self.t("pretest_not_counted")
        )
        expect(self.button(self.pretest_form, "submit")).to_be_hidden()

    # -- the assessment

    @property
    def quiz(self) -> Locator:
        return self.section(self.course.assessment_id).locator("form[data-cb-quiz]")

    def current_question(self) -> tuple[Locator, Question]:
        """The question shown (one at a time) and its source."""
        li = self.quiz.locator("[data-cb-q]:not([hidden])")
        expect(li).to_have_count(1)
        q = self.course.questions[str(li.get_attribute("data-cb-q"))]
        expect(li.locator(".cb-prompt")).to_have_text(q.prompt(self.lang))
        return li, q

    def enter(self, li: Locator, q: Question, plan: Planned) -> None:
        """Give an answer without checking it."""
        if q.type == "true-false":
            label = self.t("true" if plan.entry else "false")
            self.tick(li.get_by_role("radio", name=label, exact=True))
        elif q.type == "single":
            text = q.choice_text(plan.entry, self.lang)
            self.tick(li.get_by_role("radio", name=text, exact=True))
        elif q.type == "multiple":
            for c in q.choices():
                box = li.get_by_role(
                    "checkbox", name=q.choice_text(str(c["id"]), self.lang), exact=True
                )
                if str(c["id"]) in plan.entry:
                    self.tick(box)
        elif q.type == "matching":
            for source, target in plan.entry:
                li.get_by_label(source, exact=True).select_option(label=target, force=True)
        else:
            li.get_by_label(self.t("your_answer"), exact=True).fill(plan.entry, force=True)

    def expect_entered(self, li: Locator, q: Question, plan: Planned) -> None:
        """The answer shows as given (after a resume, say)."""
        if q.type == "true-false":
            label = self.t("true" if plan.entry else "false")
            expect(li.get_by_role("radio", name=label, exact=True)).to_be_checked()
        elif q.type == "single":
            text = q.choice_text(plan.entry, self.lang)
            expect(li.get_by_role("radio", name=text, exact=True)).to_be_checked()
        elif q.type == "multiple":
            for c in q.choices():
                box = li.get_by_role(
                    "checkbox", name=q.choice_text(str(c["id"]), self.lang), exact=True
                )
                expect(box).to_be_checked(checked=str(c["id"]) in plan.entry)
        elif q.type == "matching":
            for source, target in plan.entry:
                select = li.get_by_label(source, exact=True)
                assert select.evaluate("s => s.selectedOptions[0].text") == target
        else:
            expect(li.get_by_label(self.t("your_answer"), exact=True)).to_have_value(plan.entry)

    def expect_verdict(self, li: Locator, plan: Planned) -> None:
        verdict = li.locator("[data-cb-verdict]")
        key = "correct" if plan.correct else "incorrect"
        expect(verdict).to_have_text(marked(plan.correct, self.t(key)))
        if plan.qtype == "matching" and not self.course.reveal:  # no pair marked
            expect(li.locator(".cb-match [data-cb-mark]")).to_have_text([""] * len(plan.entry))
        elif plan.qtype == "matching":  # each pair marked; a wrong one names its right match
            right = dict(self.course.questions[plan.qid].pairs(self.lang))
            for source, chosen in plan.entry:
                ok = chosen == right[source]
                said = self.t("correct") if ok else self.t("match_incorrect", answer=right[source])
                row = li.locator(".cb-match").filter(
                    has=self.frame.get_by_label(source, exact=True)
                )
                expect(row.locator("[data-cb-mark]")).to_have_text(marked(ok, said))
        expect(li.locator("fieldset")).to_have_attribute("disabled", "")  # locked
        expect(li.locator("input, select").first).to_be_disabled()

    # -- ordering and survey (likert) questions, by their texts

    def question(self, qid: str) -> Locator:
        """A question of the assessment, by its id."""
        return self.quiz.locator(f'[data-cb-q="{qid}"]')

    def order_shown(self, li: Locator) -> list[str]:
        """An ordering question's items, top to bottom, as the learner reads them."""
        return li.locator(".cb-order-text").all_inner_texts()

    def move(self, li: Locator, item: str, key: str, *, keyboard: bool = False) -> None:
        """Move an item one place with its "Move up" or "Move down" button (``key``), clicked
        or (``keyboard``) focused and pressed with Enter, then check what the learner is told
        and that the focus stayed on that item."""
        row = li.locator(".cb-order-item").filter(has_text=item)
        before = self.order_shown(li)
        button = self.button(row, key)
        if keyboard:
            expect(button).to_be_enabled()
            button.focus()
            button.press("Enter")
        else:
            self.click(button)
        to = before.index(item) + (-1 if key == "move_up" else 1)
        expect(li.locator("[data-cb-order-live]")).to_have_text(
            self.t("order_moved", item=item, n=to + 1, total=len(before))
        )
        assert self.order_shown(li)[to] == item
        focused = self.frame.evaluate(
            "() => document.activeElement.closest('.cb-order-item').innerText"
        )
        assert item in focused, focused

    def put_in_order(self, li: Locator, items: list[str]) -> None:
        """Move items up, one place at a time, until they read as ``items``."""
        for place, item in enumerate(items):
            while self.order_shown(li).index(item) > place:
                self.move(li, item, "move_up")
        assert self.order_shown(li) == items

    def rate(self, li: Locator, label: str) -> None:
        """Choose a point of a survey (likert) question's scale, by its label."""
        self.tick(li.get_by_role("radio", name=label, exact=True))

    def submit_all(self) -> None:
        """Submit every answer of an assessment shown all at once."""
        self.click(self.button(self.quiz, "submit"))
        self.expect_result_shown()

    def check(self, li: Locator, plan: Planned) -> None:
        self.click(self.button(li, "check"))
        self.expect_verdict(li, plan)
        self.answered.append(plan)

    def expect_no_verdict(self, li: Locator) -> None:
        """Nothing in the question says right or wrong: no verdict, no mark, no feedback."""
        expect(li.locator("[data-cb-verdict]")).to_have_text("")
        expect(li.locator("[data-cb-mark]")).to_have_text(
            [""] * li.locator("[data-cb-mark]").count()
        )
        expect(
            li.locator("[data-cb-fb]:not([hidden]), [data-cb-choice-fb]:not([hidden])")
        ).to_have_count(0)
        expect(li.locator("[data-cb-feedback]")).to_have_attribute("aria-live", "off")

    def move_on(self, plan: Planned) -> None:
        """With feedback after the attempt (or never): Next, or See result after the last
        question, takes the answer as it is, and nothing says whether it was right."""
        shown, q = self.current_question()
        li = self.quiz.locator(f'[data-cb-q="{q.id}"]')
        last = self.question_number() == self.course.asked
        self.expect_no_verdict(li)
        self.click(self.button(shown, "see_result" if last else "next_question"))
        self.answered.append(plan)
        if last:
            self.expect_result_shown()
        else:
            self.expect_no_verdict(li)
            self.expect_moved_from(q.id)

    def give(self, correct: bool) -> Planned:
        """Answer the question shown, right or wrong, without checking it."""
        li, q = self.current_question()
        plan = q.plan(correct, self.lang, capitals=self.capitals)
        self.enter(li, q, plan)
        return plan

    def answer_current(self, correct: bool) -> Planned:
        """Answer the question shown, right or wrong, and check it."""
        plan = self.give(correct)
        self.check(self.current_question()[0], plan)
        return plan

    def question_number(self) -> int:
        """1-based position of the question shown, read from "Question n of k"."""
        li, _ = self.current_question()
        text = li.locator("[data-cb-qnum]").inner_text()
        m = re.search(r"\d+", text)
        assert m, text
        assert text == self.t("question_of", n=int(m.group()), total=self.course.asked)
        return int(m.group())

    def onward(self) -> None:
        """After a check: the next question (its group gets the focus), or the result after
        the last one (its heading gets the focus)."""
        li, q = self.current_question()
        if self.question_number() < self.course.asked:
            self.click(self.button(li, "next_question"))
            self.expect_moved_from(q.id)
        else:
            self.click(self.button(li, "see_result"))
            self.expect_result_shown()

    def expect_moved_from(self, qid: str) -> None:
        _, q = self.current_question()
        assert q.id != qid
        focus = self.focused()
        assert (focus["tag"], focus["q"]) == ("fieldset", q.id), focus

    def expect_result_shown(self) -> None:
        expect(self.quiz.locator("[data-cb-result]")).to_be_visible()
        assert self.focused()["text"] == self.t("result_heading")

    def take_attempt(self, wrong: int = 0, start: int = 0) -> int:
        """Answer the questions of an attempt from question ``start`` (the first ``wrong`` of
        them wrongly) and see the result; returns the score the learner should see if none
        was answered before."""
        expect(self.quiz.locator("[data-cb-quiz-intro]")).to_contain_text(
            self.t("quiz_intro", count=self.course.asked, **{"pass": self.course.pass_mark})
        )
        for n in range(start, self.course.asked):
            assert self.question_number() == n + 1
            self.answer_current(correct=n >= wrong)
            self.onward()
        return self.course.score(self.course.asked - wrong, self.course.asked)

    def expect_result(self, score: int, *, attempts_left: int | None) -> None:
        """The result panel: score, pass or fail, pass mark, attempts left, retry or not."""
        passed = score >= self.course.pass_mark
        panel = self.quiz.locator("[data-cb-result]")
        verdict = self.t("result_passed" if passed else "result_failed")
        expect(panel.locator("[data-cb-result-score]")).to_have_text(
            marked(passed, f"{self.t('result_score', score=score)} \u2013 {verdict}")
        )
        lines = [self.t("result_pass_mark", **{"pass": self.course.pass_mark})]
        if attempts_left is not None:
            lines.append(
                self.t("attempts_left", n=attempts_left)
                if attempts_left
                else self.t("attempts_none")
            )
        lines.append(
            self.t("result_answers" if self.course.feedback == "never" else "result_review")
        )
        expect(panel.locator("[data-cb-result-text]")).to_have_text(" ".join(lines))
        retry = panel.get_by_role("button", name=self.t("retry"), exact=True)
        if attempts_left:
            expect(retry).to_be_visible()
        else:
            expect(retry).to_be_hidden()

    def retry(self) -> None:
        self.click(self.button(self.quiz.locator("[data-cb-result]"), "retry"))
        expect(self.quiz.locator("[data-cb-result]")).to_be_hidden()
        assert self.question_number() == 1
        assert self.focused()["tag"] == "fieldset"


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


# What the learner reads while the LMS refuses the data (issue 13 #7), and once it takes it
# again; {error} is the LMS's code and text, as "405 \u2013 Incorrect Data Type".
REFUSED = {
    "en": "Your progress is not saved yet: your learning platform refused it (error {error}). "
    "Keep this window open: the course will try again. If this message stays, tell your "
    "administrator.",
    "fr": "Votre progression n'est pas encore enregistrée\u00a0: votre plateforme "
    "d'apprentissage l'a refusée (erreur {error}). Gardez cette fenêtre ouverte\u00a0: "
    "le cours réessaiera. Si ce message reste affiché, prévenez votre administrateur.",
}
SAVED = {
    "en": "Your progress is saved in your learning platform.",
    "fr": "Votre progression est enregistrée dans votre plateforme d'apprentissage.",
}
RESULT_UNSAVED = {
    "en": "Your learning platform has not saved this result yet. Keep this window open: the "
    "course will try again.",
    "fr": "Votre plateforme d'apprentissage n'a pas encore enregistré ce résultat. "
    "Gardez cette fenêtre ouverte\u00a0: le cours réessaiera.",
}
