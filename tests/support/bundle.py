"""The runtime modules a built package bundles into assets/runtime.js."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from builder.render.runtime import runtime_assets, runtime_modules


def bundled_modules(zip_path: Path) -> list[str]:
    """The runtime files (by name, in load order) bundled in a package, read from its config;
    checked against the bundle the package ships."""
    with zipfile.ZipFile(zip_path) as package:
        html = package.read("index.html").decode("utf-8")
        bundle = package.read("assets/runtime.js")
    found = re.search(r'id="coursebuild-config">(.*?)</script>', html, re.S)
    assert found is not None
    config = json.loads(found.group(1))
    assert bundle == dict(runtime_assets(config))["assets/runtime.js"]
    return runtime_modules(config)
