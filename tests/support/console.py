"""The console script run as an author or an administrator runs it: the fast path, then Typer."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from .paths import REPO_ROOT


def console_script(
    args: list[str],
    *,
    cwd: Path = REPO_ROOT,
    env: dict[str, str] | None = None,
    unset: Iterable[str] = (),
) -> subprocess.CompletedProcess[str]:
    """`coursebuild *args` in a process of its own (this checkout's code), with `env` added to
    this environment less the `unset` variables: its exit status and output."""
    base = {k: v for k, v in os.environ.items() if k not in set(unset)}
    base["PYTHONPATH"] = str(REPO_ROOT)
    return subprocess.run(
        [sys.executable, "-c", "from builder.launch import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
        env={**base, **(env or {})},
    )
