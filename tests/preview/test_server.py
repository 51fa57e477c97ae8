"""The preview server over HTTP: the page, the course, builds, the LMS API, the LRS, ports."""

from __future__ import annotations

import hashlib
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.preview_server import Running
from typer.testing import CliRunner

from builder.cli import app
from builder.preview.app import Preview
from builder.preview.build import build_preview
from builder.preview.server import bind
from builder.preview.watcher import Watcher, snapshot

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "course_src" / "navigating-social-media"


def test_the_page_its_scripts_and_the_course_are_served(serve: Callable[..., Running]) -> None:
    run = serve()
    status, headers, page = run.request("GET", "/")
    assert status == 200 and b'id="course"' in page
    assert "frame-src 'self'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    status, headers, _ = run.request("GET", "/lms/scorm12-api.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    status, headers, html = run.request("GET", "/course/index.html")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"coursebuild-config" in html
    assert run.request("GET", "/course/assets/runtime.js")[0] == 200  # the one bundled script
    assert run.request("GET", "/course/nothing.html")[0] == 404
    assert run.request("GET", "/lms/../app.py")[0] == 404
    assert run.request("GET", "/elsewhere")[0] == 404
    status, _, _ = run.request("GET", "/", headers={"Host": "attacker.example:80"})
    assert status == 403  # DNS rebinding: only 127.0.0.1 and localhost by name
    build = run.json("GET", "/api/build")
    assert build["ok"] and build["generation"] == 1 and build["target"] == "scorm12"
    assert (run.preview.out / "navigating-social-media-scorm12.zip").is_file()


def test_launch_commit_finish_and_relaunch_over_http(serve: Callable[..., Running]) -> None:
    run = serve()
    first = run.json("POST", "/api/launch")
    assert first["url"] == "/course/index.html"
    assert first["values"]["cmi.core.entry"] == "ab-initio"
    assert first["values"]["cmi.student_data.mastery_score"] == "80"
    values = {
        "cmi.core.lesson_location": "dos",
        "cmi.suspend_data": "state",
        "cmi.core.exit": "suspend",
        "cmi.core.session_time": "0000:00:10.00",
    }
    done = run.json(
        "POST",
        "/api/commit",
        {"session": first["session"], "seq": 1, "values": values, "finished": True},
    )
    assert done == {"ok": True, "notes": [done["notes"][0]]} or done["ok"]
    second = run.json("POST", "/api/launch")
    assert second["values"]["cmi.core.entry"] == "resume"
    assert second["values"]["cmi.core.lesson_location"] == "dos"
    assert second["values"]["cmi.core.total_time"] == "0000:00:10.00"
    stale = {"session": first["session"], "seq": 9, "values": {}, "finished": False}
    assert run.request("POST", "/api/commit", stale)[0] == 409
    assert run.request("POST", "/api/commit", b"not json")[0] == 400
    assert run.json("POST", "/api/reset") == {"ok": True}
    assert run.json("POST", "/api/launch")["values"]["cmi.core.entry"] == "ab-initio"


def test_a_broken_edit_shows_its_diagnostics_and_a_fix_brings_the_course_back(
    serve: Callable[..., Running], course: Path
) -> None:
    run = serve()
    yml = course / "course.yml"
    good = yml.read_text(encoding="utf-8")
    yml.write_text(good.replace("mastery_score:", "mastery_scor:"), encoding="utf-8")
    run.preview.rebuild(["course.yml"])
    build = run.json("GET", "/api/build")
    assert not build["ok"] and build["generation"] == 2
    assert any(
        d["where"].startswith("navigating-social-media/course.yml:") and d["severity"] == "error"
        for d in build["diagnostics"]
    ), build["diagnostics"]
    assert run.request("GET", "/course/index.html")[0] == 404
    assert run.json("POST", "/api/launch")["ok"] is False
    assert any("build failed" in text and err for text, err in run.said)
    yml.write_text(good, encoding="utf-8")
    run.preview.rebuild(["course.yml"])
    build = run.json("GET", "/api/build")
    assert build["ok"] and build["generation"] == 3 and build["changed"] == ["course.yml"]
    run.preview.rebuild(["modules/notes.txt"])
    assert run.json("GET", "/api/build")["generation"] == 3  # the same package: no reload
    assert run.said[-1] == ("modules/notes.txt changed: the package is the same", False)


def test_the_lrs_over_http(serve: Callable[..., Running]) -> None:
    run = serve()
    status, headers, body = run.request("GET", "/xapi/about")
    assert status == 200 and json.loads(body)["version"] == ["1.0.3"]
    statement = {
        "actor": {"account": {"homePage": "http://localhost/x", "name": "l"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/initialized"},
        "object": {"id": "https://example.ca/c"},
    }
    xapi = {"X-Experience-API-Version": "1.0.3", "Authorization": run.auth}
    post = {**xapi, "Content-Type": "application/json"}
    status, headers, body = run.request("POST", "/xapi/statements", statement, post)
    assert status == 200 and headers["x-experience-api-version"] == "1.0.3"
    status, _, _ = run.request("POST", "/xapi/statements", statement, {"Authorization": run.auth})
    assert status == 400
    listed = run.json("GET", "/api/statements?after=0")["statements"]
    assert [bool(s["error"]) for s in listed] == [False, True]
    assert run.json("GET", f"/api/statements?after={listed[0]['seq']}")["statements"][0]["error"]
    status, _, body = run.request("GET", "/xapi/statements", headers=xapi)
    assert status == 200 and len(json.loads(body)["statements"]) == 1


def test_a_preview_build_writes_its_zip_or_says_why_not(course: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview-out"
    out.mkdir()
    built = build_preview(course, "scorm12", out)
    written = out / "navigating-social-media-scorm12.zip"
    assert built.ok and built.package == written.name and "index.html" in built.files
    assert built.digest == hashlib.sha256(written.read_bytes()).hexdigest()
    assert [p.name for p in out.iterdir()] == [written.name]  # no staging folder left
    (tmp_path / "a-file").write_text("")
    failed = build_preview(course, "scorm12", tmp_path / "a-file")
    assert not failed.ok and "output-not-written" in {d.code for d in failed.diagnostics}


def test_a_taken_port_moves_to_the_next_free_one() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server, actual = bind(port)
        server.server_close()
    assert actual > port


def test_the_watcher_sees_source_edits_and_ignores_the_build_folder_and_scratch_files(
    course: Path,
) -> None:
    (course / ".coursebuild" / "preview").mkdir(parents=True)
    (course / ".coursebuild" / "preview" / "x.zip").write_bytes(b"zip")
    (course / "modules" / ".intro.en.md.swp").write_bytes(b"vim")
    (course / "modules" / "intro.en.md~").write_bytes(b"backup")
    seen = snapshot(course)
    assert "course.yml" in seen and "modules/intro.en.md" in seen
    assert not any(k.startswith(".coursebuild") or k.endswith(("~", ".swp")) for k in seen)
    calls: list[list[str]] = []
    watcher = Watcher(course, calls.append, interval=0.05)
    watcher.start()
    try:
        (course / ".coursebuild" / "preview" / "y.zip").write_bytes(b"zip")
        page = course / "modules" / "intro.en.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not calls and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        watcher.stop()
    assert calls == [["modules/intro.en.md"]]


def test_the_command_refuses_what_it_cannot_preview(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["preview", str(REPO / "course_src"), "--no-open"])
    assert result.exit_code == 2
    assert "is not a course folder" in result.output and "navigating-social-media" in result.output
    result = runner.invoke(app, ["preview", str(SEED), "--target", "html", "--no-open"])
    assert result.exit_code == 2 and "unknown target 'html'" in result.output
    assert "Traceback" not in result.output


def test_an_xapi_launch_carries_the_tin_can_parameters_to_the_built_in_lrs(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from builder.preview.build import PreviewBuild
    from builder.preview.sessions import LaunchInfo

    preview = Preview(course, "xapi", lambda text, err: None)
    try:
        info = LaunchInfo(href="index.html", activity_id="https://example.ca/courses/c")
        monkeypatch.setattr(preview, "current", PreviewBuild(True, [], {"index.html": b""}, info))
        launch = preview.launch("http://127.0.0.1:8123")
        url = urlsplit(launch["url"])
        assert url.path == "/course/index.html" and launch["kind"] == "xapi"
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert query["endpoint"] == "http://127.0.0.1:8123/xapi/"
        assert query["auth"] == preview.auth and preview.auth.startswith("Basic ")
        assert json.loads(query["actor"])["account"]["name"] == "preview-learner"
        assert query["registration"] == launch["registration"]
        assert query["activity_id"] == "https://example.ca/courses/c"
        again = preview.launch("http://127.0.0.1:8123")
        assert again["registration"] == launch["registration"]  # until the learner is reset
        preview.reset()
        assert preview.launch("http://127.0.0.1:8123")["registration"] != launch["registration"]
    finally:
        preview.close()


def test_unreadable_learner_data_is_said_not_raised(course: Path) -> None:
    from builder.preview.run import run_preview

    data = course / ".coursebuild" / "preview" / "learner.sqlite3"
    data.parent.mkdir(parents=True)
    data.write_bytes(b"this is not a database" * 100)
    said: list[tuple[str, bool]] = []
    assert run_preview(course, None, 0, False, lambda t, err: said.append((t, err))) == 2
    assert said and "cannot keep the learner's data" in said[0][0] and said[0][1]


def test_the_terminal_names_a_broken_file_from_the_current_folder(
    course: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The author runs `coursebuild preview courses/my-course` from the folder above `courses`:
    # the terminal names files as `build` does, so a click or a copy opens the right file.
    monkeypatch.chdir(course.parent.parent)
    yml = course / "course.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("code: TRN1-V13", "code: 'a b'"))
    said: list[tuple[str, bool]] = []
    preview = Preview(
        Path(course.parent.name) / course.name, "scorm12", lambda t, e: said.append((t, e))
    )
    preview.rebuild()
    errors = [text for text, err in said if "course.yml:" in text]
    assert errors and errors[0].startswith(f"{course.parent.name}/{course.name}/course.yml:"), said
