"""The build's progress bar: drawn on a terminal, and nothing at all anywhere else."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "course_src"
# Runs the console script, then says whether the progress display's library was loaded.
PROBE = (
    "import atexit, sys; report = sys.argv.pop(1); "
    "atexit.register(lambda: open(report, 'w').write(str('rich.progress' in sys.modules))); "
    "sys.argv[0] = 'coursebuild'; from builder.launch import main; main()"
)


def build_args(out: Path) -> list[str]:
    return ["build", str(SEEDS), "--target", "scorm12", "--out", str(out), "--jobs", "2"]


def on_a_terminal(args: list[str], probe: Path) -> tuple[int, str, str]:
    """Run coursebuild with stderr on a pseudo-terminal: exit status, stdout, the terminal."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(probe), *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: every process that had the terminal has closed it
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    stdout = process.stdout.read().decode() if process.stdout else ""
    return process.wait(timeout=120), stdout, shown.decode(errors="replace")


def not_on_a_terminal(args: list[str], probe: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, str(probe), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def lists_what_it_wrote(stdout: str, out: Path) -> bool:
    """True when stdout is a "wrote" line per file in `out`, in order, and nothing else."""
    names = sorted(p.name for p in out.iterdir())
    return [line.split(" (")[0] for line in stdout.splitlines()] == [
        f"wrote {(out / name).as_posix()}" for name in names
    ]


def test_a_terminal_shows_the_courses_built(tmp_path: Path) -> None:
    status, stdout, shown = on_a_terminal(build_args(tmp_path / "dist"), tmp_path / "probe")
    assert status == 0, shown
    assert "building" in shown and "2/2" in shown, shown
    assert "social-media-at-work" in shown or "navigating-social-media" in shown
    assert "Traceback" not in shown
    # The bar is on stderr only: stdout lists the files written, as without a terminal.
    assert lists_what_it_wrote(stdout, tmp_path / "dist"), stdout
    assert (tmp_path / "probe").read_text() == "True"


def test_an_unchanged_build_on_a_terminal_draws_nothing(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert not_on_a_terminal(build_args(out), tmp_path / "first").returncode == 0
    status, stdout, shown = on_a_terminal(build_args(out), tmp_path / "probe")
    assert status == 0 and shown == ""
    assert stdout.splitlines()[0].startswith("unchanged ")
    assert (tmp_path / "probe").read_text() == "False"


def test_without_a_terminal_the_output_is_as_before(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    done = not_on_a_terminal(build_args(out), tmp_path / "probe")
    assert done.returncode == 0 and done.stderr == ""
    assert lists_what_it_wrote(done.stdout, out), done.stdout
    assert (tmp_path / "probe").read_text() == "False"  # the display's library is not loaded
