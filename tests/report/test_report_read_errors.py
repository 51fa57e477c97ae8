"""A JSON array of statements that is not JSON is said in one line, at its line and column, with
what was expected (builder/report/array_where.py)."""

from __future__ import annotations

import errno
import io
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.report_statements import failed_report, statement
from typer.testing import CliRunner

from builder.cli import app
from builder.report.array_where import first_problem
from builder.standards.xapi import MAX_DEPTH

runner = CliRunner()


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            b'[{"id":1},\n {bad},\n {"x":2}]',
            "s.json:2:3: error: invalid JSON: found 'bad'; expected a property name in double "
            "quotes [RFC 8259 §4]",
        ),
        (
            b"[1,2,3]\n[4]",
            "s.json:2:1: error: found '[' after the JSON array, which ends at line 1 column 7; "
            "expected nothing more: one JSON array, or one statement per line",
        ),
        (
            b'[{"id":1},\n {"x":2}',
            "s.json:2:9: error: the JSON array breaks off at the end of the file; expected ',' "
            "or ']'",
        ),
        (
            b'[{"id":1},\n {"x":',
            "s.json:2:7: error: the JSON array breaks off at the end of the file, inside a "
            "statement; expected a JSON value [RFC 8259 §3]",
        ),
        (
            b'[{"id":1}\n {"x":2}]',
            "s.json:2:2: error: invalid JSON: found '{'; expected ',' or ']' after a statement "
            "[RFC 8259 §5]",
        ),
        (
            b'[{"id":1},\n {"x":"a\xff"}]',
            "s.json:2:9: error: byte 0xFF is not UTF-8; expected UTF-8 text [RFC 8259 §8.1]",
        ),
        (
            b'[{"id":1},\n {"x":"abc',
            "s.json:2:7: error: a string starts here and is never closed; expected a closing "
            "'\"' [RFC 8259 §7]",
        ),
        (
            b'[{"id":1},\n {"x":"abc}]\n',
            "s.json:2:13: error: a line break in the string that starts at line 2 column 7; "
            "expected its closing '\"' before the line ends, or \\n [RFC 8259 §7]",
        ),
        (
            b'[{"id":1},\n {"x": NaN}]',
            "s.json:2:8: error: invalid JSON: found 'NaN'; expected a number, a string, true, "
            "false or null: JSON has no NaN or Infinity [RFC 8259 §6]",
        ),
    ],
)
def test_a_broken_array_is_said_at_its_line_and_column(here: Path, data: bytes, line: str) -> None:
    assert failed_report(here, data) == f"{line}; no report written\n"


def test_a_broken_array_from_stdin_is_said_at_its_line(here: Path) -> None:
    args = ["report", "c-xapi-activities.json", "--statements", "-", "--out", "r"]
    result = runner.invoke(app, args, input=b'[{"id":1},\n {bad}]')
    assert result.exit_code == 1
    assert result.output.startswith("<stdin>:2:3: error: invalid JSON: found 'bad'")


def _oracle(text: str) -> tuple[int, int] | None:
    """Where Python's own decoder, given the whole text, says it is wrong (None: valid)."""
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.lineno, error.colno
    return None


def _where(data: bytes, chunk: int) -> tuple[int, int] | None:
    found = first_problem(io.BytesIO(data), chunk)
    return None if found is None else (found.line, found.column)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(
    items=st.lists(_VALUES, max_size=5),
    indent=st.sampled_from([None, 1]),
    cut=st.integers(min_value=1),
    insert=st.sampled_from(["", ",", "]", "}", "[", '"', "x", "\n", "\t", ":", "\\"]),
    drop=st.integers(min_value=0, max_value=2),
    chunk=st.sampled_from([1, 2, 3, 7, 64, 1 << 20]),
)
def test_the_place_is_where_the_whole_text_goes_wrong(
    items: list[object], indent: int | None, cut: int, insert: str, drop: int, chunk: int
) -> None:
    text = json.dumps(items, indent=indent, ensure_ascii=False)
    at = 1 + cut % len(text)
    broken = text[:at] + insert + text[at + drop :]
    if not broken.startswith("["):
        return
    assert _where(broken.encode(), chunk) == _oracle(broken), broken


def test_a_problem_deep_in_a_large_file_is_found_in_little_memory() -> None:
    text = json.dumps([{"id": n, "text": "é" * 500} for n in range(16_000)], indent=1)
    data = (text[:-2] + "\n bad" + text[-2:]).encode()  # about 16 MiB, the problem at the end
    tracemalloc.start()
    try:
        found = first_problem(io.BytesIO(data))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and (found.line, found.column) == _oracle(data.decode())
    assert peak < 6 << 20, peak


def test_a_line_nested_too_deeply_is_malformed_not_a_crash(here: Path) -> None:
    (here / "s.jsonl").write_bytes(b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"\n")
    args = ["report", "c-xapi-activities.json", "--statements", "s.jsonl", "--out", "r"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert json.loads((here / "r" / "report.json").read_text())["input"]["malformed"] == 1


def test_an_array_nested_100000_deep_is_one_line_in_bounded_time_and_memory(here: Path) -> None:
    # A real process under a 1 GiB address-space limit: the streaming parser used to build a
    # path for every level (memory growing with the square of the depth) until it was killed.
    (here / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)
    command = [sys.executable, "-m", "builder", "report", "c-xapi-activities.json"]
    command += ["--statements", "deep.json", "--out", "r"]

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    started = time.monotonic()
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, preexec_fn=limit, check=False
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert time.monotonic() - started < 60
    assert done.stderr == (
        f"deep.json:1:{MAX_DEPTH + 2}: error: a statement nested deeper than {MAX_DEPTH} levels "
        f"of arrays and objects; expected at most {MAX_DEPTH}, far more than any statement "
        "nests [xAPI 1.0.3 §2.4]; no report written\n"
    )
    assert not (here / "r").exists()


def _deep_statement(levels: int) -> dict[str, object]:
    """A statement of the course nesting ``levels`` deep, in a context extension's value."""
    value: object = 1
    for _ in range(levels - 3):  # the statement, its context, the extensions
        value = [value]
    base = statement(levels % 2, 0, "initialized", "course", "en")  # ids of its own
    return {**base, "context": {**base["context"], "extensions": {"https://ex.ca/x": value}}}


def test_the_nesting_limit_is_exact_and_said_where_it_is_passed(here: Path) -> None:
    ok = json.dumps([_deep_statement(MAX_DEPTH)]).encode()
    (here / "ok.json").write_bytes(ok)
    args = ["report", "c-xapi-activities.json", "--statements", "ok.json", "--out", "ok"]
    assert runner.invoke(app, args).exit_code == 0
    deep = json.dumps([_deep_statement(MAX_DEPTH + 1)]).encode()
    line = deep[1:].decode()
    column = line.index("[") + MAX_DEPTH - 2  # the extension's arrays are levels 4, 5, ...
    said = failed_report(here, b"[1,\n" + line.encode())
    assert said.startswith(f"s.json:2:{column}: error: a statement nested deeper than"), said


class _FailingRead(io.BytesIO):
    """A file that opens but whose reading fails as a disk or a network share may."""

    def read(self, size: int | None = -1) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    def __iter__(self) -> Iterator[bytes]:
        raise OSError(errno.EIO, "Input/output error")


@pytest.mark.parametrize(
    ("failing_open", "reason"),
    [
        (0, "permission denied"),  # the first open: as a file of another user's (tests run as root)
        (1, "input/output error"),  # a later read, after the first pass went well
        (2, "input/output error"),
        (3, "input/output error"),  # the pass over the lines
    ],
)
def test_a_file_that_cannot_be_read_is_one_error_line(
    here: Path, monkeypatch: pytest.MonkeyPatch, failing_open: int, reason: str
) -> None:
    (here / "s.jsonl").write_text(json.dumps(statement(1, 0, "initialized", "course", "en")))
    opens: list[Path] = []
    real_open = Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self.name == "s.jsonl":
            opens.append(self)
            if len(opens) - 1 == failing_open:
                if reason == "permission denied":
                    raise PermissionError(errno.EACCES, "Permission denied", str(self))
                return _FailingRead(b"{")
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", open_)
    args = ["report", "c-xapi-activities.json", "--statements", "s.jsonl", "--out", "r"]
    result = runner.invoke(app, args)
    # An exception here is what the CLI's error boundary prints as an internal error (exit 70).
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert (result.exit_code, result.output) == (
        1,
        f"s.jsonl: error: cannot read s.jsonl: {reason}; no report written\n",
    )
    assert not (here / "r").exists() and len(opens) > failing_open
