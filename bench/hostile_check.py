"""`coursebuild check` on hostile and large packages: wall time and peak memory of a whole
process, side by side with the floor of reading every entry with Python's `zipfile`.

The hostile zips are the ones the tests use (`tests/support/hostile_zips.py`), at full size; the
large one is a valid SCORM 1.2 package with 50 MB of incompressible media. The goal: any zip
up to 50 MB checked within 30 s and 300 MiB.
"""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from support import hostile_zips as hostile  # noqa: E402 - the test kit's generators
from support.check_kit import scorm12, zip_of  # noqa: E402

MIB = 1024 * 1024


def _large_package() -> bytes:
    """A valid SCORM 1.2 package carrying 50 MB of media that does not compress."""
    files = scorm12()
    noise = random.Random(13)
    for i in range(50):
        files[f"media/clip{i:02d}.bin"] = noise.randbytes(MIB)
    return zip_of(files)


def _stored(data: bytes) -> bytes:
    """The same zip with every entry stored: no ratio to stop it, so every byte is scanned."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    return buffer.getvalue()


CASES = {
    "20,000 entries": lambda: hostile.many_entries(20_000),
    "a 50 KB one-line manifest": lambda: hostile.one_line_manifest(50_000),
    "16 MiB of scripts the old patterns backtracked on, stored": lambda: _stored(
        hostile.backtracking_script(16 * MIB)
    ),
    "a 1 MB zip that unpacks to 1.1 GB": hostile.bomb,
    "a valid package with 50 MB of media": _large_package,
}


def _floor(path: Path) -> float:
    start = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            archive.read(info)  # bombs included: the floor is what reading it all costs
    return time.perf_counter() - start


def _check(path: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "builder", "check", "--json", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"check failed on {path.name}: {output[:500]}")
    (package,) = json.loads(output)["packages"]
    rules = sorted({problem["rule"] for problem in package["problems"]})
    return elapsed, usage.ru_maxrss // 1024, ", ".join(f"`{rule}`" for rule in rules) or "none"


def hostile_check_rows(work: Path) -> list[str]:
    """One Markdown table row per case: size, check's time and memory, the floor, findings."""
    rows = []
    for n, (name, make) in enumerate(CASES.items()):
        path = work / f"hostile-{n}.zip"
        path.write_bytes(make())
        seconds, mib, rules = _check(path)
        floor = _floor(path)
        rows.append(
            f"| {name} | {path.stat().st_size / MIB:.1f} MiB | {seconds:.1f} s | {mib} MiB | "
            f"{floor * 1000:.0f} ms | {rules} |"
        )
    return rows
