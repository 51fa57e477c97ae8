"""`coursebuild preview`: build, serve on 127.0.0.1, watch, rebuild; Ctrl-C stops."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
import threading
import webbrowser
from pathlib import Path
from types import FrameType

from ..diagnostics import Diagnostics
from ..source.files import COURSE_FILE, named_folder
from ..source.load import parse_yaml, read_text
from ..source.paths import locate
from ..targets import REGISTRY
from .app import Echo, Preview
from .profiles import LMS_PROFILES, PROFILED_LAUNCHES
from .server import HOST, bind
from .watcher import Watcher


def declared_targets(course: Path) -> list[str]:
    """The course's `targets:` read leniently (a broken course.yml still previews its errors)."""
    # The build's own readers: a link out of the course, an alias or an over-sized file is
    # refused here as it is in the build (whose diagnostics the preview then shows).
    found = locate(course, COURSE_FILE, "course file")
    ignored = Diagnostics()
    text = None if found.path is None else read_text(found.path, COURSE_FILE, ignored)
    spec = None if text is None else parse_yaml(text, COURSE_FILE, ignored).data
    targets = spec.get("targets") if isinstance(spec, dict) else None
    return [str(t) for t in targets] if isinstance(targets, list) else []


def choose_target(course: Path, requested: str | None) -> tuple[str, str]:
    """(target, '') to preview, or ('', why not)."""
    # Every registered target is playable: its record says how it launches (Target.launch).
    if requested is None:
        declared = [t for t in declared_targets(course) if t in REGISTRY]
        return (declared or ["scorm12"])[0], ""
    if requested not in REGISTRY:
        return "", f"unknown target '{requested}'; expected one of: {', '.join(REGISTRY)}"
    return requested, ""


def _profile_problem(target: str, lms: str) -> str:
    """Why the LMS profile cannot play the target's package, or ''."""
    if lms not in LMS_PROFILES:
        return f"unknown LMS profile '{lms}'; expected one of: {', '.join(LMS_PROFILES)}"
    if lms == "strict" or REGISTRY[target].launch in PROFILED_LAUNCHES:
        return ""
    # The profiles are SCORM API behaviours: an xAPI or cmi5 package never calls that API.
    return (
        f"--lms {lms} plays {lms}'s SCORM behaviours, and the {target} package is not SCORM (it "
        "reports to the preview's LRS); expected --lms strict, or --target "
        f"{' or '.join(PROFILED_LAUNCHES)}"
    )


def open_browser(url: str) -> None:
    """Open the page in the desktop's browser, if there is one; never fail, never block."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return  # no desktop: a console browser would take over the terminal

    def attempt() -> None:
        with contextlib.suppress(Exception):
            webbrowser.open(url)

    threading.Thread(target=attempt, name="coursebuild-browser", daemon=True).start()


def _stop_on_sigterm() -> None:
    """SIGTERM stops the preview like Ctrl-C (when we own the main thread)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def _not_a_course(folder: Path) -> str:
    """Why `folder` cannot be previewed: no course file (and the courses it holds, if any)."""
    found = sorted(p.parent.name for p in folder.glob(f"*/{COURSE_FILE}"))
    hint = f"; it holds {len(found)} courses: {', '.join(found)}" if found else ""
    return f"'{folder.as_posix()}' is not a course folder (no {COURSE_FILE}){hint}"


def run_preview(
    course: Path,
    target: str | None,
    port: int,
    browser: bool,
    echo: Echo,
    interval: float = 0.5,
    lms: str = "strict",
) -> int:
    """Serve the course until Ctrl-C; 0 when stopped, 2 when it cannot start."""
    if not (course / COURSE_FILE).is_file():
        echo(f"preview: {_not_a_course(course)}", True)
        return 2
    course = named_folder(course)  # `preview .` previews (and names) the course it is in
    chosen, problem = choose_target(course, target)
    if problem or (problem := _profile_problem(chosen, lms)):
        echo(f"preview: {problem}", True)
        return 2
    try:
        preview = Preview(course, chosen, echo, lms)
    except (OSError, sqlite3.Error) as exc:
        echo(f"preview: cannot keep the learner's data under {course.as_posix()}: {exc}", True)
        return 2
    try:
        server, actual = bind(port)
    except OSError as exc:
        preview.close()
        echo(f"preview: cannot listen on {HOST}: {exc.strerror or exc}", True)
        return 2
    server.preview = preview
    url = f"http://{HOST}:{actual}/"
    watcher = Watcher(course, preview.rebuilt, interval)
    try:
        _stop_on_sigterm()
        preview.rebuild()
        watcher.start()
        moved = f"port {port} is in use; " if port and actual != port else ""
        played = f"{chosen}, LMS {lms}" if REGISTRY[chosen].launch in PROFILED_LAUNCHES else chosen
        echo(
            f"{moved}serving on {url} — previewing {course.name} ({played}); "
            "edits rebuild and reload it; Ctrl-C stops",
            False,
        )
        if browser:
            open_browser(url)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        server.stop()
        preview.close()
    echo("stopped", False)
    return 0
