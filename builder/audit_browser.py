"""The browser half of `coursebuild audit`: serve packages on 127.0.0.1, move through each in
headless Chromium like a learner, and run axe-core on every page state.

Playwright is imported only inside `audit_zips`, so only `audit` needs it (the `audit` extra).
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from msgspec import Struct, field

from .check.safe_unzip import Refused, extract

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
LOCAL_HOST = "127.0.0.1"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {LOCAL_HOST}",
)


class Violation(Struct, frozen=True):
    """One element that breaks one axe rule on one page state."""

    course: str
    lang: str
    page: str
    rule: str
    impact: str
    target: str
    help: str

    def format(self) -> str:
        """`<course> [<lang>] <page id>: <rule id> (<impact>) <target selector> — <help>`."""
        return (
            f"{self.course} [{self.lang}] {self.page}: {self.rule} ({self.impact}) "
            f"{self.target} — {self.help}"
        )


class Report(Struct):
    """Everything one audit found, and how long the checks took."""

    violations: list[Violation] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    packages: int = 0
    states: int = 0
    check_seconds: float = 0.0


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 (class attribute of the stdlib handler)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".vtt": "text/vtt",
        ".svg": "image/svg+xml",
        ".mp4": "video/mp4",
        ".webm": "video/webm",
    }

    def log_message(self, format: str, *args: Any) -> None:
        """Serve quietly."""


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port) for as long as the block runs; yield its URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"], iframes: false});
  return result.violations.map((v) => ({id: v.id, impact: v.impact || "", help: v.help,
    targets: v.nodes.map((n) => n.target.flat(Infinity).join(" "))}));
}"""


def _section(lang: str, page_id: str) -> str:
    """The CSS selector of a page's section in one language (its id `<lang>_<page>`)."""
    return f"#{lang}_{page_id}"


class _Visit:
    """One package open in one browser page: move through it like a learner, check each state."""

    def __init__(self, page: Page, axe: Path, course: str, report: Report) -> None:
        self.page, self.axe, self.course, self.report = page, axe, course, report
        self.lang = ""

    def open(self, url: str) -> dict[str, Any]:
        """Load the package, wait for the player, add axe; the runtime config."""
        errors = self.report.errors
        self.page.on("pageerror", lambda e: errors.append(f"{self.course}: page error: {e}"))
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function("() => window.CourseBuild && window.CourseBuild.player")
        self.page.add_script_tag(path=str(self.axe))
        config: dict[str, Any] = self.page.evaluate(
            "() => JSON.parse(document.getElementById('coursebuild-config').textContent)"
        )
        self.lang = self.page.evaluate("() => document.documentElement.lang")
        if config.get("contents"):  # a long course's menu is filled once the page is usable
            self.page.wait_for_function(
                "n => document.querySelectorAll('.cb-nav [data-cb-goto]').length === n",
                arg=len(config["pages"]) * len(config["languages"]),
            )
        return config

    def switch(self, lang: str) -> None:
        """Switch language with the toggle, as a learner does."""
        if lang != self.lang:
            self.page.click(f'[data-cb-switch="{lang}"]')
            self.page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
            self.lang = lang

    def go(self, page_id: str) -> None:
        """Go to a page from the menu, as a learner does."""
        self.page.click(f'.cb-menu-list[data-cb-lang="{self.lang}"] [data-cb-goto="{page_id}"]')
        # a long course's later pages are fetched first: their sections appear once loaded
        self.page.wait_for_selector(_section(self.lang, page_id), state="visible")

    def check(self, label: str) -> None:
        """Run axe on what is shown now; record its violations under `label`."""
        started = time.perf_counter()
        found = self.page.evaluate(AXE_RUN, list(AXE_TAGS))
        self.report.check_seconds += time.perf_counter() - started
        self.report.states += 1
        for v in found:
            self.report.violations += [
                Violation(self.course, self.lang, label, v["id"], v["impact"], t, v["help"])
                for t in v["targets"]
            ]

    def quiz(self, lang: str, page_id: str) -> Any:
        """The assessment form in one language."""
        return self.page.locator(f"{_section(lang, page_id)} [data-cb-quiz]")

    def answer(self, question: Any) -> None:
        """Some answer to a visible question (right or wrong does not matter here)."""
        choices = question.locator("input[type=radio], input[type=checkbox]")
        if choices.count():
            choices.first.check()
        for select in question.locator("select").all():
            select.select_option(index=1)
        typed = question.locator("input[type=text]")
        if typed.count():
            typed.fill("1")
        moves = question.locator("[data-cb-move]:enabled")  # an ordering: move an item once
        if moves.count():
            moves.first.click()


def _audit_quiz(visit: _Visit, quiz_id: str, display: str, languages: Sequence[str]) -> None:
    """The quiz's other states: an unanswered check, feedback after an answer, the result."""

    def in_every_language(label: str) -> None:
        for lang in languages:
            visit.switch(lang)
            visit.check(f"{quiz_id} ({label})")

    lang = visit.lang
    form = visit.quiz(lang, quiz_id)
    if display == "one":
        current = form.locator("[data-cb-q]:visible").first
        current.locator("[data-cb-check]").click()
        in_every_language("unanswered")
        visit.switch(lang)
        visit.answer(current)
        current.locator("[data-cb-check]").click()
        in_every_language("feedback")
        visit.switch(lang)
        for _ in range(form.locator("[data-cb-q]").count()):  # one question after another
            current = form.locator("[data-cb-q]:visible").first
            if current.locator("[data-cb-finish]").is_visible():
                break
            current.locator("[data-cb-nextq]").click()
            current = form.locator("[data-cb-q]:visible").first
            visit.answer(current)
            current.locator("[data-cb-check]").click()
        form.locator("[data-cb-q]:visible [data-cb-finish]").click()
    else:
        form.locator("[data-cb-submit]").click()
        in_every_language("unanswered")
        visit.switch(lang)
        for question in form.locator("[data-cb-q]:visible").all():
            visit.answer(question)
        form.locator("[data-cb-submit]").click()
    form.locator("[data-cb-result]").wait_for(state="visible")
    in_every_language("result")


def _audit_checks(visit: _Visit, checks: Sequence[Any], languages: Sequence[str]) -> None:
    """Each page's knowledge check: a question checked unanswered, then answered (feedback)."""
    for check in checks:
        lang = languages[0]
        visit.switch(lang)
        visit.go(check["page"])
        first = visit.page.locator(f"{_section(lang, check['page'])}_check [data-cb-q]").first
        first.locator("[data-cb-kc-check]").click()
        visit.check(f"{check['id']} (unanswered)")
        visit.answer(first)
        first.locator("[data-cb-kc-check]").click()
        for lang in languages:
            visit.switch(lang)
            visit.check(f"{check['id']} (feedback)")


def _audit_pretest(visit: _Visit, pretest: Any, languages: Sequence[str]) -> None:
    """The pre-test: submitted unanswered (the error), then answered (its result, marked)."""
    lang = languages[0]
    visit.switch(lang)
    visit.go(pretest["id"])
    form = visit.page.locator(f"{_section(lang, pretest['id'])} [data-cb-pretest]")
    form.locator("[data-cb-submit]").click()
    visit.check(f"{pretest['id']} (unanswered)")
    for question in form.locator("[data-cb-q]:visible").all():
        visit.answer(question)
    form.locator("[data-cb-submit]").click()
    form.locator("[data-cb-result]").wait_for(state="visible")
    for lang in languages:
        visit.switch(lang)
        visit.check(f"{pretest['id']} (result)")


def audit_package(page: Page, url: str, axe: Path, course: str, report: Report) -> None:
    """Every page of every language of one package, then the quiz states, checked with axe."""
    visit = _Visit(page, axe, course, report)
    config = visit.open(url)
    report.packages += 1
    languages: list[str] = config["languages"]
    for lang in languages:
        visit.switch(lang)
        for module in config["pages"]:
            visit.go(module["id"])
            visit.check(module["id"])
    _audit_checks(visit, config.get("checks") or [], languages)
    if config.get("pretest"):
        _audit_pretest(visit, config["pretest"], languages)
    assessment = config.get("assessment")
    if assessment:
        visit.switch(languages[0])
        visit.go(assessment["id"])
        _audit_quiz(visit, assessment["id"], assessment["display"], languages)
    if config.get("contents"):  # the table of contents, a page of its own without JavaScript
        page.goto(urljoin(url, config["contents"]), wait_until="load")
        page.add_script_tag(path=str(axe))
        visit.lang = page.evaluate("() => document.documentElement.lang")
        visit.check("contents")


def audit_zips(
    packages: Sequence[tuple[str, Path]], chromium: str, axe: Path, work: Path
) -> Report:
    """Serve each package on 127.0.0.1 and audit it in headless Chromium."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import Route, sync_playwright

    www = work / "www"
    report = Report()
    playable: list[str] = []
    for name, package in packages:
        try:
            extract(package, www / name)  # bounded: a zip bomb is refused, not unpacked
            index = (www / name / "index.html").read_text(encoding="utf-8")
        except (OSError, Refused, UnicodeDecodeError) as error:
            report.errors.append(f"{name}: cannot open the package: {error}")
            continue
        if 'id="coursebuild-config"' not in index:
            report.errors.append(f"{name}: not a coursebuild package (index.html has no config)")
            continue
        playable.append(name)
    if not playable:
        return report

    def local_only(route: Route) -> None:
        url = urlsplit(route.request.url)
        if url.hostname == LOCAL_HOST or url.scheme in ("data", "blob", "about"):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    with serve(www) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            for name in playable:
                context = browser.new_context(locale="en-CA", service_workers="block")
                context.route("**/*", local_only)
                try:
                    audit_package(context.new_page(), f"{base}{name}/index.html", axe, name, report)
                except PlaywrightError as error:
                    report.errors.append(f"{name}: the audit stopped: {error.message}")
                finally:
                    context.close()
        finally:
            browser.close()
    return report
