"""Pages named like the ids the page gives other things, in real Chromium against real SCORM 1.2.

A page's section had the id `<lang>-<page>` and its heading `<lang>-<page>-h`; an assessment's
question `<lang>-q-<question>`. So a page `intro-h` took the id of page `intro`'s heading, and a
page `q-code-still-applies` the id of the question `code-still-applies`: the player, which finds
a page's section by its id, found the other element. Each such page is reached with Next, shown
alone with its own heading focused, and the assessment after them is passed."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from support.learner import Learner
from support.lms import Scorm12LMS
from support.seed import COURSE_SRC, SeedCourse
from typer.testing import CliRunner

from builder.cli import app

QUESTION = "code-still-applies"  # the seed's first assessment question
NAMED = {"intro-h": "intro", f"q-{QUESTION}": "summary"}  # new page: the page it copies


def write_course(dest: Path) -> SeedCourse:
    """The larger seed with pages named after its first page's heading and a question."""
    course = dest / "page-names"
    shutil.copytree(COURSE_SRC / "social-media-at-work", course)
    spec = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
    spec["id"] = "https://training.example.ca/courses/page-names"
    for page, original in NAMED.items():
        for lang in spec["languages"]:
            text = (course / "modules" / f"{original}.{lang}.md").read_text(encoding="utf-8")
            # a title of its own, so that the learner can tell which page is shown
            text = re.sub(r"(?m)^title: .*$", f"title: Page {page}", text, count=1)
            (course / "modules" / f"{page}.{lang}.md").write_text(text, encoding="utf-8")
    modules = spec["modules"]
    modules.insert(1, {"page": "intro-h"})
    modules.insert(len(modules) - 1, {"page": f"q-{QUESTION}"})
    (course / "course.yml").write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    return SeedCourse(course.name, root=dest)


@pytest.fixture(scope="module")
def names_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    course = write_course(tmp_path_factory.mktemp("names-src"))
    out = tmp_path_factory.mktemp("names-dist")
    result = CliRunner().invoke(app, ["build", str(course.src), "-t", "scorm12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return course, out / "page-names-scorm12.zip"


def test_pages_named_like_other_ids_are_each_shown_and_the_course_passes(
    scorm12_lms: Callable[[Path], Scorm12LMS], names_build: tuple[SeedCourse, Path]
) -> None:
    course, package = names_build
    session = scorm12_lms(package).launch()
    me = Learner.started(session.course, course)
    me.expect_on("intro", focused=False)  # a launch does not move the focus
    assert me.visit_all() == course.page_ids  # each shown alone, its own heading focused
    assert me.take_attempt(wrong=0) == 100
    me.expect_result(100, attempts_left=None)
    assert session.cmi()["core"]["lesson_status"] == "passed"
