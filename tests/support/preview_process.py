"""`coursebuild preview` run as the author runs it, up to the line that says what it serves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def serving_line(cwd: Path, *args: str) -> str:
    """Start `coursebuild preview ARGS --no-open --port 0` in `cwd`, stop it (Ctrl-C) once it
    serves, and return its 'serving on' line (after its first build)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "builder", "preview", *args, "--no-open", "--port", "0"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while not any("serving on" in line for line in lines):
            assert time.monotonic() < deadline and proc.poll() is None, lines
            lines.append(proc.stdout.readline())
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=15)
    return lines[-1].rstrip("\n")
