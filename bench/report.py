"""`coursebuild report` at scale beside its floor: a process that only ``json.loads`` every line
of the same file (issue 17: goal <= 3x that floor and <= 200 MiB at 1,000,000 statements).

From a JSON-lines file at 1,000,000 statements (generated once into a temporary folder by
bench/report_statements.py), and from the real Ralph LRS of the tests (tests/support/lrs.py,
fs backend) at a scale it serves: its fs backend reads its whole file for every page of 100
statements, so a query costs statements² / 100 (measured: 10,000 statements 12 s, 30,000 85 s,
so 100,000 would take over 15 minutes a run and 1,000,000 a day); 30,000 it is, the floor
measured on the same statements. Ralph's own time is in the report's wall time, not its CPU.
Wall time, CPU time (user + system) and peak RSS of each command (``getrusage(RUSAGE_CHILDREN)``
in a wrapper process), medians of runs.

`python bench/report.py [N] [LRS_N] [RUNS]`; ``report_rows(n, lrs_n, runs)`` gives Markdown
table rows for bench/run.py. Timing is noisy on a shared machine: compare CPU times.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

FLOOR = "import json,sys\nfor line in open(sys.argv[1],'rb'): json.loads(line)\n"
MEASURE = (
    "import resource,subprocess,sys,time\nt=time.perf_counter()\n"
    "r=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL)\n"
    "u=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(time.perf_counter()-t, u.ru_utime+u.ru_stime, u.ru_maxrss, r.returncode)"
)
GOAL = "goal <= 3x the floor, <= 200 MiB"
BATCH = 500  # statements per POST to Ralph


def _measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one run of ``command``."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    wall, cpu, rss_kib, code = done.stdout.split()
    assert code == "0", done
    return float(wall), float(cpu), int(rss_kib) / 1024


def _medians(runs: list[tuple[float, float, float]]) -> dict[str, float]:
    return {
        "wall_s": statistics.median(r[0] for r in runs),
        "cpu_s": statistics.median(r[1] for r in runs),
        "rss_mib": statistics.median(r[2] for r in runs),
    }


def _report(source: Path, out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "builder", "report", str(source), *args, "--out", str(out)]


def measure_file(n: int = 1_000_000, runs: int = 3) -> dict[str, Any]:
    """The floor and the report on a file of n generated statements: medians of ``runs``."""
    from report_statements import activities_file, generate

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statements.jsonl"
        made = generate(n, path)
        size = path.stat().st_size
        floor = [_measure([sys.executable, "-c", FLOOR, str(path)]) for _ in range(runs)]
        source = activities_file(Path(folder) / "activities.json")
        command = _report(source, Path(folder) / "report", "--statements", str(path))
        report = [_measure(command) for _ in range(runs)]
    return {
        "statements": made.statements,
        "resent": made.resent,
        "learners": made.learners,
        "bytes": size,
        "floor": _medians(floor),
        "report": _medians(report),
    }


def measure_lrs(n: int = 30_000, runs: int = 3) -> dict[str, Any]:
    """The floor on a file of n statements, and the report reading them from Ralph."""
    sys.path.insert(0, str(ROOT / "tests"))
    from report_statements import activities_file, generate
    from support.lrs import RalphLRS

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statements.jsonl"
        made = generate(n, path)
        floor = [_measure([sys.executable, "-c", FLOOR, str(path)]) for _ in range(runs)]
        lrs = RalphLRS.start(Path(folder) / "ralph")
        try:
            _load(lrs, path)
            source = activities_file(Path(folder) / "activities.json")
            command = _report(source, Path(folder) / "report", "--lrs", lrs.endpoint)
            env = {**os.environ, "COURSEBUILD_LRS_AUTH": f"{lrs.username}:{lrs.password}"}
            report = [_measure(command, env) for _ in range(runs)]
        finally:
            lrs.stop()
    return {
        "statements": made.statements,
        "floor": _medians(floor),
        "report": _medians(report),
    }


def _load(lrs: Any, path: Path) -> None:
    """POST every statement of the file, BATCH at a time; a resend is left out, as an LRS
    keeps a statement once [xAPI 1.0.3 Part Three §2.1.2]."""
    batch: list[Any] = []
    posted: set[str] = set()
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            statement = json.loads(line)
            if statement["id"] in posted:
                continue
            posted.add(statement["id"])
            batch.append(statement)
            if len(batch) >= BATCH:
                _post(lrs, batch)
                batch = []
    _post(lrs, batch)


def _post(lrs: Any, batch: list[Any]) -> None:
    if batch:
        response = lrs.post(batch)
        assert response.status == 200, (response.status, response.body)


def _row(what: str, found: dict[str, Any]) -> str:
    floor, report = found["floor"], found["report"]
    return (
        f"| {what} | {report['wall_s']:.1f} s wall, {report['cpu_s']:.1f} s CPU, "
        f"{report['rss_mib']:.0f} MiB | {floor['wall_s']:.1f} s wall, {floor['cpu_s']:.1f} s CPU, "
        f"{floor['rss_mib']:.0f} MiB | {report['cpu_s'] / floor['cpu_s']:.2f}x CPU, "
        f"{report['wall_s'] / floor['wall_s']:.2f}x wall | {GOAL} |"
    )


def report_rows(n: int = 1_000_000, lrs_n: int = 30_000, runs: int = 3) -> list[str]:
    """Markdown table rows (report | floor: json.loads per line | ratio | goal), medians."""
    on_file = measure_file(n, runs)
    rows = [
        _row(
            f"report, {on_file['statements']:,} statements of {on_file['learners']:,} learners "
            f"({on_file['resent']:,} resent), JSON lines {on_file['bytes'] / 2**20:,.0f} MiB",
            on_file,
        )
    ]
    if lrs_n:
        on_lrs = measure_lrs(lrs_n, runs)
        rows.append(
            _row(
                f"report --lrs, {on_lrs['statements']:,} statements in Ralph (fs backend; "
                "floor: json.loads of the same statements' file)",
                on_lrs,
            )
        )
    return rows


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:4]]
    print("| what | report | floor (json.loads per line) | ratio | goal |")
    print("|---|---|---|---|---|")
    print("\n".join(report_rows(*arguments)))
