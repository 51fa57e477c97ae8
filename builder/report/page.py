"""The report's page: a placeholder (the report-page work replaces this whole file)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape
from typing import Any


def render_page(report: Mapping[str, Any], lang: str) -> str:
    """The report's self-contained HTML page in ``lang`` ("en" or "fr"), from report.json."""
    text = escape(json.dumps(report, indent=2, ensure_ascii=False))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>Report</title></head><body><main><h1>Report</h1><pre>{text}</pre></main>"
        "</body></html>\n"
    )
