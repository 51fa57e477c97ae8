"""coursebuild's folder in the user's cache: compiled templates, loaded courses, stamps, hashes."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """coursebuild's folder in the user's cache (``$XDG_CACHE_HOME``, else ``~/.cache``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coursebuild"
