"""What the browser tests know about a course, read from its source (a seed of ``course_src/``,
a fixture course, or one a test writes).

Nothing here comes from the built package: the course's YAML and Markdown say which pages
exist, what they are called, which answers are right, and therefore what an LMS must record
when a learner gives a right or a wrong answer: a SCORM 1.2 student_response and
correct_responses patterns [SCORM 1.2 RTE §3.4 CMIFeedback], or a SCORM 2004
learner_response and correct_responses [SCORM 2004 4th ed. RTE §4.2.9].
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from builder.model import interaction_id as lms_interaction_id

REPO = Path(__file__).resolve().parents[2]
COURSE_SRC = REPO / "course_src"
CATALOGUES = REPO / "templates" / "theme" / "i18n"
SEED_SLUGS = ("navigating-social-media", "social-media-at-work")

# SCORM 1.2 cmi.interactions.n.type per question type [SCORM 1.2 RTE §3.4].
SCORM12_TYPE = {
    "true-false": "true-false",
    "single": "choice",
    "multiple": "choice",
    "fill-in": "fill-in",
    "matching": "matching",
    "numeric": "numeric",
}
TEXT_TYPES = ("fill-in", "numeric")
MATCHING_SOURCE_IDS = "123456789"
MATCHING_TARGET_IDS = "abcdefghijklmnopqrstuvwxyz"
FILL_IN_PATTERNS_MAX = 5  # correct_responses SPM for fill-in [SCORM 2004 4th ed. RTE §4.2.9.1]


def localized(value: Any, lang: str) -> str:
    """A text of the source: one per language (a mapping), or the same in every language."""
    return str(value[lang] if isinstance(value, dict) else value)


def portable(pattern: str) -> bool:
    """A SCORM 2004 correct_responses pattern the runtime sends: none of the characters forma.lms
    refuses in identifiers (adapter-scorm2004.js PORTABLE_PATTERN, docs/lms-guide.md)."""
    return not re.search(r"[-_.!~*'()]", pattern)


def scaled(score: int) -> str:
    """SCORM 2004 score.scaled as the runtime writes it: 87 -> "0.87", 100 -> "1"."""
    return f"{score / 100:g}"


def front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    _, head, _ = text.split("---", 2)
    data: dict[str, Any] = yaml.safe_load(head)
    return data


@functools.cache
def catalogue(lang: str) -> dict[str, str | dict[str, str]]:
    text = (CATALOGUES / f"{lang}.json").read_text(encoding="utf-8")
    data: dict[str, str | dict[str, str]] = json.loads(text)
    return data


def phrase(lang: str, key: str) -> str:
    """A catalogue string that is one text (not a plural's forms)."""
    text = catalogue(lang)[key]
    assert isinstance(text, str), f"{lang}.json {key}: expected a text, found {text!r}"
    return text


def number(x: float) -> str:
    """A number as the runtime writes it (CMIDecimal, no trailing ".0")."""
    return f"{x:g}"


@dataclass(frozen=True)
class Planned:
    """One answer a learner is about to give, and what the LMS must then record."""

    qid: str
    qtype: str
    correct: bool
    entry: Any  # bool | choice id | [choice ids] | typed text | [(source label, target label)]
    response: str  # cmi.interactions.n.student_response, SCORM 1.2 format


@dataclass(frozen=True)
class Question:
    data: dict[str, Any]
    languages: tuple[str, ...]

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def type(self) -> str:
        return str(self.data["type"])

    @property
    def scorm_type(self) -> str:
        return SCORM12_TYPE[self.type]

    def prompt(self, lang: str) -> str:
        return localized(self.data["prompt"], lang)

    def choices(self) -> list[dict[str, Any]]:
        return list(self.data.get("choices") or [])

    def right_ids(self) -> list[str]:
        return [str(c["id"]) for c in self.choices() if c.get("correct")]

    def wrong_ids(self) -> list[str]:
        return [str(c["id"]) for c in self.choices() if not c.get("correct")]

    def choice_text(self, cid: str, lang: str) -> str:
        return next(localized(c["text"], lang) for c in self.choices() if str(c["id"]) == cid)

    def accepted(self, lang: str) -> list[str]:
        answers = self.data["answers"]
        return [str(a) for a in (answers[lang] if isinstance(answers, dict) else answers)]

    def pairs(self, lang: str) -> list[tuple[str, str]]:
        return [
            (localized(p["source"], lang), localized(p["target"], lang)) for p in self.data["pairs"]
        ]

    def numeric_range(self) -> tuple[float, float]:
        if "answer" in self.data:
            return float(self.data["answer"]), float(self.data["answer"])
        return float(self.data["min"]), float(self.data["max"])

    def patterns(self) -> list[str]:
        """cmi.interactions.n.correct_responses.*.pattern, in order, SCORM 1.2 format."""
        if self.type == "true-false":
            return ["t" if self.data["answer"] else "f"]
        if self.type in ("single", "multiple"):
            return [",".join(self.right_ids())]
        if self.type == "fill-in":
            everywhere = [a for lang in self.languages for a in self.accepted(lang)]
            return list(dict.fromkeys(everywhere))
        if self.type == "matching":
            n = len(self.data["pairs"])
            return [
                ",".join(f"{MATCHING_SOURCE_IDS[i]}.{MATCHING_TARGET_IDS[i]}" for i in range(n))
            ]
        low, high = self.numeric_range()
        return [number(low)] if low == high else []

    def plan(self, correct: bool, lang: str, *, capitals: bool = False) -> Planned:
        """A right (or a wrong) answer, and the SCORM 1.2 student_response it must produce;
        ``capitals``: a right text answer typed in capitals (the runtime ignores case)."""
        t = self.type
        if t == "true-false":
            said = bool(self.data["answer"]) == correct
            return Planned(self.id, t, correct, said, "t" if said else "f")
        if t == "single":
            cid = self.right_ids()[0] if correct else self.wrong_ids()[0]
            return Planned(self.id, t, correct, cid, cid)
        if t == "multiple":
            picked = (
                set(self.right_ids()) if correct else {self.right_ids()[0], self.wrong_ids()[0]}
            )
            ids = [str(c["id"]) for c in self.choices() if str(c["id"]) in picked]
            return Planned(self.id, t, correct, ids, ",".join(ids))
        if t == "fill-in":
            text = self.accepted(lang)[0] if correct else "not-the-answer"
            text = text.upper() if correct and capitals else text
            return Planned(self.id, t, correct, text, text)
        if t == "matching":
            pairs = self.pairs(lang)
            n = len(pairs)
            # wrong: every source gets the next source's target
            targets = [pairs[i if correct else (i + 1) % n][1] for i in range(n)]
            chosen = [(pairs[i][0], targets[i]) for i in range(n)]
            target_ids = [MATCHING_TARGET_IDS[i if correct else (i + 1) % n] for i in range(n)]
            response = ",".join(f"{MATCHING_SOURCE_IDS[i]}.{target_ids[i]}" for i in range(n))
            return Planned(self.id, t, correct, chosen, response)
        low, high = self.numeric_range()
        value = low if correct else high + 1
        return Planned(self.id, t, correct, number(value), number(value))

    def scorm2004(self, plan: Planned) -> tuple[str, tuple[str, ...]]:
        """What a SCORM 2004 LMS must record for ``plan``: learner_response and the
        correct_responses patterns the runtime sends [SCORM 2004 4th ed. RTE §4.2.9]."""
        t = self.type
        if t == "true-false":
            return str(plan.entry).lower(), (str(bool(self.data["answer"])).lower(),)
        if t in ("single", "multiple"):
            picked = [plan.entry] if t == "single" else list(plan.entry)
            ids = [str(c["id"]) for c in self.choices()]
            return "[,]".join(i for i in ids if i in picked), ("[,]".join(self.right_ids()),)
        if t == "fill-in":
            everywhere = [a for lang in self.languages for a in self.accepted(lang)]
            accepted = [a for a in dict.fromkeys(everywhere) if portable(a)]
            return str(plan.entry), tuple(accepted[:FILL_IN_PATTERNS_MAX])
        if t == "matching":
            # "[.]" is not portable: the runtime sends no pattern
            return plan.response.replace(",", "[,]").replace(".", "[.]"), ()
        low, high = self.numeric_range()
        exact = f"{number(low)}[:]{number(high)}"
        return str(plan.entry), ((exact,) if low == high and portable(exact) else ())


@dataclass(frozen=True)
class SeedCourse:
    """One course, as its author wrote it: the folder ``slug`` of ``root``."""

    slug: str
    root: Path = COURSE_SRC

    @property
    def src(self) -> Path:
        return self.root / self.slug

    @cached_property
    def spec(self) -> dict[str, Any]:
        data: dict[str, Any] = yaml.safe_load((self.src / "course.yml").read_text("utf-8"))
        return data

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.spec["languages"])

    def title(self, lang: str) -> str:
        return localized(self.spec["title"], lang)

    @property
    def page_ids(self) -> list[str]:
        return [
            str(m.get("page") or m.get("assessment") or m.get("pretest"))
            for m in self.spec["modules"]
        ]

    @property
    def assessment_id(self) -> str:
        return next(str(m["assessment"]) for m in self.spec["modules"] if "assessment" in m)

    @cached_property
    def assessment(self) -> dict[str, Any]:
        path = self.src / "assessments" / f"{self.assessment_id}.yml"
        data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
        return data

    @cached_property
    def questions(self) -> dict[str, Question]:
        qs = [Question(q, self.languages) for q in self.assessment["questions"]]
        return {q.id: q for q in qs}

    @property
    def asked(self) -> int:
        """How many questions one attempt asks (the draw, else the whole pool)."""
        return int(self.assessment.get("draw") or len(self.questions))

    @property
    def attempts(self) -> int:
        return int(self.assessment["attempts"])

    @property
    def feedback(self) -> str:
        """When verdicts show: ``immediate``, ``attempt`` or ``never`` (default by display)."""
        default = "attempt" if self.assessment.get("display") == "all" else "immediate"
        return str(self.assessment.get("feedback", default))

    @property
    def reveal(self) -> bool:
        """Whether a verdict shows the correct answers (``reveal``, default true)."""
        return bool(self.assessment.get("reveal", True))

    @property
    def pass_mark(self) -> int:
        return int(self.spec.get("mastery_score", self.assessment["pass_mark"]))

    def interaction_id(self, qid: str) -> str:
        return lms_interaction_id(self.assessment_id, qid)

    @cached_property
    def checks(self) -> dict[str, tuple[str, dict[str, Question]]]:
        """Each page's knowledge check: page id -> (check id, its questions by id, in order)."""
        found: dict[str, tuple[str, dict[str, Question]]] = {}
        for m in self.spec["modules"]:
            if "check" in m:
                path = self.src / "assessments" / f"{m['check']}.yml"
                data = yaml.safe_load(path.read_text("utf-8"))
                qs = [Question(q, self.languages) for q in data["questions"]]
                found[str(m["page"])] = (str(m["check"]), {q.id: q for q in qs})
        return found

    @cached_property
    def pretest(self) -> tuple[str, dict[str, Question], dict[str, Any]] | None:
        """The pre-test: (its id, its questions by id, in order, its file's keys), or None."""
        for m in self.spec["modules"]:
            if "pretest" in m:
                path = self.src / "assessments" / f"{m['pretest']}.yml"
                data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
                qs = [Question(q, self.languages) for q in data["questions"]]
                return str(m["pretest"]), {q.id: q for q in qs}, data
        return None

    def page_title(self, page_id: str, lang: str) -> str:
        if page_id == self.assessment_id:
            return localized(self.assessment["title"], lang)
        if self.pretest is not None and page_id == self.pretest[0]:
            return localized(self.pretest[2]["title"], lang)
        return str(front_matter(self.src / "modules" / f"{page_id}.{lang}.md")["title"])

    def page_video(self, page_id: str, lang: str) -> dict[str, Any] | None:
        if page_id == self.assessment_id or (self.pretest and page_id == self.pretest[0]):
            return None
        video: dict[str, Any] | None = front_matter(
            self.src / "modules" / f"{page_id}.{lang}.md"
        ).get("video")
        return video

    @property
    def video_page(self) -> str:
        return next(p for p in self.page_ids if self.page_video(p, self.languages[0]))

    def score(self, right: int, asked: int) -> int:
        """The percentage the runtime reports: rounded down, so rounding never makes a pass."""
        return math.floor(100 * right / asked)


SEEDS = {slug: SeedCourse(slug) for slug in SEED_SLUGS}
