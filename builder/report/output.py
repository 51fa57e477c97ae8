"""The report folder: report.json, one CSV per table, index.html; written all or nothing
(a temporary folder beside it, then renamed into place)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
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


REPORT_FILES = frozenset({"report.json", "index.html", *(f"{name}.csv" for name in TABLES)})
# What a file manager leaves in a folder it has shown (caches of its own, never a user's work):
# the report opened from Finder or Explorer is still an earlier report.
SHOWN_FILES = frozenset({".DS_Store", "Thumbs.db"})
_REPORT_START = re.compile(rb'\A\{\s*"format":\s*"coursebuild-report/')
LISTED = 3


def check_out(out: Path) -> None:
    """Refuse an ``out`` that exists and is not a folder the report may replace: only an empty
    folder or an earlier report (its file names only, and a report.json of ours) is replaced."""
    if not out.exists():
        return
    shown = out.as_posix()
    if not out.is_dir():
        raise OutputError(f"{shown} is a file; expected a folder for the report")
    try:
        entries = sorted(os.scandir(out), key=lambda entry: entry.name)
        foreign = [
            f"{entry.name}/" if entry.is_dir() else entry.name
            for entry in entries
            if entry.name not in REPORT_FILES | SHOWN_FILES
            or not entry.is_file(follow_symlinks=False)
        ]
        if entries and not foreign and not _is_report(out / "report.json"):
            foreign = [name for name in (e.name for e in entries) if name not in SHOWN_FILES]
    except OSError as error:
        raise OutputError(f"cannot read {shown}/ ({error.strerror})") from None
    if foreign:
        listed = ", ".join(foreign[:LISTED])
        if len(foreign) > LISTED:
            listed += f" and {len(foreign) - LISTED} more"
        raise OutputError(
            f"{shown}/ holds {listed}, which no earlier report wrote; expected an empty folder "
            "or an earlier report to replace (nothing in it was touched: give another --out)"
        )


def _is_report(path: Path) -> bool:
    """Whether ``path`` starts as the report.json this command writes."""
    try:
        with path.open("rb") as stream:
            return bool(_REPORT_START.match(stream.read(256)))
    except OSError:
        return False


def write_folder(out: Path, contents: Mapping[str, bytes]) -> None:
    """Replace ``out`` (absent, empty or an earlier report) with a folder of exactly
    ``contents``, all or nothing; refuse any other ``out`` with nothing touched."""
    if out.is_symlink():
        out = out.resolve()
    check_out(out)
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
            os.replace(out, previous)
        os.replace(staging, out)
    except OSError as error:
        if previous.exists() and not out.exists():
            os.replace(previous, out)
        raise OutputError(f"cannot write {out.as_posix()}/ ({error.strerror})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(previous, ignore_errors=True)
