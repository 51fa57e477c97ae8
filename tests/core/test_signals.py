"""SIGINT, SIGTERM and SIGKILL during `build --jobs 2`, in real processes: nothing left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.output.folder import STAGING_PREFIX

SEED = Path(__file__).resolve().parents[2] / "course_src" / "social-media-at-work"
MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
BUILD = [sys.executable, "-m", "builder", "build"]
# About 6 s of work on two cores from an empty cache (60 copies once took that; with the loaded
# courses and checked packages cached, 60 took 0.7 s and the signal could come after the end):
# still building when the signal comes. Each build has a cache of its own, empty.
COPIES = 200


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "src"
    for n in range(COPIES):
        shutil.copytree(SEED, folder / f"course-{n:02d}")
    return folder


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == str(pid) and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


def staging(root: Path) -> list[Path]:
    return sorted(root.rglob(f"{STAGING_PREFIX}*"))


def own_cache(tmp_path: Path) -> dict[str, str]:
    """The environment of a build whose user cache is its own and empty: nothing it builds was
    loaded or checked by an earlier test, so it takes its full time."""
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def started(catalogue: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], list[int]]]:
    """A `build --jobs 2` of the big catalogue into tmp_path/dist, once its workers are busy."""
    process = subprocess.Popen(
        [*BUILD, str(catalogue), "--out", str(tmp_path / "dist"), "--jobs", "2", "--force"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell job or a CI step
        env=own_cache(tmp_path),
    )
    workers: list[int] = []
    try:
        # Busy: the staging folder holds a course's folder and both workers exist.
        assert wait_until(
            lambda: (
                process.poll() is not None
                or (any(p.glob("0") for p in staging(tmp_path)) and len(children(process.pid)) >= 2)
            ),
            60,
        ), "the build never started its workers"
        workers.extend(children(process.pid))
        assert process.poll() is None, "the build ended before the signal"
        yield process, workers
    finally:
        for pid in [process.pid, *workers]:  # whatever the test found, end what it started
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)


@pytest.mark.parametrize(
    ("signum", "status", "group"),
    [
        (signal.SIGINT, 130, True),  # Ctrl-C in a terminal: the whole foreground group
        (signal.SIGINT, 130, False),
        (signal.SIGTERM, 143, False),  # `timeout`, `kill`: the build process
        (signal.SIGTERM, 143, True),
    ],
)
def test_a_signal_stops_the_build_and_leaves_no_trace(
    started: tuple[subprocess.Popen[str], list[int]],
    tmp_path: Path,
    signum: int,
    status: int,
    group: bool,
) -> None:
    process, workers = started
    if group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == status, stderr
    assert stderr.strip().splitlines() == [
        f"coursebuild: interrupted, nothing written to {(tmp_path / 'dist').as_posix()}/"
    ], stderr  # whole, so that a rare extra line can be read
    assert stdout == ""
    assert wait_until(lambda: not any(running(pid) for pid in workers), 5), "workers outlived it"
    assert staging(tmp_path) == []
    assert not (tmp_path / "dist").exists(), "dist/ did not exist before the build"


def test_a_signal_leaves_an_existing_dist_as_it_was(catalogue: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(MINIMAL), "--out", str(out)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    before = snapshot(out)
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build", str(catalogue), "--out", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=own_cache(tmp_path),
    )
    workers: list[int] = []
    try:
        # No wait for the workers here: the signal may come while they are being started.
        assert wait_until(lambda: any(p.glob("0") for p in staging(out)), 60)
        workers = children(process.pid)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=30)
    finally:
        for pid in [process.pid, *workers]:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == 143, stderr
    assert wait_until(lambda: not any(running(pid) for pid in workers), 5)
    assert snapshot(out) == before and staging(out) == []


def test_sigkill_workers_exit_and_the_next_build_removes_the_staging(
    started: tuple[subprocess.Popen[str], list[int]], tmp_path: Path
) -> None:
    process, workers = started
    process.send_signal(signal.SIGKILL)
    process.wait()
    began = time.monotonic()
    assert wait_until(lambda: not any(running(pid) for pid in workers), 5), "orphans kept going"
    orphan_seconds = time.monotonic() - began
    left = staging(tmp_path)
    assert len(left) == 1, "a SIGKILL cannot be caught: its staging folder stays, for now"
    out = tmp_path / "dist"
    # A staging folder of a build still running (this test's process) is not touched.
    alive = left[0].with_name(left[0].name.replace(f"-{process.pid}-", f"-{os.getpid()}-"))
    alive.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", str(MINIMAL), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert staging(tmp_path) == [alive]
    assert (out / "minimal-scorm12.zip").is_file()
    assert orphan_seconds < 2, f"workers took {orphan_seconds:.1f} s to notice"
