"""The learner of ``learner.py`` without a mouse: Tab, Shift+Tab, Enter, Space, arrows, typing."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, Keyboard, Locator

from .learner import Learner
from .seed import TEXT_TYPES, Planned, Question


class KeyboardLearner(Learner):
    """The same learner without a mouse: Tab, Shift+Tab, Enter, Space, arrows, typing."""

    MAX_TABS = 120

    @property
    def keyboard(self) -> Keyboard:
        frame = self.frame
        return frame.page.keyboard if isinstance(frame, Frame) else frame.keyboard

    def press(self, key: str) -> None:
        self.keyboard.press(key)

    def tab_to(self, wanted: Any, *, back: bool = False, what: str = "") -> dict[str, Any]:
        """Press Tab (Shift+Tab) until ``wanted(focused)`` holds; fail after MAX_TABS."""
        for _ in range(self.MAX_TABS):
            self.press("Shift+Tab" if back else "Tab")
            now = self.focused()
            if now["inFrame"] and wanted(now):
                assert not now["hidden"], f"focus on a hidden element: {now}"
                return now
        raise AssertionError(f"Tab never reached {what or wanted}; focus is on {self.focused()}")

    def tab_to_button(self, label: str, *, back: bool = False) -> None:
        self.tab_to(
            lambda f: f["tag"] == "button" and f["text"] == label, back=back, what=repr(label)
        )

    def next(self) -> str:
        i = self.course.page_ids.index(self.current_page())
        self.tab_to_button(self.t("next"))
        self.press("Enter")
        page_id = self.course.page_ids[i + 1]
        self.expect_on(page_id)  # focus on the new page's heading
        return page_id

    def exit(self) -> None:
        self.tab_to_button(self.t("exit"), back=True)
        self.press("Enter")

    def checked_values(self, li: Locator) -> list[str]:
        values: list[str] = li.locator("input:checked").evaluate_all("els => els.map(e => e.value)")
        return values

    def enter(self, li: Locator, q: Question, plan: Planned) -> None:
        group = f"{self.lang}_{self.course.assessment_id}_q_{q.id}"
        if q.type in ("true-false", "single"):
            want = ("t" if plan.entry else "f") if q.type == "true-false" else plan.entry
            self.tab_to(lambda f: f["type"] == "radio" and f["name"] == group, what="the choices")
            self.press("Space")
            for _ in range(len(q.choices()) + 2):
                if self.checked_values(li) == [want]:
                    break
                self.press("ArrowDown")  # moves to the next choice and selects it
            assert self.checked_values(li) == [want]
        elif q.type == "multiple":
            f = self.tab_to(lambda f: f["type"] == "checkbox" and f["name"] == group)
            while f["type"] == "checkbox" and f["name"] == group:
                ticked = f["value"] in self.checked_values(li)
                if ticked != (f["value"] in plan.entry):
                    self.press("Space")
                self.press("Tab")
                f = self.focused()
            assert sorted(self.checked_values(li)) == sorted(plan.entry)
        elif q.type == "matching":
            for i, (_source, target) in enumerate(plan.entry):
                select_id = f"{group}_{i + 1}"
                self.tab_to(lambda f, s=select_id: f["id"] == s, what=select_id)
                select = li.locator(f"#{select_id}")
                for _ in range(len(plan.entry) + 2):
                    if select.evaluate("s => s.selectedOptions[0].text") == target:
                        break
                    self.press("ArrowDown")
                assert select.evaluate("s => s.selectedOptions[0].text") == target
        else:
            self.tab_to(lambda f: f["tag"] == "input" and f["name"] == group, what="the answer")
            self.keyboard.type(plan.entry)

    def check(self, li: Locator, plan: Planned) -> None:
        if plan.qtype in TEXT_TYPES:
            self.press("Enter")  # Enter in a text answer checks it
        else:
            self.tab_to_button(self.t("check"))
            self.press("Enter")
        self.expect_verdict(li, plan)
        assert self.focused()["q"] == plan.qid  # on the feedback of the question
        self.answered.append(plan)

    def onward(self) -> None:
        _, q = self.current_question()
        if self.question_number() < self.course.asked:
            self.tab_to_button(self.t("next_question"))
            self.press("Enter")
            self.expect_moved_from(q.id)
        else:
            self.tab_to_button(self.t("see_result"))
            self.press("Enter")
            self.expect_result_shown()
