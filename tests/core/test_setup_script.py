"""`make build` sets up only what building needs, and the README says how to get `coursebuild`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from support.paths import REPO_ROOT

STUBS = ("chromium", "apt-get", "npm", "node", "npx")


def test_make_build_runs_the_build_only_setup() -> None:
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "build"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert dry.stdout.splitlines() == [
        "scripts/setup.sh --build-only",
        ".venv/bin/coursebuild build course_src --out dist",
    ]


def test_the_build_only_setup_installs_no_browser_npm_or_lrs(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    stubs = tmp_path / "bin"
    stubs.mkdir()
    for name in STUBS:
        stub = stubs / name
        stub.write_text(f'#!/bin/sh\necho {name} "$@" >>{calls}\nexit 1\n', encoding="utf-8")
        stub.chmod(0o755)
    env = {**os.environ, "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["scripts/setup.sh", "--build-only"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert not calls.exists(), calls.read_text(encoding="utf-8")
    steps = [line.split(":")[1].strip() for line in done.stdout.splitlines()]
    assert steps == ["system packages", "python", "ready to build"]
    assert "chromium" not in done.stdout and "ralph" not in done.stdout


def test_the_readme_says_how_to_put_coursebuild_on_the_path() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme
    assert "\npython -m builder" not in readme
    assert ".venv/bin/python -m builder --help" in readme
