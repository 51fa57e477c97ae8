"""A package too large for the LMS it goes to: a warning that names the files that weigh most."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity, relative_name
from .report import Package
from .upload_limit import DEFAULT_LIMIT, ENV, MIB, OFF, OPTION

# 100 MiB (104,857,600 bytes, Moodle's "100MB"). Moodle takes an upload up to the smallest of
# PHP's upload_max_filesize and post_max_size, the site's "Maximum uploaded file size" and the
# course's "Maximum upload size" [MoodleDocs, Site policies,
# https://docs.moodle.org/24/en/Site_policies]; 100MB is the largest size its settings offer
# below PHP's own limit (get_max_upload_sizes, lib/moodlelib.php), whose defaults are 2M and 8M
# (php-src main/main.c). Canvas gives a course 500 MB of storage by default, and an imported
# package counts against it [Canvas File Quotas, https://community.canvaslms.com/t5/
# Canvas-Resource-Documents/Canvas-File-Quotas/ta-p/387061]: four packages of a course over
# 100 MiB fill it. Blackboard Learn exempts SCORM packages from its upload limit, and its
# mobile apps take files up to 250 MB [https://help.blackboard.com/nl-nl/Learn/Administrator/
# Hosting/System_Management/File_Size_Limit].
PACKAGE_WARN_BYTES = DEFAULT_LIMIT
_NAMED = 3  # the heaviest files the warning names


def size_warning(
    packages: Sequence[Package],
    into: Path,
    slug: str,
    sources: dict[str, Path],
    root: Path,
    limit: int = PACKAGE_WARN_BYTES,
) -> Diagnostic | None:
    """The warning for the largest of a course's packages in `into` when it is over `limit`
    (the LMS's upload limit; OFF: no warning), at its heaviest course file (`sources`: package
    path to course file, `root`: the course folder); None when every package is under."""
    if limit == OFF or not packages:
        return None
    if (largest := max(packages, key=lambda p: p.size)).size <= limit:
        return None
    import zipfile  # only for a package over the limit: most builds never need it

    with zipfile.ZipFile(into / largest.file_name) as package:
        entries = sorted(package.infolist(), key=lambda i: (-i.compress_size, i.filename))
    heaviest = entries[:_NAMED]
    weights = ", ".join(f"{i.filename} {_shown(i.compress_size)}" for i in heaviest)
    source = sources.get(heaviest[0].filename)
    where = Location(relative_name(source, root)) if source else Location(f"{slug}/course.yml")
    if limit == PACKAGE_WARN_BYTES:
        over = (
            f"over {PACKAGE_WARN_BYTES // MIB} MiB, where common LMS upload limits stop "
            "(Moodle's 'Maximum uploaded file size' and PHP's upload_max_filesize; a Canvas "
            "course's 500 MB in all)"
        )
        hint = (
            f"an LMS that takes larger packages: say its limit with {OPTION} (such as "
            f"{OPTION} 500MB) or {ENV}; none turns this warning off"
        )
    else:
        over = f"over the LMS's upload limit of {_limit(limit)} ({OPTION} or {ENV})"
        hint = ""
    return Diagnostic(
        where,
        Severity.WARNING,
        "package-size",
        f"{largest.file_name} is {_shown(largest.size)}, {over}; the heaviest files: {weights}; "
        "expected a package an LMS administrator can upload: a smaller or shorter video, or one "
        "hosted elsewhere (a YouTube or Vimeo link, or an address on the organisation's video "
        "server)",
        hint,
    )


def _limit(size: int) -> str:
    """A limit as it was likely written: whole MiB or MB, else bytes."""
    for unit, name in (
        (1 << 30, "GiB"),
        (1000**3, "GB"),
        (MIB, "MiB"),
        (1000**2, "MB"),
        (1000, "kB"),
    ):
        if size % unit == 0:
            return f"{size // unit:,} {name}"
    return f"{size:,} bytes"


def _shown(size: int) -> str:
    """A size as people read it: MiB from one MiB up, else KiB."""
    return f"{size / MIB:,.0f} MiB" if size >= MIB else f"{size / 1024:,.0f} KiB"
