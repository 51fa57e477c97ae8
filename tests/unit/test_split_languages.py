"""`build --split-languages`: one package per language, the same model, only that language."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from builder.cli import app

SEEDS = Path(__file__).resolve().parents[2] / "course_src"


def build(*args: str) -> list[str]:
    result = CliRunner().invoke(app, ["build", *args])
    assert result.exit_code == 0, result.output
    return sorted(p.name for p in Path(args[args.index("--out") + 1]).glob("*.zip"))


def read(package: Path, name: str) -> str:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name).decode("utf-8")


def config(index: str) -> dict[str, object]:
    match = re.search(r'id="coursebuild-config">(.*?)</script>', index)
    assert match
    loaded: dict[str, object] = json.loads(match.group(1))
    return loaded


def test_one_package_per_language(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    course = SEEDS / "social-media-at-work"
    assert build(str(course), "--out", str(out)) == ["social-media-at-work-scorm12.zip"]
    bilingual = read(out / "social-media-at-work-scorm12.zip", "imsmanifest.xml")
    assert "<title>Social Media at Work / Les médias sociaux au travail</title>" in bilingual

    # Built again with the option into the same folder: not skipped as "unchanged".
    assert build(str(course), "--out", str(out), "--split-languages") == [
        "social-media-at-work-en-scorm12.zip",
        "social-media-at-work-fr-scorm12.zip",
        "social-media-at-work-scorm12.zip",
    ]
    for lang, title, other in (
        ("en", "Social Media at Work", "fr"),
        ("fr", "Les médias sociaux au travail", "en"),
    ):
        package = out / f"social-media-at-work-{lang}-scorm12.zip"
        manifest = read(package, "imsmanifest.xml")
        assert manifest.count(f"<title>{title}</title>") == 2, manifest
        index = read(package, "index.html")
        assert f'<html lang="{lang}"' in index
        assert f'lang="{other}"' not in index
        settings = config(index)
        assert settings["languages"] == [lang]
        fill_in = [
            q
            for q in settings["assessment"]["questions"]  # type: ignore[index]
            if q["type"] == "fill-in"
        ]
        assert [q["correct"] for q in fill_in] == [
            ["manager"] if lang == "en" else ["gestionnaire"]
        ]
    report = json.loads((out / "social-media-at-work.build.json").read_text(encoding="utf-8"))
    assert [p["file"] for p in report["packages"]] == [
        "social-media-at-work-en-scorm12.zip",
        "social-media-at-work-fr-scorm12.zip",
    ]
