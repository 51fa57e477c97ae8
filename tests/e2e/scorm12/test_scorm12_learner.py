"""A learner takes each seed course in real Chromium against a real SCORM 1.2 runtime.

The LMS is scorm-again's ``Scorm12API`` in the harness of ``tests/support/lms.py``; the course
is the package the builder writes from ``course_src/``. Each test clicks (or types) through a
course like a learner and then asserts, element by element, what the LMS recorded, against
what the course's own YAML says (``seed.py``). Issue 3, item 5, journeys (a) to (h).
"""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import expect
from support.learner import REFUSED, RESULT_UNSAVED, SAVED, Learner, marked
from support.learner_keyboard import KeyboardLearner
from support.lms import Scorm12LMS
from support.lms_session import ApiCall, LMSSession
from support.seed import SEED_SLUGS, TEXT_TYPES, Planned, SeedCourse

# SCORM 1.2 data types [SCORM 1.2 RTE §3.4].
CMI_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
CMI_TIME = re.compile(r"^([0-2][0-9]):([0-5][0-9]):([0-5][0-9])(\.[0-9]{1,2})?$")
STATUS_RANK = {"incomplete": 1, "failed": 2, "completed": 3, "passed": 4}
SCO_STATUSES = set(STATUS_RANK) | {"browsed"}
SUSPEND_DATA_LIMIT = 4096
COMMIT_RETRY_DELAY_MS = 400  # adapter-scorm12.js: the n-th retry waits n times this


# --- what the LMS recorded -------------------------------------------------------------------


def sent(calls: list[ApiCall], element: str) -> list[str]:
    """Every value the SCO set (successfully) for one element, in order."""
    return [
        str(c.args[1])
        for c in calls
        if c.method == "LMSSetValue" and c.args[0] == element and c.result == "true"
    ]


def set_index(calls: list[ApiCall], element: str, value: str) -> list[int]:
    """Where in the call log the SCO set ``element`` to ``value`` (successfully)."""
    return [
        c.index
        for c in calls
        if c.method == "LMSSetValue" and c.args == (element, value) and c.error == "0"
    ]


def centiseconds(timespan: str) -> int:
    h, m, s = timespan.split(":")
    return round(((int(h) * 60 + int(m)) * 60 + float(s)) * 100)


def assert_interactions(cmi: dict[str, Any], seed: SeedCourse, plans: list[Planned]) -> None:
    """One interaction per checked answer, in order, each in SCORM 1.2 form [SCORM 1.2 RTE §3.4]."""
    interactions = cmi["interactions"]
    assert sorted(int(n) for n in interactions) == list(range(len(plans)))
    for n, plan in enumerate(plans):
        got = interactions[str(n)]
        q = seed.questions[plan.qid]
        where = f"interaction {n} ({plan.qid}, {q.type})"
        assert got["id"] == seed.interaction_id(plan.qid), where
        assert got["type"] == q.scorm_type, where
        assert got["student_response"] == plan.response, where
        patterns = [got["correct_responses"][str(i)]["pattern"] for i in range(len(q.patterns()))]
        assert patterns == q.patterns(), where
        assert sorted(got["correct_responses"]) == [str(i) for i in range(len(q.patterns()))]
        assert got["result"] == ("correct" if plan.correct else "wrong"), where
        assert CMI_TIMESPAN.match(got["latency"]), (where, got["latency"])
        assert CMI_TIME.match(got["time"]), (where, got["time"])
        assert got["weighting"] == "1", where


def assert_appended(calls: list[ApiCall], first: int, count: int) -> None:
    """The session wrote ``count`` interactions at indices ``first``, ``first + 1``, ... in
    order (n = cmi.interactions._count, id first): appended, none written twice."""
    written = [
        c.args[0]
        for c in calls
        if c.method == "LMSSetValue" and re.fullmatch(r"cmi\.interactions\.\d+\.id", c.args[0])
    ]
    assert written == [f"cmi.interactions.{n}.id" for n in range(first, first + count)]


def assert_session_time(calls: list[ApiCall], final: dict[str, Any], started: float) -> None:
    """cmi.core.session_time: a CMITimespan, this session only, as the SCO sent it."""
    times = sent(calls, "cmi.core.session_time")
    assert times, "the SCO never set cmi.core.session_time"
    assert all(CMI_TIMESPAN.match(t) for t in times), times
    assert CMI_TIMESPAN.match(final["core"]["session_time"]), final["core"]["session_time"]
    elapsed_cs = (time.monotonic() - started) * 100
    assert 0 < centiseconds(times[-1]) <= elapsed_cs, (times[-1], elapsed_cs)


def leave(session: LMSSession, *, failed_commits: int = 0, code: str = "101") -> list[ApiCall]:
    """The learner is done: the LMS unloads the course (pagehide, as when the window closes).
    Then the whole record must keep the rules of every journey (f): one LMSInitialize, first;
    one LMSFinish and nothing after it; no value the LMS rejects; suspend_data within 4,096
    characters; a status never downgraded; no console error, uncaught exception or request
    beyond 127.0.0.1; no warning from the runtime (it warns only when the LMS refuses
    something: here, the ``failed_commits`` commits refused on purpose). Returns the call log."""
    session.close()  # from here on, the LMS state is the one kept at closing: reads are cheap
    calls = session.calls()
    failed = [c for c in calls if c.error not in (None, "0")]
    assert [(c.method, c.result, c.error) for c in failed] == [
        ("LMSCommit", "false", code)
    ] * failed_commits, [str(c) for c in failed]
    expected = {f"API error: {c}" for c in failed}
    assert [p for p in session.problems() if p not in expected] == []
    assert session.page_errors == []

    warnings = [c.text for c in session.console if c.type == "warning" and c.frame == "course"]
    assert len(warnings) == failed_commits, warnings
    assert all(w.startswith(f"coursebuild: LMSCommit failed: error {code}") for w in warnings)

    if not session.api:
        assert calls == []
        return calls
    methods = [c.method for c in calls]
    assert methods[0] == "LMSInitialize" and methods.count("LMSInitialize") == 1
    assert methods.count("LMSFinish") == 1, "LMSFinish must be called exactly once"
    assert methods[-1] == "LMSFinish", (
        f"calls after LMSFinish: {methods[methods.index('LMSFinish') :]}"
    )
    finish = calls[-1]
    assert finish.result == "true" and finish.cmi == session.final_cmi
    assert not any(c.after_finish for c in calls)
    assert session.violations() == []

    data = sent(calls, "cmi.suspend_data")
    assert data, "the SCO never wrote cmi.suspend_data"
    assert max(len(d) for d in data) <= SUSPEND_DATA_LIMIT
    tried = [
        c.args[1] for c in calls if c.method == "LMSSetValue" and c.args[0] == "cmi.suspend_data"
    ]
    assert max(len(str(d)) for d in tried) <= SUSPEND_DATA_LIMIT

    statuses = sent(calls, "cmi.core.lesson_status")
    assert set(statuses) <= SCO_STATUSES, statuses
    ranks = [STATUS_RANK[s] for s in statuses if s in STATUS_RANK]
    assert ranks == sorted(ranks), f"status downgraded: {statuses}"
    return calls


# --- (a) everything seen, assessment passed ---------------------------------------------------


def test_a_visit_everything_and_pass(lms: Scorm12LMS, seed: SeedCourse) -> None:
    started = time.monotonic()
    session = lms.launch()
    me = Learner(session, seed)
    me.expect_on(seed.page_ids[0], focused=False)
    expect(me.status()).to_have_text(me.t("tracking_on"))
    core = session.cmi()["core"]
    assert (core["entry"], core["lesson_status"], core["exit"]) == (
        "ab-initio",
        "incomplete",
        "suspend",
    )

    assert me.visit_all() == seed.page_ids
    me.expect_seen(set(seed.page_ids))
    core = session.cmi()["core"]
    assert core["lesson_status"] == "incomplete"  # the assessment is not passed yet
    assert core["lesson_location"] == seed.assessment_id

    assert me.take_attempt(wrong=0) == 100
    me.expect_result(100, attempts_left=None)
    expect(me.status()).to_have_text(f"{me.t('tracking_on')} {me.t('course_complete')}")
    cmi = session.cmi()
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert cmi["core"]["exit"] == ""  # nothing left to do
    assert len(me.answered) == seed.asked == len(seed.questions)
    assert {p.qid for p in me.answered} == set(seed.questions)  # every question asked once
    assert {p.qtype for p in me.answered} == {q.type for q in seed.questions.values()}
    assert_interactions(cmi, seed, me.answered)

    me.exit()
    expect(me.status()).to_have_text(me.t("session_ended"))
    expect(me.button(me.frame.locator(".cb-tools"), "exit")).to_be_disabled()
    assert session.finished

    calls = leave(session)  # pagehide after Exit: nothing more may be called
    final = session.final_cmi
    assert final is not None
    assert final["core"]["lesson_status"] == "passed"
    assert final["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert final["core"]["exit"] == ""
    assert_interactions(final, seed, me.answered)
    assert_appended(calls, 0, seed.asked)
    assert_session_time(calls, final, started)
    # the score goes to the LMS before the status it justifies [SCORM 1.2 RTE §3.4]
    (passed_at,) = set_index(calls, "cmi.core.lesson_status", "passed")
    for element, value in (("raw", "100"), ("min", "0"), ("max", "100")):
        at = set_index(calls, f"cmi.core.score.{element}", value)
        assert at and at[0] < passed_at, (element, at, passed_at)
    assert sent(calls, "cmi.core.lesson_status") == ["incomplete", "passed"]
    assert sent(calls, "cmi.core.exit") == ["suspend", ""]


# --- (b) failing every attempt ------------------------------------------------------------------


# One seed here, the other in SCORM 2004 (the seeds share the rule and the quiz's shape).
@pytest.mark.parametrize("seed", SEED_SLUGS[1:], indirect=True)
def test_b_fail_and_retry_until_attempts_run_out(lms: Scorm12LMS, seed: SeedCourse) -> None:
    session = lms.launch()
    me = Learner(session, seed)
    me.go(seed.assessment_id)
    assert seed.attempts == 3
    wrongs = [seed.asked // 2, 2, seed.asked]  # a better second attempt, then a worse one
    scores = [seed.score(seed.asked - w, seed.asked) for w in wrongs]
    assert scores[0] < scores[1] < seed.pass_mark and scores[2] < scores[1]
    earlier: dict[str, Any] = {}
    for attempt, wrong in enumerate(wrongs, start=1):
        intro = me.quiz.locator("[data-cb-quiz-intro]")
        expect(intro).to_contain_text(me.t("quiz_attempt", n=attempt, total=seed.attempts))
        assert me.take_attempt(wrong) == scores[attempt - 1]
        left = seed.attempts - attempt
        me.expect_result(scores[attempt - 1], attempts_left=left)  # retry only while left

        cmi = session.cmi()
        best = max(scores[:attempt])
        assert cmi["core"]["lesson_status"] == "failed"
        # the score goes with the status once settled (out of attempts): an LMS that judges by
        # the mastery score would otherwise keep a fail that a retry passes (docs/tracking.md)
        raw = str(best) if not seed.attempts - attempt else ""
        assert cmi["core"]["score"]["raw"] == raw
        assert cmi["core"]["exit"] == ("suspend" if left else "")
        assert len(me.answered) == attempt * seed.asked
        assert_interactions(cmi, seed, me.answered)
        for n, recorded in earlier.items():  # earlier attempts' interactions are untouched
            assert cmi["interactions"][n] == recorded
        earlier = dict(cmi["interactions"])
        if left:
            me.retry()

    assert me.quiz.locator("[data-cb-retry]").count() == 1  # there, and hidden
    expect(me.quiz.locator("[data-cb-retry]")).to_be_hidden()

    calls = leave(session)
    final = session.final_cmi
    assert final is not None
    assert final["core"]["lesson_status"] == "failed"
    assert final["core"]["score"] == {"raw": str(max(scores)), "min": "0", "max": "100"}
    assert final["core"]["exit"] == ""
    assert_interactions(final, seed, me.answered)
    assert_appended(calls, 0, seed.attempts * seed.asked)  # never rewritten
    assert sent(calls, "cmi.core.lesson_status") == ["incomplete", "failed"]
    assert sent(calls, "cmi.core.score.raw") == [str(max(scores))]


# --- (c) leave halfway, come back --------------------------------------------------------------


# One seed here, the other in SCORM 2004 (the seeds share the rule and the quiz's shape).
@pytest.mark.parametrize("seed", SEED_SLUGS[:1], indirect=True)
def test_c_leave_halfway_and_resume(lms: Scorm12LMS, seed: SeedCourse) -> None:
    first = lms.launch()
    me = Learner(first, seed)
    me.next()
    me.next()
    seen = set(seed.page_ids[:3])
    me.go(seed.assessment_id)  # skipping the pages in between
    seen.add(seed.assessment_id)
    other = next(lang for lang in seed.languages if lang != "en")
    me.switch_language(other)
    me.expect_on(seed.assessment_id, focused=False)
    me.expect_seen(seen)

    # Check answers until a text question after the first: type its answer, do not check it.
    me.answer_current(correct=True)
    me.onward()
    li, q = me.current_question()
    while q.type not in TEXT_TYPES:
        me.answer_current(correct=True)
        me.onward()
        li, q = me.current_question()
    position = me.question_number()
    pending = q.plan(True, me.lang)
    me.enter(li, q, pending)
    checked = list(me.answered)

    leave(first)  # the window closes: pagehide
    final = first.final_cmi
    assert final is not None
    assert final["core"]["exit"] == "suspend"
    assert final["core"]["lesson_status"] == "incomplete"
    assert final["core"]["lesson_location"] == seed.assessment_id
    assert 0 < len(final["suspend_data"]) <= SUSPEND_DATA_LIMIT
    assert_interactions(final, seed, checked)

    second = lms.relaunch()
    assert second.cmi()["core"]["entry"] == "resume"
    again = Learner(second, seed, lang=other, answered=list(checked))
    expect(again.frame.locator("html")).to_have_attribute("lang", other)  # language kept
    again.expect_on(seed.assessment_id, focused=False)  # same page
    expect(again.status()).to_have_text(f"{again.t('tracking_on')} {again.t('resumed')}")
    again.expect_seen(seen)  # pages seen still counted
    assert again.question_number() == position  # same question
    li, q = again.current_question()
    assert q.id == pending.qid
    again.expect_entered(li, q, pending)  # the answer given before leaving
    expect(li.locator("fieldset[disabled]")).to_have_count(0)  # not checked yet
    expect(li.locator("input, select").first).to_be_enabled()
    read = {c.args[0]: c.result for c in second.calls("LMSGetValue")}
    assert read["cmi.core.entry"] == "resume"
    assert read["cmi.suspend_data"] == final["suspend_data"]

    again.check(li, pending)
    again.onward()
    while len(again.answered) < seed.asked:
        again.answer_current(correct=True)
        again.onward()
    again.expect_result(100, attempts_left=None)
    for plan in again.answered:  # the review shows every answer, the first session's too
        item = again.quiz.locator(f'[data-cb-q="{plan.qid}"]')
        expect(item.locator("[data-cb-verdict]")).to_have_text(marked(True, again.t("correct")))

    # passed, but not every page seen: the status waits and the score is held back
    core = second.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("incomplete", "")
    for page_id in seed.page_ids:
        if page_id not in seen:
            again.go(page_id)
            seen.add(page_id)
    again.expect_seen(seen)
    cmi = second.cmi()
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert_interactions(cmi, seed, again.answered)  # appended after the first session's

    again.exit()
    calls = leave(second)
    final = second.final_cmi
    assert final is not None
    assert (final["core"]["lesson_status"], final["core"]["exit"]) == ("passed", "")
    assert_interactions(final, seed, again.answered)
    # this session appended after the first session's interactions, never over them
    assert_appended(calls, len(checked), seed.asked - len(checked))


# --- (d) the LMS refuses commits ---------------------------------------------------------------


def test_d_failed_commits_are_retried_and_nothing_is_lost(
    lms: Scorm12LMS, seed: SeedCourse
) -> None:
    # The browser's clock stands still while the retries are timed: timers run when told.
    clock = lms.context.clock
    clock.install()
    clock.pause_at(datetime.now() + timedelta(seconds=1))
    session = lms.launch(fail_commits=1)
    me = Learner(session, seed)

    def commits() -> list[tuple[Any, str | None]]:
        return [(c.result, c.error) for c in session.calls("LMSCommit")]

    refused, saved = ("false", "101"), ("true", "0")
    assert commits() == [refused]  # the commit at launch
    clock.run_for(COMMIT_RETRY_DELAY_MS - 1)
    assert commits() == [refused]
    clock.run_for(1)  # the runtime tries again by itself
    assert commits() == [refused, saved]
    calls = session.calls()
    first_commit, retried = [c for c in calls if c.method == "LMSCommit"]
    between = [c.method for c in calls if first_commit.index < c.index < retried.index]
    assert set(between) <= {"LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"}, between
    assert retried.cmi is not None
    assert retried.cmi["core"]["lesson_status"] == "incomplete"
    assert retried.cmi["core"]["lesson_location"] == seed.page_ids[0]
    expect(me.status()).to_have_text(me.t("tracking_on"))
    clock.resume()

    me.visit_all()
    # a run of refusals longer than the retries, right when a question is checked
    clock.pause_at(session.page.evaluate("() => Date.now() / 1000 + 1"))  # in seconds
    before = len(commits())
    session.fail_commits(4)
    told = me.t("save_refused", error="101 \u2013 General Exception")
    first = me.answer_current(correct=True)
    assert commits()[before:] == [refused]
    for n in (1, 2, 3):  # retry n waits n times the delay
        expect(me.status()).to_have_text(told)  # said at once, while it tries again
        clock.run_for(COMMIT_RETRY_DELAY_MS * n - 1)
        assert commits()[before:] == [refused] * n
        clock.run_for(1)
        assert commits()[before:] == [refused] * (n + 1)
    expect(me.status()).to_have_text(told)
    clock.run_for(10 * COMMIT_RETRY_DELAY_MS)
    assert commits()[before:] == [refused] * 4  # then it waits for the next milestone
    clock.resume()

    # the page keeps working, and the next milestone saves everything
    me.onward()
    second = me.answer_current(correct=True)
    expect(me.status()).to_have_text(me.t("tracking_on"))
    last = session.calls("LMSCommit")[-1]
    assert (last.result, last.error) == saved
    assert last.cmi is not None
    assert_interactions(last.cmi, seed, [first, second])
    me.onward()
    while len(me.answered) < seed.asked:
        me.answer_current(correct=True)
        me.onward()
    me.expect_result(100, attempts_left=None)
    me.exit()

    calls = leave(session, failed_commits=5)  # no uncaught error, nothing else refused
    final = session.final_cmi
    assert final is not None
    assert final["core"]["lesson_status"] == "passed"
    assert final["core"]["score"] == {"raw": "100", "min": "0", "max": "100"}
    assert final["core"]["exit"] == ""
    assert_interactions(final, seed, me.answered)
    assert_appended(calls, 0, seed.asked)


# --- (d2) the LMS refuses the data: the learner is told what it said (issue 13 #7) -------------

ERROR_405 = "405 \u2013 Incorrect Data Type"  # what scorm-again's LMSGetErrorString says


@pytest.mark.parametrize("seed", SEED_SLUGS[:1], indirect=True)
def test_d2_refused_setvalue_is_said_until_the_lms_takes_it(
    lms: Scorm12LMS, seed: SeedCourse
) -> None:
    refused = ["cmi.core.lesson_status", "cmi.core.score", "cmi.suspend_data"]
    session = lms.launch(refuse_sets=refused)
    me = Learner(session, seed)
    complete = " " + me.t("course_complete")
    expect(me.status()).to_have_text(
        REFUSED["en"].format(error=ERROR_405)
    )  # from the first commit on
    me.visit_all()
    me.take_attempt()
    me.expect_result_shown()
    record = me.quiz.locator("[data-cb-result-record]")
    expect(record).to_have_text(RESULT_UNSAVED["en"])  # never "records the course as complete"
    expect(me.status()).to_have_text(REFUSED["en"].format(error=ERROR_405) + complete)
    held = session.cmi()
    assert (held["core"]["lesson_status"], held["suspend_data"]) == ("not attempted", "")
    me.switch_language("fr")  # a milestone: refused again, said in French
    expect(me.status()).to_have_text(
        REFUSED["fr"].format(error=ERROR_405) + " " + me.t("course_complete")
    )
    expect(me.quiz.locator("[data-cb-result-record]")).to_have_text(RESULT_UNSAVED["fr"])

    session.refuse_sets([])  # the LMS takes the data again: the next milestone saves it
    me.switch_language("en")
    expect(me.status()).to_have_text(SAVED["en"] + complete)
    expect(record).to_have_text(me.t("record_complete_passed"))
    held = session.cmi()
    assert (held["core"]["lesson_status"], held["core"]["score"]["raw"]) == ("passed", "100")
    assert held["suspend_data"]  # the refused resume state went again, and was taken
    me.switch_language("fr")
    expect(me.status()).to_have_text(SAVED["fr"] + " " + me.t("course_complete"))
    me.exit()
    expect(me.status()).to_have_text(me.t("session_ended"))
    assert session.final_cmi is not None
    assert session.final_cmi["core"]["lesson_status"] == "passed"


# --- (e) no LMS ---------------------------------------------------------------------------------


# One seed here, the other in SCORM 2004 (the seeds share the rule and the quiz's shape).
@pytest.mark.parametrize("seed", SEED_SLUGS[1:], indirect=True)
def test_e_without_an_lms_the_course_plays(lms: Scorm12LMS, seed: SeedCourse) -> None:
    session = lms.launch(api=False)
    me = Learner(session, seed)
    assert session.page.evaluate("() => typeof window.API") == "undefined"
    expect(me.status()).to_have_text(me.t("tracking_off"))
    assert me.visit_all() == seed.page_ids
    me.expect_seen(set(seed.page_ids))
    score = me.take_attempt(wrong=2)
    me.expect_result(score, attempts_left=seed.attempts - 1)
    me.retry()
    assert me.take_attempt(wrong=0) == 100
    me.expect_result(100, attempts_left=None)
    expect(me.status()).to_have_text(f"{me.t('tracking_off')} {me.t('course_complete')}")
    me.exit()
    expect(me.status()).to_have_text(me.t("session_ended_off"))
    assert leave(session) == []


# --- (f) the video page ------------------------------------------------------------------------


def test_f_the_video_page_reaches_nothing_outside(
    lms: Scorm12LMS, seed: SeedCourse, blocked_requests: list[str]
) -> None:
    session = lms.launch()
    me = Learner(session, seed)
    page_id = seed.video_page
    me.go(page_id)
    box = me.section(page_id).locator("[data-cb-video]")
    video = seed.page_video(page_id, "en")
    assert video is not None
    expect(me.section(page_id).locator("iframe, video")).to_have_count(0)
    if video.get("url"):  # a page that is not YouTube or Vimeo: a link card
        expect(box).to_have_attribute("data-cb-video", "link")
        link = box.get_by_role("link", name=re.compile(re.escape(me.t("video_watch_link"))))
        expect(link).to_have_attribute("href", video["url"])
        expect(link).to_have_attribute("target", "_blank")
    else:  # no address at all: a note
        expect(box).to_have_attribute("data-cb-video", "none")
        expect(box).to_contain_text(me.t("video_none"))
    expect(me.section(page_id).locator("details.cb-transcript")).to_have_attribute("open", "")
    session.page.wait_for_load_state("networkidle")
    leave(session)
    assert session.blocked_requests == [] and blocked_requests == []


# --- (g) keyboard only --------------------------------------------------------------------------


def test_g_keyboard_only_start_to_finish(lms: Scorm12LMS, seed: SeedCourse) -> None:
    session = lms.launch()
    me = KeyboardLearner(session, seed)
    me.frame.evaluate(
        """() => { window.__pointer = 0; window.__keys = 0;
                   for (const e of ["pointerdown", "mousedown", "click"])
                     document.addEventListener(e, ev => { if (ev.detail || ev.pointerType)
                       window.__pointer++; }, true);
                   document.addEventListener("keydown", () => window.__keys++, true); }"""
    )
    first = me.tab_to(lambda f: True, what="anything in the course")
    assert (first["tag"], first["text"]) == ("a", me.t("skip_to_content"))

    assert me.visit_all() == seed.page_ids  # Tab to Next, Enter; focus on each new heading
    assert me.take_attempt(wrong=0) == 100
    me.expect_result(100, attempts_left=None)
    assert session.cmi()["core"]["lesson_status"] == "passed"
    me.exit()
    expect(me.status()).to_have_text(me.t("session_ended"))
    assert session.finished

    assert me.frame.evaluate("() => window.__pointer") == 0  # not one mouse click
    assert me.frame.evaluate("() => window.__keys") > 2 * len(seed.page_ids)
    leave(session)
    final = session.final_cmi
    assert final is not None
    assert final["core"]["lesson_status"] == "passed"
    assert final["core"]["score"]["raw"] == "100"
    assert_interactions(final, seed, me.answered)


# --- (h) the launch page ------------------------------------------------------------------------


def test_h_the_launch_page_shows_the_course(lms: Scorm12LMS, seed: SeedCourse) -> None:
    session = lms.launch()
    me = Learner(session, seed)
    frame = me.frame
    expect(frame.locator("html")).to_have_attribute("lang", "en")
    expect(frame.locator('.cb-course [data-cb-lang="en"]')).to_have_text(seed.title("en"))
    expect(frame.locator('.cb-course [data-cb-lang="en"]')).to_be_visible()
    me.expect_on(seed.page_ids[0], focused=False)
    expect(frame.locator("h1:visible")).to_have_count(1)
    first = seed.page_title(seed.page_ids[0], "en")
    assert frame.title() == me.t("document_title", page=first, course=seed.title("en"))
    for other in seed.languages:  # one language at a time
        if other != "en":
            expect(frame.locator(f"#cb-lang-{other}")).to_be_hidden()
            expect(frame.locator(f'.cb-course [data-cb-lang="{other}"]')).to_be_hidden()
    assert session.console_errors() == []
    leave(session)
