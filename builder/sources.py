"""A course folder: its course file, and a hash of every source file in it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

COURSE_FILE = "course.yml"


def source_hash(course_dir: Path) -> str:
    """A content hash of every file of the course (paths and bytes), for incremental builds."""
    digest = hashlib.sha256()
    entries = (p for p in course_dir.rglob("*") if p.is_symlink() or p.is_file())
    # .coursebuild/ holds the preview's package and learner data, not sources.
    for path in sorted(p for p in entries if p.relative_to(course_dir).parts[0] != ".coursebuild"):
        digest.update(path.relative_to(course_dir).as_posix().encode())
        digest.update(b"\0")
        # A link is hashed as where it points (its target, inside the course, is hashed too):
        # pointing it elsewhere changes what the course reads.
        digest.update(
            b"-> " + os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
        )
        digest.update(b"\0")
    return digest.hexdigest()
