"""The runtime writes what `builder/standards` defines (issue 14: one definition per data type).

The runtime is JavaScript and cannot import the Python patterns, so this test holds them
together: every CMITimespan, ISO 8601 duration and CMIDecimal that `formats.js` writes, over a
sweep of inputs, matches the pattern `builder/standards/types.py` defines (the one the preview's
LMS, the built-in LRS and `check` use), and the runtime's own CMITimespan pattern says the same
as the Python one about a table of good and bad values [SCORM 1.2 RTE §3.4.5; SCORM 2004 4th ed.
RTE §4.1.1.7; xAPI 1.0.3 Part Two §4.1.5].
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from support.paths import REPO_ROOT

from builder.standards.types import CMI_DECIMAL, CMI_TIMESPAN, DURATION

FORMATS = REPO_ROOT / "templates" / "theme" / "static" / "formats.js"
MILLISECONDS = [0, 1, 4, 5, 9, 10, 994, 995, 999, 1000, 59_994, 59_995, 59_999, 60_000]
MILLISECONDS += [3_599_995, 3_600_000, 86_400_000, 360_000_000, 35_999_999_990, 10**12, -5]
NUMBERS = [0, 1, -1, 0.5, 94, 99.999, 100, 100.5, 1 / 3, 2 / 3, -0.001, 1e-7, 12345.678]
TIMESPANS = ["00:00:00", "0000:00:00.00", "9999:59:59.99", "01:02:03.4", "1:02:03"]
TIMESPANS += ["00:00:00.", "00:00:00.123", "00000:00:00", "00:0:00", "aa:00:00", ""]

SCRIPT = """
const F = require(process.argv[1]);
const ms = JSON.parse(process.argv[2]), numbers = JSON.parse(process.argv[3]);
const spans = JSON.parse(process.argv[4]);
console.log(JSON.stringify({
  timespans: ms.map(F.timespan12),
  durations: ms.map(F.isoDuration),
  decimals: numbers.map(F.decimal),
  scores: numbers.map(F.score12),
  accepted: spans.filter((s) => F.CMI_TIMESPAN.test(s)),
}));
"""


@pytest.fixture(scope="module")
def written() -> dict[str, list[str]]:
    node = shutil.which("node")
    assert node, "node is part of the test toolchain (make setup)"
    args = [json.dumps(MILLISECONDS), json.dumps(NUMBERS), json.dumps(TIMESPANS)]
    out = subprocess.run(
        [node, "-e", SCRIPT, str(FORMATS), *args], capture_output=True, text=True, check=True
    )
    result: dict[str, list[str]] = json.loads(out.stdout)
    return result


def test_every_timespan_the_runtime_writes_is_a_cmi_timespan(written: dict[str, list[str]]) -> None:
    assert [t for t in written["timespans"] if not CMI_TIMESPAN.fullmatch(t)] == []


def test_every_duration_the_runtime_writes_is_an_iso_duration(
    written: dict[str, list[str]],
) -> None:
    assert [d for d in written["durations"] if not DURATION.fullmatch(d)] == []


def test_every_score_and_decimal_the_runtime_writes_is_a_cmi_decimal(
    written: dict[str, list[str]],
) -> None:
    values = written["decimals"] + written["scores"]
    assert [v for v in values if not CMI_DECIMAL.fullmatch(v)] == []


def test_the_runtime_and_the_standards_agree_on_what_a_cmi_timespan_is(
    written: dict[str, list[str]],
) -> None:
    assert written["accepted"] == [t for t in TIMESPANS if CMI_TIMESPAN.fullmatch(t)]


def test_the_sweep_would_catch_a_wrong_format() -> None:
    # formats.js wrote 1e-7 as "1e-7", which no SCORM 1.2 LMS takes as a CMIDecimal.
    assert DURATION.fullmatch("PT1H5M") and not DURATION.fullmatch("P1H")
    assert not CMI_TIMESPAN.fullmatch("0:00:00") and not CMI_DECIMAL.fullmatch("1e-7")
