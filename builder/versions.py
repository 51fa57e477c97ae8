"""Installed libraries' versions, found as `importlib.metadata.version` finds them, cheaply.

The loaded-course cache keys its entries by a few libraries' versions. `importlib.metadata`
imports email, csv and zipfile, a tenth of a warm first build's imports; its lookup for a plain
install is a folder listing and one header of one file. Anything less plain (a zipped path
entry, an egg, no METADATA) is left to `importlib.metadata` itself.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable


def _normalize(name: str) -> str:
    """A distribution's name as importlib.metadata compares it [PEP 503 "Normalized Names"]."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _header(path: str) -> str | None:
    """The Version field of a core metadata file [Core metadata specifications, "Version"]."""
    with open(path, encoding="utf-8") as metadata:
        for line in metadata:
            if not line.strip():
                return None  # the headers end at the first blank line; the body follows
            field, _, value = line.partition(":")
            if field.strip().lower() == "version":
                return value.strip()
    return None


def _index(folder: str) -> dict[str, str]:
    """The first distribution entry of `folder` (listing order) by normalized name: a
    `.dist-info` or `.egg-info` folder, or an `.egg`."""
    index: dict[str, str] = {}
    for child in os.listdir(folder):
        low = child.lower()
        if low.endswith(".egg"):
            index.setdefault(_normalize(low.partition("-")[0]), child)
        elif low.endswith((".dist-info", ".egg-info")):
            index.setdefault(_normalize(low.rpartition(".")[0].partition("-")[0]), child)
    return index


def _plain(name: str, indexes: dict[str, dict[str, str] | None]) -> str | None:
    """The version from the first `<name>-<version>.dist-info` on sys.path; None for anything
    this lookup does not read the way importlib.metadata does. `indexes` keeps each folder's
    entries (None: not a folder) for the next name."""
    wanted = _normalize(name)
    for entry in sys.path:
        folder = entry or "."
        if folder not in indexes:
            indexes[folder] = _index(folder) if os.path.isdir(folder) else None
        index = indexes[folder]
        if index is None:
            if os.path.exists(folder):
                return None  # a zip on sys.path: importlib.metadata looks inside
            continue
        child = index.get(wanted)
        if child is None:
            continue
        if not child.lower().endswith(".dist-info"):
            return None  # an egg or an egg-info: importlib.metadata reads it
        path = os.path.join(folder, child, "METADATA")
        return _header(path) if os.path.isfile(path) else None
    return None


def installed_versions(names: Iterable[str]) -> dict[str, str | None]:
    """The installed version of each distribution (None when it is not installed), each folder
    of sys.path listed once for all of them."""
    indexes: dict[str, dict[str, str] | None] = {}
    return {name: _installed(name, indexes) for name in names}


def _installed(name: str, indexes: dict[str, dict[str, str] | None]) -> str | None:
    try:
        if (found := _plain(name, indexes)) is not None:
            return found
    except (OSError, UnicodeDecodeError):
        pass
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None
