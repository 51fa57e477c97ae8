"""Random and mutated course sources: a clean build or file:line diagnostics, nothing else.

Never a traceback, never a partial file in the output folder.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from builder.pipeline import build

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "minimal"
FILES = (
    "course.yml",
    "assessments/quiz.yml",
    "modules/intro.en.md",
    "modules/video.en.md",
    "transcripts/video.en.md",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "../x",
            "/etc/passwd",
            "javascript:alert(1)",
            "<script>x</script>",
            "en",
            "fr",
            "",
            "{}",
            "[]",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replace(copy[head], rest, value)
    return copy


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, Any]:
    """One change to one file: a YAML value replaced, or raw text cut, inserted or dropped."""
    name = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["value", "text", "truncate", "drop-line"]))
    if kind == "text":
        return name, kind, (draw(st.integers(0, 2000)), draw(st.text(max_size=40)))
    if kind in ("truncate", "drop-line"):
        return name, kind, draw(st.integers(0, 2000))
    return name, kind, (draw(st.integers(0, 10**6)), draw(values))


def _apply(course: Path, name: str, kind: str, arg: Any) -> None:
    path = course / name
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(_mutate(text, name, kind, arg), encoding="utf-8")
    except (yaml.YAMLError, ValueError, TypeError, KeyError, IndexError):
        return  # an earlier change left nothing this one can parse: keep the file as it is


def _mutate(text: str, name: str, kind: str, arg: Any) -> str:
    if kind == "text":
        at, insert = arg
        text = text[: at % (len(text) + 1)] + insert + text[at % (len(text) + 1) :]
    elif kind == "truncate":
        text = text[: arg % (len(text) + 1)]
    elif kind == "drop-line":
        lines = text.splitlines(keepends=True)
        if lines:
            del lines[arg % len(lines)]
        text = "".join(lines)
    elif name.endswith(".yml"):
        data = yaml.safe_load(text)
        choice, value = arg
        paths = _paths(data)
        text = yaml.safe_dump(_replace(data, paths[choice % len(paths)], value), allow_unicode=True)
    else:
        front_end = text.find("\n---", 3)
        front = yaml.safe_load(text[4:front_end]) if text.startswith("---") else {}
        choice, value = arg
        paths = _paths(front)
        new_front = _replace(front, paths[choice % len(paths)], value)
        text = "---\n" + yaml.safe_dump(new_front, allow_unicode=True) + text[front_end + 1 :]
    return text


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=st.lists(mutations(), min_size=1, max_size=3))
def test_any_source_builds_cleanly_or_reports_file_and_line(
    tmp_path_factory: Any, changes: list[tuple[str, str, Any]]
) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    course = root / "course"
    shutil.copytree(FIXTURE, course)
    for name, kind, arg in changes:
        _apply(course, name, kind, arg)
    out = root / "dist"
    outcome = build([course], [], out)
    event("failed with diagnostics" if outcome.failed else "built")
    if outcome.failed:
        assert outcome.diagnostics
        for diagnostic in outcome.diagnostics:
            assert diagnostic.location.file.startswith("course/"), diagnostic.format()
            assert diagnostic.location.line >= 1, diagnostic.format()
        assert not out.exists()
    else:
        names = sorted(p.name for p in out.iterdir())
        assert names == ["course-scorm12.zip", "course-xapi-activities.json", "course.build.json"]
        with zipfile.ZipFile(out / "course-scorm12.zip") as archive:
            assert archive.testzip() is None
            assert "imsmanifest.xml" in archive.namelist()
