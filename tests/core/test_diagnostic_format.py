"""One line formatter and one summary for build, preview and check alike."""

from __future__ import annotations

from builder.check.common import finding
from builder.check.package import check_bytes, format_summary
from builder.diagnostics import Diagnostic, Location, Severity, summary

E = Severity.ERROR


def test_a_build_diagnostic_keeps_the_mypy_format() -> None:
    d = Diagnostic(Location("c.yml", 3, 7), E, "blank-text", "title is blank", "write it")
    assert d.format() == "c.yml:3:7: error: title is blank [blank-text]\n    hint: write it"


def test_a_check_finding_is_named_inside_its_package() -> None:
    assert finding("file-missing", "imsmanifest.xml", 12, "gone").format("p.zip") == (
        "p.zip:imsmanifest.xml:12: error: gone [file-missing]"
    )
    assert finding("no-manifest", "", 0, "none").format("p.zip") == (
        "p.zip: error: none [no-manifest]"
    )


def test_a_bidi_override_in_a_message_is_shown_escaped() -> None:
    # U+202E reorders what a terminal shows (Unicode TR #9): the old build formatter let it
    # through, so a hostile title could disguise the rest of its line.
    d = Diagnostic(Location("c.yml", 1, 1), E, "blank-text", "title 'abc\u202edef'")
    assert d.format() == "c.yml:1:1: error: title 'abc\\u202edef' [blank-text]"


def test_a_hostile_file_name_in_check_keeps_its_printable_letters() -> None:
    # The old check formatter escaped the whole name once one character was unprintable:
    # 'caf\\xe9\\n.html', where the learner's file is called café.
    shown = finding("file-unlisted", "café\n.html", 0, "unlisted").format("p.zip")
    assert shown == "p.zip:café\\n.html: warning: unlisted [file-unlisted]"


def test_one_summary_for_every_command() -> None:
    found = [finding("zip-slip", "a", 0, "x"), finding("zip-case-collision", "b", 0, "y")]
    assert summary(found) == "1 error(s), 1 warning(s)"
    assert summary([]) == "0 error(s), 0 warning(s)"
    report = check_bytes(b"not a zip", "p.zip")
    assert format_summary(report) == "p.zip: unknown package: 1 error(s), 0 warning(s)"
    assert report.findings[0].severity is E
