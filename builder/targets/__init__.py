"""Output targets: peers behind one small interface, registered by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Course
from ..package import PackageFile


@dataclass(frozen=True)
class Target:
    """A package format: it adds its manifest to the rendered course files."""

    name: str
    description: str
    manifest: Callable[[Course, Sequence[PackageFile]], list[PackageFile]]
    check: Callable[[Sequence[PackageFile]], list[str]]


def _registry() -> dict[str, Target]:
    from . import cmi5, scorm12, scorm2004, xapi

    return {t.name: t for t in (scorm12.TARGET, scorm2004.TARGET, xapi.TARGET, cmi5.TARGET)}


def available() -> dict[str, Target]:
    """Every target this version can build, by name."""
    return _registry()
