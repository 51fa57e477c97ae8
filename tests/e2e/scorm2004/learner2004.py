"""A learner taking a seed course in the 2004 harness, answering from the course's YAML.

Every answer the learner gives comes back as ``Answer``: the question, whether it was meant to
be right, and what a SCORM 2004 LMS must then record for it (``learner_response`` and
``correct_responses`` in 2004 formats, SCORM 2004 4th ed. RTE §4.2.9). Choice, matching and language
labels are read from the source and the theme's catalogues, as a person reads them on screen.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Frame, Locator, expect
from support.lms2004 import Scorm2004Session
from support.seed import catalogue

REPO = Path(__file__).resolve().parents[3]
FILL_IN_PATTERNS_MAX = 5  # correct_responses SPM for fill-in [SCORM 2004 4th ed. RTE §4.2.9.1]


def portable(pattern: str) -> bool:
    """A correct_responses pattern the runtime sends: none of the characters forma.lms refuses
    in SCORM 2004 identifiers (adapter-scorm2004.js PORTABLE_PATTERN, docs/lms-guide.md)."""
    return not re.search(r"[-_.!~*'()]", pattern)


@dataclass(frozen=True)
class SeedCourse:
    """One course of ``course_src/``, as its author wrote it."""

    slug: str

    @cached_property
    def spec(self) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load(
            (REPO / "course_src" / self.slug / "course.yml").read_text("utf-8")
        )
        return data

    @property
    def languages(self) -> list[str]:
        return list(self.spec["languages"])

    @property
    def page_ids(self) -> list[str]:
        return [str(m.get("page") or m.get("assessment")) for m in self.spec["modules"]]

    @property
    def assessment_id(self) -> str:
        return next(str(m["assessment"]) for m in self.spec["modules"] if "assessment" in m)

    @cached_property
    def assessment(self) -> dict[str, Any]:
        path = REPO / "course_src" / self.slug / "assessments" / f"{self.assessment_id}.yml"
        data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
        return data

    @property
    def questions(self) -> dict[str, dict[str, Any]]:
        return {str(q["id"]): q for q in self.assessment["questions"]}

    @property
    def asked(self) -> int:
        return int(self.assessment.get("draw") or len(self.questions))

    @property
    def attempts(self) -> int:
        return int(self.assessment["attempts"])

    @property
    def mastery(self) -> int:
        return int(self.spec.get("mastery_score", self.assessment["pass_mark"]))

    def score(self, right: int) -> int:
        """The percentage the runtime reports: rounded down."""
        return math.floor(100 * right / self.asked)


def scaled(score: int) -> str:
    """score.scaled as the runtime writes it: 87 -> "0.87", 100 -> "1"."""
    return f"{score / 100:g}"


@dataclass(frozen=True)
class Answer:
    qid: str
    qtype: str
    correct: bool
    response: str  # learner_response, 2004 format
    patterns: tuple[str, ...]  # correct_responses.n.pattern, 2004 format


@dataclass
class Learner:
    session: Scorm2004Session
    course: SeedCourse
    lang: str = "en"
    answered: list[Answer] = field(default_factory=list)

    @property
    def frame(self) -> Frame:
        return self.session.course

    def t(self, key: str) -> str:
        return catalogue(self.lang)[key]

    def current_page(self) -> str:
        shown = self.frame.locator(f"#cb-lang-{self.lang} > section.cb-page:not([hidden])")
        expect(shown).to_have_count(1)
        return str(shown.get_attribute("data-cb-page"))

    def expect_on(self, page_id: str) -> None:
        expect(self.frame.locator(f"#{self.lang}-{page_id}-h")).to_be_visible()
        assert self.current_page() == page_id

    def next(self) -> str:
        i = self.course.page_ids.index(self.current_page())
        self.frame.get_by_role("button", name=self.t("next"), exact=True).click()
        self.expect_on(self.course.page_ids[i + 1])
        return self.course.page_ids[i + 1]

    def visit_all(self) -> None:
        """From where the learner is, Next until the last page."""
        while self.current_page() != self.course.page_ids[-1]:
            self.next()

    def switch_language(self, lang: str) -> None:
        page_id = self.current_page()
        self.frame.locator(f'[data-cb-switch="{lang}"]').click()
        self.lang = lang
        expect(self.frame.locator("html")).to_have_attribute("lang", lang)
        self.expect_on(page_id)

    def exit(self) -> None:
        self.frame.get_by_role("button", name=self.t("exit"), exact=True).click()
        expect(self.frame.locator("#cb-status")).to_contain_text(self.t("session_ended"))

    # -- the assessment

    @property
    def quiz(self) -> Locator:
        return self.frame.locator(f"#{self.lang}-{self.course.assessment_id} form[data-cb-quiz]")

    def current_question(self) -> tuple[Locator, dict[str, Any]]:
        li = self.quiz.locator("[data-cb-q]:not([hidden])")
        expect(li).to_have_count(1)
        return li, self.course.questions[str(li.get_attribute("data-cb-q"))]

    def enter(self, correct: bool) -> Answer:
        """Give a right (or wrong) answer to the question shown, without checking it."""
        li, q = self.current_question()
        kind, lang = q["type"], self.lang
        if kind == "true-false":
            value = bool(q["answer"]) == correct
            li.locator(f'input[value="{"t" if value else "f"}"]').check()
            response, patterns = str(value).lower(), (str(bool(q["answer"])).lower(),)
        elif kind in ("single", "multiple"):
            ids = [str(c["id"]) for c in q["choices"]]
            right = [str(c["id"]) for c in q["choices"] if c.get("correct")]
            wrong = [i for i in ids if i not in right]
            picked = (
                right if correct else ([right[0], wrong[0]] if kind == "multiple" else wrong[:1])
            )
            for cid in ids:
                li.locator(f'input[value="{cid}"]').set_checked(cid in picked)
            response = "[,]".join(i for i in ids if i in picked)
            patterns = ("[,]".join(right),)
        elif kind == "fill-in":
            every = [a for language in self.course.languages for a in q["answers"][language]]
            accepted = list(dict.fromkeys(every))
            typed = q["answers"][lang][0].upper() if correct else "not the answer"
            li.locator("input").fill(typed)
            response = typed
            patterns = tuple(a for a in accepted if portable(a))[:FILL_IN_PATTERNS_MAX]
        elif kind == "matching":
            pairs = [(p["source"][lang], p["target"][lang]) for p in q["pairs"]]
            chosen = []
            for i, (source, target) in enumerate(pairs):
                label = json.dumps(source, ensure_ascii=False)
                row = li.locator(f"[data-cb-source]:has(label:text-is({label}))")
                sid = str(row.get_attribute("data-cb-source"))
                select = row.locator("select")
                pick = target if correct else pairs[(i + 1) % len(pairs)][1]
                select.select_option(label=pick)
                chosen.append(f"{sid}[.]{self._option(select, pick)}")
            response, patterns = "[,]".join(chosen), ()  # "[.]": not sent (portable)
        else:
            low = high = float(q["answer"]) if "answer" in q else None
            if low is None:
                low, high = float(q["min"]), float(q["max"])
            value = low if correct else high + 1
            li.locator("input").fill(f"{value:g}")
            response = f"{value:g}"
            exact = f"{low:g}[:]{high:g}"
            patterns = (exact,) if low == high and portable(exact) else ()
        return Answer(str(q["id"]), kind, correct, response, patterns)

    @staticmethod
    def _option(select: Locator, label: str) -> str:
        value: str = select.evaluate(
            "(s, label) => [...s.options].find(o => o.text === label).value", label
        )
        return value

    def check(self, answer: Answer) -> None:
        li, _ = self.current_question()
        li.locator("[data-cb-check]").click()
        verdict = li.locator("[data-cb-verdict]")
        expect(verdict).to_contain_text(self.t("correct" if answer.correct else "incorrect"))
        self.answered.append(answer)

    def onward(self) -> None:
        """After a check: the next question, or the result after the last one."""
        li, _ = self.current_question()
        following = li.locator("[data-cb-nextq]")
        if following.is_visible():
            following.click()
        else:
            li.locator("[data-cb-finish]").click()
            expect(self.quiz.locator("[data-cb-result]")).to_be_visible()

    def take_attempt(self, wrong: int = 0, start: int = 0) -> int:
        """Answer the questions of an attempt from question ``start`` (the first ``wrong`` of
        them wrongly), see the result; returns the score if none were answered before."""
        for n in range(start, self.course.asked):
            self.check(self.enter(correct=n >= wrong))
            self.onward()
        return self.course.score(self.course.asked - wrong)

    def retry(self) -> None:
        self.quiz.get_by_role("button", name=self.t("retry"), exact=True).click()
        expect(self.quiz.locator("[data-cb-result]")).to_be_hidden()
