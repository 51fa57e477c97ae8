"""What the learner's browser loads at launch, per seed course and target.

Run from the repository root:  .venv/bin/python bench/runtime_weight.py
Builds every seed course for every target it declares, opens each package's index.html and sums
the scripts and stylesheets it loads at launch (not those inside <noscript>): bytes raw, bytes
gzipped (each file on its own, as a web server sends it) and the number of requests; then the
on-demand chunks (assets/runtime-<chunk>.js and .css, loaded when a page needs them), each
raw/gzipped, script and stylesheet together.
`scorm12_runtime_weight()` is the SCORM 1.2 seed figures, for bench/run.py.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

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


def on_demand(package: zipfile.ZipFile) -> dict[str, list[bytes]]:
    """The package's on-demand chunks (its runtime config's ``chunks``), by name: the script
    and, where it has one, the stylesheet loaded with it."""
    html = package.read("index.html").decode("utf-8")
    found = re.search(r'id="coursebuild-config">(.*?)</script>', html, re.S)
    chunks = json.loads(found.group(1))["chunks"] if found else []
    return {c["name"]: [package.read(c[k]) for k in ("src", "css") if c.get(k)] for c in chunks}


def weigh(zip_path: Path) -> dict[str, Any]:
    """JS+CSS at launch (raw, gzipped, requests), index.html (raw, gzipped) and the on-demand
    chunks ({name: (raw, gzipped)}) of a package."""
    with zipfile.ZipFile(zip_path) as package:
        assets = [package.read(path) for path in launch_assets(package)]
        index = package.read("index.html")
        chunks = on_demand(package)
    return {
        "chunks": {
            n: (sum(map(len, files)), sum(len(gzip.compress(b, 9, mtime=0)) for b in files))
            for n, files in chunks.items()
        },
        "raw": sum(len(a) for a in assets),
        "gzip": sum(len(gzip.compress(a, 9, mtime=0)) for a in assets),
        "requests": len(assets),
        "index_raw": len(index),
        "index_gzip": len(gzip.compress(index, 9, mtime=0)),
    }


def weigh_seeds(targets: tuple[str, ...] = TARGETS) -> list[tuple[str, str, dict[str, Any]]]:
    """(course, target, weigh()) for every seed course built for each of ``targets``."""
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        coursebuild = str(Path(sys.executable).parent / "coursebuild")
        wanted = [a for t in targets for a in ("--target", t)]
        args = [coursebuild, "build", *map(str, SEEDS), "--force", *wanted]
        subprocess.run([*args, "--out", str(out)], cwd=REPO, check=True, capture_output=True)
        for seed in SEEDS:
            for target in targets:
                zip_path = out / f"{seed.name}-{target}.zip"
                if zip_path.is_file():
                    found.append((seed.name, target, weigh(zip_path)))
    return found


def _chunks(w: dict[str, Any]) -> str:
    return ", ".join(f"{n} {raw:,} ({gz:,})" for n, (raw, gz) in sorted(w["chunks"].items()))


def runtime_weight_rows() -> list[str]:
    """One markdown table row per seed course and target."""
    rows = [
        "| course | target | JS+CSS raw | gzipped | requests | on demand: raw (gzipped) "
        "| index.html raw | gzipped |",
        "|---|---|--:|--:|--:|---|--:|--:|",
    ]
    for name, target, w in weigh_seeds():
        rows.append(
            f"| {name} | {target} | {w['raw']:,} | {w['gzip']:,} | {w['requests']} "
            f"| {_chunks(w)} | {w['index_raw']:,} | {w['index_gzip']:,} |"
        )
    return rows


def scorm12_runtime_weight() -> dict[str, dict[str, Any]]:
    """The SCORM 1.2 seed figures at launch, per course, beside the goal (for bench/run.py)."""
    return {
        name: {
            "raw": w["raw"],
            "gzip": w["gzip"],
            "requests": w["requests"],
            "on_demand": w["chunks"],
            "goal": {"raw": 40_000, "gzip": 14_000, "requests": 2},
        }
        for name, _, w in weigh_seeds(("scorm12",))
    }


if __name__ == "__main__":
    print("\n".join(runtime_weight_rows()))
