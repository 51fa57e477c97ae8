"""The code registry: every code declared once, documented in docs/diagnostics.md, and used."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.paths import REPO_ROOT

from builder.codes import CODES, Severity, Tool, lookup
from builder.diagnostics import Diagnostic, Diagnostics, Location

DOCS = REPO_ROOT / "docs"
ROW = re.compile(r"^\| `([a-z0-9-]+)` \| (error|warning) \| (\w+) \| ([^|]+) \| ([^|]+) \|$", re.M)
LINK = re.compile(r"^\[([\w-]+\.md)\]\(([\w-]+\.md)\)$")
# Calls that take a code as a string literal: the collector's methods, check's Package.report,
# the types themselves, and the helpers that carry a code to one of them.
CODE_CALLS = {"error", "warning", "report", "Diagnostic", "finding", "_unopened", "Located"}


def _rows() -> list[tuple[str, str, str, str, str]]:
    return ROW.findall((DOCS / "diagnostics.md").read_text(encoding="utf-8"))


def test_the_doc_lists_exactly_the_registry() -> None:
    rows = _rows()
    documented = [code for code, *_ in rows]
    assert len(documented) == len(set(documented)), "a code is documented twice"
    missing = [code for code in CODES if code not in documented]
    unknown = [code for code in documented if code not in CODES]
    assert (missing, unknown) == ([], []), "docs/diagnostics.md and builder/codes.py differ"
    assert documented == list(CODES), "same order as builder/codes.py"
    for code, severity, tool, summary, _ in rows:
        declared = CODES[code]
        assert (severity, tool, summary.strip()) == (
            declared.severity.value,
            declared.tool.value,
            declared.summary,
        ), code


def test_a_details_link_leads_to_a_page_that_explains_the_code() -> None:
    for code, _, _, _, details in _rows():
        if details.strip() == "—":
            continue
        link = LINK.match(details.strip())
        assert link and link.group(1) == link.group(2), f"{code}: {details}"
        page = (DOCS / link.group(2)).read_text(encoding="utf-8")
        assert f"`{code}`" in page or f"[{code}]" in page, code
        if CODES[code].tool is Tool.CHECK:
            assert link.group(2) == "check-rules.md", code


def _literal_codes() -> Iterator[tuple[str, str, str]]:
    """(file:line, call, code) for every code-shaped literal passed to a code-taking call."""
    for path in sorted((REPO_ROOT / "builder").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in CODE_CALLS:
                continue
            for arg in node.args[:3]:
                for sub in ast.walk(arg):
                    if (
                        isinstance(sub, ast.Constant)
                        and isinstance(sub.value, str)
                        and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", sub.value)
                    ):
                        yield f"{path.relative_to(REPO_ROOT)}:{node.lineno}", name, sub.value


def test_every_code_written_at_a_call_site_is_declared() -> None:
    used = list(_literal_codes())
    assert len(used) > 100, "the scan finds the call sites"
    undeclared = [f"{where}: {code}" for where, _, code in used if code not in CODES]
    assert undeclared == []


def _code_arguments() -> Iterator[tuple[str, str]]:
    """(file:line, code) for the literal code argument of every `.error(where, code, ...)` and
    `.warning(where, code, ...)`, whatever its shape (a one-word code has no hyphen)."""
    for path in sorted((REPO_ROOT / "builder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("error", "warning")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                yield f"{path.relative_to(REPO_ROOT)}:{node.lineno}", node.args[1].value


def test_every_one_word_code_at_an_error_or_warning_call_is_declared() -> None:
    # 'encoding' (no hyphen) slipped past the scan above: a file that was not UTF-8 crashed.
    used = list(_code_arguments())
    assert len(used) > 100, "the scan finds the call sites"
    assert [f"{where}: {code}" for where, code in used if code not in CODES] == []


def test_errors_and_warnings_are_reported_with_their_declared_severity() -> None:
    wrong = [
        f"{where}: {code} is declared {CODES[code].severity.value}, reported as {call}"
        for where, call, code in _literal_codes()
        if call in ("error", "warning") and code in CODES and CODES[code].severity.value != call
    ]
    assert wrong == []


def test_check_reports_only_check_codes() -> None:
    wrong = [
        f"{where}: {code}"
        for where, call, code in _literal_codes()
        if call in ("report", "finding", "_unopened") and CODES[code].tool is not Tool.CHECK
    ]
    assert wrong == []


def test_every_declared_code_is_reported_somewhere() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (REPO_ROOT / "builder").rglob("*.py")
        if p.name != "codes.py"
    )
    unused = [code for code in CODES if f'"{code}"' not in source]
    assert unused == []


@pytest.mark.parametrize("typo", ["zip-slp", "missing_translation", "Raw-HTML", ""])
def test_a_misspelt_code_cannot_be_reported(typo: str) -> None:
    with pytest.raises(ValueError, match="undeclared diagnostic code"):
        Diagnostic(Location("c.yml", 1, 1), Severity.ERROR, typo, "message")
    with pytest.raises(ValueError, match="undeclared diagnostic code"):
        Diagnostics().warning(Location("c.yml", 1, 1), typo, "message")


def test_a_misspelt_code_is_told_the_nearest_declared_one() -> None:
    with pytest.raises(ValueError, match="did you mean 'zip-slip'"):
        lookup("zip-slp")


def test_the_registry_is_the_only_place_codes_are_declared() -> None:
    # The old check table (`_TABLE`) and the unused CourseError are gone for good.
    common = (REPO_ROOT / "builder" / "check" / "common.py").read_text(encoding="utf-8")
    assert "_TABLE" not in common
    assert "CourseError" not in (REPO_ROOT / "builder" / "diagnostics.py").read_text("utf-8")
    assert Path(REPO_ROOT / "builder" / "codes.py").is_file()
