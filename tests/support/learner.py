"""The learner of every browser test: a page object that takes a course as a person does.

It reads the page as a learner does (roles, names, text from the theme's catalogues and the
course's source, ``seed.py``) and uses the mouse (``Learner``; in a hurry, ``BriskLearner`` of
``learner_brisk.py``) or the keyboard (``learner_keyboard.py``). It knows no standard: what an
LMS or LRS must have recorded is read by the tests, with their harnesses, from the answers it
gave (``answered``). Every step checks what the learner would see: the page's heading, where
the focus went, a question's verdict. Its pages are ``learner_pages.py``'s, its questions here.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, expect

from builder.model import interaction_id as lms_interaction_id

from .learner_pages import PageLearner, Shown, marked, press_next
from .seed import Planned, Question

__all__ = ["REFUSED", "RESULT_UNSAVED", "SAVED", "Learner", "Shown", "marked", "press_next"]


class Learner(PageLearner):
    """A learner with a mouse, who checks on the way all that a person sees: the pages, and
    the questions of the knowledge checks, the pre-test and the assessment."""

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

    def expect_answers_not_kept(self, pass_mark: int, attempts: str) -> Locator:
        """The result panel of a result the LMS keeps without its answers: the pass mark, the
        ``attempts`` string (``attempts_none``, ``attempts_unlimited``...), and that; the panel."""
        panel = self.quiz.locator("[data-cb-result]")
        lines = (self.t("result_pass_mark", **{"pass": pass_mark}), self.t(attempts))
        expect(panel.locator("[data-cb-result-text]")).to_have_text(
            " ".join((*lines, self.t("result_answers_lost")))
        )
        return panel

    def retry(self) -> None:
        self.click(self.button(self.quiz.locator("[data-cb-result]"), "retry"))
        expect(self.quiz.locator("[data-cb-result]")).to_be_hidden()
        assert self.question_number() == 1
        assert self.focused()["tag"] == "fieldset"


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
