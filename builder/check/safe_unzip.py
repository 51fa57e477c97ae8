"""Unpack an untrusted zip to disk within limits: entries, sizes, ratio, every byte counted.

`audit` serves packages from a folder, so it must unpack them; a zip bomb must not fill the
disk. The declared sizes are checked before anything is written, then the bytes are counted
as they are written, since a zip's headers can lie.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .common import ZIP_READ_ERRORS, is_dir
from .zip import Limits, slip_reason, too_many

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Refused(Exception):
    """The zip was not (fully) unpacked: a `check` rule code and why."""

    code: str
    message: str

    def __str__(self) -> str:
        """`message [code]`, as `check` prints findings."""
        return f"{self.message} [{self.code}]"


def _declared(infos: list[zipfile.ZipInfo], size: int, limits: Limits) -> None:
    reason = too_many(len(infos), 0, limits)
    if reason:
        raise Refused("zip-entries", reason)
    total = sum(i.file_size for i in infos)
    if total > limits.max_total:
        raise Refused(
            "zip-too-large", f"it unpacks to {total:,} bytes; the limit is {limits.max_total:,}"
        )
    for info in infos:
        if info.file_size >= limits.ratio_floor and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise Refused("zip-bomb", f"entry '{info.filename}' unpacks above {limits.max_ratio}:1")
    if total >= 16 * limits.ratio_floor and total > limits.max_ratio * max(size, 1):
        raise Refused("zip-bomb", f"it unpacks {size:,} bytes into {total:,}: a zip bomb")


def extract(path: Path, target: Path, limits: Limits | None = None) -> None:
    """Unpack the zip at `path` into `target`; Refused (and nothing left) when over a limit."""
    limits = limits or Limits()
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _declared(infos, path.stat().st_size, limits)
            budget = min(limits.max_total, limits.max_ratio * max(path.stat().st_size, 1))
            written = 0
            for info in infos:
                if slip_reason(info.orig_filename):
                    raise Refused("zip-slip", f"entry '{info.orig_filename}' leaves the folder")
                destination = target / info.filename
                if is_dir(info):
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, destination.open("wb") as sink:
                    # Never more than the header declares, nor than the whole budget.
                    allowed = min(info.file_size, budget - written)
                    while chunk := source.read(_CHUNK):
                        written += len(chunk)
                        allowed -= len(chunk)
                        if allowed < 0:
                            raise Refused(
                                "zip-bomb",
                                f"entry '{info.filename}' unpacks to more than its header "
                                "declares, or past the limit",
                            )
                        sink.write(chunk)
    except Refused:
        shutil.rmtree(target, ignore_errors=True)
        raise
    except (*ZIP_READ_ERRORS, zipfile.BadZipFile) as exc:
        shutil.rmtree(target, ignore_errors=True)
        raise Refused("zip-corrupt", f"not a readable zip ({exc})") from None
