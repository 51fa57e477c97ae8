"""Output targets: one package per format in this folder, each declaring one complete record.

A target is a subpackage (`scorm12/`, `scorm2004/`, `xapi/`, `cmi5/`) whose `__init__.py`
declares `TARGET` (light: what it is, ships, how it launches) and whose `manifest.py` writes its
descriptor (from a template of `templates/descriptors/`). The registry finds them all at import:
adding a target is adding its folder. The schema's allowed `targets:`, the runtime scripts a package
ships, whether it reports xAPI, its suspend_data limit and how the preview launches it are all
read from the record. `validate` and `--help` load this registry without jinja2 or tincan.
"""

from __future__ import annotations

import os
from importlib import import_module

from .record import XAPI_RUNTIME as XAPI_RUNTIME
from .record import LaunchInfo as LaunchInfo
from .record import Target


def discover() -> dict[str, Target]:
    """Every target package's record, in the order they declare, by name."""
    # A folder listing, not pkgutil.iter_modules: pkgutil is a hundredth of a warm first build.
    records = [
        import_module(f"{__name__}.{name}").TARGET
        for folder in __path__
        for name in sorted(os.listdir(folder))
        if os.path.isfile(os.path.join(folder, name, "__init__.py"))
    ]
    return {t.name: t for t in sorted(records, key=lambda t: (t.order, t.name))}


REGISTRY: dict[str, Target] = discover()
# Every registered target's descriptor, each once, in the registry's order: what `check` looks for.
DESCRIPTORS = tuple(dict.fromkeys(t.descriptor for t in REGISTRY.values()))


def available() -> dict[str, Target]:
    """Every target this version can build, by name."""
    return REGISTRY
