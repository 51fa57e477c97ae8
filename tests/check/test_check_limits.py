"""`check` on hostile zips: bounded time and memory, limits that end in a finding (issue 13)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from support import hostile_zips as hostile
from support.check_kit import check, only, rules, scorm12, zip_of
from typer.testing import CliRunner

from builder.check.package import check_bytes
from builder.check.zip import Limits
from builder.cli import app

runner = CliRunner()


# No timed assertions (times are measured in bench/): a check that went quadratic again runs
# into the default time budget, and `check-incomplete` joins the findings asserted below.


def test_twenty_thousand_entries_are_checked_in_linear_time() -> None:
    # Was 43 s: a set rebuilt for every entry.
    assert rules(check(hostile.many_entries(20_000))) == {"file-unlisted"}


def test_a_one_line_manifest_is_checked_in_linear_time() -> None:
    # Was 160 s: a backward search for every element.
    assert rules(check(hostile.one_line_manifest(50_000))) == set()


def test_crafted_scripts_do_not_make_the_patterns_backtrack() -> None:
    # Was ~18 s per MB.
    found = rules(check(hostile.backtracking_script(1024 * 1024)))
    assert "file-unlisted" in found and "check-incomplete" not in found


def test_too_many_entries_is_a_finding_not_a_hang() -> None:
    report = check(hostile.many_entries(200), Limits(max_entries=100))
    finding = only(report, "zip-entries")
    assert "204 entries" in finding.message and "100" in finding.message
    assert rules(report) == {"zip-entries"}  # nothing else is read


def test_a_bomb_of_many_entries_under_the_ratio_floor_is_a_zip_bomb() -> None:
    data = hostile.bomb()
    assert len(data) < 2 * 1024 * 1024
    report = check(data)
    finding = only(report, "zip-bomb")
    assert finding.location.file == "" and "unpack" in finding.message


def test_five_thousand_small_entries_of_1000_to_1_are_a_zip_bomb_of_the_whole_zip() -> None:
    # No entry reaches the per-entry rule's 1 MiB floor; the zip-wide ratio rule sees the total.
    data = hostile.bomb(entries=5_000, size=100_000)
    report = check(data)
    finding = only(report, "zip-bomb")
    assert finding.location.file == "", finding
    assert " into 500,0" in finding.message and "above 100:1" in finding.message, finding
    assert "check-incomplete" not in rules(report)


def test_the_time_budget_ends_in_a_finding() -> None:
    files = scorm12()
    files["assets/big.js"] = b"var x = 1;\n" * 200_000
    report = check(zip_of(files), Limits(time_budget=0.0))
    finding = only(report, "check-incomplete")
    assert "time" in finding.message


def test_a_page_over_the_scan_size_is_not_ok() -> None:
    files = scorm12()
    files["index.html"] = b"<!doctype html><p>" + b"x" * 2048 + b"</p>"
    report = check(zip_of(files), Limits(max_scan=1024))
    finding = only(report, "check-incomplete")
    assert finding.location.file == "index.html"


# --- a corrupt or truncated zip (item 14) --------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-22] + b"\x00" * 22,  # no end of central directory
        lambda data: b"not a zip at all",
    ],
    ids=["truncated", "no-directory-end", "not-a-zip"],
)
def test_a_corrupt_zip_is_a_finding(damage: Callable[[bytes], bytes]) -> None:
    data = damage(zip_of(scorm12()))
    report = check_bytes(data, "bad.zip")
    finding = only(report, "zip-corrupt")
    assert finding.location.file == "" and report.errors == 1


def test_a_corrupt_zip_does_not_hide_the_other_reports(tmp_path: Path) -> None:
    good = tmp_path / "good.zip"
    good.write_bytes(zip_of(scorm12()))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(zip_of(scorm12())[:300])
    text = runner.invoke(app, ["check", str(good), str(cut)])
    assert text.exit_code == 1, text.output
    assert f"{good.as_posix()}: ok (SCORM 1.2, 4 files)" in text.stdout
    assert "[zip-corrupt]" in text.stdout
    result = runner.invoke(app, ["check", "--json", str(good), str(cut)])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [p["ok"] for p in report["packages"]] == [True, False]
    assert report["packages"][1]["problems"][0]["rule"] == "zip-corrupt"
