"""The runtime's JavaScript unit tests (tests/js/**/*.test.js) pass under Node's own test runner."""

from __future__ import annotations

import re
import shutil
import subprocess

from support.paths import REPO_ROOT

JS_TESTS = REPO_ROOT / "tests" / "js"
PATTERNS = ("*.test.js", "*.test.mjs", "*.test.cjs")


def test_javascript_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node, "node is not installed (Node 20 or later is needed; see scripts/setup.sh)"
    files = sorted({p for pattern in PATTERNS for p in JS_TESTS.rglob(pattern)})
    assert files, f"no JavaScript unit tests ({', '.join(PATTERNS)}) under tests/js"
    # Files listed explicitly: `node --test <dir>` is read differently across Node versions.
    proc = subprocess.run(
        [node, "--test", "--test-reporter=tap", *(str(f.relative_to(REPO_ROOT)) for f in files)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"node --test failed (exit {proc.returncode}):\n{report}"
    passed = re.search(r"^# pass (\d+)$", proc.stdout, re.MULTILINE)
    assert passed, f"node --test printed no '# pass N' line:\n{report}"
    assert int(passed.group(1)) >= 1, f"node --test ran no passing test:\n{report}"
