"""The build report beside a course's zips: what it holds, whether it is still current, and
which zips of the course's last build a new one no longer makes."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import __version__
from .upload_limit import DEFAULT_LIMIT, hashed

if TYPE_CHECKING:
    from ..diagnostics import Diagnostic
    from ..model import Course


def report_file(slug: str) -> str:
    """The name of a course's build report."""
    return f"{slug}.build.json"


def _read(out: Path, slug: str) -> Any:
    try:
        return json.loads((out / report_file(slug)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def inputs_hash(
    sources: str,
    targets: Sequence[str],
    theme: str,
    split: bool = False,
    debug: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> str:
    """Everything a course's packages (and their package-size warning, `limit`) depend on: its
    files, the theme, the tool, the options."""
    digest = hashlib.sha256()
    for part in (
        sources,
        theme,
        __version__,
        json.dumps(sorted(targets)),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        *(["split-languages"] if split else []),
        *(["debug-runtime"] if debug else []),  # a debug build is never an unchanged normal one
        *hashed(limit),  # a warning given, or not, under another limit
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    """The sha256 of a file, read a piece at a time: a package may hold a long video."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def unchanged(out: Path, slug: str, inputs: str) -> bool:
    """True when the last build of this course had the same inputs and its zips are intact."""
    report = _read(out, slug)
    try:
        return report.get("inputs_sha256") == inputs and all(
            file_sha256(out / p["file"]) == p["sha256"] for p in report["packages"]
        )
    except (OSError, AttributeError, KeyError, TypeError):
        return False


def warned(out: Path, slug: str) -> bool:
    """True when the course's last build report keeps warnings (to be said again)."""
    report = _read(out, slug)
    return bool(report.get("warnings")) if isinstance(report, dict) else False


def said_warnings(out: Path, slug: str) -> list[Diagnostic]:
    """The warnings the course's last build said, as its build report keeps them (named from
    the course's parent): a course skipped as unchanged says them again."""
    import msgspec

    from ..diagnostics import Diagnostic, Severity

    report = _read(out, slug)
    try:
        kept = msgspec.convert(report.get("warnings", []), list[Diagnostic])
    except (AttributeError, msgspec.ValidationError):
        return []
    return [d for d in kept if d.severity is Severity.WARNING]


def packages_intact(out: Path, slug: str, report_sha256: str) -> bool:
    """True when the course's build report has this sha256 and every zip it lists matches."""
    try:
        data = (out / report_file(slug)).read_bytes()
        if hashlib.sha256(data).hexdigest() != report_sha256:
            return False
        packages = json.loads(data)["packages"]
        return all(file_sha256(out / p["file"]) == p["sha256"] for p in packages)
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return False


def stale_packages(
    out: Path, slug: str, kept: Collection[str], targets: Iterable[str]
) -> list[str]:
    """The course's zips in `out` that its new build does not make, to remove with the commit.

    Only names coursebuild gives its own zips: `<slug>-<target>.zip` for a registered target,
    and `<slug>-<lang>-<target>.zip` when the last build report lists it (--split-languages);
    another course's or the author's files are never touched.
    """
    ends = tuple(f"-{target}.zip" for target in targets)
    names = {f"{slug}{end}" for end in ends}
    report = _read(out, slug)
    packages = report.get("packages") if isinstance(report, dict) else None
    for package in packages if isinstance(packages, list) else []:
        name = package.get("file") if isinstance(package, dict) else None
        if isinstance(name, str) and name.startswith(f"{slug}-") and name.endswith(ends):
            names.add(name)
    return sorted(
        name
        for name in names - set(kept)
        if "/" not in name and (out / name).is_file() and not (out / name).is_symlink()
    )


class Package(NamedTuple):
    """One zip as written: what the build report and the command line say of it."""

    slug: str
    target: str
    file_name: str
    size: int
    sha256: str
    runtime_bytes: int
    state_worst_case: int


def build_report(
    course: Course,
    packages: Sequence[Package],
    inputs: str,
    warnings: Sequence[Diagnostic] = (),
) -> bytes:
    """The build report beside the zips: what was built from what, and the warnings it said
    (no times, no paths but the course's own files)."""
    import msgspec

    report = {
        "coursebuild": __version__,
        "course": {
            "slug": course.slug,
            "id": course.id,
            "code": course.code,
            "version": course.version,
            "languages": list(course.languages),
        },
        "source_sha256": course.source_hash,
        "inputs_sha256": inputs,
        "packages": [
            {
                "target": p.target,
                "file": p.file_name,
                "bytes": p.size,
                "sha256": p.sha256,
                "runtime_bytes": p.runtime_bytes,
                "resume_state_worst_case": p.state_worst_case,
            }
            for p in packages
        ],
        # Said again by a build that skips the course as unchanged: a package-size warning is
        # decided only as the package is written.
        "warnings": msgspec.to_builtins(list(warnings)),
    }
    return (json.dumps(report, indent=2, sort_keys=True) + "\n").encode("utf-8")
