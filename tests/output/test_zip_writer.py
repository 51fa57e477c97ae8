"""Packages are zipped by a small writer that deflates each distinct file once per process and
gives byte for byte what Python's zipfile gave for the same files."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.output import archive
from builder.output.archive import PackageFile, build_time, zip_bytes

REPO = Path(__file__).resolve().parents[2]


def zipfile_bytes(files: Sequence[PackageFile]) -> bytes:
    """The packages' bytes as zipfile wrote them before: the reference."""
    stamp = build_time()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for item in sorted(files, key=lambda f: f.path):
            info = zipfile.ZipInfo(item.path, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            package.writestr(info, item.data, compresslevel=6)
    return buffer.getvalue()


_NAMES = st.text(st.sampled_from(list("abz09._-/ éß\u4e2d\x00")), min_size=1, max_size=20)
_DATA = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(str.encode),
    st.sampled_from([b"", b"a" * 70000, (REPO / "README.md").read_bytes()]),
)


@settings(max_examples=300, deadline=None)
# distinct names as zipfile reads them (up to a NUL), as in a package: no duplicate-name warnings
@given(st.lists(st.tuples(_NAMES, _DATA), max_size=8, unique_by=lambda m: m[0].split("\x00")[0]))
def test_the_writer_gives_zipfiles_bytes(members: list[tuple[str, bytes]]) -> None:
    files = [PackageFile(name, data) for name, data in members]
    assert zip_bytes(files) == zipfile_bytes(files)


@pytest.mark.parametrize("epoch", ["", "315532800", "1700000001", "4354819199"])
def test_the_writer_gives_zipfiles_bytes_at_any_build_time(
    epoch: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    files = [PackageFile("index.html", b"<p>x</p>"), PackageFile("a/b.js", b"x" * 999)]
    assert zip_bytes(files) == zipfile_bytes(files)


def test_a_seed_package_is_the_same_bytes(tmp_path: Path) -> None:
    # Every member of a real package, zipped again both ways.
    from builder.pipeline import build

    seed = REPO / "course_src" / "social-media-at-work"
    outcome = build([seed], ["scorm2004"], tmp_path, force=True)
    assert not outcome.failed
    with zipfile.ZipFile(tmp_path / "social-media-at-work-scorm2004.zip") as package:
        files = [PackageFile(i.filename, package.read(i)) for i in package.infolist()]
    assert len(files) > 3
    assert zip_bytes(files) == zipfile_bytes(files)
    assert zip_bytes(files) == (tmp_path / "social-media-at-work-scorm2004.zip").read_bytes()


def test_each_distinct_file_is_deflated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = archive.zlib.compressobj

    def counting(*args: int) -> object:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(archive.zlib, "compressobj", counting)
    unique = f"a runtime of its own {time.time_ns()}".encode() * 100
    shared = [PackageFile("assets/runtime.js", unique), PackageFile("assets/copy.js", unique)]
    zip_bytes([*shared, PackageFile("index.html", b"<p>one</p>" + unique)])
    zip_bytes([*shared, PackageFile("index.html", b"<p>two</p>" + unique)])
    # The runtime once for both packages and both paths; each index.html once.
    assert len(calls) == 3
