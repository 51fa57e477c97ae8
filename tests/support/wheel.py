"""The checkout built as the wheel `pip install coursebuild` would install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .paths import REPO_ROOT

PIP_WHEEL = ["-m", "pip", "wheel", "--no-deps", "-q"]


def built_wheel(folder: Path) -> Path:
    """Build the checkout's wheel (no dependencies) into `folder` and return its path."""
    subprocess.run(
        [sys.executable, *PIP_WHEEL, "-w", str(folder), str(REPO_ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = folder.glob("coursebuild-*.whl")
    return wheel
