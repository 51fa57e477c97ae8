"""Small hostile packages, made in memory in a fraction of a second: each once made `check` or
`audit` slow or greedy (issue 13). Nothing here is committed as a zip."""

from __future__ import annotations

import io
import struct
import zlib

from support.check_kit import MANIFEST_12, scorm12, zip_of

MIB = 1024 * 1024


def many_entries(count: int = 20_000) -> bytes:
    """A SCORM 1.2 package with `count` tiny unlisted files (once quadratic: 43 s)."""
    files = scorm12()
    for i in range(count):
        files[f"extra/f{i}.txt"] = b"x"
    return zip_of(files)


def one_line_manifest(size: int = 50_000) -> bytes:
    """A ~`size`-byte manifest on one line of elements whose names prefix each other (160 s)."""
    pairs = size // 9
    body = "<a/>" * pairs + "<ab/>" * pairs
    text = MANIFEST_12.replace("<metadata>", "<metadata>" + body).replace("\n", " ")
    files = scorm12()
    files["imsmanifest.xml"] = text.encode()
    return zip_of(files)


def backtracking_script(size: int = MIB) -> bytes:
    """Scripts and a page made of what the old regular expressions backtracked on."""
    files = scorm12()
    files["assets/app.js"] += b'"//' + b"cdn" * (size // 3)
    files["assets/tags.js"] = b"<script src " * (size // 12)
    files["index.html"] += b"<script src " * (size // 12)
    return zip_of(files)


def bomb(entries: int = 1100, size: int = MIB - 1) -> bytes:
    """Many entries just under the 1 MiB ratio floor: ~1 MB of zip, over 1 GB unpacked."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = packer.compress(b"\0" * size) + packer.flush()
    crc = zlib.crc32(b"\0" * size)
    local = io.BytesIO()
    central = io.BytesIO()
    files = [(n, d) for n, d in scorm12().items()]
    for name, data in files:
        _entry(local, central, name.encode(), data, zlib.crc32(data), len(data), 0)
    for i in range(entries):
        _entry(local, central, f"media/{i}.bin".encode(), payload, crc, size, 8)
    count = len(files) + entries
    directory = central.getvalue()
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), local.tell(), 0
    )
    return local.getvalue() + directory + end


def _entry(
    local: io.BytesIO,
    central: io.BytesIO,
    name: bytes,
    data: bytes,
    crc: int,
    size: int,
    method: int,
) -> None:
    offset = local.tell()
    common = struct.pack("<2H3H3L2H", 20, 0, method, 0, 0x21, crc, len(data), size, len(name), 0)
    local.write(b"PK\x03\x04" + common[:26] + name + data)
    central.write(
        b"PK\x01\x02"
        + struct.pack("<H", 20)
        + common
        + struct.pack("<3H2L", 0, 0, 0, 0, offset)
        + name
    )
