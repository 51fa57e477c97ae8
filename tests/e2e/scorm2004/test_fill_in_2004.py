"""A typed answer in a SCORM 2004 LMS (scorm-again, in Chromium): whatever the learner types, the
LMS takes `cmi.interactions.n.learner_response`, and the learner is not told that the LMS
refused their progress. A fill-in response is a list of localized strings, each of which may
open with a `{lang=…}` delimiter [SCORM 2004 4th ed. RTE §4.2.9.2]: a strict LMS refuses a text
that starts with `{` (406)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import SAVED, Learner
from support.lms2004 import Scorm2004LMS
from support.quiz_course import build_quiz_course
from support.seed import SeedCourse

QUIZ = """title: Quiz
pass_mark: 50
attempts: 2
display: all
questions:
  - id: word
    type: fill-in
    prompt: Type the word.
    answers: [hashtag]
  - id: tf
    type: true-false
    prompt: The sky is blue.
    answer: true
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("fill-src"), tmp_path_factory.mktemp("fill-dist")
    return build_quiz_course(src, out, "fill", QUIZ, "scorm2004")


@pytest.mark.parametrize("typed", ["{hashtag}", "{lang=fr}hashtag"])
def test_an_answer_that_starts_with_a_brace_is_recorded_as_typed(
    scorm2004_lms: Callable[[Path], Scorm2004LMS], built: tuple[SeedCourse, Path], typed: str
) -> None:
    course, package = built
    session = scorm2004_lms(package).launch()
    me = Learner.started(session, course)
    me.visit_all()
    me.question("word").locator("input").fill(typed)
    me.question("tf").get_by_role("radio", name=me.t("true"), exact=True).check(force=True)
    me.submit_all()
    expect(me.frame.locator("#cb-status")).to_contain_text(SAVED["en"])
    got = {i["id"]: i for i in session.cmi()["interactions"].values()}
    word = got["quizWord"]
    assert word["learner_response"] == " " + typed  # a space: text, not a delimiter
    assert word["result"] == "incorrect"
    assert session.problems(expected_hosts=("www.youtube-nocookie.com",)) == []  # its video
