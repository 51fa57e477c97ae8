"""The rule table: documented in docs/check-rules.md, and broken by at least one fixture."""

from __future__ import annotations

import re

from support.paths import REPO_ROOT

from builder.check.common import RULES

ROW = re.compile(r"^\| `([a-z0-9-]+)` \| (error|warning) \| ([^|]+) \|", re.MULTILINE)


def test_the_rules_table_matches_the_code() -> None:
    text = (REPO_ROOT / "docs" / "check-rules.md").read_text(encoding="utf-8")
    rows = ROW.findall(text)
    assert len(rows) == len({code for code, _, _ in rows}), "a rule is documented twice"
    documented = {code: (severity, applies.strip()) for code, severity, applies in rows}
    in_code = {code: (r.severity.value, r.applies_to) for code, r in RULES.items()}
    assert documented == in_code
    assert [code for code, _, _ in rows] == list(RULES), "same order as the code"


def test_every_rule_has_a_broken_fixture() -> None:
    import test_check_rules_runtime
    import test_check_rules_scorm
    import test_check_rules_xapi
    import test_check_rules_zip

    modules = (
        test_check_rules_zip,
        test_check_rules_scorm,
        test_check_rules_xapi,
        test_check_rules_runtime,
    )
    # Of the file on disk, not of the bytes a fixture holds: broken in test_check_cli.py
    # (a file whose open or read fails).
    of_the_file = {"package-unreadable"}
    assert {case.rule for m in modules for case in m.CASES.values()} == set(RULES) - of_the_file
