"""The report folder: report.json, one CSV per table, index.html; written all or nothing
(a temporary folder beside it, then renamed into place)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

Row = dict[str, Any]
# A cell starting with one of these is a formula to a spreadsheet; course texts and learners'
# typed answers are untrusted, so such a cell is written as text, after a "'" (OWASP, CSV
# injection). Numbers are left as they are.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class OutputError(Exception):
    """The report folder could not be written (a message for the user)."""


def report_json(report: Mapping[str, Any]) -> bytes:
    """report.json: indented, keys in the contract's order, the same bytes for the same input."""
    return (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode()


def _cell(value: Any) -> Any:
    """A value as a spreadsheet will read it: a text is never a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _flat(prefix: str, value: Any, languages: list[str]) -> Row:
    """A cell per language for a language-tagged text (title_en, title_fr), else one cell."""
    if isinstance(value, dict):
        return {f"{prefix}_{lang}": _cell(value.get(lang, "")) for lang in languages}
    if isinstance(value, list):
        return {prefix: _cell(" ".join(str(v) for v in value))}
    return {prefix: "" if value is None else _cell(value)}


def _rows(report: Mapping[str, Any], name: str) -> Iterator[Row]:
    languages = list(report["course"]["languages"])
    for section, figures in report["sections"].items():
        for entry, parent in _entries(figures, name):
            row: Row = {"section": section}
            for key, value in {**parent, **entry}.items():
                if key not in ("responses", "watched"):
                    row.update(_flat(key, value, languages))
            yield row


def _entries(figures: Mapping[str, Any], name: str) -> Iterator[tuple[Row, Row]]:
    nested = {
        "video_watched": ("videos", "watched"),
        "item_responses": ("items", "responses"),
        "check_responses": ("checks", "responses"),
    }
    if name in nested:
        outer, inner = nested[name]
        for parent in figures[outer]:
            keep = {k: parent[k] for k in ("page", "quiz", "question") if k in parent}
            for entry in parent[inner]:
                yield entry, keep
        return
    tables = {
        "funnel": figures["funnel"],
        "videos": figures["videos"],
        "items": figures["items"],
        "checks": figures["checks"],
        "scores": figures["scores"]["distribution"],
        "pass_rate": figures["scores"]["pass_rate_by_attempt"],
        "time_pages": figures["time"]["pages"],
    }
    for entry in tables[name]:
        yield entry, {}


TABLES = (
    "funnel",
    "videos",
    "video_watched",
    "items",
    "item_responses",
    "checks",
    "check_responses",
    "scores",
    "pass_rate",
    "time_pages",
)


def table_csv(report: Mapping[str, Any], name: str) -> bytes:
    """One table as CSV: a ``section`` column first, one row per section and entry, a header."""
    rows = list(_rows(report, name))
    header: list[str] = ["section"]
    for row in rows:
        header += [key for key in row if key not in header]
    buffer = io.StringIO()
    # CRLF [RFC 4180 §2]: a field with a CR or LF of its own is then always quoted
    writer = csv.DictWriter(buffer, header, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def files(report: Mapping[str, Any], page: str) -> dict[str, bytes]:
    """Every file of the report folder by name."""
    found = {"report.json": report_json(report), "index.html": page.encode()}
    for name in TABLES:
        found[f"{name}.csv"] = table_csv(report, name)
    return found


def write_folder(out: Path, contents: Mapping[str, bytes]) -> None:
    """Replace ``out`` with a folder of exactly ``contents``, all or nothing."""
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=parent))
    except OSError as error:
        raise OutputError(f"cannot write beside {out.as_posix()} ({error.strerror})") from None
    previous = parent / f"{staging.name}-previous"
    try:
        for name, data in contents.items():
            (staging / name).write_bytes(data)
        staging.chmod(0o755)
        if out.exists():
            if not out.is_dir():
                raise OutputError(f"{out.as_posix()} is a file; expected a folder for the report")
            os.replace(out, previous)
        os.replace(staging, out)
    except OSError as error:
        if previous.exists() and not out.exists():
            os.replace(previous, out)
        raise OutputError(f"cannot write {out.as_posix()}/ ({error.strerror})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
