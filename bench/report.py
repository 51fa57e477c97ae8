"""`coursebuild report` on N synthetic statements (JSON lines) beside the floor: a process
that only ``json.loads`` every line of the same file. Time and peak RSS, medians of runs.

`python bench/report.py [N] [RUNS]`; `rows(n, runs)` gives Markdown table rows for bench/run.py.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

FLOOR = "import json,sys\nfor line in open(sys.argv[1],'rb'): json.loads(line)\n"
MEASURE = (
    "import resource,subprocess,sys,time\nt=time.perf_counter()\n"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL)\n"
    "peak=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(time.perf_counter()-t, peak, r.returncode)"
)


def _measure(command: list[str]) -> tuple[float, float]:
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    seconds, rss_kib, code = done.stdout.split()
    assert code == "0", done
    return float(seconds), int(rss_kib) / 1024


def measure(n: int = 1_000_000, runs: int = 3) -> dict[str, float]:
    """Median time (s) and peak RSS (MiB) of the report and of the floor, on n statements."""
    from report_statements import SEED, generate

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statements.jsonl"
        written = generate(n, path)
        floor = [_measure([sys.executable, "-c", FLOOR, str(path)]) for _ in range(runs)]
        report = [
            _measure(
                [
                    sys.executable,
                    "-m",
                    "builder",
                    "report",
                    str(SEED),
                    "--statements",
                    str(path),
                    "--out",
                    str(Path(folder) / "report"),
                ]
            )
            for _ in range(runs)
        ]
    return {
        "statements": written,
        "floor_s": statistics.median(t for t, _ in floor),
        "floor_mib": statistics.median(m for _, m in floor),
        "report_s": statistics.median(t for t, _ in report),
        "report_mib": statistics.median(m for _, m in report),
    }


def rows(n: int = 1_000_000, runs: int = 3) -> list[str]:
    """Markdown table rows: the report beside its floor."""
    found = measure(n, runs)
    ratio = found["report_s"] / found["floor_s"]
    return [
        f"| report, {found['statements']:,} statements (JSON lines) | {found['report_s']:.1f} s, "
        f"{found['report_mib']:.0f} MiB | floor (json.loads per line) {found['floor_s']:.1f} s, "
        f"{found['floor_mib']:.0f} MiB | {ratio:.2f}x the floor; goal <= 3x and <= 200 MiB |"
    ]


if __name__ == "__main__":
    start = time.perf_counter()
    print(
        "\n".join(
            rows(
                int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000,
                int(sys.argv[2]) if len(sys.argv) > 2 else 3,
            )
        )
    )
