"""A course too long for one index.html, taken in real Chromium against real SCORM 1.2.

Past a text budget, later modules are page files (``pages/<id>.html``) that the player fetches
when the learner gets there, and index.html's menu lists only the modules it holds, with a link
to the table of contents (``pages/_contents.html``) that the player fetches to fill the menu
once the page shown is usable (issue 7: first content does not grow with course length). The
learner must not notice: every page, both languages, the menu, the quiz, resume, failed fetches
and JavaScript off are walked here.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Frame, Locator, Page, Route, expect
from support.bundle import bundled_modules
from support.learner import Learner
from support.lms import Scorm12LMS
from support.lms_session import LMSSession
from support.seed import COURSE_SRC, SeedCourse, catalogue, phrase
from typer.testing import CliRunner

from builder.audit import find_axe
from builder.audit_browser import AXE_RUN, AXE_TAGS
from builder.cli import app
from builder.render.plural import say
from builder.render.view import INLINE_BUDGET

COPIES = 12  # the seed's pages this many times: far past the inline budget
CONTENTS = "pages/_contents.html"


def write_long_course(dest: Path) -> SeedCourse:
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
    return SeedCourse(course.name, root=dest)


@pytest.fixture(scope="module")
def long_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[SeedCourse, Path]:
    src = tmp_path_factory.mktemp("long-src")
    course = write_long_course(src)
    out = tmp_path_factory.mktemp("long-dist")
    result = CliRunner().invoke(app, ["build", str(course.src), "-t", "scorm12", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return course, out / "long-course-scorm12.zip"


@pytest.fixture
def long_lms(
    scorm12_lms: Callable[[Path], Scorm12LMS], long_build: tuple[SeedCourse, Path]
) -> tuple[SeedCourse, Scorm12LMS]:
    course, package = long_build
    return course, scorm12_lms(package)


def page_files(lms: Scorm12LMS) -> list[str]:
    """The page files fetched so far (the table of contents aside)."""
    return [p for _, p, _ in lms.server.requests if "/pages/" in p and not p.endswith(CONTENTS)]


def contents_fetches(lms: Scorm12LMS) -> int:
    return sum(1 for _, path, _ in lms.server.requests if path.endswith(CONTENTS))


def menu_link(frame: Page | Frame, lang: str, page_id: str) -> Locator:
    return frame.locator(f'.cb-nav .cb-menu-list[data-cb-lang="{lang}"] [data-cb-goto="{page_id}"]')


def menu_ids(frame: Page | Frame, lang: str) -> list[str]:
    ids: list[str] = frame.locator(
        f'.cb-nav .cb-menu-list[data-cb-lang="{lang}"] [data-cb-goto]'
    ).evaluate_all("links => links.map(a => a.dataset.cbGoto)")
    return ids


def expect_full_menu(frame: Page | Frame, course: SeedCourse) -> None:
    """Every module in every language's menu list, in course order, titled as in the source;
    the link to the table of contents has gone."""
    for lang in course.languages:
        links = frame.locator(f'.cb-nav .cb-menu-list[data-cb-lang="{lang}"] [data-cb-goto]')
        expect(links).to_have_count(len(course.page_ids))
        assert menu_ids(frame, lang) == course.page_ids
        titles = links.locator(".cb-menu-title").all_inner_texts()
        assert titles == [course.page_title(p, lang) for p in course.page_ids]
    expect(frame.locator("[data-cb-contents]")).to_have_count(0)


def inline_ids(lms: Scorm12LMS, course: SeedCourse) -> list[str]:
    lazy = {Path(p).stem for p in lms.files if p.startswith("pages/")}
    return [p for p in course.page_ids if p not in lazy]


def hold(pattern: str, held: list[Route]) -> Callable[[Page], None]:
    """A launch's ``prepare``: requests matching ``pattern`` wait in ``held`` until released."""

    def handle(route: Route) -> None:
        held.append(route)

    def prepare(page: Page) -> None:
        page.route(pattern, handle)

    return prepare


def abort(pattern: str, tries: list[str]) -> Callable[[Page], None]:
    """A launch's ``prepare``: requests matching ``pattern`` fail (each one noted in ``tries``)."""

    def handle(route: Route) -> None:
        tries.append(route.request.url)
        route.abort()

    def prepare(page: Page) -> None:
        page.route(pattern, handle)

    return prepare


def wait_until(frame: Frame, condition: Callable[[], bool], what: str) -> None:
    for _ in range(100):
        if condition():
            return
        frame.page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_package_holds_later_modules_as_page_files(long_build: tuple[SeedCourse, Path]) -> None:
    course, package = long_build
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        index = archive.read("index.html").decode()
        manifest = archive.read("imsmanifest.xml").decode()
        contents = archive.read(CONTENTS).decode()
    lazy = sorted(n for n in names if n.startswith("pages/") and n != CONTENTS)
    assert course.assessment_id in {Path(n).stem for n in lazy}
    assert course.page_ids[0] not in {Path(n).stem for n in lazy}  # first content is inline
    assert f'<file href="{CONTENTS}"/>' in manifest
    assert "page-files.js" in bundled_modules(package)  # the page-file loader, in the one script
    for name in lazy:
        page_id = Path(name).stem
        assert f'<file href="{name}"/>' in manifest
        assert f'id="en-{page_id}"' not in index
        assert f'data-cb-goto="{page_id}"' not in index  # no menu entry in index.html
        assert f'"src":"{name}"' in index  # the player's address for it: the config
        assert contents.count(f'href="{name}" data-cb-goto="{page_id}"') == len(course.languages)
    for page_id in course.page_ids:
        assert contents.count(f'data-cb-goto="{page_id}"') == len(course.languages)
    assert index.count(f'href="{CONTENTS}" data-cb-contents') == len(course.languages)
    # Bounded: the menu holds the inline modules only (every module, as before, made it 34 KB
    # here and it grew with the course), so index.html stays near the inline budget.
    nav = index[index.index("<nav") : index.index("</nav>")]
    assert len(nav.encode()) < 10_000
    # The inline modules' budget plus the shell (head, runtime config, both catalogues, menu):
    # 50 KB here, of which the catalogues are 18.5 KB.
    assert len(index.encode()) < INLINE_BUDGET + 50_000


def test_a_learner_walks_every_page_and_passes(long_lms: tuple[SeedCourse, Scorm12LMS]) -> None:
    course, lms = long_lms
    session = lms.launch()
    learner = Learner(session, course)
    learner.expect_on(course.page_ids[0], focused=False)
    assert page_files(lms) == []  # no page file fetched before the learner moves
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
    assert isinstance(again.session, LMSSession)
    assert again.session.problems() == []


def test_the_menu_fills_after_start_and_leads_to_later_pages(
    long_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = long_lms
    session = lms.launch()
    learner = Learner(session, course)
    frame = session.course
    learner.expect_on(course.page_ids[0], focused=False)
    status = learner.status().inner_text()
    expect_full_menu(frame, course)
    assert contents_fetches(lms) == 1
    # quietly: the focus did not move, the status line (a live region) did not change
    assert frame.evaluate("() => document.activeElement === document.body")
    expect(learner.status()).to_have_text(status)
    expect(menu_link(frame, "en", course.page_ids[0])).to_have_attribute("aria-current", "page")
    far = course.page_ids[-2]
    assert far not in inline_ids(lms, course)
    learner.click(menu_link(frame, "en", far))  # an entry that came with the contents
    learner.expect_on(far)
    expect(menu_link(frame, "en", far)).to_have_attribute("aria-current", "page")
    expect(menu_link(frame, "en", course.page_ids[0])).not_to_have_attribute("aria-current", "page")
    learner.expect_seen({course.page_ids[0], far})
    learner.switch_language("fr")
    learner.expect_seen({course.page_ids[0], far})  # the French list has its marks too
    learner.click(menu_link(frame, "fr", course.page_ids[1]))
    learner.expect_on(course.page_ids[1])
    assert contents_fetches(lms) == 1  # fetched once
    assert session.problems() == []


def test_every_menu_entry_is_in_the_browsers_accessibility_tree(
    long_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    # What a screen reader reads is Chromium's own tree, not the DOM: entries skipped by a
    # rendering shortcut (content-visibility: auto) are missing from it while off screen.
    course, lms = long_lms
    session = lms.launch()
    expect_full_menu(session.course, course)
    cdp = session.page.context.new_cdp_session(session.page)
    frames = cdp.send("Page.getFrameTree")["frameTree"].get("childFrames", [])
    (frame_id,) = [f["frame"]["id"] for f in frames if f["frame"]["url"] == session.course.url]
    nodes = cdp.send("Accessibility.getFullAXTree", {"frameId": frame_id})["nodes"]
    names = [
        n.get("name", {}).get("value", "")
        for n in nodes
        if n.get("role", {}).get("value") == "link" and not n.get("ignored")
    ]
    for page_id in course.page_ids:  # the shown language's menu; the other is hidden
        title = course.page_title(page_id, "en")
        assert any(name.startswith(title) for name in names), title
    assert len(names) >= len(course.page_ids)


def test_resuming_on_a_far_page_needs_no_contents(
    long_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = long_lms
    first = lms.launch()
    far = course.page_ids[-3]
    expect_full_menu(first.course, course)
    Learner(first, course).click(menu_link(first.course, "en", far))
    Learner(first, course).expect_on(far)
    held: list[Route] = []
    session = lms.relaunch(prepare=hold(f"**/{CONTENTS}", held))
    learner = Learner(session, course)
    frame = session.course
    learner.expect_on(far, focused=False)  # its page file, from the config's address
    wait_until(frame, lambda: len(held) == 1, "the request for the contents")
    assert far not in menu_ids(frame, "en")  # the contents have not arrived
    learner.click(learner.button(frame.locator(".cb-pager"), "next"))
    learner.expect_on(course.page_ids[-2])
    held[0].continue_()
    expect_full_menu(frame, course)
    expect(menu_link(frame, "en", course.page_ids[-2])).to_have_attribute("aria-current", "page")
    learner.expect_seen({course.page_ids[0], far, course.page_ids[-2]})
    assert session.problems() == []


def test_a_failed_contents_fetch_leaves_a_working_short_menu(
    long_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = long_lms
    tries: list[str] = []
    session = lms.launch(prepare=abort(f"**/{CONTENTS}", tries))
    learner = Learner(session, course)
    frame = session.course
    learner.expect_on(course.page_ids[0], focused=False)
    wait_until(frame, lambda: len(tries) == 1, "the fetch of the contents after start")
    quiet = learner.t("tracking_on")
    expect(learner.status()).to_have_text(quiet)  # the learner did not ask: nothing said
    short = inline_ids(lms, course)
    assert menu_ids(frame, "en") == short
    axe = find_axe(None, COURSE_SRC)  # the short menu and its link pass WCAG A/AA as well
    assert axe is not None
    frame.add_script_tag(path=str(axe))
    assert frame.evaluate(AXE_RUN, list(AXE_TAGS)) == []
    learner.click(menu_link(frame, "en", short[2]))  # the short menu works
    learner.expect_on(short[2])
    wait_until(frame, lambda: len(tries) == 2, "a retry when the learner moves")
    expect(learner.status()).to_have_text(quiet)
    summary = frame.locator(".cb-menu > summary")
    summary.click()  # closes the menu: no retry
    summary.click()  # opens it: a retry
    wait_until(frame, lambda: len(tries) == 3, "a retry when the learner opens the menu")
    expect(learner.status()).to_have_text(quiet)
    more = frame.locator('.cb-menu-more[data-cb-lang="en"] [data-cb-contents]')
    expect(more).to_have_text(learner.t("menu_more", total=len(course.page_ids)))
    learner.click(more)  # asked for: a failure is said, the learner stays where they were
    expect(learner.status()).to_have_text(learner.t("contents_load_failed"))
    learner.expect_on(short[2], focused=False)
    assert len(tries) == 4
    session.page.unroute(f"**/{CONTENTS}")
    learner.click(more)
    expect_full_menu(frame, course)
    # the link the learner chose has gone: the focus is on the first module it stood for
    first_added = course.page_ids[len(short)]
    assert learner.focused()["text"].startswith(course.page_title(first_added, "en"))
    learner.click(menu_link(frame, "en", course.page_ids[-2]))
    learner.expect_on(course.page_ids[-2])
    # the browser logs each failed request; nothing else went wrong
    assert all(c.url.endswith(CONTENTS) for c in session.console_errors())
    assert [p for p in session.problems() if not p.startswith("console error")] == []


def test_a_page_that_cannot_be_fetched_says_so_and_loads_on_retry(
    long_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    course, lms = long_lms
    session = lms.launch()
    learner = Learner(session, course)
    expect_full_menu(session.course, course)
    session.page.route("**/pages/*.html", lambda route: route.abort())
    first, far = course.page_ids[0], course.page_ids[-2]
    link = menu_link(session.course, "en", far)
    link.click()
    expect(learner.status()).to_have_text(phrase("en", "page_load_failed"))
    learner.expect_on(first, focused=False)  # the learner stays where they were
    session.page.unroute("**/pages/*.html")
    link.click()
    learner.expect_on(far)
    expect(learner.section(far).locator(".cb-body")).to_be_visible()


def test_without_javascript_the_contents_lead_to_each_readable_page(
    browser: Browser, long_lms: tuple[SeedCourse, Scorm12LMS]
) -> None:
    course, lms = long_lms
    session = lms.launch()  # extracts and serves the package
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(session.content_url)
        en = catalogue("en")
        total = len(course.page_ids)
        # index.html: the inline modules, then the table of contents, in both languages
        second = course.page_ids[1]
        fr_entry = page.locator(f'.cb-menu-list[data-cb-lang="fr"] [data-cb-goto="{second}"]')
        expect(fr_entry).to_be_visible()
        page.get_by_role("link", name=say(en["menu_more"], "en", total=total)).click()
        page.wait_for_url(f"**/{CONTENTS}")
        for lang in ("en", "fr"):
            nav = page.get_by_role("navigation", name=phrase(lang, "contents"))
            expect(nav.get_by_role("link")).to_have_count(len(course.page_ids))
            expect(nav.locator(".cb-menu-title")).to_have_text(
                [course.page_title(p, lang) for p in course.page_ids]
            )
        assert page.evaluate("() => [...document.styleSheets].every(s => s.cssRules.length)")
        far = course.page_ids[-2]
        page.locator(f'.cb-menu-list[data-cb-lang="en"] [data-cb-goto="{far}"]').click()
        page.wait_for_url(f"**/pages/{far}.html")
        expect(page.locator(f"#en_{far}_h")).to_have_text(course.page_title(far, "en"))
        expect(page.locator(f"#fr_{far}_h")).to_have_text(course.page_title(far, "fr"))
        # <base href="../">: the stylesheets (and any media) resolve as from index.html
        assert page.evaluate("() => [...document.styleSheets].every(s => s.cssRules.length)")
        page.get_by_role("link", name=phrase("en", "contents"), exact=True).click()
        page.wait_for_url(f"**/{CONTENTS}")
        page.locator(f'.cb-menu-list[data-cb-lang="fr"] [data-cb-goto="{second}"]').click()
        page.wait_for_url(f"**/index.html#fr_{second}")
        expect(page.locator(f"#fr_{second}_h")).to_be_in_viewport()
        page.goto(session.content_url + CONTENTS)
        page.get_by_role("link", name=phrase("en", "back_to_course")).click()
        page.wait_for_url("**/index.html")
    finally:
        context.close()


def test_a_page_file_and_the_part_it_needs_are_fetched_together(
    long_lms: tuple[SeedCourse, Scorm12LMS],
) -> None:
    # Going to the assessment fetched its page file, then the questions part: one after the other
    # (issue 16, the first question at 100x). The part's address is in the config from launch.
    course, lms = long_lms
    held: list[Route] = []
    session = lms.launch(prepare=hold(f"**/pages/{course.assessment_id}.html", held))
    learner = Learner(session, course)
    frame = session.course
    learner.expect_on(course.page_ids[0], focused=False)
    frame.evaluate(
        f"() => window.CourseBuild.player.go({course.page_ids.index(course.assessment_id)})"
    )
    wait_until(frame, lambda: len(held) == 1, "the request for the assessment's page file")

    def asked() -> bool:
        return any(p.endswith("/assets/runtime-questions.js") for _, p, _ in lms.server.requests)

    wait_until(frame, asked, "the questions part, while the page file is on its way")
    held[0].continue_()
    learner.expect_on(course.assessment_id)
    assert session.problems() == []
