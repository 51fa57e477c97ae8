"""Broken fixtures for the run-time patterns in scripts and pages: one per rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from check_cases import Broken, Cases, assert_reports_its_rule
from check_kit import line_of, scorm12, scorm2004, swap, zip_of

from builder.diagnostics import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING
JS = "assets/app.js"
CASES = Cases()
case = CASES.case


# --- run-time patterns ---------------------------------------------------------------------


def script_case(
    base: Callable[[], dict[str, bytes]], name: str, old: str, new: str, needle: str
) -> Broken:
    files = swap(base(), name, old, new)
    return Broken(zip_of(files), name, line_of(files, name, needle))


@case("runtime-unload", WARNING)
def unload_handler() -> Broken:
    return script_case(scorm12, JS, '"pagehide"', '"unload"', 'addEventListener("unload"')


@case("runtime-unload", WARNING)
def onbeforeunload_in_a_page() -> Broken:
    return script_case(scorm12, "index.html", "<body>", '<body onbeforeunload="finish()">', "<body")


@case("runtime-eval", WARNING)
def eval_call() -> Broken:
    return script_case(
        scorm12, JS, 'api.LMSInitialize("");', 'eval("api.LMSInitialize()");', "eval"
    )


@case("runtime-eval", WARNING)
def new_function() -> Broken:
    return script_case(
        scorm12, JS, 'api.LMSInitialize("");', 'new Function("api.LMSInitialize()")();', "new F"
    )


@case("runtime-remote-script", WARNING)
def script_from_a_cdn_in_a_page() -> Broken:
    tag = '<script src="https://cdn.example.com/jquery.min.js"></script>\n'
    return script_case(scorm12, "index.html", "<script src=", tag + "<script src=", "cdn.")


@case("runtime-remote-script", WARNING)
def script_from_a_cdn_in_a_script() -> Broken:
    load = 'var s = document.createElement("script");\ns.src = "https://unpkg.com/x/x.js";\n'
    return script_case(scorm12, JS, "var api", load + "var api", "unpkg")


@case("runtime-wrong-version", ERROR)
def completion_status_in_a_12_package() -> Broken:
    return script_case(
        scorm12, JS, '"cmi.core.lesson_status"', '"cmi.completion_status"', "completion_status"
    )


@case("runtime-wrong-version", ERROR)
def lesson_status_in_a_2004_package() -> Broken:
    return script_case(
        scorm2004, JS, '"cmi.completion_status"', '"cmi.core.lesson_status"', "lesson_status"
    )


@case("runtime-not-attempted", ERROR)
def lesson_status_not_attempted() -> Broken:
    return script_case(scorm12, JS, '"incomplete"', '"not attempted"', "not attempted")


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_rule(name: str) -> None:
    assert_reports_its_rule(CASES[name])
