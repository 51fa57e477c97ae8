"""Every spec namespace and data-type pattern is defined once, in builder/standards (issue 14)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import builder.standards
import builder.standards.types

BUILDER = Path(__file__).resolve().parents[2] / "builder"
STANDARDS = BUILDER / "standards"

# The hosts of the SCORM, IMS, ADL, cmi5 and Tin Can namespaces and vocabularies.
NAMESPACE_URI = re.compile(
    r"https?://(www\.)?(imsglobal\.org|imsproject\.org|adlnet\.org|adlnet\.gov|w3id\.org/xapi"
    r"|projecttincan\.com)/",
    re.IGNORECASE,
)


def _standard_patterns() -> set[str]:
    patterns: set[str] = set()
    for module in pkgutil.iter_modules(builder.standards.__path__):
        loaded = importlib.import_module(f"builder.standards.{module.name}")
        patterns |= {v.pattern for v in vars(loaded).values() if isinstance(v, re.Pattern)}
    return patterns


def _anchorless(pattern: str) -> str:
    return pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")


def _docstrings(tree: ast.Module) -> set[int]:
    nodes = [tree, *ast.walk(tree)]
    return {
        id(node.body[0].value)
        for node in nodes
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _is_re_compile(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "compile"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "re"
    )


def copies(source: str, where: str, patterns: set[str]) -> list[str]:
    """`where:line: ...` for each namespace string or standards pattern the source defines."""
    tree = ast.parse(source, where)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and NAMESPACE_URI.search(node.value)
        ):
            found.append(f"{where}:{node.lineno}: namespace {node.value!r}")
        if isinstance(node, ast.Call) and _is_re_compile(node) and node.args:
            first = node.args[0]
            text = first.value if isinstance(first, ast.Constant) else None
            if isinstance(text, str) and _anchorless(text) in patterns:
                found.append(f"{where}:{node.lineno}: pattern {text!r}")
    return found


def test_no_namespace_or_standard_pattern_is_defined_outside_standards() -> None:
    patterns = _standard_patterns()
    assert len(patterns) >= 6, patterns
    scanned = sorted(p for p in BUILDER.rglob("*.py") if STANDARDS not in p.parents)
    assert len(scanned) > 50
    found = [
        line
        for path in scanned
        for line in copies(
            path.read_text(encoding="utf-8"), path.relative_to(BUILDER.parent).as_posix(), patterns
        )
    ]
    assert found == [], "\n".join(found)


def test_the_guard_finds_a_copy_but_not_a_docstring() -> None:
    iri = builder.standards.types.IRI.pattern
    anchored = "^" + iri + "$"
    source = (
        '"""A docstring may name http://www.imsglobal.org/xsd/imsss."""\n'
        "import re\n"
        'NS = "http://www.imsglobal.org/xsd/imsss"\n'
        f"IRI_RE = re.compile({anchored!r})\n"
        'OTHER = re.compile(r"[a-z]+")\n'
        'VERB = f"{NS}/x" + "http://adlnet.gov/expapi/verbs/"\n'
    )
    assert copies(source, "builder/probe.py", _standard_patterns()) == [
        "builder/probe.py:3: namespace 'http://www.imsglobal.org/xsd/imsss'",
        f"builder/probe.py:4: pattern {anchored!r}",
        "builder/probe.py:6: namespace 'http://adlnet.gov/expapi/verbs/'",
    ]


def test_one_duration_for_the_lrs_and_the_lms_sessions() -> None:
    from builder.preview.sessions import duration_cs
    from builder.preview.statement_rules import statement_problems

    for text, cs in (("PT1M30.5S", 9050), ("P1D", 8640000), ("P1W", 60480000), ("PT0S", 0)):
        assert duration_cs(text) == cs
    for bad in ("P", "PT", "P1DT", "PT1.S", "1H", "PT1H2"):
        assert duration_cs(bad) == 0
        problems = statement_problems({"result": {"duration": bad}})
        assert any("duration" in p for p in problems), bad


def test_scorm_12_and_2004_decimals_differ_as_their_specs_say() -> None:
    from builder.standards.types import CMI_DECIMAL, XS_DECIMAL

    assert [bool(CMI_DECIMAL.fullmatch(v)) for v in ("80", "-2.5", "+80", ".5", "80.")] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert all(XS_DECIMAL.fullmatch(v) for v in ("80", "-2.5", "+80", ".5", "80."))
