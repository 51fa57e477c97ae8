"""The learner's pages: a course shown in an LMS or a page of its own, read and moved through as
a person does (roles, names, text from the theme's catalogues and the course's source); the
questions are ``learner.py``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Self

from playwright.sync_api import Frame, Locator, Page, expect

from builder.render.plural import say

from .lms_session import LMSSession
from .seed import Planned, SeedCourse, catalogue, phrase


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
class PageLearner:
    """A learner with a mouse on the pages of a course, who checks on the way all that a person
    sees (``Learner`` answers its questions too)."""

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
        self.click(tools.get_by_role("link", name=phrase(lang, "language_name"), exact=True))
        self.lang = lang
        expect(self.frame.locator("html")).to_have_attribute("lang", lang)
        self.expect_on(page_id, focused=False)

    def exit(self) -> None:
        self.click(self.button(self.frame.locator(".cb-tools"), "exit"))
