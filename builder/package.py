"""Deterministic zip packages: sorted entries, fixed times and permissions."""

from __future__ import annotations

import io
import os
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
_FILE_MODE = 0o100644 << 16


@dataclass(frozen=True)
class PackageFile:
    """One file of a package: its path inside the zip and its bytes."""

    path: str
    data: bytes


def build_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp every zip entry gets (SOURCE_DATE_EPOCH, clamped to what zip can hold)."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    epoch = int(raw) if raw.isdigit() else DEFAULT_EPOCH
    epoch = max(epoch, 315532800)  # zip cannot store times before 1980
    return time.gmtime(epoch)[:6]


def zip_bytes(files: Sequence[PackageFile]) -> bytes:
    """Zip files in path order with fixed metadata: same input, same bytes."""
    stamp = build_time()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in sorted(files, key=lambda f: f.path):
            info = zipfile.ZipInfo(item.path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = _FILE_MODE
            archive.writestr(info, item.data, compresslevel=6)
    return buffer.getvalue()
