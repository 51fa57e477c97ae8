"""A SCORM 2004 course too large for the 2nd edition's 4,000 characters even without its
answers (the ``edition2`` profile around scorm-again, in Chromium): 1,800 video pages make the
pages seen and the videos' percents alone some 4,050 characters [SCORM 2004 4th ed. RTE §4.2.23].
What the course writes must still keep the assessment's attempts: a learner who used them all
does not get them back at the next launch, and is told the result the LMS holds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect
from support.learner import Learner
from support.lms2004 import Scorm2004LMS
from support.quiz_course import write_quiz_course
from support.seed import SeedCourse
from typer.testing import CliRunner

from builder.cli import app

LMSMaker = Callable[[Path], Scorm2004LMS]
VIDEOS = 1800  # 2 characters each in the state, and a bitmap of the pages: over 4,000
QUIZ = (
    "title: Quiz\npass_mark: 50\nattempts: 1\ndisplay: all\nquestions:\n"
    "  - id: q0\n    type: fill-in\n    prompt: Type word.\n    answers: [word]\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src, out = tmp_path_factory.mktemp("smallest-src"), tmp_path_factory.mktemp("smallest-dist")
    course = write_quiz_course(src, "smallest", QUIZ)
    spec = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
    video = (course / "modules" / "video.en.md").read_text(encoding="utf-8")
    extra = []
    for i in range(VIDEOS):
        page = course / "modules" / f"video{i}.en.md"
        page.write_text(video.replace("The video", f"Video {i}"), encoding="utf-8")
        extra.append({"page": f"video{i}"})
    spec["modules"] = spec["modules"][:-1] + extra + spec["modules"][-1:]
    # an attempt, not a pass: out of attempts, the pages left keep the LMS's attempt open
    spec["completion"]["assessment"] = "attempted"
    (course / "course.yml").write_text(yaml.safe_dump(spec), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(course), "-t", "scorm2004", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return SeedCourse("smallest", root=src), out / "smallest-scorm2004.zip"


def test_the_attempts_used_survive_when_nothing_else_of_the_state_fits(
    scorm2004_lms: LMSMaker, built: tuple[SeedCourse, Path]
) -> None:
    course, package = built
    lms = scorm2004_lms(package)
    session = lms.launch(profile="edition2")
    me = Learner.started(session, course)
    me.go("quiz")
    me.question("q0").locator("input").fill("not the word")
    me.submit_all()  # the one attempt, failed
    panel = me.quiz.locator("[data-cb-result]")
    expect(panel.get_by_role("button", name=me.t("retry"), exact=True)).to_be_hidden()
    held = session.cmi()
    assert (held["success_status"], held["score"]["raw"]) == ("failed", "0")
    assert 0 < len(held["suspend_data"]) <= 4000  # the smallest state, not an empty one
    assert held["exit"] == "suspend"  # pages are left: the LMS keeps this attempt

    again = lms.relaunch()
    me = Learner.started(again, course)
    me.expect_on("quiz", focused=False)  # where the learner was: the state kept it
    # what the LMS holds: failed, 0, no attempt left; the answers were not kept
    panel = me.expect_answers_not_kept(50, "attempts_none")
    expect(panel.locator("[data-cb-result-score]")).to_contain_text(me.t("result_score", score=0))
    expect(panel.locator("[data-cb-result-record]")).to_have_text(me.t("record_failed"))
    expect(panel.get_by_role("button", name=me.t("retry"), exact=True)).to_be_hidden()
    expect(me.quiz.locator("[data-cb-q]:visible")).to_have_count(0)
    assert again.cmi()["entry"] == "resume"
    cmi = again.cmi()
    assert (cmi["success_status"], cmi["score"]["raw"]) == ("failed", "0")
