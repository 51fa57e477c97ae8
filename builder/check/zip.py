"""Zip safety rules: paths that escape, links, duplicates, bombs, encryption, odd methods."""

from __future__ import annotations

import itertools
import re
import stat
import struct
import zipfile
from collections import Counter

from msgspec import Struct

from ..output.upload_limit import size_bytes
from .common import Package

GIB = 1024**3
MIB = 1024**2
_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_LOCAL_HEADER = 30  # bytes of a local file header before its name: a lower bound of its size


class Limits(Struct, frozen=True):
    """What `check` and `audit` spend on one untrusted package at most (README: resource limits)."""

    max_total: int = 2 * GIB  # total uncompressed size
    max_ratio: int = 100  # compression ratio of an entry, or of the whole zip, that is a bomb
    ratio_floor: int = MIB  # smaller entries may have any ratio (the whole zip: 16 times this)
    max_entries: int = 50_000
    max_directory: int = 16 * MIB  # bytes of central directory (zipfile holds it all in memory)
    max_scan: int = 16 * MIB  # largest page or script whose text is scanned
    max_total_scan: int = 256 * MIB  # bytes of pages and scripts scanned in all
    time_budget: float = 20.0  # seconds; then the check stops with check-incomplete


def parse_size(text: str) -> int:
    """A size such as '2GiB', '500MB' or '1048576' in bytes; ValueError when it is not one."""
    size = size_bytes(text)
    if size is None:
        raise ValueError(f"'{text}' is not a size; expected for example 2GiB, 500MB or 1048576")
    if size <= 0:
        raise ValueError(f"'{text}' is not a positive size")
    return size


_END = struct.Struct("<4s4H2LH")  # end of central directory [PKWARE APPNOTE §4.3.16]
_END64_LOCATOR = struct.Struct(
    "<4sLQL"
)  # zip64 end of central directory locator [PKWARE APPNOTE §4.3.15]
_END64 = struct.Struct(
    "<4sQ2H2L4Q"
)  # zip64 end of central directory record [PKWARE APPNOTE §4.3.14]


def directory_size(data: bytes, at_end: int) -> tuple[int, int] | None:
    """(entries, central directory bytes) that a zip's end records declare, from its last
    bytes (`data`, which end `at_end` bytes into the file); None when there is no end record."""
    at = data.rfind(b"PK\x05\x06")
    if at < 0 or at + _END.size > len(data):
        return None
    _, _, _, _, entries, size, _, _ = _END.unpack_from(data, at)
    locator = at - _END64_LOCATOR.size
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
        offset = _END64_LOCATOR.unpack_from(data, locator)[2] - (at_end - len(data))
        if 0 <= offset <= len(data) - _END64.size and data[offset : offset + 4] == b"PK\x06\x06":
            record = _END64.unpack_from(data, offset)
            entries, size = max(entries, record[5]), max(size, record[7])
    return entries, size


def too_many(entries: int, directory: int, limits: Limits) -> str:
    """Why a zip's directory is over the limits ('' when it is not)."""
    if entries > limits.max_entries:
        return f"the zip has {entries:,} entries; the limit is {limits.max_entries:,}"
    if directory > limits.max_directory:
        return (
            f"the zip's central directory is {directory:,} bytes; the limit is "
            f"{limits.max_directory:,}"
        )
    return ""


def slip_reason(name: str) -> str:
    """Why an entry name is unsafe to extract ('' when it is safe)."""
    if not name or name.startswith("\x00"):
        return "it has no name"
    if "\x00" in name:
        return "its name has a NUL character: tools disagree on where it ends"
    if name.startswith(("/", "\\")):
        return "it is an absolute path"
    if _DRIVE_RE.match(name):
        return "it starts with a drive letter"
    if ".." in re.split(r"[/\\]", name):
        return "it goes up with '..'"
    if "\\" in name:
        return "it has a backslash: Windows unzips it into folders, other systems do not"
    return ""


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def check_entries(package: Package, limits: Limits) -> None:
    """Report unsafe entries; mark the ones never to decompress."""
    infos = package.infos
    seen: Counter[str] = Counter()
    by_case: dict[str, str] = {}
    for info in infos:
        name = info.filename
        reason = slip_reason(info.orig_filename)
        if reason:
            package.report(
                "zip-slip",
                name,
                0,
                f"entry '{info.orig_filename}' is not a safe path inside the package: {reason}",
                "an LMS that unzips it may write outside its folder, or refuse the package",
            )
            package.unsafe.add(id(info))
        if _is_symlink(info):
            package.report(
                "zip-symlink",
                name,
                0,
                f"entry '{name}' is a symbolic link; packages hold plain files only",
            )
            package.unsafe.add(id(info))
        seen[name] += 1
        if seen[name] == 2:
            package.report(
                "zip-duplicate",
                name,
                0,
                f"entry '{name}' is in the zip {sum(1 for i in infos if i.filename == name)} "
                "times; which copy an LMS unpacks is anybody's guess",
            )
        other = by_case.setdefault(name.lower(), name)
        if other != name:
            package.report(
                "zip-case-collision",
                name,
                0,
                f"entries '{other}' and '{name}' differ only in case; on Windows and macOS "
                "one overwrites the other",
            )
        _check_method(package, info, name)
        _check_ratio(package, info, limits)
    _check_overlap(package, infos)
    _check_totals(package, infos, limits)


def _check_method(package: Package, info: zipfile.ZipInfo, name: str) -> None:
    if info.flag_bits & 0x1:
        package.report(
            "zip-encrypted",
            name,
            0,
            f"entry '{name}' is encrypted; an LMS cannot unpack it",
            "zip the package again without a password",
        )
        package.unsafe.add(id(info))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        package.report(
            "zip-compression",
            name,
            0,
            f"entry '{name}' uses compression method {info.compress_type}; LMSs expect "
            "stored (0) or deflate (8)",
            "zip the package again with ordinary deflate compression",
        )


def _check_totals(package: Package, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total >= 16 * limits.ratio_floor and total > limits.max_ratio * max(packed, 1):
        # Many entries each under the floor add up to a bomb all the same.
        package.report(
            "zip-bomb",
            "",
            0,
            f"the entries unpack {packed:,} bytes into {total:,} (ratio "
            f"{total / max(packed, 1):,.0f}:1, above {limits.max_ratio}:1): it looks like a "
            "zip bomb",
        )
    if total > limits.max_total:
        package.report(
            "zip-too-large",
            "",
            0,
            f"the entries unpack to {total:,} bytes; the limit is {limits.max_total:,}",
            "raise it with --max-size if this package is meant to be that big",
        )


def _check_ratio(package: Package, info: zipfile.ZipInfo, limits: Limits) -> None:
    if info.file_size < limits.ratio_floor:
        return
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_ratio:
        package.report(
            "zip-bomb",
            info.filename,
            0,
            f"entry '{info.filename}' unpacks {info.compress_size:,} bytes into "
            f"{info.file_size:,} (ratio {ratio:,.0f}:1, above {limits.max_ratio}:1): "
            "it looks like a zip bomb",
        )
        package.unsafe.add(id(info))


def _check_overlap(package: Package, infos: list[zipfile.ZipInfo]) -> None:
    ordered = sorted(infos, key=lambda i: i.header_offset)
    for current, following in itertools.pairwise(ordered):
        if following.header_offset < current.header_offset + _LOCAL_HEADER + current.compress_size:
            package.report(
                "zip-bomb",
                following.filename,
                0,
                f"entry '{following.filename}' overlaps entry '{current.filename}' in the "
                "zip: a trick of zip bombs",
            )
            package.unsafe.update((id(current), id(following)))
