"""A long course's assessment page must not carry its whole pool (issue 16, the learner side at
100x): at 100x the assessment's page file was 4.8 MB, every question of an 800-question pool in
both languages, to show 8 drawn ones. Past a budget, a drawn pool in a page file is split: the
page keeps the assessment's frame, each question is a file of its own that the player fetches
once it is drawn (docs/runtime-contract.md, "Question files")."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.seed import COURSE_SRC

from builder.model import Course
from builder.pipeline import validate
from builder.render import html as render
from builder.render import view as views
from builder.render.config import runtime_config
from builder.render.runtime import runtime_modules
from builder.render.view import course_view, mark_safe

Edit = Callable[[Path, str, str], None]
IDS = ("tf", "one", "fill", "match")


def load(folder: Path) -> Course:
    outcome = validate([folder])
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    (course,) = outcome.courses
    return course


def rendered(course: Course) -> tuple[dict[str, Any], dict[str, str]]:
    view = mark_safe(course_view(course))
    return view, render.render_pages(view)


def question_li(html: str, qid: str, lang: str) -> str:
    """One question's <li> in one language, as a page renders it."""
    match = re.search(
        rf'<li class="cb-question" id="{lang}_quiz_q_{qid}".*?</div>\s*</li>', html, re.S
    )
    assert match, f"no {lang} question {qid}"
    return match.group(0)


@pytest.fixture
def drawn(bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bilingual course, its assessment a page file drawing 2 of its 4 questions."""
    edit(bilingual / "assessments" / "quiz.yml", "attempts: 2\n", "attempts: 2\ndraw: 2\n")
    monkeypatch.setattr(views, "INLINE_BUDGET", 0)  # every module after the first is a page file
    return bilingual


def test_a_drawn_pool_past_the_budget_is_one_file_per_question(
    drawn: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole_view, whole = rendered(load(drawn))  # under the budget: the page holds the pool
    monkeypatch.setattr(views, "POOL_BUDGET", 0)
    course = load(drawn)
    view, files = rendered(course)
    assessment = view["modules"][-1]["assessment"]
    assert assessment["question_files"] == "pages/quiz/"
    assert whole_view["modules"][-1]["assessment"]["question_files"] is None
    fragments = sorted(p for p in files if p.startswith("pages/quiz/"))
    assert fragments == sorted(f"pages/quiz/{q}.html" for q in IDS)
    page = files["pages/quiz.html"]
    assert "data-cb-q=" not in page  # the frame only: title, intro, result, submit
    for part in ("data-cb-quiz ", "data-cb-quiz-intro", "data-cb-result", "data-cb-questions"):
        assert part in page
    assert len(page) < len(whole["pages/quiz.html"]) // 2
    for qid in IDS:
        fragment = files[f"pages/quiz/{qid}.html"]
        assert '<base href="../../">' in fragment  # assets/ and media/ as from index.html
        assert "<script" not in fragment
        for lang in ("en", "fr"):
            # the very markup the page held, by the same template (same escaping, same ids)
            inline = question_li(whole["pages/quiz.html"], qid, lang)
            assert question_li(fragment, qid, lang) == inline
        others = [q for q in IDS if q != qid]
        assert not any(f'data-cb-q="{q}"' in fragment for q in others)
    # every other page file is as it was
    assert {p: h for p, h in files.items() if "quiz" not in p} == {
        p: h for p, h in whole.items() if "quiz" not in p
    }

    config = runtime_config(course, "scorm12", view)
    assert config["assessment"]["questionFiles"] == "pages/quiz/"
    assert "page-files.js" in runtime_modules(config)  # the fetcher ships with the page files
    monkeypatch.setattr(views, "POOL_BUDGET", 10**9)
    assert "questionFiles" not in runtime_config(load(drawn), "scorm12")["assessment"]


def test_a_pool_asked_whole_or_held_inline_stays_in_its_page(
    bilingual: Path, edit: Edit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "POOL_BUDGET", 0)
    monkeypatch.setattr(views, "INLINE_BUDGET", 0)
    # no draw: every question is asked, each would be fetched; the page file holds them all
    view, files = rendered(load(bilingual))
    assert view["modules"][-1]["assessment"]["question_files"] is None
    assert not any(p.startswith("pages/quiz/") for p in files)
    assert all(f'data-cb-q="{q}"' in files["pages/quiz.html"] for q in IDS)
    # a draw in index.html (a short course): nothing to fetch, nothing split
    edit(bilingual / "assessments" / "quiz.yml", "attempts: 2\n", "attempts: 2\ndraw: 2\n")
    monkeypatch.setattr(views, "INLINE_BUDGET", 10**9)
    course = load(bilingual)
    view, files = rendered(course)
    assert files == {}
    assert view["modules"][-1]["assessment"]["question_files"] is None
    assert "questionFiles" not in runtime_config(course, "scorm12", view)["assessment"]


@pytest.mark.parametrize("seed", sorted(p.name for p in COURSE_SRC.iterdir() if p.is_dir()))
def test_the_seeds_pools_stay_whole_even_in_a_page_file(
    seed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The budget is far above an ordinary pool: a seed's assessment, even drawn and in a page
    file, keeps its questions (and its packages stay as they were)."""
    monkeypatch.setattr(views, "INLINE_BUDGET", 0)
    course = load(COURSE_SRC / seed)
    assert course.assessment is not None
    view, files = rendered(course)
    (quiz,) = [m["assessment"] for m in view["modules"] if "assessment" in m]
    assert quiz["question_files"] is None
    assert not any(p.count("/") > 1 for p in files)
    # and would be with a draw: the pool is far under the budget
    assert views._text_size(quiz["questions"]) * 2 < views.POOL_BUDGET
