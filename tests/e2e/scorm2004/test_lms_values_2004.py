"""What a SCORM 2004 LMS hands at launch and then judges by itself: `cmi.scaled_passing_score`
and `cmi.completion_threshold`. An LMS that has a passing score decides `cmi.success_status` from
`cmi.score.scaled`, whatever the SCO set [SCORM 2004 4th ed. RTE §4.2.19 cmi.scaled_passing_score,
§4.2.22 cmi.success_status], and it may be the LMS's own rather than the manifest's
`minNormalizedMeasure`; one that has a completion threshold decides `cmi.completion_status` from
`cmi.progress_measure` [SCORM 2004 4th ed. RTE §4.2.4, §4.2.18]. The learner must be told what the
LMS holds: the course judges by the LMS's passing score, and keeps its progress measure below
the LMS's threshold until it is complete by its own rule (scorm-again evaluates as the RTE says).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms2004 import Scorm2004LMS
from support.seed import SEEDS, SeedCourse, phrase

LMSMaker = Callable[[Path], Scorm2004LMS]
SLUG = "social-media-at-work"


@dataclass(frozen=True)
class JudgedByTheLMS(SeedCourse):
    """The seed course as the learner meets it under an LMS's own passing score."""

    lms_pass_mark: int = 0

    @property
    def pass_mark(self) -> int:
        return self.lms_pass_mark


@pytest.fixture
def lms(scorm2004_lms: LMSMaker, seed_dist: Path) -> Scorm2004LMS:
    return scorm2004_lms(seed_dist / f"{SLUG}-scorm2004.zip")


@pytest.mark.parametrize(
    ("passing", "pass_mark", "wrong", "told", "held"),
    [
        # above the course's 80: 7 of 8 right (87 %) passes the course's mark, not the LMS's
        ("0.95", 95, 1, "record_failed", ("incomplete", "failed", "suspend")),
        # below it: 4 of 8 right (50 %) fails the course's mark, and passes the LMS's
        ("0.5", 50, 4, "record_complete_passed", ("completed", "passed", "normal")),
    ],
)
def test_the_lms_passing_score_is_the_one_the_learner_is_judged_by(
    lms: Scorm2004LMS,
    passing: str,
    pass_mark: int,
    wrong: int,
    told: str,
    held: tuple[str, str, str],
) -> None:
    seed = SEEDS[SLUG]
    assert seed.pass_mark == 80 and seed.asked == 8  # what the cases above are written for
    course = JudgedByTheLMS(SLUG, lms_pass_mark=pass_mark)
    cmi = lms.first_launch_cmi()
    cmi["scaled_passing_score"] = passing  # the LMS's own, not the manifest's 0.8
    session = lms.launch(cmi)
    me = Learner(session, course, capitals=True)
    me.visit_all()
    score = me.take_attempt(wrong=wrong)  # the intro says the LMS's pass mark
    me.expect_result(score, attempts_left=course.attempts - 1 if held[1] == "failed" else None)
    expect(me.quiz.locator("[data-cb-result-record]")).to_have_text(phrase("en", told))
    me.exit()
    expect(me.frame.locator("#cb-status")).to_contain_text(me.t("session_ended"))
    final = session.final_cmi
    assert final is not None
    assert (final["completion_status"], final["success_status"], final["exit"]) == held
    assert final["score"]["raw"] == str(score)
    assert session.problems() == []


@pytest.mark.parametrize(
    ("threshold", "measure"),
    [
        ("0.5", "0.4999"),  # the LMS's own (the manifest has none): just below it
        (None, "0.99"),  # none: the share of pages seen, short of 1 until complete
    ],
)
def test_the_lms_completion_threshold_does_not_complete_the_course_early(
    lms: Scorm2004LMS, threshold: str | None, measure: str
) -> None:
    """Every page seen, the quiz not passed, Exit: the LMS holds "incomplete", as the learner is
    told, whether or not it has a completion threshold."""
    cmi = lms.first_launch_cmi()
    assert "completion_threshold" not in cmi  # the manifest has none
    if threshold is not None:
        cmi["completion_threshold"] = threshold
    session = lms.launch(cmi)
    me = Learner(session, SEEDS[SLUG], capitals=True)
    me.visit_all()
    me.exit()
    expect(me.frame.locator("#cb-status")).to_have_text(me.t("session_ended"))
    final = session.final_cmi
    assert final is not None
    assert (final["completion_status"], final["exit"]) == ("incomplete", "suspend")
    assert final["progress_measure"] == measure
    assert session.problems() == []
    # the LMS with none says so with 403, which is not an error [SCORM 2004 RTE §3.1.7.6]
    unset = [str(c) for c in session.not_initialized_calls()]
    assert unset == (
        [] if threshold else ['GetValue("cmi.completion_threshold") -> "" [error 403]']
    )
