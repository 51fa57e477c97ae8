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
    assert build(str(course), "--out", str(out), "--target", "scorm12") == [
        "social-media-at-work-scorm12.zip"
    ]
    bilingual = read(out / "social-media-at-work-scorm12.zip", "imsmanifest.xml")
    assert "<title>Social Media at Work / Les médias sociaux au travail</title>" in bilingual

    # Built again with the option into the same folder: not skipped as "unchanged", and the
    # bilingual zip, which the new build report no longer lists, goes.
    assert build(str(course), "--out", str(out), "--target", "scorm12", "--split-languages") == [
        "social-media-at-work-en-scorm12.zip",
        "social-media-at-work-fr-scorm12.zip",
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
        # A phrase in the other language, marked as such inside this one's text, is this one's.
        assert f'lang="{other}"' not in index.replace(f'<span lang="{other}">', "<span>")
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


def test_each_language_package_has_its_own_manifest_identifier(tmp_path: Path) -> None:
    import zipfile

    from typer.testing import CliRunner

    from builder.cli import app

    seed = Path(__file__).resolve().parents[2] / "course_src" / "navigating-social-media"
    result = CliRunner().invoke(app, ["build", str(seed), "--split-languages", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    identifiers = set()
    for lang in ("en", "fr"):
        with zipfile.ZipFile(tmp_path / f"navigating-social-media-{lang}-scorm12.zip") as archive:
            manifest = archive.read("imsmanifest.xml").decode()
        identifiers.add(manifest.split('identifier="', 1)[1].split('"', 1)[0])
    assert identifiers == {"MANIFEST-TRN1-V13-EN", "MANIFEST-TRN1-V13-FR"}
