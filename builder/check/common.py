"""What every `check` rule shares: the rule table, findings, the package being read, helpers."""

from __future__ import annotations

import bisect
import functools
import posixpath
import re
import struct
import time
import zipfile
import zlib
from urllib.parse import unquote

from lxml import etree
from msgspec import Struct, field

from ..codes import Code, Tool, by_tool
from ..diagnostics import Diagnostic, Location, Severity
from ..standards.types import XS_DECIMAL
from ..standards.xml import safe_parser

ERROR = Severity.ERROR
WARNING = Severity.WARNING

RULES: dict[str, Code] = by_tool(Tool.CHECK)
"""Check's rules, in the order of docs/check-rules.md (declared in builder/codes.py)."""


def finding(code: str, file: str, line: int, message: str, hint: str = "") -> Diagnostic:
    """A problem in a package: the file inside the zip ('' = the zip), line (0 = unknown)."""
    return Diagnostic(Location(file, line), RULES[code].severity, code, message, hint)


def check_order(found: Diagnostic) -> tuple[str, int, str, str]:
    """How check lists its findings: by file, line, rule, message."""
    return (found.location.file, found.location.line, found.code, found.message)


# Everything that reading a damaged or hostile zip entry may raise.
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
)


def is_dir(info: zipfile.ZipInfo) -> bool:
    """True for a folder entry (ZipInfo.is_dir fails on an empty name)."""
    return info.filename.endswith("/")


class Package(Struct, dict=True):  # dict: `names` is a cached_property, kept in __dict__
    """A zip being checked: its entries, safe reads, and the findings so far."""

    archive: zipfile.ZipFile
    max_read: int = 64 * 1024 * 1024
    findings: list[Diagnostic] = field(default_factory=list)
    unsafe: set[int] = field(default_factory=set)  # ids of entries never to decompress
    deadline: float = float("inf")  # time.monotonic() when the check stops reading
    stopped: bool = False  # the deadline passed (reported once)

    @property
    def infos(self) -> list[zipfile.ZipInfo]:
        """Every entry, in central-directory order (duplicates included)."""
        return self.archive.infolist()

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """The names of the file entries (not folders)."""
        return frozenset(i.filename for i in self.infos if not is_dir(i))

    @property
    def unsafe_names(self) -> set[str]:
        """The names of the entries never to decompress (reported by a zip rule)."""
        return {i.filename for i in self.infos if id(i) in self.unsafe}

    def out_of_time(self, file: str = "") -> bool:
        """True once the time budget is spent; the first time, report `check-incomplete`."""
        if not self.stopped and time.monotonic() > self.deadline:
            self.stopped = True
            self.report(
                "check-incomplete",
                file,
                0,
                "the check ran out of its time budget here: the rest of the package was not "
                "checked, so it cannot be called safe",
                "check a package this slow to read by hand; an LMS will be slow with it too",
            )
        return self.stopped

    def report(self, code: str, file: str, line: int, message: str, hint: str = "") -> None:
        """Record a finding of rule `code` (its severity comes from the rule table)."""
        self.findings.append(finding(code, file, line, message, hint))

    def read(self, info: zipfile.ZipInfo, limit: int | None = None) -> bytes | None:
        """An entry's bytes, or None when it is unsafe, too big or unreadable (reported)."""
        if id(info) in self.unsafe or is_dir(info):
            return None
        cap = self.max_read if limit is None else limit
        if info.file_size > cap:
            if limit is None:
                self.report(
                    "zip-too-large",
                    info.filename,
                    0,
                    f"{info.file_size:,} bytes uncompressed: more than the {cap:,} bytes "
                    "this check reads of one file",
                )
            return None
        try:
            with self.archive.open(info) as stream:
                return stream.read(cap + 1)[:cap]
        except ZIP_READ_ERRORS as exc:
            self.report("zip-unreadable", info.filename, 0, f"cannot be read: {exc}")
            self.unsafe.add(id(info))
            return None


def parse_xml(package: Package, file: str, data: bytes) -> etree._Element | None:
    """Parse XML without DTDs, entities or network; report `xml-malformed` with its line."""
    try:
        root = etree.fromstring(data, safe_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        line = getattr(exc, "lineno", 0) or 0
        message = getattr(exc, "msg", "") or str(exc)
        package.report("xml-malformed", file, line, f"not well-formed XML: {message}")
        return None
    _start_lines(root, data)
    return root


_BYTE_ENCODINGS = ("utf8", "ascii", "usascii", "iso88591", "latin1", "windows1252")


# Start tags in document order; comments, CDATA, processing instructions and the doctype are
# skipped whole, so a '<name' inside them is never taken for a tag. Linear: one pass.
_MARKUP = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!(?:[^\[>]|\[[^\]]*\])*>|<([^\s/>!?]+)",
    re.DOTALL,
)


def _start_lines(root: etree._Element, data: bytes) -> None:
    """Move each element's sourceline from the end of its start tag (libxml2) to its start."""
    encoding = str(root.getroottree().docinfo.encoding or "").lower().replace("-", "")
    if encoding not in _BYTE_ENCODINGS:
        return
    tags = (m for m in _MARKUP.finditer(data) if m.group(1) is not None)
    found: list[tuple[etree._Element, int]] = []
    for element in elements(root):
        tag = next(tags, None)
        name = f"{element.prefix}:{local(element)}" if element.prefix else local(element)
        if tag is None or tag.group(1) != name.encode("utf-8"):
            return  # the text and the tree disagree: keep libxml2's lines
        found.append((element, tag.start()))
    newlines = [match.start() for match in re.finditer(b"\n", data)]
    for element, at in found:
        element.sourceline = bisect.bisect_left(newlines, at) + 1  # type: ignore[assignment]


def elements(root: etree._Element) -> list[etree._Element]:
    """Every element under root (itself included), without comments or entities."""
    return list(root.iter(etree.Element))


def local(element: etree._Element) -> str:
    """An element's name without its namespace."""
    return str(etree.QName(element).localname)


def namespace(element: etree._Element) -> str:
    """An element's namespace ('' when it has none)."""
    return str(etree.QName(element).namespace or "")


def line_of(element: etree._Element) -> int:
    """An element's line in its file (0 when lxml does not know)."""
    line: object = element.sourceline
    return line if isinstance(line, int) else 0


_DRIVE_RE = re.compile(r"^[A-Za-z]:([/\\]|$)")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


class Href(Struct, frozen=True):
    """An href as a package sees it: kind 'file' (path in the zip), 'remote' or 'unsafe'."""

    kind: str
    path: str = ""
    reason: str = ""


def classify_href(href: str) -> Href:
    """Sort an href into a file of the package, a remote address, or an unsafe path."""
    value = href.strip()
    if "\\" in value:
        return Href("unsafe", reason="it has a backslash; hrefs use forward slashes")
    if _DRIVE_RE.match(value):
        return Href("unsafe", reason="it starts with a drive letter")
    scheme = _SCHEME_RE.match(value)
    if scheme:
        if scheme.group(1).lower() in ("http", "https"):
            return Href("remote", path=value)
        return Href("unsafe", reason=f"'{scheme.group(1)}:' addresses do not load in an LMS")
    if value.startswith("//"):
        return Href("remote", path=value)
    if value.startswith("/"):
        return Href("unsafe", reason="it is absolute; hrefs are relative to the manifest")
    path = unquote(value.split("#", 1)[0].split("?", 1)[0])
    if ".." in path.split("/"):
        return Href("unsafe", reason="it goes up with '..'")
    return Href("file", path=posixpath.normpath(path) if path else "")


def decimal(text: str | None) -> float | None:
    """A plain decimal number (xs:decimal), or None when text is not one."""
    if text is None or not XS_DECIMAL.fullmatch(text.strip()):
        return None
    return float(text)


def check_href(
    package: Package,
    file: str,
    line: int,
    href: str,
    what: str,
    *,
    base_dir: str = "",
    missing: str = "launch-missing",
    remote: str | None = "href-remote",
) -> str | None:
    """Check that an href names a file of the package; its path in the zip, or None."""
    target = classify_href(href)
    if target.kind == "unsafe":
        package.report(
            "href-unsafe",
            file,
            line,
            f"{what} '{href}', which is not a safe path inside the package: {target.reason}",
        )
        return None
    if target.kind == "remote":
        if remote is not None:
            package.report(
                remote,
                file,
                line,
                f"{what} '{href}' on another server: the course does not work offline, "
                "and that server may track learners or disappear",
            )
        return None
    raw = href.strip().split("#", 1)[0].split("?", 1)[0]
    for candidate in (target.path, raw):
        if candidate and base_dir + candidate in package.names:
            return base_dir + candidate
    package.report(missing, file, line, f"{what} '{href}', which is not in the zip")
    return None
