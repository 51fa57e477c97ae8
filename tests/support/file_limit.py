"""`coursebuild build` in a process whose writes fail for real, as on a full disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# The limit is set in the child before the CLI starts, so that every file it or its workers
# write past it fails with EFBIG.
_LIMITED_CLI = (
    "import resource, sys; limit = int(sys.argv.pop(1)); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)); "
    "from builder.cli import main; main()"
)


def build_under_a_file_limit(
    source: Path, out: Path, jobs: int, env: dict[str, str] | None = None, limit: int = 20_000
) -> subprocess.CompletedProcess[str]:
    """`coursebuild build SOURCE --out OUT --jobs JOBS` where no file can grow past `limit`
    bytes: a write past it fails with a real OSError (EFBIG)."""
    command = ["build", str(source), "--out", str(out), "--jobs", str(jobs)]
    return subprocess.run(
        [sys.executable, "-c", _LIMITED_CLI, str(limit), *command],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
