"""A package's index.html carries the strings its runtime may say: a SCORM package that sends
no statement leaves out the xAPI runtime's own messages."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from builder.pipeline import build
from builder.render.html import XAPI_ONLY_STRINGS
from builder.theme import catalogues

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "course_src" / "social-media-at-work"
STATIC = REPO / "templates" / "theme" / "static"
XAPI_SCRIPTS = re.compile(r"(xapi-.*|adapter-xapi|adapter-cmi5)\.js")


def package_strings(out: Path, target: str) -> dict[str, dict[str, object]]:
    with zipfile.ZipFile(out / f"{SEED.name}-{target}.zip") as package:
        html = package.read("index.html").decode()
    found = re.search(r'<script type="application/json" id="coursebuild-i18n">(.*?)</script>', html)
    assert found is not None
    strings: dict[str, dict[str, object]] = json.loads(found.group(1))
    return strings


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    assert not build([SEED], ["scorm12", "scorm2004", "xapi", "cmi5"], out, force=True).failed
    return out


@pytest.mark.parametrize("target", ["scorm12", "scorm2004"])
def test_a_scorm_package_leaves_out_the_xapi_runtimes_own_strings(built: Path, target: str) -> None:
    strings = package_strings(built, target)
    assert sorted(strings) == ["en", "fr"]
    for lang, said in strings.items():
        assert set(said) == set(catalogues()[lang]) - XAPI_ONLY_STRINGS


@pytest.mark.parametrize("target", ["xapi", "cmi5"])
def test_an_xapi_package_carries_every_string(built: Path, target: str) -> None:
    strings = package_strings(built, target)
    assert all(set(said) == set(catalogues()[lang]) for lang, said in strings.items())


def test_scorm_sending_statements_too_carries_them(tmp_path: Path) -> None:
    course = tmp_path / SEED.name
    shutil.copytree(SEED, course)
    text = (course / "course.yml").read_text(encoding="utf-8")
    (course / "course.yml").write_text(
        text + "xapi:\n  endpoint: https://lrs.example.org/xapi/\n", encoding="utf-8"
    )
    out = tmp_path / "dist"
    outcome = build([course], ["scorm12"], out, force=True)
    assert not outcome.failed, [d.format() for d in outcome.diagnostics]
    assert set(package_strings(out, "scorm12")["en"]) >= XAPI_ONLY_STRINGS


def test_only_the_xapi_runtime_names_those_strings() -> None:
    scripts = {p.name: p.read_text(encoding="utf-8") for p in STATIC.glob("*.js")}
    templates = [p.read_text(encoding="utf-8") for p in STATIC.parent.glob("*.j2")]
    for key in XAPI_ONLY_STRINGS:
        naming = {name for name, text in scripts.items() if re.search(f"[\"']{key}[\"']", text)}
        assert naming and all(XAPI_SCRIPTS.fullmatch(name) for name in naming), (key, naming)
        assert not any(key in text for text in templates), key
