"""The benches run the test suite's own harness (bench/learner.py launches packages in the SCORM 1.2
LMS harness): each name they import from ``tests/support`` must be there, or the bench stops at
its first launch (it did: ``launch_chromium`` had moved from ``lms.py`` to ``web.py``)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_every_name_a_bench_imports_from_the_test_support_exists() -> None:
    imported = []
    for script in sorted((REPO / "bench").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text("utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.module is None:
                continue
            if node.module.startswith(("tests.support", "support.")):
                imported += [(script.name, node.module, a.name) for a in node.names]
    assert imported, "no bench imports the test harness any more: drop this test"
    missing = [
        f"{script}: {module}.{name}"
        for script, module, name in imported
        if not hasattr(importlib.import_module(module.removeprefix("tests.")), name)
    ]
    assert missing == []
