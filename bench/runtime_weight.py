"""What the learner's browser loads at launch, per seed course and target.

Run from the repository root:  .venv/bin/python bench/runtime_weight.py
Builds every seed course for every target it declares, opens each package's index.html and sums
the scripts and stylesheets it loads at launch (not those inside <noscript>): bytes raw, bytes
gzipped (each file on its own, as a web server sends it) and the number of requests.
"""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(p for p in (REPO / "course_src").iterdir() if (p / "course.yml").is_file())
TARGETS = ("scorm12", "scorm2004", "xapi", "cmi5")
# What index.html makes the browser fetch at launch: scripts and stylesheets outside <noscript>.
_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
_ASSET = re.compile(r'<script src="([^"]+)"|<link rel="stylesheet" href="([^"]+)"')


def launch_assets(package: zipfile.ZipFile) -> list[str]:
    """The package paths of the scripts and stylesheets index.html loads at launch."""
    html = _NOSCRIPT.sub("", package.read("index.html").decode("utf-8"))
    return [a or b for a, b in _ASSET.findall(html)]


def weigh(zip_path: Path) -> dict[str, int]:
    """JS+CSS at launch (raw, gzipped, requests) and index.html (raw, gzipped) of a package."""
    with zipfile.ZipFile(zip_path) as package:
        assets = [package.read(path) for path in launch_assets(package)]
        index = package.read("index.html")
    return {
        "raw": sum(len(a) for a in assets),
        "gzip": sum(len(gzip.compress(a, 9, mtime=0)) for a in assets),
        "requests": len(assets),
        "index_raw": len(index),
        "index_gzip": len(gzip.compress(index, 9, mtime=0)),
    }


def runtime_weight_rows() -> list[str]:
    """One markdown table row per seed course and target."""
    rows = [
        "| course | target | JS+CSS raw | gzipped | requests | index.html raw | gzipped |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        coursebuild = str(Path(sys.executable).parent / "coursebuild")
        args = [coursebuild, "build", *map(str, SEEDS), "--force", "--target", "all"]
        subprocess.run([*args, "--out", str(out)], cwd=REPO, check=True, capture_output=True)
        for seed in SEEDS:
            for target in TARGETS:
                zip_path = out / f"{seed.name}-{target}.zip"
                if not zip_path.is_file():
                    continue
                w = weigh(zip_path)
                rows.append(
                    f"| {seed.name} | {target} | {w['raw']:,} | {w['gzip']:,} | {w['requests']} "
                    f"| {w['index_raw']:,} | {w['index_gzip']:,} |"
                )
    return rows


if __name__ == "__main__":
    print("\n".join(runtime_weight_rows()))
