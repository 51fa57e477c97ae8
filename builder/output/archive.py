"""Deterministic zip packages: sorted entries, fixed times and permissions."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
# An entry's MS-DOS date counts years from 1980 in 7 bits [APPNOTE.TXT 6.3.10 §4.4.6].
ZIP_EARLIEST = 315532800  # 1980-01-01T00:00:00Z
ZIP_LATEST = 4354819199  # 2107-12-31T23:59:59Z
_FILE_MODE = 0o100644 << 16
_INTEGER = re.compile(r"-?[0-9]+")


class EpochError(ValueError):
    """SOURCE_DATE_EPOCH is set to something no zip entry can be dated with."""


@dataclass(frozen=True)
class Epoch:
    """The time every zip entry gets, and why it differs from SOURCE_DATE_EPOCH if it does."""

    seconds: int
    warning: str | None = None


def source_date_epoch() -> Epoch:
    """SOURCE_DATE_EPOCH as a zip can hold it; EpochError when malformed or after 2107.

    The value MUST be an integer as `date +%s` prints it, a malformed one SHOULD end the build
    with an error, and a build MUST date what it makes with it [reproducible-builds.org,
    SOURCE_DATE_EPOCH specification 1.1, "SOURCE_DATE_EPOCH"]: so no silent fallback. Before
    1980 the entries take 1980-01-01, as reproducible-builds.org advises for zip files
    ("Reading the variable"), with a warning; after 2107 no clamp would be honest, so an error.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if raw == "":  # empty is unset [SOURCE_DATE_EPOCH specification 1.1]
        return Epoch(DEFAULT_EPOCH)
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    if not _INTEGER.fullmatch(raw):
        raise EpochError(
            f"SOURCE_DATE_EPOCH={shown!r} is not an integer; expected whole seconds since "
            "1970-01-01T00:00:00Z as `date +%s` prints them, such as 1700000000"
        )
    # Compared by length first: int() refuses strings of over 4,300 digits.
    if not raw.startswith("-") and (len(raw.lstrip("0")) > 12 or int(raw) > ZIP_LATEST):
        raise EpochError(
            f"SOURCE_DATE_EPOCH={shown} is after 2107-12-31T23:59:59Z, the latest time a zip "
            f"entry can hold; expected at most {ZIP_LATEST}"
        )
    if raw.startswith("-") or int(raw) < ZIP_EARLIEST:
        return Epoch(
            ZIP_EARLIEST,
            f"SOURCE_DATE_EPOCH={shown} is before 1980-01-01T00:00:00Z, the earliest time a zip "
            "entry can hold; the packages' entries are dated 1980-01-01T00:00:00Z",
        )
    return Epoch(int(raw))


@dataclass(frozen=True)
class PackageFile:
    """One file of a package: its path inside the zip and its bytes."""

    path: str
    data: bytes


def build_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp every zip entry gets (SOURCE_DATE_EPOCH, clamped to what zip can hold)."""
    return time.gmtime(source_date_epoch().seconds)[:6]


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
