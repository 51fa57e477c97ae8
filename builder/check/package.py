"""`coursebuild check`: lint any SCORM 1.2/2004, Tin Can or cmi5 zip, ours or anyone's.

The zip is read in memory and never extracted. Each problem is a `Diagnostic` with a stable rule
code (declared in builder/codes.py, documented in docs/check-rules.md), a severity, the file
inside the zip and its line when known.
"""

from __future__ import annotations

import io
import os
import posixpath
import time
import zipfile
from pathlib import Path
from typing import IO, Any, cast

from msgspec import Struct, field
from msgspec.structs import replace

from ..diagnostics import Diagnostic, Location, Severity, count, summary
from ..file_kind import not_a_file
from ..targets import DESCRIPTORS
from .common import Package, check_order, finding, is_dir, parse_xml
from .scorm import check_header, check_identifiers, detect
from .scorm_content import check_content
from .scorm_length import check_lengths
from .xapi import check_cmi5, check_tincan
from .zip import Limits, check_entries, directory_size, slip_reason, too_many

ZIP = "a .zip file"
# A zip's directory is at its end; a pipe gives its bytes once, from the start.
READ_FROM_END = ", which is read from its end: save it to a file first"


class PackageError(Exception):
    """The file cannot be checked at all: missing or a folder (a usage error)."""


class Report(Struct):
    """What `check` found in one package."""

    package: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    files: int = 0
    findings: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many errors."""
        return count(self.findings)[0]

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return count(self.findings)[1]

    @property
    def label(self) -> str:
        """What the package is, for people: 'SCORM 1.2', 'Tin Can + cmi5', 'unknown'."""
        return " + ".join(self.labels) or "unknown package"

    def failed(self, strict: bool = False) -> bool:
        """True when the package has errors (or, when strict, warnings)."""
        return self.errors > 0 or (strict and self.warnings > 0)


def check_zip(
    archive: zipfile.ZipFile, name: str, limits: Limits | None = None, runtime: bool = True
) -> Report:
    """Check an open zip; `name` is how the report names the package (`runtime`: its pages
    and scripts too, not only its entries and descriptors)."""
    limits = limits or Limits()
    package = Package(archive, deadline=time.monotonic() + limits.time_budget)
    report = Report(name, files=len(package.names))
    reason = too_many(len(package.infos), 0, limits)
    if reason:
        package.report("zip-entries", "", 0, f"{reason}: nothing else was checked")
        report.findings = package.findings
        return report
    check_entries(package, limits)
    found = _descriptors(package)
    if not found:
        package.report(
            "no-manifest",
            "",
            0,
            "no imsmanifest.xml (SCORM), tincan.xml (Tin Can) or cmi5.xml (cmi5) in the zip: "
            "this is not an e-learning package",
            "a SCORM package has imsmanifest.xml at the root of the zip",
        )
    for descriptor, info in found:
        kind, label = _check_descriptor(package, descriptor, info)
        report.kinds.append(kind)
        report.labels.append(label)
    if runtime:
        # Imported here: the build's self-check skips these rules, and their patterns cost
        # about a fifth of this package's import.
        from .runtime import check_runtime

        check_runtime(package, report.kinds, limits)
    report.findings = sorted(set(package.findings), key=check_order)
    return report


def unopened(name: str, code: str, message: str) -> Report:
    """A package nothing could be checked in: one finding about the zip itself."""
    return Report(name, findings=[finding(code, "", 0, message)])


def check_stream(
    stream: IO[bytes], name: str, limits: Limits | None = None, runtime: bool = True
) -> Report:
    """Check a zip read from a seekable binary stream; a damaged zip is a `zip-corrupt` finding."""
    limits = limits or Limits()
    size = stream.seek(0, os.SEEK_END)
    tail = min(size, 65_536 + 22 + 20 + 56)  # the end records, after at most a 64 KiB comment
    stream.seek(size - tail)
    declared = directory_size(stream.read(tail), size)
    if declared is not None and too_many(*declared, limits):
        # Refused before zipfile reads the directory: it would hold all of it in memory.
        reason = too_many(*declared, limits)
        return unopened(name, "zip-entries", f"{reason}: nothing else was checked")
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except Exception as exc:  # anything zipfile raises on a damaged file means the same
        return unopened(
            name,
            "zip-corrupt",
            f"not a readable zip ({exc}): truncated, damaged, or not a zip at all",
        )
    with archive:
        return check_zip(archive, name, limits, runtime)


def check_bytes(
    data: bytes, name: str, limits: Limits | None = None, runtime: bool = True
) -> Report:
    """Check a package held in memory."""
    return check_stream(io.BytesIO(data), name, limits, runtime)


def self_check(package: bytes | Path, name: str) -> Report:
    """The build's check of a package it just made (its bytes, or the file it was written to,
    read from there: it may hold a long video): the zip and descriptor rules."""
    # The runtime rules (pages and scripts: html-*, runtime-*) are left to `coursebuild check`:
    # they scan every page and script and cost more than the whole build, and what they look
    # for in our own runtime is pinned by its tests, not by the course being built.
    if isinstance(package, bytes):
        return check_bytes(package, name, runtime=False)
    with package.open("rb") as stream:
        return check_stream(stream, name, runtime=False)


def self_check_diagnostics(data: bytes | Path, file_name: str, label: str) -> list[Diagnostic]:
    """`self_check` as build diagnostics at `file_name`, and a package of a kind not `label`."""
    report = self_check(data, file_name)
    found = []
    for finding_ in report.findings:
        inner = finding_.location.file
        where = Location(f"{file_name}:{inner}" if inner else file_name, finding_.location.line)
        found.append(replace(finding_, location=where))
    if not report.errors and report.label != label:
        message = f"coursebuild check reads this package as {report.label}; expected {label}"
        found.append(Diagnostic(Location(file_name), Severity.ERROR, "package-self-check", message))
    return found


class _Watched(io.RawIOBase):
    """The package file, keeping the error its own reading raised: zipfile takes any error for
    a damaged zip, and a failing disk or a file of another user's is not one."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__()
        self.stream = stream
        self.error: OSError | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        """Read as the file does, keeping its error."""
        try:
            return self.stream.read(-1 if size is None else size)
        except OSError as error:
            self.error = error
            raise

    def readinto(self, buffer: Any) -> int:
        """Read into ``buffer`` (io's default read uses it)."""
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        """Move as the file does, keeping its error."""
        try:
            return self.stream.seek(offset, whence)
        except OSError as error:
            self.error = error
            raise

    def tell(self) -> int:
        """Where the file is."""
        return self.stream.tell()


def _unreadable(path: Path, reason: str) -> Report:
    """A package whose file cannot be read: one error, so that the others are still checked."""
    message = f"the file cannot be read ({reason}): nothing in it was checked"
    return unopened(path.as_posix(), "package-unreadable", message)


def check_path(path: Path, limits: Limits | None = None) -> Report:
    """Check the package at `path`; PackageError when it is not a file (a usage error); a file
    that cannot be read (its permissions, a failing disk) is a `package-unreadable` finding."""
    if (problem := not_a_file(path, ZIP, READ_FROM_END)) is not None:
        raise PackageError(problem)
    try:
        stream = path.open("rb")
    except OSError as exc:
        return _unreadable(path, exc.strerror or str(exc))
    with stream:
        watched = _Watched(stream)
        try:
            report = check_stream(cast(IO[bytes], watched), path.as_posix(), limits)
        except OSError as exc:
            return _unreadable(path, exc.strerror or str(exc))
    if watched.error is not None:  # said by zipfile as a damaged zip or entry
        return _unreadable(path, watched.error.strerror or str(watched.error))
    return report


def _descriptors(package: Package) -> list[tuple[str, zipfile.ZipInfo]]:
    """The descriptors at the root of the zip; without any, the shallowest misplaced ones."""
    files = [i for i in package.infos if not is_dir(i) and not slip_reason(i.orig_filename)]
    at_root = [
        (descriptor, [i for i in files if i.filename == descriptor][-1])
        for descriptor in DESCRIPTORS
        if descriptor in package.names
    ]
    if at_root:
        return at_root
    found: list[tuple[str, zipfile.ZipInfo]] = []
    for descriptor in DESCRIPTORS:
        near = [i for i in files if posixpath.basename(i.filename).lower() == descriptor]
        if near:
            found.append((descriptor, min(near, key=lambda i: (i.filename.count("/"), i.filename))))
    return found


def _check_descriptor(package: Package, descriptor: str, info: zipfile.ZipInfo) -> tuple[str, str]:
    """Check one descriptor file and what it describes; the package kind and its label."""
    file = info.filename
    base_dir = posixpath.dirname(file)
    base_dir = f"{base_dir}/" if base_dir else ""
    _check_location(package, descriptor, file, base_dir)
    data = package.read(info)
    root = parse_xml(package, file, data) if data is not None else None
    if descriptor == "tincan.xml":
        if root is not None:
            check_tincan(package, file, root, base_dir)
        return "tincan", "Tin Can"
    if descriptor == "cmi5.xml":
        if root is not None:
            check_cmi5(package, file, root, base_dir)
        return "cmi5", "cmi5"
    if root is None:
        return "scorm", "SCORM"
    scorm = detect(root)
    if check_header(package, file, root, scorm):
        if scorm.version == "1.2":
            check_lengths(package, file, root)
        check_identifiers(package, file, root, scorm)
        check_content(package, file, root, scorm, base_dir)
    return scorm.kind, scorm.label


def _check_location(package: Package, descriptor: str, path: str, base_dir: str) -> None:
    if path == descriptor:
        return
    if not base_dir:
        package.report(
            "manifest-location",
            path,
            0,
            f"'{path}' must be named exactly '{descriptor}' (names in a zip are case-sensitive)",
        )
        return
    wrapper = all(name.startswith(base_dir) for name in package.names)
    if descriptor == "tincan.xml" and wrapper and posixpath.basename(path) == descriptor:
        package.report(
            "tincan-nested",
            path,
            0,
            f"tincan.xml is in the folder '{base_dir}', not at the root of the zip; the Tin Can "
            "launch rules allow it, but many LMSs look only at the root",
            "zip the contents of the folder, not the folder itself",
        )
        return
    moodle = " (Moodle: badimsmanifestlocation)" if descriptor == "imsmanifest.xml" else ""
    package.report(
        "manifest-location",
        path,
        0,
        f"{descriptor} is in the folder '{base_dir}', not at the root of the zip: LMSs refuse "
        f"the package{moodle}",
        "zip the contents of the folder, not the folder itself",
    )


def format_summary(report: Report) -> str:
    """The last line about a package: what it is and how it fared."""
    if not report.findings:
        return f"{report.package}: ok ({report.label}, {report.files} files)"
    return f"{report.package}: {report.label}: {summary(report.findings)}"


def to_json(reports: list[Report], strict: bool = False) -> dict[str, Any]:
    """The machine-readable report: every package with its problems."""
    return {
        "packages": [
            {
                "package": r.package,
                "kinds": r.kinds,
                "label": r.label,
                "files": r.files,
                "ok": not r.failed(strict),
                "errors": r.errors,
                "warnings": r.warnings,
                "problems": [
                    {
                        "rule": f.code,
                        "severity": f.severity.value,
                        "file": f.location.file or None,
                        "line": f.location.line or None,
                        "message": f.message,
                        "hint": f.hint or None,
                    }
                    for f in r.findings
                ],
            }
            for r in reports
        ],
        "errors": sum(r.errors for r in reports),
        "warnings": sum(r.warnings for r in reports),
    }
