"""Random and mutated course sources: a clean build or file:line diagnostics, nothing else.

Never a traceback, never a hang, never a partial file in the output folder, never a script
link in the package. The mutation kinds include those that found the faults of issue 13:
YAML aliases, control characters, huge and non-finite numbers, symlinks and odd file names.
`FUZZ_EXAMPLES=10000` is the nightly-sized run (`make fuzz`); CI runs a few hundred.
"""

from __future__ import annotations

import os
import shutil
import signal
import zipfile
from pathlib import Path
from typing import Any

import lxml.html
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


KINDS = ["value", "raw-value", "text", "truncate", "drop-line", "symlink", "link-name"]
RAW_MARKER = "RAWVALUEMARKER"
_BOMB = ", ".join(
    [f"&l0 [{', '.join(['lol'] * 9)}]"]
    + [f"&l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)]
)
# YAML scalars that `safe_dump` cannot write, spliced in as raw text in place of one value.
RAW_VALUES = [
    f"[{_BOMB}]",  # an alias bomb: 9 levels of 9
    "&self [*self]",  # a recursive alias
    "*nowhere",
    ".nan",
    "-.inf",
    "1e309",
    "9" * 5000,  # beyond Python's int-to-text limit
    "!!binary aGVsbG8=",
    "!!python/object:os.system {}",
    '"\\x0b"',
    '"\\0"',
    '"\\ufffe"',
    '"\\ud800"',
    '"\\u200b\\u200b"',
    '"line one\\nline two"',
    "true",
]
ODD_NAMES = [
    "javascript:alert(document.domain)",
    "JaVaScRiPt:alert(1)",
    "caf\u00e9 menu.md",
    "two  spaces.txt",
    "new\nline.txt",
    "esc\x1b[31mred.txt",
    "%2e%2e",
    "a" * 250,
]


def _symlink(course: Path, path: Path, how: str) -> None:
    """Replace a source (or the folder that holds it) with a symlink."""
    outside = course.parent / "outside"
    outside.mkdir(exist_ok=True)
    secret = outside / path.name
    if path.exists() and not path.is_symlink() and path.is_file():
        secret.write_bytes(path.read_bytes() + b"\nOUTSIDE-SECRET\n")
    if how == "folder":
        path = path.parent
        if path == course or path.is_symlink():
            return
        target = outside / path.name
        if not target.exists():
            shutil.copytree(path, target, symlinks=True)
    else:
        target = {"outside": secret, "loop": path, "dangling": outside / "missing"}[how]
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


def _link_odd_name(course: Path, page: Path, name: str) -> None:
    """Add a file with an odd name and link it from a page, as an author (or attacker) would."""
    if page.is_symlink() or not page.is_file():
        return
    try:
        (course / "media").mkdir(exist_ok=True)
        (course / "media" / name).write_text("attachment", encoding="utf-8")
    except OSError:
        return  # the file system refuses the name: nothing to link
    text = page.read_text(encoding="utf-8")
    page.write_text(text + f"\n\n[Open](./media/{name}) and [again](media/{name})\n", "utf-8")


class _Hang(Exception):
    """A build that did not end in time."""


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang("the build did not end within 60 s")


def _script_links(archive: zipfile.ZipFile) -> list[str]:
    """Every href/src/action in the package's HTML that a browser would run as script."""
    found = []
    for member in archive.namelist():
        if not member.endswith(".html"):
            continue
        page = lxml.html.fromstring(archive.read(member))
        assert isinstance(page, lxml.html.HtmlElement)
        for _element, _attribute, link, _pos in page.iterlinks():
            scheme = "".join(link.split()).lower()
            if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                found.append(f"{member}: {link}")
    return found


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, Any]:
    """One change to one file: a YAML value replaced, or raw text cut, inserted or dropped."""
    name = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(KINDS))
    if kind == "raw-value":
        return name, kind, (draw(st.integers(0, 10**6)), draw(st.sampled_from(RAW_VALUES)))
    if kind == "symlink":
        return name, kind, draw(st.sampled_from(["outside", "loop", "dangling", "folder"]))
    if kind == "link-name":
        return "modules/intro.en.md", kind, draw(st.sampled_from(ODD_NAMES))
    if kind == "text":
        return name, kind, (draw(st.integers(0, 2000)), draw(st.text(max_size=40)))
    if kind in ("truncate", "drop-line"):
        return name, kind, draw(st.integers(0, 2000))
    return name, kind, (draw(st.integers(0, 10**6)), draw(values))


def _apply(course: Path, name: str, kind: str, arg: Any) -> None:
    path = course / name
    if kind == "symlink":
        _symlink(course, path, arg)
        return
    if kind == "link-name":
        _link_odd_name(course, path, arg)
        return
    if path.is_symlink() or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    try:
        path.write_text(_mutate(text, name, kind, arg), encoding="utf-8")
    except (yaml.YAMLError, ValueError, TypeError, KeyError, IndexError, RecursionError):
        return  # an earlier change left nothing this one can parse: keep the file as it is


def _load(text: str) -> Any:
    """YAML as data, for a mutation; a file an earlier mutation gave aliases is left as it is
    (expanding an alias bomb here would hang the fuzzer itself)."""
    if any(isinstance(token, yaml.AliasToken) for token in yaml.scan(text)):
        raise ValueError("aliases")
    return yaml.safe_load(text)


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
    elif kind == "raw-value":
        choice, raw = arg
        text = _mutate(text, name, "value", (choice, RAW_MARKER)).replace(RAW_MARKER, raw)
    elif name.endswith(".yml"):
        data = _load(text)
        choice, value = arg
        paths = _paths(data)
        text = yaml.safe_dump(_replace(data, paths[choice % len(paths)], value), allow_unicode=True)
    else:
        front_end = text.find("\n---", 3)
        front = _load(text[4:front_end]) if text.startswith("---") else {}
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
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(60)
    try:
        outcome = build([course], [], out)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    event("failed with diagnostics" if outcome.failed else "built")
    if outcome.failed:
        assert outcome.diagnostics
        for diagnostic in outcome.diagnostics:
            # Named from the current folder (here an absolute path): a file of the course.
            named = os.path.normpath(Path.cwd() / diagnostic.location.file)
            assert named.startswith(f"{course}/"), diagnostic.format()
            assert diagnostic.location.line >= 1, diagnostic.format()
        assert not out.exists()
    else:
        names = sorted(p.name for p in out.iterdir())
        assert names == ["course-scorm12.zip", "course-xapi-activities.json", "course.build.json"]
        with zipfile.ZipFile(out / "course-scorm12.zip") as archive:
            assert archive.testzip() is None
            assert "imsmanifest.xml" in archive.namelist()
            assert not _script_links(archive)
            for member in archive.namelist():
                assert "OUTSIDE-SECRET" not in archive.read(member).decode("utf-8", "replace")
