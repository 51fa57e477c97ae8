"""The house rules of issue 14 ("One house"), kept by tests: no import cycle among `builder`
modules, no module over 400 lines (Python in builder/ and tests/support/, JavaScript of the
runtime and the preview), no Python function over 60 lines; and no test imports a conftest.
Each rule is shown catching a violation first."""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.paths import REPO_ROOT

BUILDER = REPO_ROOT / "builder"
JS_FOLDERS = (REPO_ROOT / "templates" / "theme" / "static", BUILDER / "preview" / "static")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

Graph = dict[str, set[str]]


def module_name(path: Path, root: Path) -> str:
    """The dotted name of a module file under `root` (whose own name is the top package)."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> Graph:
    """Which modules of the package at `root` each of its modules imports: every import
    statement, at the top, inside a function or under TYPE_CHECKING, relative or absolute."""
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: Graph = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        package = name if is_package else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    source = node.module or ""
                targets.add(source)
                targets |= {f"{source}.{alias.name}" for alias in node.names}
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def find_cycle(graph: Graph) -> list[str] | None:
    """One import cycle as a path (its first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def long_files(folder: Path, pattern: str, limit: int = MAX_MODULE_LINES) -> dict[str, int]:
    """Files matching `pattern` under `folder` with more than `limit` lines, by path."""
    found = {}
    for path in sorted(folder.rglob(pattern)):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found[path.relative_to(folder.parent).as_posix()] = lines
    return found


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.AST]]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}{node.name}"
            if not isinstance(node, ast.ClassDef):
                yield name, node
            yield from _functions(node, f"{name}.")
        else:
            yield from _functions(node, prefix)


def long_functions(root: Path, limit: int = MAX_FUNCTION_LINES) -> dict[tuple[str, str], int]:
    """Functions and methods over `limit` lines (def to last line) in the package at `root`,
    by (path relative to its parent, qualified name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        where = path.relative_to(root.parent).as_posix()
        for name, node in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            lines = (node.end_lineno or node.lineno) - node.lineno + 1
            if lines > limit:
                found[(where, name)] = lines
    return found


def conftest_imports(root: Path) -> list[str]:
    """Each ``path:line`` under `root` that imports a ``conftest`` module: which one that name
    finds depends on where pytest was started and its import mode (shared code belongs in
    ``support``)."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue
            if any(name.split(".")[-1] == "conftest" for name in names):
                found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return found


def _write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


# --- the guards catch what they are for ------------------------------------------------------


def test_find_cycle_reports_the_path_of_a_cycle() -> None:
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}}
    assert find_cycle(graph) == ["p.a", "p.b", "p.c", "p.a"]
    assert find_cycle({"p.a": {"p.b"}, "p.b": set(), "p.c": {"p.a", "p.b"}}) is None


def test_import_graph_counts_local_and_type_checking_imports(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "a.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from .sub.b import Thing
            """,
            "sub/__init__.py": "",
            "sub/b.py": """
                def f():
                    from .. import c
            """,
            "c.py": "import pkg.a\n",
        },
    )
    graph = import_graph(pkg)
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg", "pkg.c"}
    assert find_cycle(graph) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]


def test_long_files_finds_a_module_over_the_limit(tmp_path: Path) -> None:
    _write(tmp_path / "pkg", {"ok.py": "x = 1\n" * 400, "big.py": "x = 1\n" * 401})
    _write(tmp_path / "pkg", {"big.js": "var x;\n" * 401})
    assert long_files(tmp_path / "pkg", "*.py") == {"pkg/big.py": 401}
    assert long_files(tmp_path / "pkg", "*.js") == {"pkg/big.js": 401}


def test_long_functions_finds_functions_and_methods_over_the_limit(tmp_path: Path) -> None:
    body = "    x = 1\n"
    text = f"def fits():\n{body * 59}\ndef too_long():\n{body * 60}\n"
    text += "class K:\n    async def method(self):\n" + ("    " + body) * 60
    _write(tmp_path / "pkg", {"m.py": text})
    assert long_functions(tmp_path / "pkg") == {
        ("pkg/m.py", "too_long"): 61,
        ("pkg/m.py", "K.method"): 61,
    }


def test_conftest_imports_finds_a_test_importing_its_conftest(tmp_path: Path) -> None:
    root = _write(
        tmp_path,
        {
            "a/conftest.py": "X = 1\n",
            "a/test_a.py": "import os\nfrom conftest import X\n",
            "b/test_b.py": "import conftest\n",
            "c/test_c.py": "from support.conftest_like import Y\n",
        },
    )
    assert conftest_imports(root) == ["a/test_a.py:2", "b/test_b.py:1"]


# --- the rules hold for the project -----------------------------------------------------------


def test_no_import_cycle_among_builder_modules() -> None:
    cycle = find_cycle(import_graph(BUILDER))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_python_module_over_400_lines() -> None:
    assert long_files(BUILDER, "*.py") == {}


def test_no_test_support_module_over_400_lines() -> None:
    assert long_files(REPO_ROOT / "tests" / "support", "*.py") == {}


@pytest.mark.parametrize("folder", JS_FOLDERS, ids=lambda f: f.relative_to(REPO_ROOT).as_posix())
def test_no_runtime_script_over_400_lines(folder: Path) -> None:
    assert list(folder.glob("*.js")), f"no scripts in {folder}"
    assert long_files(folder, "*.js") == {}


def test_no_function_over_60_lines() -> None:
    too_long = set(long_functions(BUILDER))
    assert too_long == set(), f"functions over {MAX_FUNCTION_LINES} lines: {sorted(too_long)}"


def test_no_two_test_modules_share_a_name() -> None:
    # The test folders are not packages: pytest imports each module by its bare name, so a
    # second `test_x.py` elsewhere is refused at collection ("import file mismatch").
    names: dict[str, list[str]] = {}
    for path in sorted((REPO_ROOT / "tests").rglob("test_*.py")):
        names.setdefault(path.name, []).append(path.relative_to(REPO_ROOT).as_posix())
    assert {name: found for name, found in names.items() if len(found) > 1} == {}


def test_no_test_imports_a_conftest() -> None:
    assert conftest_imports(REPO_ROOT / "tests") == []
