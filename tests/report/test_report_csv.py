"""The report's CSV tables open in a spreadsheet: a cell that a spreadsheet would run as a
formula (course text, a learner's typed answer) is written as text (OWASP, CSV injection)."""

from __future__ import annotations

import csv
import io
from typing import Any

from builder.report.output import table_csv

HOSTILE = ['=HYPERLINK("https://x.example","click")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


def _report(title: str, response: str, discrimination: float) -> dict[str, Any]:
    section: dict[str, Any] = {
        "funnel": [{"step": "page", "page": "p", "title": {"en": title}, "learners": 7}],
        "videos": [],
        "items": [
            {
                "quiz": "final",
                "question": "q1",
                "text": {"en": title},
                "discrimination": discrimination,
                "responses": [{"response": response, "label": None, "count": 5, "share": 0.5}],
            }
        ],
        "checks": [],
        "scores": {"distribution": [], "pass_rate_by_attempt": []},
        "time": {"pages": []},
    }
    return {"course": {"languages": ["en"]}, "sections": {"all": section}}


def _cells(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode(), newline="")))


def test_a_cell_a_spreadsheet_would_run_is_written_as_text() -> None:
    for text in HOSTILE:
        report = _report(text, text, -0.25)
        (page,) = _cells(table_csv(report, "funnel"))
        assert page["title_en"] == "'" + text
        (answer,) = _cells(table_csv(report, "item_responses"))
        assert answer["response"] == "'" + text
        (item,) = _cells(table_csv(report, "items"))
        assert item["text_en"] == "'" + text
        assert item["discrimination"] == "-0.25"  # a number stays a number


def test_plain_text_is_left_alone() -> None:
    (page,) = _cells(table_csv(_report("Les « dos » : 2-3 minutes", "a", 0.5), "funnel"))
    assert page["title_en"] == "Les « dos » : 2-3 minutes"
