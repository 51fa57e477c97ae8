"""Library versions read as importlib.metadata reads them, without importing it."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from builder.source.cache import _LIBRARIES
from builder.versions import installed_versions


@pytest.mark.parametrize("name", [*_LIBRARIES, "typer", "Jinja2", "jinja2", "markdown_it_py"])
def test_an_installed_library_s_version_is_importlib_metadata_s(name: str) -> None:
    assert installed_versions([name])[name] == importlib.metadata.version(name)


def test_a_missing_library_has_none() -> None:
    assert installed_versions(["no-such-distribution-anywhere"]) == {
        "no-such-distribution-anywhere": None
    }


def _install(folder: Path, info: str, metadata: str | None) -> None:
    (folder / info).mkdir(parents=True)
    if metadata is not None:
        (folder / info / "METADATA").write_text(metadata, encoding="utf-8")


@pytest.mark.parametrize(
    ("info", "metadata", "asked"),
    [
        (
            "Foo_Bar-1.2.dist-info",
            "Metadata-Version: 2.1\nName: Foo-Bar\nVersion: 1.2\n",
            "foo.bar",
        ),
        ("foo_bar-2.0rc1.dist-info", "Name: foo-bar\nVersion: 2.0rc1\n\nVersion: 9\n", "FOO-BAR"),
        ("foo_bar-3.dist-info", None, "foo-bar"),  # no METADATA: importlib.metadata says
        ("foo_bar-4.egg-info", None, "foo_bar"),  # an egg-info: importlib.metadata reads it
    ],
)
def test_a_plain_install_reads_as_importlib_metadata_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, info: str, metadata: str | None, asked: str
) -> None:
    _install(tmp_path / "first", info, metadata)
    _install(tmp_path / "second", "foo_bar-7.dist-info", "Name: foo_bar\nVersion: 7\n")
    monkeypatch.setattr(
        sys,
        "path",
        [str(tmp_path / "missing"), *map(str, [tmp_path / "first", tmp_path / "second"])],
    )
    try:
        expected: str | None = importlib.metadata.version(asked)
    except importlib.metadata.PackageNotFoundError:
        expected = None
    assert installed_versions([asked])[asked] == expected


def test_several_libraries_at_once_are_each_as_asked_alone() -> None:
    names = [*_LIBRARIES, "no-such-distribution-anywhere"]
    assert installed_versions(names) == {name: installed_versions([name])[name] for name in names}
