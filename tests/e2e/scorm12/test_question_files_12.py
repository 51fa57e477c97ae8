"""A long course's drawn pool, one file per question (issue 16, the learner side at 100x): at
100x the assessment's page file carried an 800-question pool in both languages (4.8 MB) to show
8 drawn questions. Past the pool budget the page keeps the frame and the player fetches only the
drawn questions' files (pages/<assessment>/<question>.html), in real Chromium against real
SCORM 1.2: the learner answers and passes, a resumed attempt fetches the same ones, a file that
cannot be fetched is said, with nothing answerable and nothing recorded, and the page before the
assessment fetches the files of the attempt it will show, recording nothing."""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Route, expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.seed import SeedCourse
from test_long_course import expect_full_menu, menu_link, write_long_course
from typer.testing import CliRunner

from builder.cli import app
from builder.render.view import POOL_BUDGET

COPIES = 10  # the seed's 8 questions this many times: past the pool budget
DRAW = 4
FILES = "/pages/final/"


def copy_id(question: dict[str, Any], n: int) -> str:
    return str(question["id"]) if n == 0 else f"{question['id']}-{n}"


def build_pool(
    tmp_path_factory: pytest.TempPathFactory,
    draw: int,
    copies: int = COPIES,
    name: Callable[[dict[str, Any], int], str] = copy_id,
) -> tuple[SeedCourse, Path]:
    """The long course with its pool copied `copies` times (copy n of question q named
    `name(q, n)`), `draw` of them drawn."""
    course = write_long_course(tmp_path_factory.mktemp("pool-src"))
    quiz_path = course.src / "assessments" / "final.yml"
    quiz = yaml.safe_load(quiz_path.read_text(encoding="utf-8"))
    base = quiz["questions"]
    quiz["questions"] = [
        {**copy.deepcopy(q), "id": name(q, n)} for n in range(copies) for q in base
    ]
    quiz["draw"] = draw
    quiz_path.write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")
    out = tmp_path_factory.mktemp("pool-dist")
    result = CliRunner().invoke(app, ["build", str(course.src), "-t", "scorm12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return course, out / "long-course-scorm12.zip"


@pytest.fixture(scope="module")
def pool_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    return build_pool(tmp_path_factory, DRAW)


@pytest.fixture
def pool_lms(
    scorm12_lms: Callable[[Path], Scorm12LMS], pool_build: tuple[SeedCourse, Path]
) -> tuple[SeedCourse, Scorm12LMS]:
    course, package = pool_build
    return course, scorm12_lms(package)


def fetched(lms: Scorm12LMS, since: int = 0) -> list[str]:
    """The question files requested since request number ``since``, by question id."""
    return [Path(p).stem for _, p, _ in lms.server.requests[since:] if FILES in p]


def drawn(learner: Learner) -> list[str]:
    """The questions in the learner's quiz form (only the drawn ones are ever put there)."""
    ids: list[str] = learner.quiz.locator("[data-cb-q]").evaluate_all(
        "lis => lis.map(li => li.dataset.cbQ)"
    )
    return ids


def goto(learner: Learner, page_id: str) -> None:
    """Open a page from the menu once it lists every module (the long course repeats titles)."""
    expect_full_menu(learner.frame, learner.course)
    learner.click(menu_link(learner.frame, learner.lang, page_id))
    learner.expect_on(page_id)


def at_the_page_before_the_assessment(
    course: SeedCourse, lms: Scorm12LMS
) -> tuple[LMSSession, Learner, str]:
    """A launch opened at the page before the assessment, its attempt drawn ahead and placed:
    the session, the learner and that page's id."""
    session = lms.launch()
    learner = Learner(session, course)
    before_quiz = course.page_ids[course.page_ids.index(course.assessment_id) - 1]
    goto(learner, before_quiz)
    expect(learner.quiz.locator("[data-cb-questions] [data-cb-q]")).to_have_count(DRAW)
    return session, learner, before_quiz


def interactions(session: LMSSession) -> list[str]:
    return [k for k in session.set_values() if k.startswith("cmi.interactions.")]


def test_the_package_holds_each_question_of_the_pool_as_a_file(
    pool_build: tuple[SeedCourse, Path],
) -> None:
    course, package = pool_build
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        page = archive.read("pages/final.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
        pool = sum(
            len(archive.read(n)) for n in names if n.startswith(FILES[1:]) and n.endswith(".html")
        )
    files = {n for n in names if n.startswith(FILES[1:])}
    assert files == {f"{FILES[1:]}{q}.html" for q in course.questions}
    for name in files:  # listed in the manifest like every other page file
        assert f'<file href="{name}"/>' in manifest
    assert "data-cb-q=" not in page
    assert pool > POOL_BUDGET > len(page.encode())


def test_the_learner_gets_only_the_drawn_questions_and_passes(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = pool_lms
    session = lms.launch()
    learner = Learner(session, course)
    learner.expect_on(course.page_ids[0], focused=False)
    assert fetched(lms) == []  # nothing before the learner is next to the assessment
    assert learner.visit_all() == course.page_ids  # Next, page after page, into the assessment
    learner.current_question()
    asked = drawn(learner)
    assert len(asked) == DRAW
    assert sorted(fetched(lms)) == sorted(asked)  # the drawn ones, each once, nothing else
    score = learner.take_attempt()
    learner.expect_result(score, attempts_left=None)
    assert session.set_values()["cmi.core.lesson_status"] == "passed"
    assert len(interactions(session)) > 0
    assert session.problems() == []
    learner.switch_language("fr")  # every language's <li> came with the same files
    assert drawn(learner) == asked
    assert sorted(fetched(lms)) == sorted(asked)


def test_a_resumed_attempt_fetches_the_same_drawn_questions(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = pool_lms
    learner = Learner(lms.launch(), course)
    goto(learner, course.assessment_id)
    learner.current_question()
    asked = drawn(learner)
    learner.answer_current(correct=True)
    learner.onward()
    before = len(lms.server.requests)
    again = Learner(lms.relaunch(), course)
    again.expect_on(course.assessment_id, focused=False)
    again.current_question()
    assert sorted(fetched(lms, before)) == sorted(asked)
    assert drawn(again) == asked  # the draw came from the saved state, not a new one
    score = again.take_attempt(start=1)
    again.expect_result(score, attempts_left=None)
    # the rest of the same attempt is recorded, in the same order, as before
    assert isinstance(again.session, LMSSession)
    values = again.session.set_values()
    ids = [values[f"cmi.interactions.{n}.id"] for n in range(1, DRAW)]
    assert ids == [course.interaction_id(q) for q in asked[1:]]
    assert again.session.problems() == []


def test_a_question_file_that_cannot_be_fetched_is_said_and_nothing_is_answerable(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = pool_lms
    session = lms.launch()
    learner = Learner(session, course)
    tries: list[str] = []

    def refuse(route: Route) -> None:
        tries.append(route.request.url)
        route.abort()

    session.page.route(f"**{FILES}*.html", refuse)
    goto(learner, course.assessment_id)
    failed = learner.t("part_load_failed")
    expect(learner.status()).to_have_text(failed)
    expect(learner.quiz.locator("[data-cb-error]")).to_contain_text(failed)
    assert len(tries) == DRAW
    # never a half quiz: no question, no submit, nothing recorded
    expect(learner.quiz.locator("[data-cb-questions]")).to_be_hidden()
    expect(learner.quiz.locator("fieldset:visible")).to_have_count(0)
    expect(learner.quiz.locator("button:visible")).to_have_count(0)
    assert interactions(session) == []
    # coming back to the page fetches them again
    session.page.unroute(f"**{FILES}*.html")
    goto(learner, course.page_ids[-2])
    goto(learner, course.assessment_id)
    learner.current_question()
    expect(learner.quiz.locator("[data-cb-error]")).to_be_hidden()
    score = learner.take_attempt()
    learner.expect_result(score, attempts_left=None)
    assert [c for c in session.console_errors() if FILES not in c.url] == []


def test_the_page_before_the_assessment_fetches_the_questions_its_attempt_will_show(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    # Next into the assessment used to draw the attempt, then fetch and place its questions'
    # files: most of that page change's work at 100x. The page before it now draws the next
    # attempt ahead (kept in the runtime, unsaved) and fetches those files while the learner
    # reads; the attempt, once begun, is exactly those questions.
    course, lms = pool_lms
    session, learner, _ = at_the_page_before_the_assessment(course, lms)
    ahead = sorted(fetched(lms))
    assert len(ahead) == DRAW
    # nothing of the attempt is in the state the LMS holds: not begun, nothing drawn, saved
    state = "() => window.CourseBuild.player.tracker.state.quiz.items.length"
    assert learner.frame.evaluate(state) == 0
    assert interactions(session) == []
    learner.frame.locator(".cb-pager [data-cb-next]").click()
    # shown at once, with nothing left to load, and the attempt is the questions fetched
    assert learner.frame.locator("#cb-main").get_attribute("aria-busy") is None
    learner.expect_on(course.assessment_id)
    learner.current_question()
    assert sorted(drawn(learner)) == ahead
    assert sorted(fetched(lms)) == ahead  # each once
    assert learner.frame.evaluate(state) == DRAW
    score = learner.take_attempt()
    learner.expect_result(score, attempts_left=None)
    assert session.problems() == []


# Records, in the course frame, what the player does to the assessment's form that changes
# nothing: a question or a choice taken out and put back where it was, an attribute written with
# the value it ends with, a control's state (checked, value, maxLength) set to what it already was.
WATCH_FORM = """
() => {
  const moved = [], rewritten = [];
  const quiz = (n) => {
    const el = n && (n.nodeType === 1 ? n : n.parentElement);
    return el && el.closest("[data-cb-quiz]");
  };
  const name = (el) => {
    const q = el.closest("[data-cb-q]");
    return (q ? q.dataset.cbQ + " " : "") + el.tagName.toLowerCase();
  };
  const parts = "[data-cb-q], [data-cb-choice], [data-cb-item]";
  const seen = new MutationObserver((records) => {
    for (const r of records) {
      if (!quiz(r.target)) continue;
      if (r.type === "attributes" && r.oldValue === r.target.getAttribute(r.attributeName)) {
        rewritten.push(name(r.target) + " @" + r.attributeName);
      }
      for (const n of r.type === "childList" ? [...r.addedNodes, ...r.removedNodes] : []) {
        if (n.nodeType === 1 && n.matches(parts)) moved.push(name(n) + " " + n.className);
      }
    }
  });
  const all = { subtree: true, childList: true, attributes: true, attributeOldValue: true };
  seen.observe(document, all);
  const controls = [[HTMLInputElement, "checked"], [HTMLInputElement, "value"],
                    [HTMLInputElement, "maxLength"], [HTMLSelectElement, "value"]];
  const undo = controls.map(([type, prop]) => {
    const d = Object.getOwnPropertyDescriptor(type.prototype, prop);
    Object.defineProperty(type.prototype, prop, { ...d, set(v) {
      if (quiz(this) && d.get.call(this) === v) rewritten.push(name(this) + " ." + prop);
      d.set.call(this, v);
    } });
    return () => Object.defineProperty(type.prototype, prop, d);
  });
  window.__unchanged = () => {
    seen.takeRecords(); seen.disconnect(); undo.forEach((f) => f());
    return { moved, rewritten };
  };
}
"""


def test_next_into_the_assessment_writes_only_what_changes(
    pool_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    # Next into the assessment took every drawn question (and, shuffled, every choice) out of
    # its list and put it back, and set every control, hidden flag and attribute of every drawn
    # question again, changed or not: style and layout for nothing, and the browser's autofill
    # rescanning the form (4 ms of main-thread tasks at 100x). The page before it now arranges
    # the questions drawn ahead while the learner reads, and the page change writes what it
    # changes; coming back to the assessment writes nothing either.
    course, lms = pool_lms
    session, learner, before_quiz = at_the_page_before_the_assessment(course, lms)
    for _ in range(2):  # the attempt drawn ahead, then begun
        learner.frame.evaluate(WATCH_FORM)
        learner.frame.locator(".cb-pager [data-cb-next]").click()
        learner.expect_on(course.assessment_id)
        learner.current_question()
        unchanged = learner.frame.evaluate("() => window.__unchanged()")
        assert unchanged == {"moved": [], "rewritten": []}
        learner.frame.locator(".cb-pager [data-cb-prev]").click()
        learner.expect_on(before_quiz)
    attempt = """() => {
      const config = document.getElementById("coursebuild-config").textContent;
      const pool = JSON.parse(config).assessment.questions;
      return window.CourseBuild.player.tracker.state.quiz.items.map((it) => pool[it.q].id);
    }"""
    assert drawn(learner) == learner.frame.evaluate(attempt)  # in the attempt's order
    assert session.problems() == []


# What the page put after a question's id, with "-", to name its first part (the first choice,
# the first source, "true", the text box) before parts took "_": a question named so took its id.
FIRST_PART = {
    "single": "a",
    "multiple": "a",
    "true-false": "t",
    "matching": "1",
    "fill-in": "input",
    "numeric": "input",
}


def test_a_question_whose_id_another_question_gives_a_part_of_its_own_is_placed(
    scorm12_lms: Callable[[Path], Scorm12LMS], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A copy of the matching question was named situations-matching-1, and the first one's
    # first source is the element en-q-situations-matching-1 too. The player took that element
    # for the copy's <li> already in place, found the question still missing and fetched it
    # again, forever, in one task: the learner's tab froze (1 run in 8 of these modules hung,
    # when a draw held such a pair). Here every question has such a twin (x-0 and x-0-a, x-1
    # and x-1-a...), and more than half the pool is drawn, so the attempt holds a pair.
    def twin(question: dict[str, Any], n: int) -> str:
        part = FIRST_PART[question["type"]] if n % 2 else ""
        return "-".join(filter(None, [question["id"], str(n // 2), part]))

    copies = 6  # 48 questions: past the pool budget, and 25 drawn fit SCORM 1.2's resume state
    course, package = build_pool(tmp_path_factory, copies * 4 + 1, copies, twin)
    lms = scorm12_lms(package)
    session = lms.launch()
    learner = Learner(session, course)
    goto(learner, course.assessment_id)
    learner.current_question()
    asked = drawn(learner)
    assert len(asked) == copies * 4 + 1
    twins = [
        (a, b)
        for a in asked
        for b in asked
        if b.startswith(f"{a}-") and b[len(a) + 1 :] in FIRST_PART.values()
    ]
    assert twins, asked
    assert sorted(fetched(lms)) == sorted(asked)  # each once
    learner.answer_current(correct=True)  # answerable, and the tab is alive
    assert len(interactions(session)) > 0
