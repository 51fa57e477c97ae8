"""What a SCORM 2004 LMS hands at launch and then judges by itself: `cmi.scaled_passing_score`.
An LMS that has one decides `cmi.success_status` from `cmi.score.scaled`, whatever the SCO set
[SCORM 2004 4th ed. RTE §4.2.19 cmi.scaled_passing_score, §4.2.22 cmi.success_status], and it
may be the LMS's own rather than the manifest's `minNormalizedMeasure`. The learner must be told
what the LMS holds: the course judges by the LMS's passing score (scorm-again evaluates as the
RTE says).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect
from support.learner import Learner
from support.lms2004 import Scorm2004LMS
from support.seed import SEEDS, SeedCourse, catalogue

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
    expect(me.quiz.locator("[data-cb-result-record]")).to_have_text(catalogue("en")[told])
    me.exit()
    expect(me.frame.locator("#cb-status")).to_contain_text(me.t("session_ended"))
    final = session.final_cmi
    assert final is not None
    assert (final["completion_status"], final["success_status"], final["exit"]) == held
    assert final["score"]["raw"] == str(score)
    assert session.problems() == []
