"""The learner's side at 1x, 10x and 100x: first content, time-to-interactive, page change.

Run from the repository root after `make setup`:  .venv/bin/python bench/learner.py
A SCORM 1.2 package of each size (bench/run.py's `synthesize`) is launched as an LMS launches
it: the test suite's LMS harness (tests/support/lms.py: a launch page holding scorm-again's
Scorm12API as `window.API`, the package in an `<iframe>`), served over HTTP on 127.0.0.1, in
Debian's headless Chromium (the full `chromium`; BENCH_CHROMIUM=/usr/bin/chromium-headless-shell
compares the tests' headless shell). Every figure is a median of BENCH_RUNS launches (default 5).

- first contentful paint and DOMContentLoaded: the course frame's own paint and navigation
  entries (from the frame's navigation start);
- time-to-interactive, Next: from navigation start to the first moment the player has started
  (`html.cb-js`) and the first page's Next button is enabled;
- time-to-interactive, question: the learner goes straight to the assessment (the menu's
  `go`, called the moment the player is interactive) until the first question's first control
  is on screen, enabled and answerable;
- page change: the main-thread work of one Next. `performance.now()` around the click (the
  handler runs synchronously when the page is already in the document, as it is once the
  player has prefetched it) gives the script's share; Chrome's own accounting
  (CDP `Performance.getMetrics` TaskDuration, before and after, less an idle window of the
  same length) adds style, layout, paint and the prefetch of the following page, which the
  handler sets off. Long tasks (PerformanceObserver `longtask`) are counted as a cross-check.
  Its floor, measured the same way in the same document: the two sections swapped and the
  heading focused by a script of three lines, with no runtime (the page's own style, layout and
  paint: what any player showing that page pays).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SCALES = (1, 10, 100)
GOALS = {"fcp": 150.0, "change": 16.0}
QUIET_MS = 400  # after a page change: the prefetch of the next page file settles

# Runs in every frame before its scripts; only the course frame (not the LMS page) records.
INSTRUMENT = """
(() => {
  if (window === window.top) return;
  const B = (window.__bench = { longtasks: [], next: null, question: null, straight: false });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) B.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {}
  // parsed once: a 100x course's config is ~180 KB, and these checks run on every mutation
  let parsed = null;
  const config = () =>
    parsed || (parsed = JSON.parse(document.getElementById("coursebuild-config").textContent));
  const shown = (el) => !!el && !el.closest("[hidden]") && el.getClientRects().length > 0;
  function nextUsable() {
    const b = document.querySelector("[data-cb-next]");
    return document.documentElement.classList.contains("cb-js") && !!b && !b.disabled && shown(b);
  }
  function questionUsable() {
    const c = config();
    const form = document.querySelector("#" + c.languages[0] + "_" + c.assessment.id + " form");
    if (!form) return false;
    const li = [...form.querySelectorAll("[data-cb-q]")].find((x) => !x.hidden);
    const fs = li && li.querySelector("fieldset");
    const control = fs && fs.querySelector("input, select, button");
    return !!control && !fs.disabled && !control.disabled && shown(control);
  }
  function watchQuestion() {
    const done = () => {
      if (B.question === null && questionUsable()) B.question = performance.now();
      return B.question !== null;
    };
    if (done()) return;
    const mo = new MutationObserver(() => { if (done()) mo.disconnect(); });
    mo.observe(document, { subtree: true, childList: true, attributes: true,
      attributeFilter: ["hidden", "disabled", "class", "aria-busy"] });
  }
  const mo = new MutationObserver(() => {
    if (B.next !== null || !nextUsable()) return;
    B.next = performance.now();
    mo.disconnect();
    if (!sessionStorage.getItem("bench-straight")) return;
    const c = config();
    const quiz = c.pages.findIndex((p) => p.id === c.assessment.id);
    window.CourseBuild.player.go(quiz); // what the menu's link to the assessment does
    watchQuestion();
  });
  mo.observe(document, { subtree: true, attributes: true, attributeFilter: ["class", "disabled"] });
})();
"""

# Inside the course frame: one Next, timed around its (synchronous) handler.
CLICK_NEXT = """
() => {
  const next = document.querySelector("[data-cb-next]");
  const t0 = performance.now();
  next.click();
  const t1 = performance.now();
  const h = document.activeElement;
  const done = !!h && h.tagName === "H1" && !h.closest("[hidden]");
  return { t0, ms: t1 - t0, done, page: h && h.closest("section") ? h.closest("section").id : "" };
}
"""


def median(values: list[float]) -> float:
    """Median of the samples (NaN when there are none)."""
    return statistics.median(values) if values else float("nan")


def build_scorm12(scales: tuple[int, ...], work: Path) -> dict[int, Path]:
    """A SCORM 1.2 package of each synthetic size (built once, by the CLI)."""
    sys.path.insert(0, str(REPO / "bench"))
    from run import synthesize

    packages = {}
    for scale in scales:
        course = synthesize(scale, work / "src", f"learner-{scale}x")
        out = work / f"learner-out-{scale}"
        args = [sys.executable, "-m", "builder", "build", str(course), "--target", "scorm12"]
        args += ["--out", str(out), "--force", "--jobs", "1"]
        subprocess.run(args, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        packages[scale] = next(out.glob("*-scorm12.zip"))
    return packages


class Bench:
    """One browser and one HTTP server for all launches of the packages."""

    def __init__(self, work: Path) -> None:
        sys.path.insert(0, str(REPO))
        from playwright.sync_api import sync_playwright

        from tests.support.web import StaticServer, launch_chromium

        self.work = work
        self.server = StaticServer(work / "www")
        self._pw = sync_playwright().start()
        # The full browser, as learners have, not the tests' headless shell: first paint and
        # page changes are the whole browser's. BENCH_CHROMIUM names another one to compare.
        full = shutil.which("chromium") or "/usr/bin/chromium"
        self.browser = launch_chromium(self._pw, os.environ.get("BENCH_CHROMIUM") or full)
        self.count = 0

    def lms(self, package: Path, straight: bool = False) -> Any:
        """A fresh browser context and an LMS for `package` (straight: to the assessment)."""
        from tests.support.lms import Scorm12LMS

        self.count += 1
        context = self.browser.new_context()
        context.add_init_script(INSTRUMENT)
        if straight:
            context.add_init_script("sessionStorage.setItem('bench-straight', '1')")
        return Scorm12LMS(package, self.server, context, f"lms-{self.count}")

    def close(self) -> None:
        """Close the browser, Playwright and the server."""
        self.browser.close()
        self._pw.stop()
        self.server.close()


def _wait(session: Any, expression: str) -> Any:
    session.course.wait_for_function(expression, timeout=60_000)
    return session.course.evaluate(expression)


FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
DCL = "() => performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"


def launch_figures(
    bench: Bench, packages: dict[Any, Path], floor: Any
) -> dict[Any, dict[str, float]]:
    """Per package: medians of first paint, DOMContentLoaded and Next usable (first paint alone
    for `floor`), over RUNS rounds. Each round launches every package once, in turn: a shared
    machine's slow minute then weighs on every size and on the floor alike, and "flat" compares
    launches made side by side."""
    samples: dict[Any, dict[str, list[float]]] = {key: {} for key in packages}
    for _ in range(RUNS):
        for key, package in packages.items():
            session = bench.lms(package).launch()
            figures = {"fcp": FCP} if key == floor else {"fcp": FCP, "dcl": DCL}
            for name, expression in figures.items():
                samples[key].setdefault(name, []).append(float(_wait(session, expression)))
            if key != floor:
                next_usable = float(_wait(session, "() => window.__bench.next"))
                samples[key].setdefault("tti_next", []).append(next_usable)
            session.page.context.close()
    return {key: {k: median(v) for k, v in got.items()} for key, got in samples.items()}


# The floor of first paint: a page of one heading and one paragraph with the course's own
# stylesheet, launched by the same LMS harness in the same browser.
FLOOR_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Floor</title>'
    '<link rel="stylesheet" href="assets/coursebuild.css"></head><body><main><h1>Floor</h1>'
    "<p>One paragraph, the course's stylesheet, the same LMS harness.</p></main></body></html>"
)


def floor_package(package: Path, work: Path) -> Path:
    """`package` with its index.html replaced by FLOOR_PAGE."""
    import zipfile

    floor = work / f"floor-{package.name}"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(floor, "w") as out:
        for info in source.infolist():
            data = FLOOR_PAGE.encode() if info.filename == "index.html" else source.read(info)
            out.writestr(info, data)
    return floor


def question_tti(bench: Bench, package: Path) -> float:
    """Median time from navigation start to the first assessment question answerable."""
    times = []
    for _ in range(RUNS):
        session = bench.lms(package, straight=True).launch()
        times.append(float(_wait(session, "() => window.__bench.question")))
        session.page.context.close()
    return median(times)


def _task_ms(cdp: Any) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return 1000 * next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def _settle(session: Any) -> None:
    session.page.wait_for_timeout(QUIET_MS)
    session.course.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")


# The floor of a page change, in the same document: the section on screen hidden, the next one
# (already in the document) shown and its heading focused, by the page itself, no runtime.
SWAP = """
() => {
  const shown = document.querySelector(".cb-lang:not([hidden]) > .cb-page:not([hidden])");
  let next = shown.nextElementSibling;
  while (next && !next.classList.contains("cb-page")) next = next.nextElementSibling;
  const t0 = performance.now();
  shown.hidden = true;
  next.hidden = false;
  next.querySelector("h1").focus();
  return { t0, ms: performance.now() - t0, done: true };
}
"""


def _measured(session: Any, cdp: Any, script: str, page: int) -> tuple[dict[str, Any], float]:
    """Run `script` (CLICK_NEXT or SWAP) in the course frame, once the page shown has settled:
    what it returned, and the main-thread task time it cost (less an idle window as long)."""
    _settle(session)
    before = _task_ms(cdp)
    _settle(session)
    idle = _task_ms(cdp) - before
    before = _task_ms(cdp)
    result = session.course.evaluate(script)
    if not result["done"]:  # the page was not in the document yet: wait for it
        _wait(session, f"() => window.CourseBuild.player.tracker.state.page === {page + 1}")
    _settle(session)
    return result, max(0.0, _task_ms(cdp) - before - idle)


def change_figures(bench: Bench, package: Path, froms: list[int]) -> dict[int, dict[str, float]]:
    """Per starting page: medians of one Next's handler time, its main-thread task time
    (CDP TaskDuration less an idle window), the longest long task (0 if none), and the floor's
    task time (SWAP: the same two sections swapped with no runtime at all)."""
    samples: dict[int, dict[str, list[float]]] = {
        i: {"handler": [], "tasks": [], "longest": [], "floor": []} for i in froms
    }
    for _ in range(RUNS):
        session = bench.lms(package).launch()
        _wait(session, "() => window.__bench.next")
        cdp = session.page.context.new_cdp_session(session.page)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        for i in froms:
            for script in (CLICK_NEXT, SWAP):
                session.course.evaluate(f"() => window.CourseBuild.player.go({i})")
                _wait(session, f"() => window.CourseBuild.player.tracker.state.page === {i}")
                result, tasks = _measured(session, cdp, script, i)
                if script == SWAP:
                    samples[i]["floor"].append(tasks)
                    continue
                longest = session.course.evaluate(
                    "(t0) => Math.max(0, ...window.__bench.longtasks"
                    ".filter(([s, d]) => s + d >= t0).map(([s, d]) => d))",
                    result["t0"],
                )
                samples[i]["handler"].append(float(result["ms"]))
                samples[i]["tasks"].append(tasks)
                samples[i]["longest"].append(float(longest))
        session.page.context.close()
    return {i: {k: median(v) for k, v in figures.items()} for i, figures in samples.items()}


def _pages(package: Path) -> tuple[int, int]:
    """(number of pages, index of the assessment page) of a package's runtime config."""
    import json
    import re
    import zipfile

    with zipfile.ZipFile(package) as archive:
        html = archive.read("index.html").decode("utf-8")
    found = re.search(r'id="coursebuild-config">(.*?)</script>', html, re.S)
    config = json.loads(found.group(1) if found else "{}")
    ids = [p["id"] for p in config["pages"]]
    return len(ids), ids.index(config["assessment"]["id"])


def learner_figures(packages: dict[int, Path], work: Path) -> dict[str, Any]:
    """Every learner-side figure for SCORM 1.2 packages keyed by scale (1, 10, 100)."""
    bench = Bench(work)
    try:
        out: dict[str, Any] = {"runs": RUNS, "scales": {}}
        floor = floor_package(packages[min(packages)], work)
        launches = launch_figures(
            bench, {"floor": floor, **dict(sorted(packages.items()))}, "floor"
        )
        out["floor_fcp"] = launches["floor"]["fcp"]
        for scale, package in sorted(packages.items()):
            count, quiz = _pages(package)
            figures: dict[str, Any] = dict(launches[scale])
            figures["tti_question"] = question_tti(bench, package)
            if scale in (1, 100):
                froms = sorted({0, count // 2, quiz - 1})
                figures["changes"] = change_figures(bench, package, froms)
                figures["quiz"] = quiz
            out["scales"][scale] = figures
        return out
    finally:
        bench.close()


def _ms(value: float) -> str:
    return f"{value:.1f} ms"


def learner_rows(figures: dict[str, Any]) -> list[str]:
    """Markdown table rows (figure, goal, one column per scale) for bench/RESULTS.md."""
    scales = figures["scales"]
    cols = sorted(scales)
    header = ["| figure | goal | " + " | ".join(f"{s}x" for s in cols) + " |"]
    header.append("|---|---|" + "---|" * len(cols))

    def row(name: str, goal: str, value: Callable[[dict[str, Any]], str]) -> str:
        return f"| {name} | {goal} | " + " | ".join(value(scales[s]) for s in cols) + " |"

    floor = f"floor {_ms(figures['floor_fcp'])}: one paragraph, same stylesheet and harness"
    rows = [
        row(f"first contentful paint ({floor})", "<= 150 ms, flat", lambda f: _ms(f["fcp"])),
        row("DOMContentLoaded (player starts)", "-", lambda f: _ms(f["dcl"])),
        row("time-to-interactive: Next usable", "-", lambda f: _ms(f["tti_next"])),
        row("time-to-interactive: first question", "-", lambda f: _ms(f["tti_question"])),
    ]
    changes = (
        ("handler", "handler"),
        ("main-thread tasks", "tasks"),
        ("floor (the two sections swapped, no runtime)", "floor"),
    )
    for label, key in changes:
        for which in ("first", "middle", "to the assessment"):

            def change(f: dict[str, Any], key: str = key, which: str = which) -> str:
                if "changes" not in f:
                    return "-"
                froms = sorted(f["changes"])
                i = {"first": froms[0], "middle": froms[len(froms) // 2]}.get(which, froms[-1])
                return f"{_ms(f['changes'][i][key])} (page {i + 1})"

            goal = "-" if key == "floor" else "<= 16 ms"
            rows.append(row(f"page change, {which} Next: {label}", goal, change))
    rows.append(
        row(
            "page change: longest long task",
            "none",
            lambda f: (
                "-" if "changes" not in f else _ms(max(c["longest"] for c in f["changes"].values()))
            ),
        )
    )
    return header + rows


def main() -> None:
    """Build the three packages, measure, print the table."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        scales = tuple(int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(","))
        packages = build_scorm12(scales, work)
        figures = learner_figures(packages, work)
    print(
        f"Learner side, SCORM 1.2 in the LMS harness (scorm-again), headless Chromium; "
        f"medians of {RUNS} launches.\n"
    )
    print("\n".join(learner_rows(figures)))


if __name__ == "__main__":
    main()
