"""A course too long for one index.html, taken in real Chromium against real SCORM 1.2.

Past a text budget, index.html holds only a menu link per later module and the package carries
the module as ``pages/<id>.html``; the player fetches it when the learner gets there (issue 7:
first content does not grow with course length). The learner must not notice: every page,
both languages, the quiz, resume, a failed fetch and JavaScript off are walked here.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from learner import Learner
from playwright.sync_api import Browser, expect
from seed import COURSE_SRC, SeedCourse, catalogue
from support.lms import Scorm12LMS
from typer.testing import CliRunner

from builder.cli import app

COPIES = 12  # the seed's pages this many times: far past the inline budget


@dataclass(frozen=True)
class LongCourse(SeedCourse):
    """A course built here from a seed, with its own source folder."""

    root: Path = Path()

    @property
    def src(self) -> Path:
        return self.root


def write_long_course(dest: Path) -> LongCourse:
    """The larger seed with its pages repeated COPIES times before the assessment."""
    course = dest / "long-course"
    shutil.copytree(COURSE_SRC / "social-media-at-work", course)
    spec = yaml.safe_load((course / "course.yml").read_text(encoding="utf-8"))
    spec["id"] = "https://training.example.ca/courses/long-course"
    pages = [m["page"] for m in spec["modules"] if "page" in m]
    modules: list[dict[str, str]] = [{"page": p} for p in pages]
    for copy in range(1, COPIES):
        for page in pages:
            for lang in spec["languages"]:
                text = (course / "modules" / f"{page}.{lang}.md").read_text(encoding="utf-8")
                (course / "modules" / f"{page}-{copy}.{lang}.md").write_text(text, encoding="utf-8")
            modules.append({"page": f"{page}-{copy}"})
    modules += [m for m in spec["modules"] if "assessment" in m]
    spec["modules"] = modules
    (course / "course.yml").write_text(yaml.safe_dump(spec, allow_unicode=True), "utf-8")
    return LongCourse("long-course", root=course)


@pytest.fixture(scope="module")
def long_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[LongCourse, Path]:
    src = tmp_path_factory.mktemp("long-src")
    course = write_long_course(src)
    out = tmp_path_factory.mktemp("long-dist")
    result = CliRunner().invoke(app, ["build", str(course.root), "-t", "scorm12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return course, out / "long-course-scorm12.zip"


@pytest.fixture
def long_lms(
    scorm12_lms: type[Scorm12LMS], long_build: tuple[LongCourse, Path]
) -> tuple[LongCourse, Scorm12LMS]:
    course, package = long_build
    return course, scorm12_lms(package)  # type: ignore[operator]


def page_files(lms: Scorm12LMS) -> list[str]:
    return [path for _, path, _ in lms.server.requests if "/pages/" in path]


def test_the_package_holds_later_modules_as_page_files(long_build: tuple[LongCourse, Path]) -> None:
    course, package = long_build
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        index = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
    lazy = sorted(n for n in names if n.startswith("pages/"))
    assert course.assessment_id in {Path(n).stem for n in lazy}
    assert course.page_ids[0] not in {Path(n).stem for n in lazy}  # first content is inline
    for name in lazy:
        assert f'<file href="{name}"/>' in manifest
        assert f'href="{name}"' in index  # the menu links to it, in every language
        assert f'id="en-{Path(name).stem}"' not in index
    with zipfile.ZipFile(io.BytesIO(package.read_bytes())) as archive:
        assert len(archive.read("index.html")) < 200_000


def test_a_learner_walks_every_page_and_passes(long_lms: tuple[LongCourse, Scorm12LMS]) -> None:
    course, lms = long_lms
    session = lms.launch()
    learner = Learner(session, course)
    learner.expect_on(course.page_ids[0], focused=False)
    assert page_files(lms) == []  # nothing fetched before the learner moves
    assert learner.visit_all() == course.page_ids
    fetched = page_files(lms)
    assert fetched and len(fetched) == len(set(fetched))  # each page file once
    learner.switch_language("fr")
    expect(learner.heading(course.assessment_id)).to_have_text(
        course.page_title(course.assessment_id, "fr")
    )
    score = learner.take_attempt()
    learner.expect_result(score, attempts_left=None)
    assert session.set_values()["cmi.core.lesson_status"] == "passed"
    assert session.problems() == []
    session.close()
    again = Learner(lms.relaunch(), course, lang="fr")
    again.expect_on(course.assessment_id, focused=False)  # resumed on a fetched page
    assert again.session.problems() == []


def test_a_page_that_cannot_be_fetched_says_so_and_loads_on_retry(
    long_lms: tuple[LongCourse, Scorm12LMS],
) -> None:
    course, lms = long_lms
    session = lms.launch()
    learner = Learner(session, course)
    session.page.route("**/pages/*.html", lambda route: route.abort())
    first, far = course.page_ids[0], course.page_ids[-2]
    link = session.course.locator(f'.cb-menu-list[data-cb-lang="en"] [data-cb-goto="{far}"]')
    link.click()
    expect(learner.status()).to_have_text(catalogue("en")["page_load_failed"])
    learner.expect_on(first, focused=False)  # the learner stays where they were
    session.page.unroute("**/pages/*.html")
    link.click()
    learner.expect_on(far)
    expect(learner.section(far).locator(".cb-body")).to_be_visible()


def test_without_javascript_the_menu_links_to_each_readable_page(
    browser: Browser, long_lms: tuple[LongCourse, Scorm12LMS]
) -> None:
    course, lms = long_lms
    session = lms.launch()  # extracts and serves the package
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(session.content_url)
        far = course.page_ids[-2]
        page.locator(f'.cb-menu-list[data-cb-lang="en"] [data-cb-goto="{far}"]').click()
        page.wait_for_url(f"**/pages/{far}.html")
        title = course.page_title(far, "en")
        expect(page.locator(f"#en-{far}-h")).to_have_text(title)
        expect(page.locator(f"#fr-{far}-h")).to_have_text(course.page_title(far, "fr"))
        # <base href="../">: the stylesheets (and any media) resolve as from index.html
        assert page.evaluate("() => [...document.styleSheets].every(s => s.cssRules.length)")
        page.get_by_role("link", name=catalogue("en")["back_to_course"]).click()
        page.wait_for_url("**/index.html")
    finally:
        context.close()
