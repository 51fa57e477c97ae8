"""docs/tracking.md's truth table in Chromium: every journey of the seed courses' rule (R1), for
both seed courses, SCORM 1.2 and 2004, against every LMS profile (strict, moodle, forma).

The table is the specification. Its R1 rows are grouped by journey; a journey runs its longest
row's steps once, as a learner clicking through the built package in the LMS harness
(``support.seed_learner``, ``support.lms``, ``support.lms2004``), and checks each of its rows
where that row's steps end:

1. what the learner is told: the result screen's record line (``[data-cb-result-record]``) is
   the row's catalogue keys for the target, in the learner's language, ``{n}`` the pages still
   to open (checked when the result is on screen);
2. what the LMS holds, read from the LMS side: the live CMI while the session runs, else what
   the LMS stored last (what its next launch hands back; Moodle's LMSFinish override applied);
   the table's scores are its own course's (100 a pass, 50 a fail), mapped to the seed's;
3. ``cmi.core.exit`` / ``cmi.exit`` (``—``: not written in this session);
4. no problem in any session of the journey: no refused value, no API error, no thrown call, no
   JavaScript error.

A row that does not hold fails with its number; every row of the journey is still checked.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from support.learner_brisk import BriskLearner
from support.lms import Scorm12LMS
from support.lms2004 import Scorm2004LMS
from support.lms_session import LMSSession
from support.paths import REPO_ROOT
from support.seed import SEED_SLUGS, SEEDS, SeedCourse, catalogue

from builder.render.plural import say

TABLE = REPO_ROOT / "docs" / "tracking.md"
RULE = "R1"  # the seed courses' rule: {pages: all, video: 0, assessment: passed}
TARGETS = ("scorm12", "scorm2004")
PROFILES = ("strict", "moodle", "forma")
NOTHING = "\u2014"  # (an em dash) told: nothing to say; exit: not written in this session
NEVER = "\u2013"  # a score never written (an en dash)
TABLE_PASS, TABLE_FAIL = 100, 50  # the table's course: both answers right, one of two

# The hosts a video page embeds its player from (docs/course-format.md): the course may try to
# reach them, the harness blocks them.
EMBED_HOSTS = {
    "youtube.com": "www.youtube-nocookie.com",
    "youtu.be": "www.youtube-nocookie.com",
    "vimeo.com": "player.vimeo.com",
}

# The elements a row's record and exit are about, per target.
ELEMENTS = {
    "scorm12": ("cmi.core.lesson_status", "cmi.core.score.raw"),
    "scorm2004": ("cmi.completion_status", "cmi.success_status", "cmi.score.scaled"),
}
EXIT = {"scorm12": "cmi.core.exit", "scorm2004": "cmi.exit"}
SET = {"scorm12": "LMSSetValue", "scorm2004": "SetValue"}


# --- the table ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One row of the table; ``told``, ``record`` and ``exit`` per target. ``record``:
    "lesson_status / score.raw" (SCORM 1.2), "completion / success / score.scaled" (2004)."""

    n: int
    journey: str
    steps: tuple[str, ...]
    told: dict[str, tuple[str, ...]]  # catalogue keys, in order
    record: dict[str, str]
    exit: dict[str, str]  # "normal", "suspend" or NOTHING


def _keys(cell: str) -> tuple[str, ...]:
    return () if cell == NOTHING else tuple(k.strip() for k in cell.split(","))


def table_rows(rule: str = RULE) -> list[Row]:
    """The rows of docs/tracking.md's table whose rule is ``rule`` (``R1``, or ``R1 (forma)``: a
    row that holds under that LMS profile instead of the plain one with the same steps)."""
    text = TABLE.read_text(encoding="utf-8")
    table = text[text.index("## The table") :]
    rows = []
    for line in table.splitlines():
        if not re.match(r"^\| \d+ \|", line):
            continue
        c = [x.strip() for x in line.split("|")[1:-1]]
        if c[1] != rule:
            continue
        exits = c[11].split(" / ")
        rows.append(
            Row(
                n=int(c[0]),
                journey=c[2],
                steps=tuple(re.findall(r"`([^`]+)`", c[3])),
                told={"scorm12": _keys(c[4]), "scorm2004": _keys(c[5])},
                record={"scorm12": c[7], "scorm2004": c[8]},
                exit={"scorm12": exits[0], "scorm2004": exits[-1]},
            )
        )
    return rows


@dataclass(frozen=True)
class Journey:
    """One run of steps, and the rows checked where their steps end (each a prefix)."""

    name: str
    steps: tuple[str, ...]
    rows: tuple[Row, ...]

    @property
    def id(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    def rows_at(self, done: int) -> list[Row]:
        return [r for r in self.rows if len(r.steps) == done]


def journeys(rows: list[Row]) -> list[Journey]:
    """Rows grouped by journey: the longest row's steps, checked at every row that is a prefix
    of them; a row that is not runs on its own."""
    out = []
    for name in dict.fromkeys(r.journey for r in rows):
        group = [r for r in rows if r.journey == name]
        longest = max(group, key=lambda r: len(r.steps))
        prefixes = [r for r in group if longest.steps[: len(r.steps)] == r.steps]
        out.append(Journey(name, longest.steps, tuple(prefixes)))
        out += [Journey(f"{name} (row {r.n})", r.steps, (r,)) for r in group if r not in prefixes]
    return out


def rows_for(profile: str) -> list[Row]:
    """The R1 rows as they hold under ``profile``: a row ``R1 (<profile>)`` replaces the plain row
    with the same steps (an LMS that behaves otherwise, and the course with it)."""
    own = {r.steps: r for r in table_rows(f"{RULE} ({profile})")}
    return [own.get(r.steps, r) for r in table_rows()]


ROWS = table_rows()
JOURNEYS = journeys(ROWS)
JOURNEYS_BY_PROFILE = {profile: journeys(rows_for(profile)) for profile in PROFILES}


def test_the_table_has_the_seed_rule_journeys() -> None:
    """The parse found the rows the node walk (tests/js/truth-table.test.js) walks."""
    assert len(ROWS) >= 19, [r.n for r in ROWS]
    assert len({j.name for j in JOURNEYS}) >= 11
    steps = {s for r in ROWS for s in r.steps}
    assert steps <= set(Walk.STEPS), steps - set(Walk.STEPS)
    for journey in JOURNEYS:  # every row is checked, where its own steps end
        for row in journey.rows:
            assert journey.steps[: len(row.steps)] == row.steps, row.n
    assert sorted(r.n for j in JOURNEYS for r in j.rows) == [r.n for r in ROWS]


# --- the learner's journey ------------------------------------------------------------------


@functools.cache
def video_hosts(seed: SeedCourse) -> frozenset[str]:
    """The outside hosts the seed's video pages embed a player from."""
    hosts = set()
    for page_id in seed.page_ids:
        for lang in seed.languages:
            url = (seed.page_video(page_id, lang) or {}).get("url") or ""
            host = (urlparse(url).hostname or "").removeprefix("www.")
            if host in EMBED_HOSTS:
                hosts.add(EMBED_HOSTS[host])
    return frozenset(hosts)


def flat(cmi: dict[str, Any], prefix: str = "cmi") -> dict[str, str]:
    """Nested CMI JSON -> {element: value}, as the harness's ledger stores it."""
    out: dict[str, str] = {}
    for key, value in cmi.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}.{key}"))
        elif value is not None:
            out[f"{prefix}.{key}"] = str(value)
    return out


def scaled(score: int) -> str:
    """score.scaled as the runtime writes it: 100 -> "1", 50 -> "0.5"."""
    return f"{score / 100:g}"


# The course has started (player.js) and shows a page: its language and the page.
SHOWN = """() => {
  const html = document.documentElement;
  const main = document.getElementById("cb-main");
  if (!html.classList.contains("cb-js") || main.getAttribute("aria-busy") === "true") return null;
  const page = document.querySelector(`#cb-lang-${html.lang} > section.cb-page:not([hidden])`);
  return page && { lang: html.lang, page: page.dataset.cbPage };
}"""


@contextmanager
def still(sessions: Sequence[LMSSession]) -> Iterator[None]:
    """Every read of the LMS side within sees each session as it was on entry."""
    with ExitStack() as stack:
        for session in sessions:
            stack.enter_context(session.still())
        yield


@dataclass
class Walk:
    """One learner's journey through a seed course in one LMS, and what each row found."""

    STEPS = (
        "open all",
        "open final",
        "open a",
        "open rest",
        "pass",
        "fail",
        "half",
        "lang",
        "leave",
        "exit",
        "relaunch",
        "review",
        "browse",
    )

    lms: Scorm12LMS | Scorm2004LMS
    seed: SeedCourse
    target: str
    profile: str
    failures: list[str] = field(default_factory=list)
    session: LMSSession | None = None
    me: BriskLearner | None = None
    mode: str = "normal"
    ended: bool = False  # the session is over (Exit, or the window closed)
    attempted: bool = False  # an attempt finished in this launch
    seen: set[str] = field(default_factory=set)  # the pages the learner opened

    @property
    def hosts(self) -> frozenset[str]:
        return video_hosts(self.seed)

    @property
    def fail_wrong(self) -> int:
        """Wrong answers in a ``fail`` attempt: half, as the table's one right of two."""
        return self.seed.asked // 2

    @property
    def fail_score(self) -> int:
        return self.seed.score(self.seed.asked - self.fail_wrong, self.seed.asked)

    @property
    def learner(self) -> BriskLearner:
        assert self.me is not None, "no launch yet"
        return self.me

    @property
    def live(self) -> LMSSession:
        assert self.session is not None, "no launch yet"
        return self.session

    # -- launching

    def started(self, session: LMSSession, mode: str = "normal") -> None:
        """A launch: once the course is up, the learner sees a page in a language."""
        shown = session.course.wait_for_function(SHOWN).json_value()
        self.session, self.mode, self.ended, self.attempted = session, mode, False, False
        self.me = BriskLearner(session, self.seed, lang=shown["lang"])
        self.seen.add(shown["page"])

    # -- the steps

    def step(self, step: str) -> None:
        if self.session is None and step != "browse":
            self.started(self.lms.launch(profile=self.profile))
        if step == "browse":
            assert self.session is None, "browse is a first launch"
            self.started(self.lms.launch(profile=self.profile, mode="browse"), "browse")
        elif step == "open all":
            self.open(self.seed.page_ids[0])
            self.learner.visit_all()
            self.seen.update(self.seed.page_ids)
        elif step == "open final":
            self.open(self.seed.assessment_id)
        elif step == "open a":
            self.open(self.seed.page_ids[0])
        elif step == "open rest":
            for page_id in self.seed.page_ids:
                if page_id not in self.seen:
                    self.open(page_id)
        elif step in ("pass", "fail"):
            self.attempt(wrong=0 if step == "pass" else self.fail_wrong)
        elif step == "half":
            self.open(self.seed.assessment_id)
            li, q = self.learner.current_question()
            self.learner.enter(li, q, q.plan(True, self.learner.lang))
        elif step == "lang":
            other = next(lang for lang in self.seed.languages if lang != self.learner.lang)
            self.learner.switch_language(other)
        elif step == "leave":
            self.live.close_player()
            self.ended = True
        elif step == "exit":
            self.exit()
        elif step == "relaunch":
            self.started(self.lms.relaunch())
        elif step == "review":
            self.started(self.lms.relaunch(mode="review"), "review")
        else:
            raise ValueError(f"unknown step {step!r}")

    def open(self, page_id: str) -> None:
        """Open a page from the menu, unless it is the one shown."""
        if self.learner.current_page() != page_id:
            self.learner.go(page_id)
        self.seen.add(page_id)

    def result_shown(self) -> bool:
        me = self.learner
        return (
            me.current_page() == self.seed.assessment_id
            and me.quiz.locator("[data-cb-result]").is_visible()
        )

    def attempt(self, wrong: int) -> None:
        """An attempt on the assessment, Try again first if an attempt is over."""
        self.open(self.seed.assessment_id)
        if self.result_shown():
            self.learner.retry()
        self.learner.take_attempt(wrong)
        self.attempted = True

    def exit(self) -> None:
        """The course's Exit: then the course is inert and says the session ended."""
        me = self.learner
        me.exit()
        self.ended = True
        frame = me.frame
        expect(frame.locator("[data-cb-exit]")).to_be_disabled()
        assert frame.locator("#cb-main").evaluate("main => main.inert") is True
        ended = "session_ended" if self.mode == "normal" else "session_ended_off"
        expect(me.status()).to_have_text(me.t(ended))

    # -- a row's checkpoint

    def held(self) -> dict[str, str]:
        """What the LMS holds now: the live CMI while the session runs; once it is over, what
        the LMS stored last (after its own LMSFinish, Moodle's override included; forma: what
        its forced finish and later commits kept), which is what its next launch hands back."""
        if not self.ended:
            return flat(self.live.cmi())
        return dict(self.live.next_launch_record()["stored"])

    def record_of(self, held: dict[str, str]) -> str:
        if self.target == "scorm12":
            status, raw = (held.get(e, "") for e in ELEMENTS["scorm12"])
            return f"{status} / {raw or NEVER}"
        completion, success, value = (held.get(e, "") for e in ELEMENTS["scorm2004"])
        return f"{completion or 'unknown'} / {success or 'unknown'} / {value or NEVER}"

    def expected_record(self, row: Row) -> str:
        """The row's record with the table's scores turned into the seed's: 100 (both right)
        is a pass attempt's score, 50 (one of two) a fail attempt's."""
        parts = row.record[self.target].split(" / ")
        if self.target == "scorm12":
            scores = {str(TABLE_PASS): "100", str(TABLE_FAIL): str(self.fail_score)}
        else:
            scores = {
                scaled(TABLE_PASS): scaled(100),
                scaled(TABLE_FAIL): scaled(self.fail_score),
            }
        return " / ".join(scores.get(p, p) for p in parts)

    def exit_of(self, held: dict[str, str]) -> str:
        element = EXIT[self.target]
        if element not in self.live.set_values():
            return NOTHING
        value = held.get(element, "")
        return "normal" if value == "" and self.target == "scorm12" else value

    def told(self, row: Row) -> tuple[str, list[str]]:
        """The record line the row says, in the learner's language, and the pages to open."""
        lang = self.learner.lang
        todo = [
            p for p in self.seed.page_ids if p not in self.seen and p != self.seed.assessment_id
        ]
        keys = row.told[self.target]
        text = " ".join(say(catalogue(lang)[k], lang, n=len(todo)) for k in keys)
        listed = any(k in ("record_todo", "record_passed_todo") for k in keys)
        return text, todo if listed else []

    def calls(self) -> list[str]:
        """The calls that explain a record: the sets of the row's elements, the finishes, any
        error, per session, and what the profile did itself."""
        wanted = (*ELEMENTS[self.target], EXIT[self.target])
        out = []
        for n, session in enumerate(self.lms.sessions, start=1):
            handed = flat(session.launch_cmi or {})
            entry = handed.get("cmi.core.entry", handed.get("cmi.entry"))
            mode = handed.get("cmi.core.lesson_mode", handed.get("cmi.mode"))
            out.append(f"  session {n} ({session.profile}, entry {entry!r}, mode {mode!r}):")
            for c in session.calls():
                relevant = (
                    (c.method == SET[self.target] and c.args and c.args[0] in wanted)
                    or c.method in ("LMSInitialize", "LMSFinish", "Initialize", "Terminate")
                    or c.error not in (None, "0")
                    or c.threw
                )
                if relevant:
                    out.append(f"    {c}")
            why = session.next_launch_record().get("why") or []
            if why:
                out.append(f"    the LMS itself stored: {', '.join(why)}")
        return out

    def problems(self) -> list[str]:
        """What went wrong in any session of the journey so far (support.lms problems())."""
        return [
            f"session {n}: {p}"
            for n, s in enumerate(self.lms.sessions, start=1)
            for p in s.problems(expected_hosts=self.hosts)
        ]

    def fail(self, where: str, wrong: list[str]) -> None:
        with still(self.lms.sessions):
            lines = [f"{where}:", *(f"  - {w}" for w in wrong), *self.calls()]
        self.failures.append("\n".join(lines))

    def check(self, row: Row, *, last: bool) -> None:
        """Everything the row says, for this target, where its steps end."""
        where = (
            f"row {row.n} ({row.journey}: {' '.join(f'`{s}`' for s in row.steps)}), "
            f"{self.seed.slug}, {self.target}, {self.profile}"
        )
        wrong = []
        with still(self.lms.sessions):
            held = self.held()
            exit_value = self.exit_of(held)
        record, want = self.record_of(held), self.expected_record(row)
        if record != want:
            wrong.append(f"the LMS holds {record!r}, the row says {want!r}")
        if exit_value != row.exit[self.target]:
            wrong.append(f"exit is {exit_value!r}, the row says {row.exit[self.target]!r}")
        # What the learner is told, on the result screen. Back from the pages opened after the
        # attempt (`open rest` at a journey's end), the learner opens the assessment to see it.
        if last and not self.ended and self.attempted and not self.result_shown():
            self.open(self.seed.assessment_id)
        on_screen = not self.ended or self.live.page.frame(name="course") is not None
        if on_screen and self.result_shown():
            text, todo = self.told(row)
            panel = self.learner.quiz.locator("[data-cb-result]")
            said = " ".join(
                panel.locator(part).text_content() or ""
                for part in ("[data-cb-result-record]", "[data-cb-result-next]")
            )
            if " ".join(said.split()) != text:
                wrong.append(f"the learner is told {said!r}, the row says {text!r}")
            links = panel.locator("[data-cb-result-todo] a").evaluate_all(
                "links => links.map(a => a.getAttribute('data-cb-goto'))"
            )
            if links != todo:
                wrong.append(f"the pages to open are {links}, the row's are {todo}")
        with still(self.lms.sessions):
            wrong += self.problems()
        if wrong:
            self.fail(where, wrong)

    def finish(self) -> None:
        """The journey's end: the course's Exit (if the session still runs), the course inert,
        and still nothing wrong."""
        if not self.ended:
            self.exit()
        with still(self.lms.sessions):
            problems = self.problems()
        if problems:
            where = (
                f"after the journey's last Exit ({self.seed.slug}, {self.target}, {self.profile})"
            )
            self.fail(where, problems)


# --- the tests -------------------------------------------------------------------------------


def seed_for(profile: str, target: str) -> tuple[str, ...]:
    """One seed course per profile and target, in turn (the seeds share the rule and the quiz's
    shape), so that each seed meets each target and each profile: the whole matrix takes seven
    minutes on two cores, too long for every CI run. COURSEBUILD_ALL_JOURNEYS=1 runs every seed
    everywhere."""
    if os.environ.get("COURSEBUILD_ALL_JOURNEYS") == "1":
        return SEED_SLUGS
    turn = PROFILES.index(profile) + TARGETS.index(target) * (profile == "strict")
    return (SEED_SLUGS[turn % len(SEED_SLUGS)],)


CASES = [
    pytest.param(slug, target, profile, journey, id=f"{slug}-{target}-{profile}-{journey.id}")
    for profile in PROFILES
    for target in TARGETS
    for slug in seed_for(profile, target)
    for journey in JOURNEYS_BY_PROFILE[profile]
]


@pytest.mark.parametrize(("slug", "target", "profile", "journey"), CASES)
def test_journey(
    slug: str,
    target: str,
    profile: str,
    journey: Journey,
    seed_dist: Path,
    scorm12_lms: Callable[[Path], Scorm12LMS],
    scorm2004_lms: Callable[[Path], Scorm2004LMS],
) -> None:
    package = seed_dist / f"{slug}-{target}.zip"
    lms = scorm12_lms(package) if target == "scorm12" else scorm2004_lms(package)
    walk = Walk(lms, SEEDS[slug], target, profile)
    for n, step in enumerate(journey.steps, start=1):
        walk.step(step)
        for row in journey.rows_at(n):
            walk.check(row, last=n == len(journey.steps))
    walk.finish()
    if walk.failures:
        pytest.fail("\n\n".join(walk.failures), pytrace=False)
