"""Every example course and source file shown in the README and docs is a real file that builds.

A YAML or Markdown block in README.md or docs/ is marked `<!-- example: PATH -->` and must be
exactly the file at PATH; every course under docs/examples/ validates and builds for every
target; the README's sample diagnostics are what `build` prints after the edits it describes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.paths import REPO_ROOT
from typer.testing import CliRunner

from builder.cli import app
from builder.targets import available

EXAMPLES = REPO_ROOT / "docs" / "examples"
DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^(<!-- example: (\S+) -->\n)?```(yaml|markdown)\n(.*?)^```$", re.M | re.S)
TREE = re.compile(r"^<!-- example-tree: (\S+) -->\n```text\n(.*?)^```$", re.M | re.S)
COURSES = sorted(p.parent.name for p in EXAMPLES.glob("*/course.yml"))


def _blocks() -> list[tuple[str, str, str]]:
    found = []
    for doc in DOCS:
        for match in BLOCK.finditer(doc.read_text(encoding="utf-8")):
            found.append((doc.relative_to(REPO_ROOT).as_posix(), match[2] or "", match[4]))
    return found


def test_the_docs_show_example_files() -> None:
    assert len(COURSES) >= 2
    assert len(_blocks()) >= 6


@pytest.mark.parametrize(("doc", "path", "text"), _blocks())
def test_each_source_block_is_its_file(doc: str, path: str, text: str) -> None:
    assert path, f"{doc}: a yaml/markdown block without <!-- example: PATH --> above it"
    assert path.startswith("docs/examples/"), f"{doc}: {path} is not under docs/examples/"
    assert (REPO_ROOT / path).read_text(encoding="utf-8") == text, f"{doc} differs from {path}"


def test_the_readme_tree_is_the_example_folder() -> None:
    match = TREE.search((REPO_ROOT / "README.md").read_text(encoding="utf-8"))
    assert match is not None
    root = REPO_ROOT / match[1]
    shown = {name for line in match[2].splitlines()[1:] for name in line.split()}
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert shown == files


@pytest.mark.parametrize("name", COURSES)
def test_each_example_course_builds_for_every_target(name: str, tmp_path: Path) -> None:
    source = str(EXAMPLES / name)
    validated = CliRunner().invoke(app, ["validate", "--strict", source])
    assert validated.exit_code == 0, validated.output
    targets = [arg for t in sorted(available()) for arg in ("--target", t)]
    built = CliRunner().invoke(app, ["build", source, *targets, "--out", str(tmp_path)])
    assert built.exit_code == 0, built.output
    assert sorted(p.name for p in tmp_path.glob("*.zip")) == [
        f"{name}-{t}.zip" for t in sorted(available())
    ]


def test_the_readme_diagnostics_are_what_build_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(course_src/my-course/.*?)```", readme, re.S)
    assert shown is not None
    course = tmp_path / "course_src" / "my-course"
    shutil.copytree(EXAMPLES / "my-course", course)
    for file, old, new in [
        ("course.yml", "description:", "descripton:"),
        ("assessments/final.yml", "pass_mark: 80", "pass_mark: 120"),
        ("modules/video.en.md", "transcript: transcripts/video.en.md", "transcript: ../notes.md"),
    ]:
        text = (course / file).read_text(encoding="utf-8")
        assert old in text
        (course / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["build", "course_src/"])
    assert result.exit_code == 1
    assert result.stderr == shown[1]
    assert not (tmp_path / "dist").exists()


def test_the_seed_readme_names_the_targets_the_seeds_build() -> None:
    import yaml

    seeds = REPO_ROOT / "course_src"
    text = (seeds / "README.md").read_text(encoding="utf-8")
    for course in sorted(seeds.glob("*/course.yml")):
        targets = yaml.safe_load(course.read_text(encoding="utf-8"))["targets"]
        assert [t for t in targets if f"`{t}`" not in text] == [], course.parent.name
    assert "SCORM 1.2 only" not in text and "Both build for SCORM 1.2." not in text


SNIPPETS = sorted((EXAMPLES / "snippets").glob("*.md"))


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda p: p.name)
def test_each_markdown_snippet_renders_without_a_diagnostic(snippet: Path) -> None:
    from builder.diagnostics import Diagnostics
    from builder.source.markdown import render_markdown

    found = Diagnostics()
    lang = snippet.suffixes[0].lstrip(".")
    html = render_markdown(snippet.read_text("utf-8"), snippet.name, 1, EXAMPLES, found, lang)
    assert found.sorted() == [] and html.html


@pytest.mark.parametrize(
    "snippet", sorted((EXAMPLES / "snippets").glob("*.yml")), ids=lambda p: p.name
)
def test_each_yaml_snippet_is_what_the_schema_takes(snippet: Path) -> None:
    import yaml

    from builder.source.schema import ModuleRef, PageFront, QuestionSpec
    from builder.source.spec_check import Problem, check

    data = yaml.safe_load(snippet.read_text("utf-8"))
    checked: list[tuple[object, list[Problem]]]
    if "questions" in data:  # an assessment's questions
        checked = [check(QuestionSpec, q) for q in data["questions"]]
    elif "modules" in data:  # course.yml's modules
        checked = [check(ModuleRef, m) for m in data["modules"]]
    else:  # a page's front matter
        checked = [check(PageFront, {"title": "A page", **data})]
    assert checked and [problems for _, problems in checked] == [[]] * len(checked)
    assert all(spec is not None for spec, _ in checked)
