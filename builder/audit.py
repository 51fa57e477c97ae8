"""`coursebuild audit`: build to a temporary folder, open every page of every language in
headless Chromium, and check each with axe-core against WCAG 2.0 and 2.1, levels A and AA.

Playwright drives Debian's Chromium (never a downloaded browser); it is imported only in
`audit_browser`, so only `audit` needs it (the `audit` extra). axe-core comes from npm
(`node_modules/axe-core`). This module finds the tools and reports; `audit_browser` checks.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from msgspec import Struct

from .audit_browser import AXE_TAGS, audit_zips

AXE_ENV = "COURSEBUILD_AXE"
CHROMIUM_ENV = "COURSEBUILD_CHROMIUM"
AXE_FILE = Path("node_modules") / "axe-core" / "axe.min.js"
EXIT_OK, EXIT_VIOLATIONS, EXIT_MISSING_TOOL = 0, 1, 2

Echo = Callable[[str, bool], None]
"""echo(text, to_stderr)"""


class Tools(Struct, frozen=True):
    """What the audit runs with, or what is missing (with how to install it)."""

    chromium: str | None
    axe: Path | None
    missing: list[str]


def find_axe(explicit: Path | None, start: Path | None = None) -> Path | None:
    """axe.min.js: --axe, else $COURSEBUILD_AXE, else node_modules/ here or in a parent folder."""
    if explicit is not None:
        return explicit if explicit.is_file() else None
    if os.environ.get(AXE_ENV):
        chosen = Path(os.environ[AXE_ENV])
        return chosen if chosen.is_file() else None
    here = (start or Path.cwd()).resolve()
    checkout = Path(__file__).resolve().parent.parent
    for folder in (here, *here.parents, checkout):
        if (folder / AXE_FILE).is_file():
            return folder / AXE_FILE
    return None


def find_chromium() -> str | None:
    """Chromium: $COURSEBUILD_CHROMIUM, else its headless shell or `chromium` on PATH, else
    /usr/bin/chromium."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return chosen if os.access(chosen, os.X_OK) else None
    # The headless shell first: the same Blink and V8 as the full browser, started without its
    # user interface process, so the same page states are checked in less time.
    found = (
        shutil.which("chromium-headless-shell")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def find_tools(axe: Path | None) -> Tools:
    """Look for Playwright, Chromium and axe-core; say how to install whatever is missing."""
    missing: list[str] = []
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError:
        missing.append(
            "Playwright (Python) is not installed: pip install playwright "
            "(or pip install 'coursebuild[audit]'); its own browser download is not needed"
        )
    chromium = find_chromium()
    if chromium is None:
        where = (
            f" ({CHROMIUM_ENV}={os.environ[CHROMIUM_ENV]})" if os.environ.get(CHROMIUM_ENV) else ""
        )
        missing.append(
            f"Chromium is not installed{where}: apt-get install chromium-headless-shell "
            f"(or set {CHROMIUM_ENV} to a Chromium or Chrome executable)"
        )
    axe_path = find_axe(axe)
    if axe_path is None:
        given = axe or (Path(os.environ[AXE_ENV]) if os.environ.get(AXE_ENV) else None)
        where = f" at {given.as_posix()}" if given else ""
        missing.append(
            f"axe-core is not installed{where}: npm install axe-core (in the project folder), "
            f"or give its axe.min.js with --axe PATH or {AXE_ENV}"
        )
    return Tools(chromium, axe_path, missing)


def _build(out: Path, sources: Sequence[Path], echo: Echo) -> list[tuple[str, Path]] | None:
    """Build course folders into `out`: (name, zip) per package, None when the build fails."""
    if not sources:
        return []
    from .pipeline import build

    outcome = build(sources, [], out, force=True)
    for diagnostic in outcome.diagnostics:
        echo(diagnostic.format(), True)
    if outcome.failed:
        echo("audit: the build failed, so nothing was checked", True)
        return None
    # Every target renders the same pages; only the tracking adapter differs, so one package
    # per course (its first declared target) is audited.
    first: dict[str, Path] = {}
    for package in outcome.packages:
        first.setdefault(package.slug, out / package.file_name)
    return list(first.items())


def run_audit(sources: Sequence[Path], axe: Path | None, echo: Echo) -> int:
    """Build the courses to a temporary folder, audit every package; the exit code."""
    tools = find_tools(axe)
    if tools.missing or tools.chromium is None or tools.axe is None:
        for problem in tools.missing:
            echo(f"audit: {problem}", True)
        echo("audit: nothing checked; install what is missing and run it again", True)
        return EXIT_MISSING_TOOL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coursebuild-audit-") as temp:
        work = Path(temp)
        built = _build(work / "dist", [s for s in sources if not s.is_file()], echo)
        if built is None:
            return EXIT_VIOLATIONS
        given = [(s.stem, s) for s in sources if s.is_file()]
        packages = built + given
        report = audit_zips(packages, tools.chromium, tools.axe, work)
    for error in report.errors:
        echo(f"audit: {error}", True)
    for violation in report.violations:
        echo(violation.format(), False)
    elapsed = time.perf_counter() - started
    per_state = report.check_seconds / report.states if report.states else 0.0
    echo(
        f"audit: {report.packages} package(s), {report.states} page states checked with axe-core "
        f"({', '.join(AXE_TAGS)}): {len(report.violations)} violation(s) "
        f"in {elapsed:.1f} s ({per_state:.2f} s of checks per page state)",
        False,
    )
    return EXIT_VIOLATIONS if report.violations or report.errors else EXIT_OK
