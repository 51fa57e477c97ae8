"""The language toggle in a real SCORM 1.2 LMS (scorm-again in the harness): a learner who
switches to French halfway loses nothing, the LMS records the choice, and the next launch
resumes in French. The starting language comes from the LMS, else from the browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame
from support.learner import Learner
from support.lms import Scorm12LMS, read_sco_launch
from support.lms_session import LMSSession
from support.seed import SEEDS
from support.web import StaticServer, guard_network
from typer.testing import CliRunner

from builder.cli import app
from builder.model import interaction_id

SEED = SEEDS["social-media-at-work"]
COURSE = SEED.src
MakeLMS = Callable[[Path], Scorm12LMS]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilingual SCORM 1.2 package of social-media-at-work (8 questions, one at a time)."""
    out = tmp_path_factory.mktemp("dist")
    result = CliRunner().invoke(app, ["build", str(COURSE), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "social-media-at-work-scorm12.zip"


def lang(course: Frame) -> str:
    value: str = course.evaluate("() => document.documentElement.lang")
    return value


def state(course: Frame) -> dict[str, Any]:
    """The learner's state as the runtime keeps it (what goes into cmi.suspend_data)."""
    value: dict[str, Any] = course.evaluate(
        "() => JSON.parse(JSON.stringify(CourseBuild.player.tracker.state))"
    )
    return value


def decoded(course: Frame, suspend_data: str) -> dict[str, Any]:
    """cmi.suspend_data decoded by the runtime's own codec (state.js)."""
    value: dict[str, Any] = course.evaluate(
        """(data) => {
          const config = JSON.parse(document.getElementById('coursebuild-config').textContent);
          return JSON.parse(JSON.stringify(CourseBuild.state.decode(config, data)));
        }""",
        suspend_data,
    )
    return value


def interactions(session: LMSSession) -> list[dict[str, Any]]:
    recorded = session.cmi().get("interactions") or {}
    return [recorded[k] for k in sorted(recorded, key=int) if k.isdigit()]


def test_switching_to_french_halfway_keeps_progress_answers_and_position(
    scorm12_lms: MakeLMS, package: Path
) -> None:
    lms = scorm12_lms(package)
    first = lms.launch()
    me = Learner(first, SEED)
    course = first.course
    assert lang(course) == "en"
    for _ in range(3):
        me.next()
    me.go("final")
    asked = [me.answer_current(correct=True).qid]
    me.onward()
    asked.append(me.answer_current(correct=False).qid)
    before = state(course)
    recorded = interactions(first)
    assert [i["id"] for i in recorded] == [interaction_id("final", q) for q in asked]
    progress = course.locator("#cb-progress").evaluate("(p) => p.value")
    assert (before["page"], progress) == (6, 5)  # pages 1-4, then the assessment (7th)

    me.switch_language("fr")

    assert lang(course) == "fr"
    assert course.locator("#fr_final").is_visible()
    assert not course.locator("#en_final").is_visible()
    after = state(course)
    assert after == {**before, "lang": 1}
    assert course.locator("#cb-progress").evaluate("(p) => p.value") == progress
    assert course.locator("#cb-progress-text").inner_text() == "5 pages vues sur 7"
    current = course.locator("#fr_final [data-cb-q]:visible")
    assert current.count() == 1
    assert current.get_attribute("data-cb-q") == asked[-1]  # the same question, checked
    assert current.locator("fieldset").evaluate("(f) => f.disabled")  # locked once checked
    assert current.locator("input, select").first.is_disabled()
    shown = current.evaluate(
        """(li) => li.querySelectorAll("input:checked").length
          + [...li.querySelectorAll("select, input[type=text]")].filter((e) => e.value).length"""
    )
    assert shown > 0  # the learner's answer, shown in French
    verdict = current.locator("[data-cb-verdict]").inner_text()
    assert verdict.endswith(("Bonne réponse", "Mauvaise réponse")), verdict
    assert current.get_by_role("button", name="Question suivante").is_visible()
    assert course.get_by_role("link", name="English").is_visible()

    # What the LMS recorded: the choice is committed at once, nothing else changed.
    committed = first.calls("LMSCommit")[-1].cmi
    assert committed is not None
    assert committed["core"]["lesson_location"] == "final"
    assert decoded(course, committed["suspend_data"]) == after
    assert decoded(course, first.cmi()["suspend_data"])["lang"] == 1
    assert interactions(first) == recorded

    # Carry on in French: one more question, recorded like the others.
    current.get_by_role("button", name="Question suivante").click()
    asked.append(me.answer_current(correct=True).qid)
    assert [i["id"] for i in interactions(first)] == [interaction_id("final", q) for q in asked]
    assert first.problems() == []

    second = lms.relaunch()
    course = second.course
    assert second.cmi()["core"]["entry"] == "resume"
    assert lang(course) == "fr"
    assert course.locator("#fr_final").is_visible()
    resumed = state(course)
    assert resumed["lang"] == 1 and resumed["page"] == 6
    assert [resumed["quiz"]["items"][n]["checked"] for n in range(3)] == [True, True, True]
    assert course.locator("#cb-status").inner_text().startswith("Votre progression est enregistrée")
    assert second.problems() == []


def test_the_lms_preference_starts_the_course_in_french(
    scorm12_lms: MakeLMS, package: Path
) -> None:
    lms = scorm12_lms(package)
    cmi = lms.first_launch_cmi(read_sco_launch(lms.manifest))
    cmi["student_preference"] = {"language": "fr"}
    session = lms.launch(cmi)
    course = session.course
    assert lang(course) == "fr"
    assert course.locator("#fr_intro").is_visible()
    assert not course.locator("#en_intro").is_visible()
    assert course.get_by_role("link", name="English").is_visible()
    assert session.page.frame(name="course") is not None
    assert course.evaluate("() => document.title").startswith("À propos de ce cours")
    assert session.problems() == []


@pytest.mark.parametrize(
    ("browser_locale", "preference", "expected"),
    [("fr-CA", "", "fr"), ("fr-CA", "en", "en"), ("en-CA", "", "en")],
)
def test_without_a_preference_the_browser_language_decides(
    browser: Browser,
    http_server: StaticServer,
    package: Path,
    browser_locale: str,
    preference: str,
    expected: str,
) -> None:
    context = browser.new_context(locale=browser_locale, service_workers="block")
    blocked: list[str] = []
    guard_network(context, blocked)
    try:
        lms = Scorm12LMS(package, http_server, context, folder=f"lms-{browser_locale}")
        cmi = lms.first_launch_cmi(read_sco_launch(lms.manifest))
        cmi["student_preference"] = {"language": preference}
        session = lms.launch(cmi)
        assert lang(session.course) == expected
        assert session.course.locator(f"#{expected}_intro").is_visible()
        assert session.problems() == []
    finally:
        context.close()
    assert blocked == []
