"""Packages are zipped by a small writer that deflates each distinct file once per process, stores
the formats that are compressed already, streams course files in pieces, and gives byte for byte
what Python's zipfile gives for the same entries."""

from __future__ import annotations

import base64
import io
import os
import subprocess
import time
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.check.package import check_bytes
from builder.check.zip import Limits
from builder.output import archive
from builder.output.archive import PackageFile, build_time, compress_type, zip_bytes

REPO = Path(__file__).resolve().parents[2]


def zipfile_bytes(files: Sequence[PackageFile]) -> bytes:
    """The packages' bytes as zipfile writes them, each entry whole: the reference."""
    stamp = build_time()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for item in sorted(files, key=lambda f: f.path):
            info = zipfile.ZipInfo(item.path, date_time=stamp)
            info.compress_type = compress_type(item.path)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            data = item.data if item.source is None else item.source.read_bytes()
            package.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


# Names ending as media do ("x.mp4", "a/b.PNG") as often as not: those entries are stored.
_NAMES = st.tuples(
    st.text(st.sampled_from(list("abz09._-/ éß\u4e2d\x00")), min_size=1, max_size=20),
    st.sampled_from(["", ".mp4", ".PNG", ".woff2", ".jpeg", ".vtt", ".svg"]),
).map("".join)
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
    # but index.html, whose body every target shares: deflated around it, the same files
    built = (tmp_path / "social-media-at-work-scorm2004.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(built)) as package:
        assert package.testzip() is None
        assert [(i.filename, package.read(i)) for i in package.infolist()] == [
            (f.path, f.data) for f in files
        ]
        index = package.getinfo("index.html")
    reference = zipfile.ZipFile(io.BytesIO(zipfile_bytes(files))).getinfo("index.html")
    assert reference.compress_size < index.compress_size < reference.compress_size * 1.02


_SPANS = st.tuples(st.integers(0, 70000), st.integers(0, 70000)).map(sorted).map(tuple)


@settings(max_examples=150, deadline=None)
@given(data=_DATA, span=_SPANS, name=st.sampled_from(["index.html", "a.mp4", "b.js"]))
def test_a_file_deflated_around_a_shared_span_unpacks_whole(
    data: bytes, span: tuple[int, int], name: str
) -> None:
    # The head, the span and the tail are runs of deflate blocks that inflate as one stream.
    files = [PackageFile(name, data, shared=span)]
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as package:
        assert package.testzip() is None  # the CRC-32 of the whole file
        assert package.read(name) == data
    if span[1] - span[0] < 16 << 10 or name == "a.mp4":  # not worth keeping apart, or stored
        assert zip_bytes(files) == zipfile_bytes(files)


def test_a_shared_span_is_deflated_once_and_the_same_bytes_in_every_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = (REPO / "README.md").read_bytes() * 4
    deflated: list[int] = []
    real = zlib.compressobj

    def counted(*args: Any) -> Any:
        deflated.append(1)
        return real(*args)

    archive._cache.clear()
    monkeypatch.setattr(zlib, "compressobj", counted)
    packages = []
    for n, head in enumerate([b"<head>scorm12</head>", b"<head>" + b"xapi " * 900 + b"</head>"]):
        span = (len(head), len(head) + len(body))
        packages.append(zip_bytes([PackageFile("index.html", head + body + head[:9], shared=span)]))
        (tmp_path / f"{n}.zip").write_bytes(packages[-1])
        # Info-ZIP's unzip inflates with its own code, not zlib's: a second reader agrees
        tested = subprocess.run(["unzip", "-tq", str(tmp_path / f"{n}.zip")], capture_output=True)
        assert tested.returncode == 0, tested.stdout + tested.stderr
    assert len(deflated) == 3 + 2  # head, body, tail; then the second head and tail alone
    run = archive._deflated(body, final=False).data
    assert len(run) > 1000 and all(run in packed for packed in packages)


@settings(max_examples=60, deadline=None)
@given(members=st.lists(st.tuples(_NAMES, _DATA), min_size=1, max_size=5, unique_by=lambda m: m[0]))
def test_files_streamed_from_the_course_give_zipfiles_bytes(
    members: list[tuple[str, bytes]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Course media are read from their files in pieces, never whole: the bytes are the same.
    folder = tmp_path_factory.mktemp("course")
    files = []
    for n, (name, data) in enumerate(members):
        (folder / str(n)).write_bytes(data)
        files.append(PackageFile(name.replace("\x00", ""), source=folder / str(n)))
    assert zip_bytes(files) == zipfile_bytes(files)


def test_a_streamed_file_larger_than_a_piece_gives_zipfiles_bytes(tmp_path: Path) -> None:
    # Several pieces of a file, stored (a video) and deflated (an uncompressed sound).
    noise = base64.b64encode(os.urandom(3 << 20))  # deflates, but nothing like a zip bomb
    (tmp_path / "clip.mp4").write_bytes(noise)
    (tmp_path / "sound.wav").write_bytes(noise)
    files = [
        PackageFile("media/clip.mp4", source=tmp_path / "clip.mp4"),
        PackageFile("media/sound.wav", source=tmp_path / "sound.wav"),
        PackageFile("index.html", b"<p>x</p>"),
    ]
    assert zip_bytes(files) == zipfile_bytes(files)
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as package:
        methods = {i.filename: i.compress_type for i in package.infolist()}
    assert methods == {
        "index.html": zipfile.ZIP_DEFLATED,
        "media/clip.mp4": zipfile.ZIP_STORED,
        "media/sound.wav": zipfile.ZIP_DEFLATED,
    }


def test_a_zip64_sized_package_stores_its_media_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past the writer's own range zipfile writes the package: media stored all the same.
    monkeypatch.setattr(archive, "_MAX_BYTES", 10)
    (tmp_path / "clip.mp4").write_bytes(b"v" * 5000)
    (tmp_path / "silence.wav").write_bytes(b"\0" * (1 << 20))  # would be a zip bomb deflated
    files = [
        PackageFile("media/clip.mp4", source=tmp_path / "clip.mp4"),
        PackageFile("media/silence.wav", source=tmp_path / "silence.wav"),
        PackageFile("zeros.txt", b"\0" * (1 << 20)),
        PackageFile("a", b"x"),
    ]
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as package:
        methods = {i.filename: i.compress_type for i in package.infolist()}
        assert package.read("media/clip.mp4") == b"v" * 5000
        assert package.read("media/silence.wav") == b"\0" * (1 << 20)
    assert methods == {
        "a": zipfile.ZIP_DEFLATED,
        "media/clip.mp4": zipfile.ZIP_STORED,
        "media/silence.wav": zipfile.ZIP_STORED,
        "zeros.txt": zipfile.ZIP_STORED,
    }


@pytest.mark.parametrize("streamed", [False, True])
def test_a_file_deflating_past_the_zip_bomb_ratio_is_stored(tmp_path: Path, streamed: bool) -> None:
    # What `coursebuild check` (and the build's own check) calls a zip bomb: an entry of 1 MiB
    # or more unpacking over 100 times its packed size. Under the MiB, deflated as ever.
    limits = Limits()
    big, small = b"\0" * limits.ratio_floor, b"\0" * (limits.ratio_floor - 1)
    (tmp_path / "big.txt").write_bytes(big)
    files = [
        PackageFile("big.txt", source=tmp_path / "big.txt")
        if streamed
        else PackageFile("big.txt", big),
        PackageFile("small.txt", small),
    ]
    data = zip_bytes(files)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.getinfo("big.txt").compress_type == zipfile.ZIP_STORED
        assert package.getinfo("small.txt").compress_type == zipfile.ZIP_DEFLATED
        assert package.read("big.txt") == big
    report = check_bytes(data, "package.zip", runtime=False)
    assert {f.code for f in report.findings} == {"no-manifest"}  # not a zip-bomb


def test_each_distinct_file_is_deflated_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = zlib.compressobj

    def counting(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(zlib, "compressobj", counting)
    unique = f"a runtime of its own {time.time_ns()}".encode() * 100
    shared = [PackageFile("assets/runtime.js", unique), PackageFile("assets/copy.js", unique)]
    zip_bytes([*shared, PackageFile("index.html", b"<p>one</p>" + unique)])
    zip_bytes([*shared, PackageFile("index.html", b"<p>two</p>" + unique)])
    # The runtime once for both packages and both paths; each index.html once.
    assert len(calls) == 3
