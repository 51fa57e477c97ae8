"""`coursebuild preview` run as the author runs it, as a process of its own read line by line."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "course_src" / "navigating-social-media"
URL_LINE = re.compile(r"serving on (http://127\.0\.0\.1:(\d+)/)")


class PreviewProcess:
    """`python -m builder preview COURSE --no-open --port PORT` in `cwd`, started and read line
    by line until it says what it serves (after its first build)."""

    def __init__(
        self,
        course: Path,
        port: int = 0,
        target: str | None = None,
        lms: str | None = None,
        *,
        cwd: Path = REPO,
    ) -> None:
        self.lines: list[str] = []
        self._ready = threading.Event()
        self.proc = subprocess.Popen(
            [
                *(sys.executable, "-m", "builder", "preview", str(course)),
                *("--no-open", "--port", str(port)),
                *(["--target", target] if target else []),
                *(["--lms", lms] if lms else []),
            ],
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        self._ready.wait(60)
        serving = [line for line in self.lines if "serving on" in line]
        if not serving:
            self.stop()
            raise AssertionError("the preview did not start:\n" + self.output)
        self.serving = serving[0]
        match = URL_LINE.search(self.serving)
        assert match, self.output
        self.url, self.port = match.group(1), int(match.group(2))

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))
            if "serving on" in line:
                self._ready.set()
        self._ready.set()  # it exited before serving: no need to wait any longer

    @property
    def output(self) -> str:
        """All it printed so far, one line after another."""
        return "\n".join(self.lines)

    def wait_for(self, text: str, timeout: float = 15) -> None:
        """Until it has printed `text`."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            assert time.monotonic() < deadline, f"{text!r} never printed:\n{self.output}"
            time.sleep(0.05)

    def stop(self) -> int:
        """Ctrl-C, as the author does; its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        code = self.proc.wait(timeout=15)
        time.sleep(0.1)  # the reader thread drains the last line
        return code


def serving_line(course: Path, target: str | None = None) -> str:
    """Start `coursebuild preview` on the course from its parent folder, stop it (Ctrl-C) once
    it serves, and return its 'serving on' line (after its first build)."""
    preview = PreviewProcess(Path(course.name), target=target, cwd=course.parent)
    preview.stop()
    return preview.serving
