"""`coursebuild report` on the command line: inputs, the LRS, usage errors, no partial report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from support.report_statements import ACTIVITIES, cmi5_learner, learners, lines
from typer.testing import CliRunner

from builder.cli import app
from builder.report import lrs

runner = CliRunner()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "c-xapi-activities.json"
    path.write_text(json.dumps(ACTIVITIES))
    return path


class FakeLrs(BaseHTTPRequestHandler):
    """Pages of 10 statements linked by `more`; `fail` answers 500 on page 2, `slow` sleeps."""

    mode = "ok"
    seen: list[dict[str, Any]] = []  # noqa: RUF012

    def do_GET(self) -> None:
        FakeLrs.seen.append({"path": self.path, "headers": self.headers})
        if "activity=https%3A%2F%2Fex.ca%2Fc%2Fau&" in self.path:  # the cmi5 AU's statements
            self._answer({"statements": cmi5_learner(), "more": ""})
            return
        page = int(self.path.split("page=")[1]) if "page=" in self.path else 0
        if page == 1 and self.mode == "fail":
            self.send_response(500)
            self.end_headers()
            return
        if page == 1 and self.mode == "slow":
            time.sleep(1.5)
        items = learners()[10 * page : 10 * page + 10]
        more = f"/xapi/statements?page={page + 1}" if 10 * page + 10 < len(learners()) else ""
        self._answer({"statements": items, "more": more})

    def _answer(self, result: dict[str, Any]) -> None:
        body = json.dumps(result).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    FakeLrs.mode, FakeLrs.seen = "ok", []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLrs)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/xapi/"
    httpd.shutdown()


def test_lrs_pages_with_more_and_auth_from_the_environment(
    source: Path, server: str, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    env = {"COURSEBUILD_LRS_AUTH": "ana:s3cret"}
    args = ["report", str(source), "--lrs", server, "--out", str(out), "--since", "2026-01-01"]
    args += ["--min-group", "1"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    # the course's statements in 3 pages, then the cmi5 AU's [cmi5 §10]: 5 more
    assert report["input"]["used"] == 27 + 5 and len(FakeLrs.seen) == 4
    assert "activity=https%3A%2F%2Fex.ca%2Fc%2Fau&" in FakeLrs.seen[3]["path"]
    assert report["sections"]["all"]["learners"] == 4
    first = FakeLrs.seen[0]
    assert (
        "activity=https%3A%2F%2Fex.ca%2Fc" in first["path"]
        and "related_activities=true" in first["path"]
    )
    assert "since=2026-01-01T00%3A00%3A00.000Z" in first["path"]
    assert first["headers"]["X-Experience-API-Version"] == "1.0.3"
    assert first["headers"]["Authorization"] == "Basic YW5hOnMzY3JldA=="
    assert report["generated_from"] == {"kind": "lrs", "name": server}
    written = b"".join(p.read_bytes() for p in out.iterdir())
    assert b"s3cret" not in written and b"YW5hOnMzY3JldA" not in written
    assert "s3cret" not in result.output


@pytest.mark.parametrize("mode", ["fail", "slow"])
def test_lrs_error_mid_way_writes_no_report(
    source: Path, server: str, tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeLrs.mode = mode
    monkeypatch.setattr(lrs, "TIMEOUT", 0.5)
    out = tmp_path / "report"
    result = runner.invoke(app, ["report", str(source), "--lrs", server, "--out", str(out)])
    assert result.exit_code == 1
    assert ("500" if mode == "fail" else "did not answer within 0.5 s") in result.output
    assert "no report written" in result.output and not out.exists()


def test_array_and_lines_and_stdin_give_the_same_report(source: Path, tmp_path: Path) -> None:
    rows = [json.loads(line) for line in lines().splitlines() if line != b"{not json"]
    reports = []
    for form, data in (("a", json.dumps(rows, indent=1)), ("b", "\n".join(map(json.dumps, rows)))):
        (tmp_path / form).mkdir()
        path = tmp_path / form / "statements.json"
        path.write_text(data)
        out = tmp_path / form / "report"
        assert (
            runner.invoke(
                app, ["report", str(source), "--statements", str(path), "--out", str(out)]
            ).exit_code
            == 0
        )
        reports.append((out / "report.json").read_bytes())
    out = tmp_path / "stdin"
    result = runner.invoke(
        app, ["report", str(source), "--statements", "-", "--out", str(out)], input=lines()
    )
    assert result.exit_code == 0, result.output
    assert reports[0] == reports[1]
    assert json.loads((out / "report.json").read_text())["generated_from"]["kind"] == "stdin"


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["--statements", "x.jsonl", "--lrs", "http://h/"],
        ["--lrs", "ftp://h/"],
        ["--statements", "missing.jsonl"],
        ["--lrs", "http://h/", "--auth", "nocolon"],
        ["--statements", "-", "--since", "yesterday"],
        # An empty period: every statement would be left out, silently.
        ["--statements", "-", "--since", "2026-01-01", "--until", "2025-01-01"],
        ["--statements", "-", "--since", "2026-01-01T12:00:00Z", "--until", "2026-01-01T12:00Z"],
        ["--statements", "-", "--lang", "de"],
        ["--statements", "-", "--min-group", "0"],
    ],
)
def test_usage_errors_exit_2(source: Path, extra: list[str]) -> None:
    result = runner.invoke(app, ["report", str(source), *extra], input=b"")
    assert result.exit_code == 2, result.output


def test_statements_that_are_a_folder_are_said_to_be_a_folder(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").mkdir()
    args = ["report", str(source), "--statements", "exports", "--out", "r"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and not (tmp_path / "r").exists()
    flat = " ".join(re.sub("[│╭╮╰╯─]", " ", result.output).split())
    assert (
        "Invalid value for --statements: exports is a folder; expected a JSON array or JSON "
        "lines file, or - for stdin"
    ) in flat, result.output


def test_statements_from_a_pipe_are_read_as_stdin_is(source: Path, tmp_path: Path) -> None:
    """A named pipe, or bash's `<(…)`, is read once from start to end like stdin (spooled)."""
    plain = tmp_path / "s.jsonl"
    plain.write_bytes(lines())
    pipe = tmp_path / "s.pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_bytes, args=(lines(),), daemon=True)
    writer.start()
    args = ["report", str(source), "--statements", str(pipe), "--out", str(tmp_path / "p")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    args = ["report", str(source), "--statements", str(plain), "--out", str(tmp_path / "f")]
    assert runner.invoke(app, args).exit_code == 0
    piped = json.loads((tmp_path / "p" / "report.json").read_text())
    assert piped["generated_from"] == {"kind": "file", "name": "s.pipe"}
    filed = json.loads((tmp_path / "f" / "report.json").read_text())
    assert {**piped, "generated_from": None} == {**filed, "generated_from": None}


def test_statements_from_bash_process_substitution(source: Path, tmp_path: Path) -> None:
    (tmp_path / "s.jsonl").write_bytes(lines())
    out = tmp_path / "r"
    shell = (
        f'{sys.executable} -m builder report "{source}" --statements <(cat "{tmp_path}/s.jsonl")'
        f' --out "{out}"'
    )
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["input"]["read"] == 31
    # Named as bash gives it (/dev/fd/63), not by its number alone ("63"): in report.json and
    # on the page, it says a pipe of the shell's.
    assert report["generated_from"]["kind"] == "file"
    assert re.fullmatch(r"/dev/fd/[0-9]+", report["generated_from"]["name"]), report
    assert f"the file {report['generated_from']['name']}" in (out / "index.html").read_text()


def test_a_real_process_with_the_seed_course(tmp_path: Path) -> None:
    seed = Path(__file__).parents[2] / "course_src" / "navigating-social-media"
    statements = subprocess.run(
        [sys.executable, "-m", "builder", "statements", str(seed)], capture_output=True, check=True
    ).stdout
    out = tmp_path / "report"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "builder",
            "report",
            str(seed),
            "--statements",
            "-",
            "--out",
            str(out),
            "--min-group",
            "1",
            "--learners",
            "--lang",
            "fr",
        ],
        input=statements,
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["sections"]["all"]["funnel"][-1] == {"step": "completed", "learners": 1}
    assert len(report["sections"]["all"]["items"]) == 8 and len(report["learners"]) == 1
    assert (out / "index.html").read_text().startswith("<!DOCTYPE html>")
    assert (out / "items.csv").read_text().startswith("section,quiz,question,activity,type,text_en")


def test_an_activities_file_that_is_not_json_is_said_at_its_line(tmp_path: Path) -> None:
    source = tmp_path / "c-xapi-activities.json"
    source.write_text('{"course": "https://ex.ca/c",\n "activities": [,]}\n')
    statements = tmp_path / "s.jsonl"
    statements.write_text("")
    out = tmp_path / "report"
    args = ["report", str(source), "--statements", str(statements), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and not out.exists()
    assert f"{source.as_posix()}:2:17: error: " in result.output
    assert "expected a course's xapi-activities.json" in result.output


@pytest.mark.parametrize(
    ("part", "bad", "found", "first_key"),
    [
        # A video's languages that are not a list, the activity an author edited without an id,
        # a quiz whose role lost its id: each is said at the line of the value that is wrong.
        (
            "videos",
            [{"id": "https://ex.ca/c/v", "measured": "en"}],
            "videos[0]",
            '"id": "https://ex.ca/c/v",',
        ),
        ("activities", None, "activities[1]", '"objectType": "Activity"'),
        ("quizzes", [{"role": "assessment"}], "quizzes[0]", '"role": "assessment"'),
    ],
)
def test_an_activities_file_coursebuild_did_not_write_is_said_at_the_line_of_the_bad_part(
    tmp_path: Path, part: str, bad: Any, found: str, first_key: str
) -> None:
    document = json.loads(json.dumps(ACTIVITIES))
    if part == "activities":
        del document["activities"][1]["id"]
    else:
        document[part] = bad
    text = json.dumps(document, indent=2)
    source = tmp_path / "c-xapi-activities.json"
    source.write_text(text, encoding="utf-8")
    # The bad part's "{" is on the line before its first key, two columns left of the key.
    lines = text.splitlines()
    keyed = [n for n, line in enumerate(lines) if line.strip().startswith(first_key)]
    key_line = keyed[1] if part == "activities" else keyed[0]  # activity 1, not activity 0
    brace = lines[key_line - 1]
    assert brace.strip() == "{"
    line, col = key_line, brace.index("{") + 1
    (tmp_path / "s.jsonl").write_text("")
    out = tmp_path / "report"
    args = ["report", str(source), "--statements", str(tmp_path / "s.jsonl"), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and not out.exists()
    assert f"{source.as_posix()}:{line}:{col}: error: " in result.output, result.output
    assert f"not an activities file coursebuild wrote (at {found}:" in result.output


def test_two_learners_runs_concatenated_are_reported_as_two_learners(tmp_path: Path) -> None:
    """`coursebuild statements --actor` for two learners, concatenated into one file: two
    learners, no resent duplicates (the ids depend on the actor, still the same on every run)."""
    seed = Path(__file__).parents[2] / "course_src" / "navigating-social-media"
    runs = []
    for who in ("ana", "ben", "ana"):
        actor = json.dumps({"mbox": f"mailto:{who}@example.ca"})
        made = [sys.executable, "-m", "builder", "statements", str(seed), "--actor", actor]
        runs.append(subprocess.run(made, capture_output=True, check=True).stdout)
    assert runs[0] == runs[2]  # deterministic: same inputs, same bytes
    out = tmp_path / "report"
    command = [sys.executable, "-m", "builder", "report", str(seed), "--statements", "-"]
    command += ["--out", str(out), "--min-group", "1", "--learners"]
    done = subprocess.run(command, input=runs[0] + runs[1], capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["input"]["duplicates"] == 0 and report["input"]["used"] == report["input"]["read"]
    assert len(report["learners"]) == 2
    assert report["sections"]["all"]["funnel"][-1] == {"step": "completed", "learners": 2}
