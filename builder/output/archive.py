"""Deterministic zip packages: sorted entries, fixed times and permissions."""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, cast

from msgspec import Struct

DEFAULT_EPOCH = 946684800  # 2000-01-01T00:00:00Z, when SOURCE_DATE_EPOCH is not set
# An entry's MS-DOS date counts years from 1980 in 7 bits [APPNOTE.TXT 6.3.10 §4.4.6].
ZIP_EARLIEST = 315532800  # 1980-01-01T00:00:00Z
ZIP_LATEST = 4354819199  # 2107-12-31T23:59:59Z
_FILE_MODE = 0o100644 << 16
_INTEGER = re.compile(r"-?[0-9]+")


class EpochError(ValueError):
    """SOURCE_DATE_EPOCH is set to something no zip entry can be dated with."""


class Epoch(Struct, frozen=True):
    """The time every zip entry gets, and why it differs from SOURCE_DATE_EPOCH if it does."""

    seconds: int
    warning: str | None = None


def source_date_epoch() -> Epoch:
    """SOURCE_DATE_EPOCH as a zip can hold it; EpochError when malformed or after 2107.

    The value MUST be an integer as `date +%s` prints it, a malformed one SHOULD end the build
    with an error, and a build MUST date what it makes with it [reproducible-builds.org,
    SOURCE_DATE_EPOCH specification 1.1, "SOURCE_DATE_EPOCH"]: so no silent fallback. Before
    1980 the entries take 1980-01-01, as reproducible-builds.org advises for zip files
    ("Reading the variable"), with a warning; after 2107 no clamp would be honest, so an error.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "")
    if raw == "":  # empty is unset [SOURCE_DATE_EPOCH specification 1.1]
        return Epoch(DEFAULT_EPOCH)
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    if not _INTEGER.fullmatch(raw):
        raise EpochError(
            f"SOURCE_DATE_EPOCH={shown!r} is not an integer; expected whole seconds since "
            "1970-01-01T00:00:00Z as `date +%s` prints them, such as 1700000000"
        )
    # Compared by length first: int() refuses strings of over 4,300 digits.
    if not raw.startswith("-") and (len(raw.lstrip("0")) > 12 or int(raw) > ZIP_LATEST):
        raise EpochError(
            f"SOURCE_DATE_EPOCH={shown} is after 2107-12-31T23:59:59Z, the latest time a zip "
            f"entry can hold; expected at most {ZIP_LATEST}"
        )
    if raw.startswith("-") or int(raw) < ZIP_EARLIEST:
        return Epoch(
            ZIP_EARLIEST,
            f"SOURCE_DATE_EPOCH={shown} is before 1980-01-01T00:00:00Z, the earliest time a zip "
            "entry can hold; the packages' entries are dated 1980-01-01T00:00:00Z",
        )
    return Epoch(int(raw))


class PackageFile(Struct, frozen=True):
    """One file of a package: its path inside the zip and its bytes, or the course file to read
    them from (in pieces, when the package is written: a video is never held whole)."""

    path: str
    data: bytes = b""
    source: Path | None = None
    shared: tuple[int, int] = (0, 0)
    """The span of `data` (start, end) that the same file of the course's other packages holds
    too (index.html's body, around which each target writes its own head): deflated once."""

    @property
    def size(self) -> int:
        """Its bytes' length (a course file's as it is on disk now)."""
        return len(self.data) if self.source is None else self.source.stat().st_size


class SourceError(Exception):
    """A course file could not be read while it was packaged (not the package's own file)."""

    def __init__(self, source: Path, error: OSError) -> None:
        super().__init__(f"{source.name}: {error.strerror or error}")
        self.source = source
        self.reason = str(error.strerror or error)


class SourceChanged(Exception):
    """A course file changed while it was packaged: its size when the package was planned is
    not what was read, or it was written to as it was read."""

    def __init__(self, source: Path) -> None:
        super().__init__(f"{source.name}: changed while it was being packaged")
        self.source = source


def build_time() -> tuple[int, int, int, int, int, int]:
    """The timestamp every zip entry gets (SOURCE_DATE_EPOCH, clamped to what zip can hold)."""
    return time.gmtime(source_date_epoch().seconds)[:6]


def compress_type(path: str) -> int:
    """How an entry is kept: stored when its format is compressed already, else deflated."""
    return _STORED if _suffix(path) in STORED_SUFFIXES else _DEFLATED


def zip_bytes(files: Sequence[PackageFile]) -> bytes:
    """The package of `files` as bytes (`write_zip` into memory)."""
    buffer = io.BytesIO()
    write_zip(files, buffer)
    return buffer.getvalue()


def write_zip(files: Sequence[PackageFile], stream: BinaryIO) -> None:
    """Zip files in path order with fixed metadata into a seekable `stream`: same input, same
    bytes; SourceError when a course file cannot be read.

    The bytes are those Python's zipfile writes for the same entries (a test holds them
    equal), but for a file with a `shared` span; written here because zipfile cannot take data
    already deflated, and the runtime, the styles and the schemas are the same in every package
    a process builds, as index.html's body is in every package of a course.
    """
    ordered = sorted(files, key=lambda f: f.path)
    # Each size is taken once: the bytes read must be these (SourceChanged otherwise).
    sizes = [f.size for f in ordered]
    if len(ordered) >= _MAX_ENTRIES or sum(sizes) > _MAX_BYTES:
        _zipfile_write(ordered, sizes, stream)  # ZIP64 territory: left to zipfile
        return
    dostime, dosdate = _dos_time(build_time())
    base = stream.tell()
    central: list[bytes] = []
    for item, planned in zip(ordered, sizes, strict=True):
        name, flags = _name(item.path)
        offset = stream.tell() - base
        stream.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, *(0,) * 6, len(name), 0))
        stream.write(name)
        method, crc, packed, size = _write_member(item, planned, stream)
        fields = (method, dostime, dosdate, crc, packed, size)
        end = stream.tell()
        # The sizes and CRC are known once the file is read: the header is written again, as
        # zipfile does on a seekable file [APPNOTE.TXT 6.3.10 §4.3.7].
        stream.seek(base + offset)
        stream.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, flags, *fields, len(name), 0))
        stream.seek(end)
        central.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                _VERSION,
                3,
                _VERSION,
                0,
                flags,
                *fields,
                len(name),
                0,
                0,
                0,
                0,
                _FILE_MODE,
                offset,
            )
            + name
        )
    start = stream.tell() - base
    stream.write(b"".join(central))
    size = stream.tell() - base - start
    stream.write(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0))


def _write_member(item: PackageFile, planned: int, stream: BinaryIO) -> tuple[int, int, int, int]:
    """Write a file's bytes (`planned` of them) as its entry keeps them: its method, CRC-32,
    packed and full size."""
    method = compress_type(item.path)
    if item.source is None:
        member = _packed(item) if method == _DEFLATED else _stored(item.data)
        if method == _DEFLATED and _bomb_like(len(item.data), len(member.data)):
            method, member = _STORED, _stored(item.data)
        stream.write(member.data)
        return method, member.crc, len(member.data), len(item.data)
    start = stream.tell()
    crc, packed, size = _copy(item.source, stream, method, planned)
    if method == _DEFLATED and _bomb_like(size, packed):
        stream.seek(start)
        stream.truncate()
        method = _STORED
        crc, packed, size = _copy(item.source, stream, method, planned)
    return method, crc, packed, size


# Local file header, central directory header, end of central directory record
# [APPNOTE.TXT 6.3.10 §4.3.7, §4.3.12, §4.3.16].
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # 2.0, the version that deflates [APPNOTE.TXT 6.3.10 §4.4.3.2]
_STORED, _DEFLATED = 0, 8  # compression methods [APPNOTE.TXT 6.3.10 §4.4.5]
_PIECE = 1 << 20  # a course file is read and written this much at a time
# Formats whose bytes are compressed already: deflate would save next to nothing on them (under
# 1 % on a video or a JPEG) and cost seconds on a long video, once per target. Audio and video
# (MP4, WebM, Ogg, MP3, AAC), images (JPEG, PNG, GIF, WebP, AVIF), WOFF fonts (compressed inside
# by definition) and archives. Kept deflated: text (HTML, CSS, JS, VTT, SVG, JSON), WAV and
# TrueType or OpenType fonts (uncompressed), and PDF, whose objects and cross-reference table
# are text around compressed streams and which a course holds few of.
STORED_SUFFIXES = frozenset(
    (
        *(".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv", ".ogg", ".oga", ".opus"),
        *(".mp3", ".m4a", ".aac", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"),
        *(".woff", ".woff2", ".zip", ".gz", ".7z"),
    )
)
_UTF8_NAME = 0x800  # general purpose bit 11: the name is UTF-8 [APPNOTE.TXT 6.3.10 §4.4.4]
_MAX_ENTRIES = 0xFFFF
_MAX_BYTES = 1 << 30
_CACHE_BYTES = 8 << 20
# What `coursebuild check` calls a zip bomb (Limits in builder/check/zip.py): an entry of a MiB
# or more that unpacks to over 100 times its packed bytes. A course file that deflates that
# well (a minute of silence in a WAV) is stored instead: its package must pass that check.
_SHARED_FLOOR = 16 << 10  # a smaller span is cheaper to deflate again than to keep apart
_BOMB_FLOOR = 1 << 20
_BOMB_RATIO = 100


class _Member(Struct, frozen=True):
    """A file's bytes as stored: raw deflate at level 6, and the CRC-32 of the original."""

    crc: int
    data: bytes


_cache: OrderedDict[bytes, _Member] = OrderedDict()
_cache_size = 0
_lock = threading.Lock()


def _stored(data: bytes) -> _Member:
    """`data` as a stored entry keeps it: as it is, with its CRC-32."""
    return _Member(zlib.crc32(data), data)


def _copy(source: Path, stream: BinaryIO, method: int, planned: int) -> tuple[int, int, int]:
    """Write the course file `source` (of `planned` bytes) into `stream` a piece at a time,
    deflated (level 6, as zipfile does) or stored: its CRC-32, the bytes written and read."""
    crc = packed = size = 0
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15) if method == _DEFLATED else None
    for piece in _pieces(source, planned):
        crc, size = zlib.crc32(piece, crc), size + len(piece)
        out = piece if compressor is None else compressor.compress(piece)
        stream.write(out)
        packed += len(out)
    if compressor is not None:
        stream.write(out := compressor.flush())
        packed += len(out)
    return crc, packed, size


def _pieces(source: Path, planned: int) -> Iterator[bytes]:
    """The course file `source` a piece at a time; SourceError when it cannot be read (an
    error writing the package is the package's, raised as it is), SourceChanged when it is not
    the `planned` bytes or is written to while it is read (a video still being exported)."""
    try:
        file = open(source, "rb")  # noqa: SIM115 (closed below; only its opening is guarded here)
        opened = os.stat(source)
    except OSError as error:
        raise SourceError(source, error) from error
    read = 0
    with file:
        while True:
            try:
                piece = file.read(_PIECE)
            except OSError as error:
                raise SourceError(source, error) from error
            if not piece:
                break
            read += len(piece)
            if read > planned:  # growing: stop now, not when the writer stops
                raise SourceChanged(source)
            yield piece
    try:
        now = os.stat(source)
    except OSError as error:
        raise SourceError(source, error) from error
    if read != planned or (now.st_size, now.st_mtime_ns) != (opened.st_size, opened.st_mtime_ns):
        raise SourceChanged(source)


def _bomb_like(size: int, packed: int) -> bool:
    """True when `size` bytes deflated to `packed` look like a zip bomb's entry."""
    return size >= _BOMB_FLOOR and size > _BOMB_RATIO * max(packed, 1)


class _Counter:
    """A stream that keeps only how many bytes were written to it."""

    def __init__(self) -> None:
        self.count = 0

    def write(self, data: bytes) -> int:
        """Count `data`."""
        self.count += len(data)
        return len(data)


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name[name.rfind(".") :].lower() if "." in name else ""


def _deflated(data: bytes | memoryview, final: bool = True) -> _Member:
    """`data` deflated as zipfile does (level 6, no zlib header), once per process while the
    most recent few megabytes of output are kept; not `final`: ending at a byte boundary with
    no final block, for more blocks to follow."""
    global _cache_size
    key = hashlib.blake2b(data, digest_size=20).digest() + (b"" if final else b"+")
    with _lock:
        if (found := _cache.get(key)) is not None:
            _cache.move_to_end(key)
            return found
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = compressor.compress(data)
    packed += compressor.flush(zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH)
    member = _Member(zlib.crc32(data), packed)
    with _lock:
        _cache[key] = member
        _cache_size += len(member.data)
        while _cache_size > _CACHE_BYTES and len(_cache) > 1:
            _cache_size -= len(_cache.popitem(last=False)[1].data)
    return member


def _packed(item: PackageFile) -> _Member:
    """A file's bytes deflated: whole, or, around a `shared` span worth keeping apart, as three
    runs of deflate blocks (the head's, the span's, the tail's) that inflate as one stream.

    Each run but the last ends at a byte boundary (a sync flush) with no final block, and each
    starts from an empty window, so no distance reaches into another: the span's run is the
    same bytes in every package and is deflated once [RFC 1951 §3.2.3, §3.2.4]. The span loses
    its window onto the head: index.html's entry is about 1.5 % larger (a few hundred bytes).
    """
    start, end = item.shared
    if end - start < _SHARED_FLOOR:
        return _deflated(item.data)
    data = memoryview(item.data)
    runs = _deflated(data[:start], final=False).data if start else b""
    runs += _deflated(data[start:end], final=False).data + _deflated(data[end:]).data
    return _Member(zlib.crc32(data), runs)


def _name(path: str) -> tuple[bytes, int]:
    """The entry name's bytes and flags, as zipfile makes them: cut at a NUL, ASCII or UTF-8."""
    name = path.split("\0", 1)[0]
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _dos_time(stamp: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    """MS-DOS time and date [APPNOTE.TXT 6.3.10 §4.4.6]."""
    year, month, day, hour, minute, second = stamp
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def _zipfile_write(files: Sequence[PackageFile], sizes: Sequence[int], stream: BinaryIO) -> None:
    import zipfile  # only for ZIP64 packages: a tenth of a warm first build's imports otherwise

    stamp = build_time()
    with zipfile.ZipFile(stream, "w") as archive:
        for item, planned in zip(files, sizes, strict=True):
            info = zipfile.ZipInfo(item.path, date_time=stamp)
            info.compress_type = compress_type(item.path)
            info.create_system = 3
            info.external_attr = _FILE_MODE
            if item.source is None:
                deflated = info.compress_type == _DEFLATED
                if deflated and _bomb_like(len(item.data), len(_deflated(item.data).data)):
                    info.compress_type = zipfile.ZIP_STORED
                archive.writestr(info, item.data, compresslevel=6)
                continue
            info.file_size = planned  # zipfile decides on ZIP64 from it
            if info.compress_type == _DEFLATED and info.file_size >= _BOMB_FLOOR:
                counter = _Counter()  # zipfile cannot write an entry again: deflated once, aside
                _, packed, size = _copy(item.source, cast(BinaryIO, counter), _DEFLATED, planned)
                if _bomb_like(size, packed):
                    info.compress_type = zipfile.ZIP_STORED
            with archive.open(info, "w") as entry:
                for piece in _pieces(item.source, planned):
                    entry.write(piece)
