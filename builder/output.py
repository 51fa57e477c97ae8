"""Write stage: every output file lands whole (temporary file, then rename) or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_atomically(out: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write each file into `out` through a temporary file and an atomic rename."""
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in sorted(files.items()):
            handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp_name, 0o644)
            staged.append((name, Path(temp_name)))
        written = []
        for name, staged_path in staged:
            os.replace(staged_path, out / name)
            written.append(out / name)
        return written
    finally:
        for _, leftover in staged:
            leftover.unlink(missing_ok=True)
