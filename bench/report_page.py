"""The report's page: time to draw it from the test fixture (tests/report_page/report.json),
first in a fresh process (matplotlib imported, fonts found) and then again in the same process,
and the page's size. Medians of several runs (the machine may be shared: timings are noisy).

Run from the repository root:  .venv/bin/python bench/report_page.py [--runs R]
`rows(runs)` gives Markdown table rows for bench/run.py.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "report_page" / "report.json"
PROBE = """
import json, sys, time
started = time.perf_counter()
from builder.report.page import render_page
report = json.loads(open(sys.argv[1], encoding="utf-8").read())
first = render_page(report, "en")
cold = time.perf_counter() - started
started = time.perf_counter()
second = render_page(report, "fr")
warm = time.perf_counter() - started
sizes = {"en": len(first.encode()), "fr": len(second.encode())}
print(json.dumps({"cold": cold, "warm": warm, **sizes}))
"""


def measure(runs: int = 3) -> dict[str, float]:
    """Median seconds of a first page in a fresh process and of a second one; sizes in bytes."""
    found = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE, str(FIXTURE)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        found.append(json.loads(out.stdout))
    return {key: statistics.median(f[key] for f in found) for key in found[0]}


def rows(runs: int = 3) -> list[str]:
    """Markdown table rows: what was measured, its median."""
    m = measure(runs)
    return [
        f"| report page, first (fresh process, imports included) | {m['cold']:.2f} s |",
        f"| report page, second language (same process) | {m['warm']:.2f} s |",
        f"| report page size (fixture: 3 questions, 1 check, 1 video) | "
        f"{m['en'] / 1024:.0f} KiB en, {m['fr'] / 1024:.0f} KiB fr |",
    ]


if __name__ == "__main__":
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    print("| measure | median |\n|---|---|")
    print("\n".join(rows(runs)))
