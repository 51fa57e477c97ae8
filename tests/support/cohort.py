"""A scripted cohort: learners who take a course in Chromium, and what each one did.

Each ``Script`` says what one learner does (language, how many pages, how far into the video,
which questions of each attempt they get wrong); ``take`` plays it with a ``BriskLearner`` and
returns a ``Done``: the record, made by the script itself and never read back from an LRS, of
the pages shown, the part of the video played (as the browser's ``played`` ranges say), every
answer of every attempt (its xAPI response), the scores, and whether the learner passed and
completed the course. The report's acceptance test compares ``coursebuild report`` with these.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

from .learner_brisk import BriskLearner
from .seed import SeedCourse

# Play from the start until ``share`` of the video, then pause: the played range the browser saw.
_WATCH = """async ([selector, share]) => {
  const v = document.querySelector(selector);
  v.muted = true;
  v.playbackRate = 4;
  await v.play();
  const stop = share * v.duration;
  await new Promise(done => {
    const tick = () => (v.currentTime >= stop ? done() : setTimeout(tick, 5));
    tick();
  });
  v.pause();
  return [v.played.start(0), v.played.end(v.played.length - 1)];
}"""


@dataclass(frozen=True)
class Script:
    """What one learner does: ``pages`` opened from the first (None: all of them), ``watch``:
    the share of the video played from its start on its page (0: none), ``attempts``: for each
    attempt taken, the ids of the questions answered wrongly (the others right)."""

    name: str
    lang: str
    pages: int | None = None
    watch: float = 0.0
    attempts: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class Answer:
    """One question answered: in which attempt (1-based), the xAPI response, right or not."""

    question: str
    attempt: int
    response: str
    correct: bool


@dataclass(frozen=True)
class Done:
    """What one learner did, as the script did it."""

    name: str
    lang: str
    target: str
    pages: tuple[str, ...]
    watched: tuple[float, float] | None  # seconds of the video played, from..to
    answers: tuple[Answer, ...]
    scores: tuple[int, ...]  # per attempt
    passed: bool
    completed: bool


def take(page: Page, course: SeedCourse, script: Script, target: str, video: str) -> Done:
    """Play ``script`` in the course shown in ``page`` (started), then press Exit."""
    learner = BriskLearner.at(page, course, script.lang)
    ids = course.page_ids
    count = len(ids) if script.pages is None else script.pages
    seen = [learner.current_page()]
    assert seen == ids[:1]
    watched = None
    for page_id in ids[1:count]:
        if seen[-1] == video and script.watch:
            watched = _watch(page, f"#{script.lang}_{video} video", script.watch)
        learner.click(page.locator(".cb-pager [data-cb-next]"))
        learner.expect_on(page_id)
        seen.append(page_id)
    answers: list[Answer] = []
    scores: list[int] = []
    for n, wrong in enumerate(script.attempts, start=1):
        assert seen[-1] == course.assessment_id
        if n > 1:
            learner.retry()
        before = len(learner.answered)
        scores.append(learner.take_attempt(wrong_ids=wrong))
        for plan in learner.answered[before:]:
            response = course.questions[plan.qid].scorm2004(plan)[0]  # the xAPI format too
            answers.append(Answer(plan.qid, n, response, plan.correct))
    page.locator("[data-cb-exit]").click()
    passed = any(score >= course.pass_mark for score in scores)
    completed = passed and len(seen) == len(ids)  # completion: every page, assessment passed
    return Done(
        script.name,
        script.lang,
        target,
        tuple(seen),
        watched,
        tuple(answers),
        tuple(scores),
        passed,
        completed,
    )


def _watch(page: Page, selector: str, share: float) -> tuple[float, float]:
    start, end = page.evaluate(_WATCH, [selector, share])
    return float(start), float(end)
