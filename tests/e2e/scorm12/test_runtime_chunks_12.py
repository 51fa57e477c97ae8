"""The runtime's on-demand chunks in a real SCORM 1.2 LMS (issue 16): the assessment's code is
loaded when the learner reaches it or the page before it, on a resume too; a chunk that cannot be
loaded says so and records nothing."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import expect
from support.learner import Learner
from support.lms import Scorm12LMS
from support.seed import SeedCourse

QUESTIONS = "assets/runtime-questions.js"
VIDEO = "assets/runtime-video.js"


def chunks_loaded(me: Learner) -> list[str]:
    """The on-demand chunks the course's document has asked for so far."""
    return sorted(
        me.frame.eval_on_selector_all(
            "script[src^='assets/runtime-']", "els => els.map(e => e.getAttribute('src'))"
        )
    )


def test_a_learner_resumes_straight_onto_the_assessment_and_passes(
    lms: Scorm12LMS, seed: SeedCourse
) -> None:
    first = lms.launch()
    me = Learner.started(first, seed)
    assert QUESTIONS not in chunks_loaded(me)  # the first page has no question
    me.visit_all()
    assert seed.page_ids[-1] == seed.assessment_id
    first.close()  # the window closes on the assessment page: pagehide
    final = first.final_cmi
    assert final is not None and final["core"]["lesson_location"] == seed.assessment_id

    second = lms.relaunch()
    again = Learner(second, seed)
    again.expect_on(seed.assessment_id, focused=False)
    assert chunks_loaded(again) == [QUESTIONS]  # loaded for the page resumed onto, no other
    assert again.take_attempt(wrong=0) == 100
    again.expect_result(100, attempts_left=None)
    assert second.cmi()["core"]["lesson_status"] == "passed"
    assert second.cmi()["core"]["score"]["raw"] == "100"


def test_each_page_loads_the_parts_of_the_next_so_that_next_does_not_wait(
    lms: Scorm12LMS, seed: SeedCourse
) -> None:
    # A page change used to load and run a part after Next (on the seed, most of the work of
    # the Next into the assessment); the page before it now loads it, as it prefetches the next
    # page's file, and never earlier.
    me = Learner.started(lms.launch(), seed)
    config = me.frame.evaluate(
        "() => JSON.parse(document.getElementById('coursebuild-config').textContent)"
    )
    needed: dict[str, set[str]] = {c["src"]: set(c["pages"]) for c in config["chunks"]}
    assert sorted(needed) == [QUESTIONS, VIDEO]
    ids = seed.page_ids
    for i in range(len(ids) - 1):
        upto = set(ids[: i + 2])  # the pages seen so far and the next one
        want = sorted(src for src, pages in needed.items() if pages & upto)
        scripts = me.frame.locator("script[src^='assets/runtime-']")
        expect(scripts).to_have_count(len(want))
        assert chunks_loaded(me) == want, ids[i]
        if i + 1 < len(ids) - 1:
            me.next()
    # on the page before the assessment: once its part has run, Next shows it with nothing to
    # wait for, its controls live at once
    me.frame.wait_for_function(
        "() => !!window.CourseBuild.playerQuiz && [...document.querySelectorAll("
        "'link[href=\"assets/runtime-questions.css\"]')].some(l => !!l.sheet)"
    )
    me.frame.locator(".cb-pager [data-cb-next]").click()
    form = me.section(seed.assessment_id).locator("form[data-cb-quiz]")
    assert not form.evaluate("f => f.inert || !!f.closest('[aria-busy=true]')")
    assert not me.frame.locator("#cb-main").get_attribute("aria-busy")


def _without_questions_chunk(seed_dist: Path, seed: SeedCourse, tmp_path: Path) -> Path:
    """The seed's SCORM 1.2 package with its questions chunk left out."""
    broken = tmp_path / f"{seed.slug}-scorm12.zip"
    with (
        zipfile.ZipFile(seed_dist / broken.name) as whole,
        zipfile.ZipFile(broken, "w") as part,
    ):
        for info in whole.infolist():
            if info.filename != QUESTIONS:
                part.writestr(info, whole.read(info))
    return broken


def test_a_missing_chunk_is_said_and_nothing_is_recorded_as_done(
    scorm12_lms: Callable[[Path], Scorm12LMS], seed_dist: Path, seed: SeedCourse, tmp_path: Path
) -> None:
    session = scorm12_lms(_without_questions_chunk(seed_dist, seed, tmp_path)).launch()
    me = Learner.started(session, seed)
    me.frame.locator(f'a[href="#en_{seed.assessment_id}"]').first.click()

    expect(me.status()).to_contain_text(me.t("part_load_failed"))
    expect(me.heading(seed.assessment_id)).to_be_visible()  # its content is shown
    form = me.section(seed.assessment_id).locator("form[data-cb-quiz]")
    assert form.evaluate("f => f.inert")  # and its controls stay inert
    expect(me.frame.locator("#cb-main")).not_to_have_attribute("aria-busy", "true")
    core = session.cmi()["core"]
    assert core["lesson_status"] == "incomplete"
    assert core["lesson_location"] != seed.assessment_id  # the page is not recorded as seen
    assert not session.cmi()["interactions"]  # no answer recorded


def test_while_a_chunk_loads_and_if_it_fails_the_chrome_shows_the_page_on_screen(
    scorm12_lms: Callable[[Path], Scorm12LMS], seed_dist: Path, seed: SeedCourse, tmp_path: Path
) -> None:
    # Round 1's rough edge: "page n of m", the menu's current mark and the window title kept
    # the PREVIOUS page while the assessment's chunk loaded, and for good when it failed.
    session = scorm12_lms(_without_questions_chunk(seed_dist, seed, tmp_path)).launch()
    me = Learner.started(session, seed)
    quiz = seed.assessment_id
    me.frame.locator(f'a[href="#en_{quiz}"]').first.click()
    expect(me.status()).to_contain_text(me.t("part_load_failed"))

    n, total = seed.page_ids.index(quiz) + 1, len(seed.page_ids)
    expect(me.frame.locator("[data-cb-pageof]")).to_have_text(me.t("page_of", n=n, total=total))
    current = me.frame.locator('.cb-menu-list[data-cb-lang="en"] a[aria-current="page"]')
    expect(current).to_have_attribute("data-cb-goto", quiz)
    title = seed.page_title(quiz, "en")
    assert me.frame.evaluate("document.title").startswith(title)
    expect(me.frame.locator("[data-cb-prev]")).to_be_enabled()
    # only recording it as seen waits for its chunk
    assert session.cmi()["core"]["lesson_location"] != quiz
    assert current.locator(".cb-mark").inner_text() == ""
