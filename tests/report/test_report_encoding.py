"""The statements file's encoding: a UTF-8 BOM is read past before an array as before lines,
UTF-16 and UTF-32 are refused in one line rather than read as garbage (builder/report/read.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.report_statements import failed_report, learners
from typer.testing import CliRunner

from builder.cli import app

runner = CliRunner()


def _statements() -> bytes:
    return json.dumps(learners()).encode()


def test_a_bom_before_an_array_is_read_past_as_before_lines(here: Path) -> None:
    """[RFC 8259 §8.1]: a parser may ignore a byte order mark; JSON lines already did."""
    outputs = []
    for name, data in (
        ("plain.json", _statements()),
        ("bom.json", b"\xef\xbb\xbf" + _statements()),
        ("bom-space.json", b"\xef\xbb\xbf \n" + _statements()),
    ):
        (here / name).write_bytes(data)
        args = ["report", "c-xapi-activities.json", "--statements", name, "--out", name + ".r"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        outputs.append((here / f"{name}.r" / "report.json").read_text().replace(name, ""))
    assert outputs[0] == outputs[1] == outputs[2]


def test_a_bom_before_a_broken_array_keeps_the_columns_an_editor_shows(here: Path) -> None:
    out = failed_report(here, b'\xef\xbb\xbf[{"id":1}, {bad}]')
    assert out.startswith("s.json:1:13: error: invalid JSON: found 'bad'")


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("utf-16", "UTF-16"),  # what Windows PowerShell 5's > writes: FF FE, then UTF-16LE
        ("utf-16-be", "UTF-16"),
        ("utf-32", "UTF-32"),
    ],
)
@pytest.mark.parametrize("form", ["lines", "array"])
def test_utf16_and_utf32_are_refused_not_read_as_garbage(
    here: Path, encoding: str, named: str, form: str
) -> None:
    rows = learners()
    text = json.dumps(rows) if form == "array" else "\n".join(map(json.dumps, rows)) + "\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert failed_report(here, data) == (
        f"coursebuild: error: s.json is {named} (its first bytes are {data[:4].hex(' ').upper()}); "
        "expected UTF-8 [RFC 8259 §8.1]: save it as UTF-8 (PowerShell: Out-File -Encoding utf8)"
        "; no report written\n"
    )


def test_utf16_without_a_bom_is_refused_too(here: Path) -> None:
    data = json.dumps(learners()[0]).encode("utf-16-le")
    assert failed_report(here, data).startswith(
        "coursebuild: error: s.json is UTF-16 (its first bytes are 7B 00 22 00); expected UTF-8"
    )
