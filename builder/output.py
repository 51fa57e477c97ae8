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
            handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temp, 0o644)
            staged.append((name, Path(temp)))
        written = []
        for name, temp in staged:
            os.replace(temp, out / name)
            written.append(out / name)
        return written
    finally:
        for _, temp in staged:
            temp.unlink(missing_ok=True)
