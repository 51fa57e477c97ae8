"""Broken fixtures for the run-time patterns in scripts and pages: one per rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from check_cases import Broken, Cases, assert_reports_its_rule
from support.check_kit import (
    BASES,
    check,
    cmi5,
    line_of,
    only,
    rules,
    scorm12,
    scorm2004,
    swap,
    tincan,
    zip_of,
)

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


# --- pages: script-scheme URLs, the player's config (issue 13) -----------------------------


@case("html-script-url", ERROR)
def javascript_href_from_a_course_file_name() -> Broken:
    # A course file named `javascript:alert(document.domain)`, linked as `./javascript:...`.
    link = '<a href="javascript:alert(document.domain)">Open</a>'
    return script_case(cmi5, "index.html", "<h1>", link + "<h1>", "javascript:")


@case("html-script-url", ERROR)
def entity_and_tab_tricks_in_a_page() -> Broken:
    link = '<a href=" JaV&#x09;aScRiPt&colon;alert(1)">x</a>'
    return script_case(tincan, "index.html", "<h1>", link + "<h1>", "JaV")


@case("runtime-config", ERROR)
def config_with_nan() -> Broken:
    config = '<script type="application/json" id="coursebuild-config">{"pass": NaN}</script>'
    return script_case(scorm12, "index.html", "</head>", config + "</head>", "coursebuild-config")


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "  JAVASCRIPT:alert(1)",
        "java\nscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "jav&#9;ascript:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "DATA:text/html;base64,PHNjcmlwdD4=",
    ],
)
@pytest.mark.parametrize("kind", ["scorm12", "scorm2004", "tincan", "cmi5"])
def test_script_urls_in_every_package_kind(kind: str, value: str) -> None:
    for tag in (
        f'<a href="{value}">x</a>',
        f'<iframe src="{value}"></iframe>',
        f'<form action="{value}"></form>',
    ):
        files = swap(BASES[kind](), "index.html", "<h1>", tag + "<h1>")
        finding = only(check(zip_of(files)), "html-script-url")
        # lxml gives the line where the start tag ends
        line = line_of(files, "index.html", tag) + tag.split(">", 1)[0].count("\n")
        assert (finding.location.file, finding.location.line) == ("index.html", line)


@pytest.mark.parametrize(
    "tag",
    [
        '<a href="javascript.html">x</a>',
        '<a href="pages/javascript:alert(1).html">x</a>',
        '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="">',
        '<a href="https://example.org/?q=javascript:x">x</a>',
        "<p>javascript:alert(1)</p>",
    ],
)
def test_harmless_urls_are_not_script_urls(tag: str) -> None:
    files = swap(scorm12(), "index.html", "<h1>", tag + "<h1>")
    assert "html-script-url" not in rules(check(zip_of(files)))


def test_a_strict_json_config_is_fine() -> None:
    config = '<script type="application/json" id="coursebuild-config">{"pass": 0.8}</script>'
    files = swap(scorm12(), "index.html", "</head>", config + "</head>")
    assert check(zip_of(files)).findings == []


# --- false warnings (issue 13, item 17) -----------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "//window.onunload = function () { api.LMSFinish(''); };",
        "/* window.addEventListener('beforeunload', save); */",
        "if (this.onbeforeunload===b) { this.onbeforeunload = null; }".replace(
            "this.onbeforeunload = null", "x = 1"
        ),
        'var url = "http://example.org/"; // onunload=save',
    ],
)
def test_unload_in_comments_or_comparisons_is_not_a_handler(code: str) -> None:
    files = swap(scorm12(), JS, "var api", code + "\nvar api")
    assert "runtime-unload" not in rules(check(zip_of(files)))


def test_unload_in_an_inline_script_comment_is_not_a_handler() -> None:
    files = swap(
        scorm12(), "index.html", "</head>", "<script>// window.onunload=f\n</script></head>"
    )
    assert "runtime-unload" not in rules(check(zip_of(files)))


def test_a_real_handler_after_a_comment_is_still_found() -> None:
    files = swap(scorm12(), JS, "var api", "// a comment\nwindow.onunload = finish;\nvar api")
    finding = only(check(zip_of(files)), "runtime-unload")
    assert finding.location.line == 3


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_rule(name: str) -> None:
    assert_reports_its_rule(CASES[name])
